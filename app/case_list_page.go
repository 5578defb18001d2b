package app

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// plainListFilter reports whether f filters by nothing but status, case
// type and judge (in any order of CaseSorts): the filters of the list's
// counts (caseCountsSum), whose page statement listPageSQL writes.
func plainListFilter(f CaseFilter) bool {
	f.Status, f.CaseType, f.JudgeID, f.Sort = "", "", 0, ""
	return f == CaseFilter{}
}

// listPageSQL is the page statement of ListCases for a plainListFilter f,
// and its arguments, written here instead of built by gorm: the same
// statement as ListCases' gorm form (the page's ids in a derived table from
// listTable, joined to their rows with their names, and on MariaDB their
// mediators and suspension, pageRead; pageOrder), with the same
// conditions (vis.Where, listCond), run on the connection pool without
// gorm's statement, clauses and callbacks: a page of scripts/wrk-list.lua
// allocated 51.6 KB in 808 allocations with them and 37.3 KB in 681
// without (BenchmarkListRegister, docs/benchmarks.md). until, when not zero,
// keeps the cases filed on or before it (seekListDay); total, when not "",
// is a statement of one value selected as a last column (totalWithPage).
func (s *Store) listPageSQL(vis Visibility, f CaseFilter, until Date, offset, size int, total string, totalArgs []any) (string, []any) {
	ids, order := s.pageOrder(caseOrder(f.Sort))
	var b strings.Builder
	b.Grow(3072)
	b.WriteString("SELECT ")
	read := s.pageRead()
	b.WriteString(s.SelectCases(read))
	args := make([]any, 0, 8)
	if total != "" {
		b.WriteString(", (")
		b.WriteString(total)
		b.WriteString(")")
		args = append(args, totalArgs...)
	}
	b.WriteString(" FROM ")
	b.WriteString(s.pageCasesTable())
	b.WriteString(" " + caseNameJoins + " JOIN (SELECT ")
	b.WriteString(ids)
	b.WriteString(" FROM ")
	b.WriteString(s.listTable(nil, vis, f)) // reads db for a search (q) alone
	b.WriteString(" WHERE ")
	cond, cargs := listCond(vis, f)
	b.WriteString(cond)
	args = append(args, cargs...)
	if !until.IsZero() {
		b.WriteString(" AND cases.filed_on <= ?")
		args = append(args, until)
	}
	b.WriteString(" ORDER BY ")
	b.WriteString(caseOrder(f.Sort))
	b.WriteString(" LIMIT ")
	b.WriteString(strconv.Itoa(size))
	b.WriteString(" OFFSET ")
	b.WriteString(strconv.Itoa(offset))
	b.WriteString(") page ON page.id = cases.id")
	if read.Joined {
		b.WriteString(" " + caseMediatorsJoin + " ")
		b.WriteString(suspendedOnJoin("cases"))
	}
	b.WriteString(" ORDER BY ")
	b.WriteString(order)
	return b.String(), args
}

// listCond is the condition on the cases table of f's status, type and
// judge under vis (its court and scope): whereCases' first, and the whole of
// listPageSQL's for a plainListFilter.
func listCond(vis Visibility, f CaseFilter) (string, []any) {
	cond, args, _ := vis.Where(CaseColumns("cases"))
	more, args := listFilterCond("cases.", f, args)
	return "(" + cond + ")" + more, args
}

// listFilterCond is the condition of f's status, case type and judge on
// the columns named with prefix ("cases." or "" for the day and month
// counts, which have the same columns), each part led by " AND ", and
// args with its arguments appended.
func listFilterCond(prefix string, f CaseFilter, args []any) (string, []any) {
	cond := ""
	if c, arg, ok := statusCond(prefix+"status", f.Status); ok {
		cond += " AND " + c
		args = append(args, arg)
	}
	if f.CaseType != "" {
		cond += " AND " + prefix + "case_type = ?"
		args = append(args, f.CaseType)
	}
	if f.JudgeID > 0 {
		cond += " AND " + prefix + "judge_id = ?"
		args = append(args, f.JudgeID)
	}
	return cond, args
}

// pageRead is what a page of the list reads of its cases. On MariaDB the
// mediators and the suspension are joined (CaseRead.Joined): their two
// dependent subqueries a row were a sixth of the page's time in mariadbd
// (docs/benchmarks.md); SQLite's cost it next to nothing.
func (s *Store) pageRead() CaseRead {
	return CaseRead{Names: true, Mediators: true, Joined: s.Dialect == MySQL}
}

// listPageRows runs listPageSQL on the pool.
func (s *Store) listPageRows(ctx context.Context, vis Visibility, f CaseFilter, until Date, offset, size int, total string, totalArgs []any) (*sql.Rows, error) {
	q, args := s.listPageSQL(vis, f, until, offset, size, total, totalArgs)
	return s.SQL().QueryContext(ctx, q, args...)
}
