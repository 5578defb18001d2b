package app

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// CaseFilter is what GET /cases and the case-list export accept.
type CaseFilter struct {
	Status    string // a status of CaseStatuses, or "open" (not closed)
	CaseType  string
	JudgeID   int64
	OrganID   int64
	Linkage   *bool
	Q         string // part of the number, the plaintiff or the organ
	FiledFrom Date
	FiledTo   Date
	// Overdue: true keeps the cases whose DeadlineView is overdue (not
	// closed, not paused, deadline passed); false keeps the others.
	Overdue *bool
	// DueWithin keeps the cases whose DeadlineView has 0 to that many days left and is not paused.
	DueWithin int
	Sort      string // one of CaseSorts
}

// StatusOpen is the status filter for every case that is not closed.
const StatusOpen = "open"

// CaseSorts are the orders a case list may be sorted in ("-" = descending).
var CaseSorts = map[string]string{
	"filed_on":     "cases.filed_on, cases.id",
	"-filed_on":    "cases.filed_on DESC, cases.id DESC",
	"deadline_on":  "cases.deadline_on, cases.id",
	"-deadline_on": "cases.deadline_on DESC, cases.id DESC",
	"closed_on":    "cases.closed_on, cases.id",
	"-closed_on":   "cases.closed_on DESC, cases.id DESC",
	"case_no":      "cases.year, cases.case_type, cases.seq",
	"-case_no":     "cases.year DESC, cases.case_type DESC, cases.seq DESC",
	"plaintiff":    "cases.plaintiff_name, cases.id",
	"-plaintiff":   "cases.plaintiff_name DESC, cases.id DESC",
	"status":       "cases.status, cases.deadline_on, cases.id",
	"-status":      "cases.status DESC, cases.deadline_on, cases.id",
}

// DefaultCaseSort is the order of a case list without sort: newest filing first.
const DefaultCaseSort = "-filed_on"

// ParseCaseFilter reads the list filters from query parameters; every bad
// one is named in the error.
func ParseCaseFilter(get func(string) string) (CaseFilter, error) {
	p := Problems{}
	f := CaseFilter{Q: strings.TrimSpace(get("q")), CaseType: strings.TrimSpace(get("case_type")), Sort: get("sort")}
	if st := get("status"); st != "" {
		if st != StatusOpen && !CaseStatuses.Valid(st) {
			p.Add("status", "状态应为 filed、mediating、suspended、closed 或 open")
		}
		f.Status = st
	}
	id := func(key string) int64 { return form.ID(p, key, get(key), "应为正整数编号") }
	f.JudgeID = id("judge_id")
	f.OrganID = id("organ_id")
	f.Linkage = form.Bool(p, "linkage", get("linkage"), "应为 true 或 false")
	f.Overdue = form.Bool(p, "overdue", get("overdue"), "应为 true 或 false")
	date := func(key string) Date {
		d, _ := form.Parse(p, key, get(key), "日期格式应为 YYYY-MM-DD", ParseDate)
		return d
	}
	f.FiledFrom = date("filed_from")
	f.FiledTo = date("filed_to")
	if !f.FiledFrom.IsZero() && !f.FiledTo.IsZero() && f.FiledTo.Before(f.FiledFrom) {
		p.Add("filed_to", "结束日期不能早于开始日期")
	}
	if v := get("due_within"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 366 {
			p.Add("due_within", "应为 0–366 的天数")
		}
		f.DueWithin = n
	}
	if len([]rune(f.Q)) > 100 {
		p.Add("q", "搜索词最多 100 个字")
	}
	if f.Sort == "" {
		f.Sort = DefaultCaseSort
	} else if _, ok := CaseSorts[f.Sort]; !ok {
		p.Add("sort", "排序应为 filed_on、deadline_on、closed_on、case_no、plaintiff 或 status（前加 - 为倒序）")
	}
	return f, p.Err()
}

// filterCases builds the filtered, scoped query of the actor's court's cases
// over caseFrom, the cases with the names a list shows.
func (s *Store) filterCases(db *gorm.DB, a Actor, vis Visibility, f CaseFilter) *gorm.DB {
	return s.whereCases(caseFrom(db), a, vis, f)
}

// countCases counts the cases filterCases finds: from case_counts for the
// common filters, otherwise on the cases table alone:
// every case has exactly one organ (organ_id is NOT NULL and a foreign key)
// and at most one judge, so the joins of caseFrom change no count, and
// without them the count reads an index instead of every case.
func (s *Store) countCases(db *gorm.DB, a Actor, vis Visibility, f CaseFilter) (int64, error) {
	if n, ok, err := s.countFromCaseCounts(db, a, vis, f); ok || err != nil {
		return n, err
	}
	if f.Q != "" {
		if n, ok, err := s.countSearch(db, a, vis, f); ok || err != nil {
			return n, err
		}
	}
	var n int64
	err := s.whereCases(db.Table(s.listTable(db, vis, f)), a, vis, f).Count(&n).Error
	return n, err
}

// statusCond is the condition on column col of the rows that have status,
// or that are not closed for StatusOpen, and its argument; ok is false for
// "", which keeps every row.
func statusCond(col, status string) (cond string, arg any, ok bool) {
	switch status {
	case "":
		return "", nil, false
	case StatusOpen:
		return col + " <> ?", StatusClosed, true
	}
	return col + " = ?", status, true
}

// whereCases adds the court, the scope and the filters to a query on cases.
func (s *Store) whereCases(from *gorm.DB, a Actor, vis Visibility, f CaseFilter) *gorm.DB {
	cond, args := listCond(vis, f) // the court, the scope, the status, the type and the judge
	q := from.Where(cond, args...)
	today := s.Clock.Today()
	if f.OrganID > 0 {
		q = q.Where("cases.organ_id = ?", f.OrganID)
	}
	if f.Linkage != nil {
		q = q.Where("cases.linkage = ?", *f.Linkage)
	}
	if f.Q != "" {
		// The number, the plaintiff or the organ's name (case_search.go).
		q = s.whereSearch(q, vis.Court, f.Q)
	}
	if !f.FiledFrom.IsZero() {
		q = q.Where("cases.filed_on >= ?", f.FiledFrom)
	}
	if !f.FiledTo.IsZero() {
		q = q.Where("cases.filed_on <= ?", f.FiledTo)
	}
	if f.Overdue != nil {
		q = whereOverdue(q, *f.Overdue, today)
	}
	if f.DueWithin > 0 {
		q = whereDueWithin(q, f.DueWithin, today)
	}
	return q
}

func caseOrder(sort string) string {
	if o, ok := CaseSorts[sort]; ok {
		return o
	}
	return CaseSorts[DefaultCaseSort]
}

// ListCases lists one page of the actor's court's cases that match f and
// that vis lets the actor see.
func (s *Store) ListCases(ctx context.Context, a Actor, vis Visibility, f CaseFilter, pg Page) (List[Case], error) {
	out := List[Case]{Items: []Case{}}
	db := s.DB.WithContext(withSearchConds(ctx)) // a search's conditions worked out once
	var err error
	offset := pg.Offset()
	days, seek := s.listDays(vis, f, offset, dayCounts)
	var months []dayCount // the months of f's cases, when read with the total
	counted := false
	if seek {
		perMonth, _ := s.listDays(vis, f, offset, monthCounts)
		if out.Total, months, counted, err = s.countWithMonths(ctx, vis, f, perMonth); err != nil {
			return out, s.Err(err)
		}
	}
	// A first page of the court's list filtered by status, type and judge
	// reads its total from case_counts in the page's statement, a column of
	// every row (withTotal): a statement fewer. A page past the
	// last then reads no more than the list's first ListSeekFrom entries
	// of its index (its filters are the index's prefix), and its total
	// apart.
	totalSQL, totalArgs, withTotal := s.totalWithPage(vis, f, offset)
	if !counted && !withTotal {
		if out.Total, err = s.countCases(db, a, vis, f); err != nil {
			return out, s.Err(err)
		}
	}
	if !withTotal && int64(pg.Offset()) >= out.Total {
		// A page past the last: the database would skip every entry of
		// the list to find none.
		return out, nil
	}
	// The page's ids in a derived table, from the cases table alone (an
	// index, or a sort of ids), joined to the page's rows with their names:
	// the database never joins or sorts whole rows it will skip. Every order
	// of CaseSorts is total, so the outer order is the inner one. (A derived
	// table, not IN: MariaDB takes no LIMIT in an IN subquery.)
	var until Date // the page's cases filed on or before it (seekListDay)
	if seek {
		if day, skip, ok, err := s.seekListDay(ctx, days, offset, months, counted); err != nil {
			return out, s.Err(err)
		} else if ok {
			until, offset = day, skip
		}
	}
	var extra []any
	if withTotal {
		extra = []any{&out.Total}
	}
	var rows *sql.Rows
	if plainListFilter(f) {
		// The same statement as below, written without gorm (listPageSQL).
		rows, err = s.listPageRows(ctx, vis, f, until, offset, pg.Size, totalSQL, totalArgs)
	} else {
		ids, order := s.pageOrder(caseOrder(f.Sort))
		page := s.whereCases(db.Table(s.listTable(db, vis, f)), a, vis, f).Select(ids).Order(caseOrder(f.Sort))
		if !until.IsZero() {
			page = page.Where("cases.filed_on <= ?", until)
		}
		page = page.Offset(offset).Limit(pg.Size)
		read := s.pageRead()
		q := caseFromTable(db, s.pageCasesTable()).Joins("JOIN (?) page ON page.id = cases.id", page)
		if read.Joined {
			q = caseJoins(q)
		}
		if withTotal {
			q = q.Select(s.SelectCases(read)+", ("+totalSQL+")", totalArgs...)
		} else {
			q = q.Select(s.SelectCases(read))
		}
		rows, err = q.Order(order).Rows()
	}
	if err != nil {
		return out, s.Err(err)
	}
	// The page's cases at most: grown by append, the slice of these large
	// rows was a quarter of the bytes a request allocated under the list's load.
	size := int64(pg.Size)
	if !withTotal {
		size = min(size, out.Total-int64(pg.Offset()))
	}
	out.Items = make([]Case, 0, size)
	err = s.scanCases(rows, extra, func(c Case) bool {
		out.Items = append(out.Items, c)
		return true
	})
	if err == nil && withTotal && len(out.Items) == 0 {
		// No row, so no total: a page past the last, or an empty list.
		out.Total, err = s.countCases(db, a, vis, f)
		err = s.Err(err)
	}
	return out, err
}

// totalWithPage is the statement of the total of f from case_counts
// (caseCountsSum) and its arguments when ListCases reads it with the page
// at offset: a page before ListSeekFrom of the court's list
// in its default order filtered by nothing but status (not "open"), type
// and judge, whose filters are the prefix of its index (listTable), so
// that a page past the last reads fewer than ListSeekFrom entries.
func (s *Store) totalWithPage(vis Visibility, f CaseFilter, offset int) (q string, args []any, ok bool) {
	if offset >= ListSeekFrom || !vis.Whole() || f.Status == StatusOpen || listFilters(f) != (CaseFilter{}) {
		return "", nil, false
	}
	return caseCountsSum(vis, f)
}

// pageOrder is, for order (of CaseSorts), the select list of the derived
// table of a page's ids and the order of the page's rows. On MariaDB the ids
// carry the columns of the order and the rows are sorted by those (page.…):
// sorted by the columns of cases, the joined rows went through a temporary
// table, on disk (Aria) for the BLOB of their mediators' GROUP_CONCAT: a
// third of the page's time in mariadbd. Sorted by the columns of the first
// table of the join, the ids, they are not copied. The order is the same:
// page's columns are its case's.
func (s *Store) pageOrder(order string) (ids, rows string) {
	if s.Dialect != MySQL {
		return "cases.id", order
	}
	cols := []string{"cases.id"}
	for term := range strings.SplitSeq(order, ", ") {
		col, _, _ := strings.Cut(term, " ")
		if !slices.Contains(cols, col) {
			cols = append(cols, col)
		}
	}
	return strings.Join(cols, ", "), strings.ReplaceAll(order, "cases.", "page.")
}

// pageCasesTable is the table of cases a page of the list reads its rows
// from, by the ids of the page: on SQLite cases NOT INDEXED (the rowid is
// still used), which spares the planner weighing two dozen indexes of cases
// for the join each time the driver prepares the page afresh (a third of
// preparing it); the plan is the same.
func (s *Store) pageCasesTable() string {
	return s.Unindexed("cases")
}

// listFilters is f without its status, type and judge, and without its
// sort when that is the default order: CaseFilter{} when the list is the
// court's in its default order filtered by nothing else.
func listFilters(f CaseFilter) CaseFilter {
	f.Status, f.CaseType, f.JudgeID = "", "", 0
	if caseOrder(f.Sort) == caseOrder(DefaultCaseSort) {
		f.Sort = ""
	}
	return f
}

// ListSeekFrom is the offset from which a page of the list in its default
// order starts reading at the filing day of its first case (seekListDay):
// below it the skipped entries of the index cost less than the day counts.
var ListSeekFrom = 1000

// seekListDay finds, for a page of the list at offset in its default order
// (newest filing first) and a filter of nothing but status, type and judge,
// the day on which its first case was filed and how many of the cases of
// that day and after it come before it, from case_day_counts: the page is
// then the cases filed on or before day, from the skip-th on, and the
// database skips at most a day's cases instead of offset entries of an
// index (a deep page of the whole list on MariaDB read 40,000 entries,
// 10–15 ms). days is the query of listDays; months, when read
// (countWithMonths), f's months from case_month_counts, newest first: then
// the days read are those of the page's month alone. ok is false when the
// offset is past the last case.
func (s *Store) seekListDay(ctx context.Context, days daysQuery, offset int, months []dayCount, read bool) (day Date, skip int, ok bool, err error) {
	before := 0       // the cases filed after day
	var from, to Date // the page's month, when read
	if read {
		// The page's month from the months, then its days, where
		// MariaDB read the days newest first in chunks (64, then 256 and 1,024
		// days: a filter with few cases a day read several, 1,800 rows each).
		found := false
		for _, m := range months {
			if before+m.n > offset {
				if offset-before < ListSeekFrom {
					// Fewer of the month's cases before the page than
					// cost a statement of its days: the page is read
					// from the month's last day, skipping them.
					return m.day.AddMonths(1).AddDays(-1), offset - before, true, nil
				}
				from, to, found = m.day, m.day.AddMonths(1), true
				break
			}
			before += m.n
		}
		if !found {
			return day, 0, false, nil
		}
	}
	// SQLite computes each row as it is read (along an index in the order
	// of the days), and the rows are closed at the page's day: one statement
	// without a LIMIT reads no more than chunks would and is prepared once.
	q, args := days.sql(from, to)
	rows, err := s.SQL().QueryContext(ctx, q, args...)
	if err != nil {
		return day, 0, false, err
	}
	for rows.Next() {
		var d dayCount
		if err := rows.Scan(&d.day, &d.n); err != nil {
			rows.Close()
			return day, 0, false, err
		}
		day = d.day
		if before+d.n > offset {
			return day, offset - before, true, rows.Close()
		}
		before += d.n
	}
	if err := rows.Close(); err != nil {
		return day, 0, false, err
	}
	return day, 0, false, rows.Err()
}

// dayCount is a filing day (or month) of case_day_counts (or
// case_month_counts) and its cases under a filter.
type dayCount struct {
	day Date
	n   int
}

// countsTable is a table of the cases per court, judge, type, status and
// filing day or month (its first day), and the column and the indexes'
// suffix of its days.
type countsTable struct{ name, day, unit string }

var (
	dayCounts   = countsTable{"case_day_counts", "filed_on", "day"}
	monthCounts = countsTable{"case_month_counts", "filed_month", "month"}
)

// listDays is the query of seekListDay on t: the days (or months) of f's
// cases that vis lets the actor see, newest first, each with its number of
// cases; ok is false when seekListDay does not apply (an offset below
// ListSeekFrom, a scope or a filter the day counts do not have, another order).
func (s *Store) listDays(vis Visibility, f CaseFilter, offset int, t countsTable) (q daysQuery, ok bool) {
	rest := listFilters(f)
	// The day counts have the court and the judge: the scopes that read nothing else.
	cond, args, scoped := vis.Where(Columns{Court: "court_code", Owner: "judge_id"})
	if offset < ListSeekFrom || !scoped || rest != (CaseFilter{}) {
		return daysQuery{}, false
	}
	return daysQuery{s: s, t: t, f: f, cond: cond, args: args}, true
}

// daysQuery is a query of listDays, written as text (daysQuery.sql) and
// run on the pool without gorm, as the page's statement (listPageSQL):
// gorm's statements, clauses and callbacks of the days and the months
// were 3% of the server's CPU on the list under load and a quarter of the
// bytes a request allocated (docs/benchmarks.md, sqprep).
type daysQuery struct {
	s    *Store
	t    countsTable
	f    CaseFilter
	cond string // vis.Where on the counts' columns
	args []any
}

// sql is the statement of q and its arguments: with from not zero, of
// the days on or after from and before to alone.
func (q daysQuery) sql(from, to Date) (string, []any) {
	t, f := q.t, q.f
	var b strings.Builder
	b.Grow(256)
	b.WriteString("SELECT ")
	if q.s.Dialect == SQLite {
		// The day as text, not a column declared DATE: the driver would
		// try its time formats on each one, a tenth of the server's CPU
		// on the list under load. Date scans the text.
		b.WriteString("CAST(" + t.day + " AS TEXT), SUM(n)")
	} else {
		b.WriteString(t.day + ", SUM(n) AS n")
	}
	b.WriteString(" FROM ")
	b.WriteString(q.s.dayCountsTable(t, f))
	b.WriteString(" WHERE (")
	b.WriteString(q.cond)
	b.WriteString(")")
	more, args := listFilterCond("", f, append(make([]any, 0, len(q.args)+5), q.args...))
	b.WriteString(more)
	if !from.IsZero() {
		b.WriteString(" AND " + t.day + " >= ? AND " + t.day + " < ?")
		args = append(args, from, to)
	}
	b.WriteString(" GROUP BY " + t.day + " ORDER BY " + t.day + " DESC")
	return b.String(), args
}

// countWithMonths reads in one statement the total of f from case_counts
// (countFromCaseCounts) and every month of months (listDays on
// case_month_counts), newest first: a statement fewer for a deep page.
// ok is false when case_counts cannot answer f.
func (s *Store) countWithMonths(ctx context.Context, vis Visibility, f CaseFilter, months daysQuery) (total int64, first []dayCount, ok bool, err error) {
	sum, args, ok := caseCountsSum(vis, f)
	if !ok {
		return 0, nil, false, nil
	}
	// The total's row has no month (NULL).
	sum = strings.Replace(sum, "SELECT ", "SELECT NULL, ", 1)
	// SQLite takes no parenthesised part of a UNION, but the same rows from it.
	union := " UNION ALL ("
	if s.Dialect == SQLite {
		union = " UNION ALL SELECT * FROM ("
	}
	m, margs := months.sql(Date{}, Date{})
	rows, err := s.SQL().QueryContext(ctx, sum+union+m+")", append(args, margs...)...)
	if err != nil {
		return 0, nil, false, err
	}
	defer rows.Close()
	first = make([]dayCount, 0, 64)
	for rows.Next() {
		var d dayCount
		var n int64
		if err := rows.Scan(&d.day, &n); err != nil {
			return 0, nil, false, err
		}
		if d.day.IsZero() {
			total = n
			continue
		}
		d.n = int(n)
		first = append(first, d)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, false, err
	}
	// Newest first, as the months' own ORDER BY: a UNION's parts are not
	// bound to keep their rows' order.
	slices.SortFunc(first, func(a, b dayCount) int { return b.day.Time().Compare(a.day.Time()) })
	return total, first, true, rows.Close()
}

// dayCountsTable is the table t that seekListDay reads the days (or
// months) of f from: on MariaDB with the index of f's filter forced
// (migrations 00150, 00170, 00320), where the optimizer chose the primary
// key and sorted every day of the court; SQLite chooses these by itself.
func (s *Store) dayCountsTable(t countsTable, f CaseFilter) string {
	status := f.Status != "" && f.Status != StatusOpen // an equality on status
	var index string
	switch {
	case f.JudgeID > 0 && f.CaseType != "" && status:
		return s.ForcedIndex(t.name, "PRIMARY")
	case status:
		index = "_status_"
	case f.JudgeID > 0:
		index = "_judge_"
	case f.CaseType != "":
		index = "_type_"
	default:
		index = "_"
	}
	return s.ForcedIndex(t.name, t.name+index+t.unit)
}

// listTable is the table a page of the list reads its ids from, and its
// count the cases:
//   - on SQLite, for a search that found a few cases by their number (ids
//     named, searchConds), cases NOT INDEXED: they are then read by their
//     ids, where SQLite, which has no statistics, would read every case of
//     the court along an index beginning with the court's code;
//   - for the court's whole list in its default order filtered by nothing
//     but status, case type and judge, cases with the index of that
//     combination named (migrations 00100, 00101): on MariaDB forced, where
//     among the two dozen indexes that begin with the court's code the
//     optimizer chose one that filters the status on every entry (closed
//     cases) or sorts (a judge's cases of one type), reading two to six
//     times the entries of a deep page (docs/benchmarks.md); on SQLite
//     INDEXED BY, the index it chooses by itself, so that preparing the
//     page (the driver prepares every query afresh) does not weigh the two
//     dozen others each time.
func (s *Store) listTable(db *gorm.DB, vis Visibility, f CaseFilter) string {
	if s.Dialect == SQLite && f.Q != "" {
		if conds, err := s.searchConds(db, vis.Court, f.Q); err == nil && len(conds) == 1 && conds[0].sql == searchByID {
			return s.Unindexed("cases")
		}
	}
	if s.Dialect == MySQL && f.Q != "" && vis.Whole() && f == (CaseFilter{Q: f.Q, Sort: f.Sort}) && caseOrder(f.Sort) == caseOrder(DefaultCaseSort) {
		// q alone in the default order, its cases named by a list of ids
		// (listed, searchConds): the order's index alone, each id checked
		// on it, where MariaDB read the row of every case named and sorted
		// them (case_search.go).
		if conds, err := s.searchConds(db, vis.Court, f.Q); err == nil && len(conds) == 1 && conds[0].listed {
			return s.ForcedIndex("cases", "cases_court_filed_desc_status")
		}
	}
	rest := listFilters(f)
	if !vis.Whole() || rest != (CaseFilter{}) {
		return "cases"
	}
	status := f.Status != "" && f.Status != StatusOpen // an equality on status
	var index string
	switch {
	case f.JudgeID > 0 && f.CaseType != "" && status:
		index = "cases_list_judge_type_status"
	case f.JudgeID > 0 && f.CaseType != "":
		index = "cases_list_judge_type"
	case f.JudgeID > 0 && status:
		index = "cases_list_judge_status"
	case f.JudgeID > 0:
		index = "cases_court_judge_filed_desc_status"
	case f.CaseType != "" && status:
		index = "cases_list_status_type"
	case f.CaseType != "":
		index = "cases_list_type"
	case status:
		index = "cases_court_status_filed_desc"
	default:
		index = "cases_court_filed_desc_status"
	}
	return s.NamedIndex("cases", index)
}

// EachCase calls fn for every case that ListCases would list, in its order
// and as it lists them but without their mediators (MediatorIDs is empty),
// reading them one by one from a database cursor (for streamed exports).
// The cursor is read in a goroutine of its own, a few hundred cases ahead,
// while fn runs in the caller's: an export reads the database and writes its
// spreadsheet at the same time.
func (s *Store) EachCase(ctx context.Context, a Actor, vis Visibility, f CaseFilter, fn func(Case) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	const batch = 256
	batches := make(chan []Case, 4)
	read := make(chan error, 1)
	go func() {
		defer close(batches)
		cases := make([]Case, 0, batch)
		send := func() bool {
			select {
			case batches <- cases:
				cases = make([]Case, 0, batch)
				return true
			case <-ctx.Done():
				return false
			}
		}
		err := s.readCases(ctx, a, vis, f, func(c Case) bool {
			cases = append(cases, c)
			return len(cases) < batch || send()
		})
		if err == nil && len(cases) > 0 {
			send()
		}
		read <- err
	}()
	for cases := range batches {
		for _, c := range cases {
			if err := fn(c); err != nil {
				cancel()
				for range batches {
				}
				return err
			}
		}
	}
	return <-read
}

// readCases reads the cases EachCase gives and calls more with each until it
// returns false.
func (s *Store) readCases(ctx context.Context, a Actor, vis Visibility, f CaseFilter, more func(Case) bool) error {
	db := s.DB.WithContext(ctx)
	rows, err := s.filterCases(db, a, vis, f).Select(s.SelectCases(CaseRead{Names: true, CaseFile: true})).Order(caseOrder(f.Sort)).Rows()
	if err != nil {
		return s.Err(err)
	}
	return s.ScanCases(rows, more)
}

// RelatedCase is another open case of the court with the same plaintiff or the same organ.
type RelatedCase struct {
	ID            int64  `json:"id"`
	CaseNo        string `json:"case_no"`
	PlaintiffName string `json:"plaintiff_name"`
	OrganName     string `json:"organ_name"`
	Status        string `json:"status"`
	FiledOn       Date   `json:"filed_on"`
	SamePlaintiff bool   `json:"same_plaintiff"`
	SameOrgan     bool   `json:"same_organ"`
}

// MaxRelatedCases is how many related open cases are shown.
const MaxRelatedCases = 20

// RelatedOpenCases lists the court's other open cases with the same plaintiff
// name or the same organ as c (same plaintiff first, newest first), as far as
// vis lets the actor see them.
func (s *Store) RelatedOpenCases(ctx context.Context, a Actor, vis Visibility, c Case) ([]RelatedCase, error) {
	out := []RelatedCase{}
	db := s.DB.WithContext(ctx)
	// The newest of each kind apart, each from its index in the list's
	// order (cases_search_plaintiff, cases_court_organ_list), then the
	// twenty first of both: an OR of the two read every open case.
	newest := func(cond string, args ...any) *gorm.DB {
		q := vis.Apply(db.Table("cases"), CaseColumns("cases")).Select("cases.id, cases.filed_on").
			Where("cases.id <> ? AND cases.status <> ?", c.ID, StatusClosed).Where(cond, args...)
		return db.Table("(?) n", q.Order("cases.filed_on DESC, cases.id DESC").Limit(MaxRelatedCases)).Select("n.id")
	}
	ids := db.Raw("? UNION ALL ?", newest("cases.plaintiff_name = ?", c.Plaintiff.Name),
		newest("cases.organ_id = ? AND NOT (cases.plaintiff_name = ?)", c.OrganID, c.Plaintiff.Name))
	q := db.Table("cases").Joins("JOIN organs ON organs.id = cases.organ_id").
		Select(`cases.id, cases.case_no, cases.plaintiff_name, organs.name AS organ_name, cases.status, cases.filed_on,
			CASE WHEN cases.plaintiff_name = ? THEN 1 ELSE 0 END AS same_plaintiff,
			CASE WHEN cases.organ_id = ? THEN 1 ELSE 0 END AS same_organ`, c.Plaintiff.Name, c.OrganID).
		Where("cases.id IN (SELECT r.id FROM (?) r)", ids).
		Order("same_plaintiff DESC, cases.filed_on DESC, cases.id DESC").Limit(MaxRelatedCases)
	err := q.Scan(&out).Error
	return out, s.Err(err)
}

// CaseDetailOf returns the case with its related open cases.
func (s *Store) CaseDetailOf(ctx context.Context, a Actor, vis Visibility, c Case) (CaseDetail, error) {
	d := CaseDetail{Case: c}
	if s.Authz != nil {
		d.Steps = StepsOn(s.Authz, a, c)
	}
	var err error
	if d.RelatedOpenCases, err = s.RelatedOpenCases(ctx, a, vis, c); err != nil {
		return d, err
	}
	if d.Hearings, err = s.ListHearings(ctx, a, c.ID); err != nil {
		return d, err
	}
	if d.Attachments, err = s.CaseAttachments(ctx, a, c.ID); err != nil {
		return d, err
	}
	if d.Appeals, err = s.ListAppeals(ctx, a, c.ID); err != nil {
		return d, err
	}
	if d.CaseParties, err = s.PartiesOf(ctx, a, c); err != nil {
		return d, err
	}
	if d.Documents, err = s.Documents(ctx, a, c.ID); err != nil {
		return d, err
	}
	d.Refilings, d.RefilingOf, err = s.Refilings(ctx, vis, c.ID)
	return d, err
}

// CasesFollowing lists the cases of the actor's court filed after the failed
// pre-litigation mediation originID (origin_case_id).
func (s *Store) CasesFollowing(ctx context.Context, a Actor, originID int64) ([]Case, error) {
	out := []Case{}
	rows, err := caseFrom(s.DB.WithContext(ctx)).Select(s.SelectCases(CaseRead{Names: true, Mediators: true})).
		Where("cases.court_code = ? AND cases.origin_case_id = ?", a.Court, originID).Order("cases.id").Rows()
	if err != nil {
		return out, s.Err(err)
	}
	err = s.ScanCases(rows, func(c Case) bool { out = append(out, c); return true })
	return out, err
}
