package app

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Case is an administrative case (案件) as the API answers it: its record,
// the names of its organ and judge, and its deadline seen from today.
//
// Every read of case rows (the case page, the case list, the export, the
// monthly report's case list) selects and scans the columns of CaseRowColumns
// into a Case: a column the row shows is a field here and its line there
// (docs/architecture.md, "Adding a column to the case row").
type Case struct {
	ID             int64   `json:"id"`
	CourtCode      string  `json:"-"`
	CaseNo         string  `json:"case_no"`
	CaseType       string  `json:"case_type"`
	Year           int     `json:"-"`
	Seq            int     `json:"-"`
	Cause          string  `json:"cause"`
	Domain         string  `json:"domain"`
	Plaintiff      Party   `json:"plaintiff"`
	OrganID        int64   `json:"organ_id"`
	OrganName      string  `json:"organ_name"`
	FiledOn        Date    `json:"filed_on"`
	JudgeID        int64   `json:"judge_id"`
	JudgeName      string  `json:"judge_name"`
	MediatorIDs    []int64 `json:"mediator_ids"`
	Linkage        bool    `json:"linkage"`
	LinkagePartner string  `json:"linkage_partner"`
	CrossRegion    bool    `json:"cross_region"`
	Region         string  `json:"region"`
	WorkstationID  *int64  `json:"workstation_id"`
	FastTrack      bool    `json:"fast_track"`
	Simplified     bool    `json:"simplified"`
	PenaltyBefore  *Money  `json:"penalty_before"`
	PenaltyAfter   *Money  `json:"penalty_after"`
	Status         string  `json:"status"`
	// DeadlineView is the deadline seen from today (ViewDeadline).
	DeadlineView
	SuspendedOn    Date   `json:"suspended_on"`
	ClosedOn       Date   `json:"closed_on"`
	Method         string `json:"method"`
	JudgmentResult string `json:"judgment_result"`
	// OrganCorrected: withdrawn because the organ changed or withdrew its act (被告改变行政行为).
	OrganCorrected bool      `json:"organ_corrected"`
	DaysToClose    *int      `json:"days_to_close"`
	OriginCaseID   *int64    `json:"origin_case_id"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	// file is the case file as the export shows it (read when CaseRead.CaseFile).
	file caseFileCells
}

// caseFileCells are the case file's export cells: NULL when there is none.
type caseFileCells struct {
	coPlaintiffs, thirdParties, agents, actNumber, claims *string
}

// text is a cell of the case file: "" when NULL.
func text(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// CaseColumn is one column of the case row: how it is read and, when the
// case-list export and the monthly report's case list show it, how it is shown.
type CaseColumn struct {
	// Name names the column: the cases table's column, or what the row
	// derives or joins (organ_name, days_left).
	Name string
	// SQL is what a read selects over caseFrom's tables (cases, organs,
	// users); "" for a cell derived from the other columns.
	SQL string
	// Bare is what a read without caseFrom's joins selects instead of SQL
	// (the names of the organ and the judge: "", the caller fills them in);
	// "" selects SQL.
	Bare string
	// Dest is where a read puts the column: rows.Scan's destination on
	// MariaDB, scanJSONRow's on SQLite (a *string, *int, *int64, *bool,
	// *Date, *time.Time, or **int, **int64, **Money, **string when NULL may be read).
	Dest func(r *caseRow) any
	// MySQL is what MariaDB selects instead of SQL where the dialects differ.
	MySQL string
	// Joined is what a read with CaseRead.Joined selects instead of SQL,
	// from caseJoins' tables; "" selects SQL.
	Joined string
	// Header names the column in the exports (CaseListColumns); "" for a
	// column they do not show.
	Header string
	// Width is the export's column width.
	Width float64
	// Kind is how a sheet formats Cell's value.
	Kind CellKind
	// Cell is the column's cell in a sheet: a string (labels, not codes),
	// a Date, an int or "" (unknown), or a *Money.
	Cell func(c *Case) any
}

// CellKind is how a sheet formats a cell.
type CellKind int

// The kinds of cells.
const (
	CellText  CellKind = iota
	CellFlag           // 是 or 否
	CellDate           // a Date (blank when zero)
	CellCount          // a whole number, or "" when unknown
	CellMoney          // a *Money (blank when unset)
)

// caseRow is a Case as a read fills it, with what the row has but the Case
// shows otherwise: its mediators (a comma-separated list) are turned into
// MediatorIDs and DeadlineOn, read as stored, into the DeadlineView of today.
type caseRow struct {
	Case
	mediators *string
}

// CaseRowColumns are the columns of the case row, in the order of the case-list
// export (the columns it does not show anywhere). Adding a column to the
// case row is a field of Case and its line here (plus the migration).
var CaseRowColumns = []CaseColumn{
	{Name: "id", SQL: "cases.id", Dest: func(r *caseRow) any { return &r.ID }},
	{Name: "court_code", SQL: "cases.court_code", Dest: func(r *caseRow) any { return &r.CourtCode }},
	{Name: "year", SQL: "cases.year", Dest: func(r *caseRow) any { return &r.Year }},
	{Name: "seq", SQL: "cases.seq", Dest: func(r *caseRow) any { return &r.Seq }},
	{Name: "case_no", SQL: "cases.case_no", Dest: func(r *caseRow) any { return &r.CaseNo },
		Header: "案号", Width: 26, Cell: func(c *Case) any { return c.CaseNo }},
	{Name: "case_type", SQL: "cases.case_type", Dest: func(r *caseRow) any { return &r.CaseType },
		Header: "案件类型", Width: 9, Cell: func(c *Case) any { return c.CaseType }},
	{Name: "cause", SQL: "cases.cause", Dest: func(r *caseRow) any { return &r.Cause },
		Header: "案由", Width: 12, Cell: func(c *Case) any { return Causes.Label(c.Cause) }},
	{Name: "domain", SQL: "cases.domain", Dest: func(r *caseRow) any { return &r.Domain },
		Header: "领域", Width: 9, Cell: func(c *Case) any { return Domains.Label(c.Domain) }},
	{Name: "plaintiff_name", SQL: "cases.plaintiff_name", Dest: func(r *caseRow) any { return &r.Plaintiff.Name },
		Header: "原告", Width: 22, Cell: func(c *Case) any { return c.Plaintiff.Name }},
	{Name: "plaintiff_kind", SQL: "cases.plaintiff_kind", Dest: func(r *caseRow) any { return &r.Plaintiff.Kind },
		Header: "原告类型", Width: 9, Cell: func(c *Case) any { return PlaintiffKinds.Label(c.Plaintiff.Kind) }},
	{Name: "organ_id", SQL: "cases.organ_id", Dest: func(r *caseRow) any { return &r.OrganID }},
	{Name: "organ_name", SQL: "organs.name", Bare: "''", Dest: func(r *caseRow) any { return &r.OrganName },
		Header: "被告行政机关", Width: 26, Cell: func(c *Case) any { return c.OrganName }},
	{Name: "filed_on", SQL: "cases.filed_on", Dest: func(r *caseRow) any { return &r.FiledOn },
		Header: "立案日期", Width: 11, Kind: CellDate, Cell: func(c *Case) any { return c.FiledOn }},
	{Name: "judge_id", SQL: "COALESCE(cases.judge_id, 0)", Dest: func(r *caseRow) any { return &r.JudgeID }},
	{Name: "judge_name", SQL: "COALESCE(users.name, '')", Bare: "''", Dest: func(r *caseRow) any { return &r.JudgeName },
		Header: "承办法官", Width: 10, Cell: func(c *Case) any { return c.JudgeName }},
	{Name: "linkage", SQL: "cases.linkage", Dest: func(r *caseRow) any { return &r.Linkage },
		Header: "府院联动", Width: 9, Kind: CellFlag, Cell: func(c *Case) any { return YesNo(c.Linkage) }},
	{Name: "linkage_partner", SQL: "cases.linkage_partner", Dest: func(r *caseRow) any { return &r.LinkagePartner },
		Header: "联动单位", Width: 12, Cell: func(c *Case) any { return c.LinkagePartner }},
	{Name: "cross_region", SQL: "cases.cross_region", Dest: func(r *caseRow) any { return &r.CrossRegion },
		Header: "跨区域", Width: 8, Kind: CellFlag, Cell: func(c *Case) any { return YesNo(c.CrossRegion) }},
	{Name: "region", SQL: "cases.region", Dest: func(r *caseRow) any { return &r.Region },
		Header: "地区", Width: 10, Cell: func(c *Case) any { return c.Region }},
	{Name: "workstation_id", SQL: "cases.workstation_id", Dest: func(r *caseRow) any { return &r.WorkstationID }},
	{Name: "fast_track", SQL: "cases.fast_track", Dest: func(r *caseRow) any { return &r.FastTrack },
		Header: "快审", Width: 6, Kind: CellFlag, Cell: func(c *Case) any { return YesNo(c.FastTrack) }},
	{Name: "simplified", SQL: "cases.simplified", Dest: func(r *caseRow) any { return &r.Simplified },
		Header: "简易程序", Width: 9, Kind: CellFlag, Cell: func(c *Case) any { return YesNo(c.Simplified) }},
	{Name: "status", SQL: "cases.status", Dest: func(r *caseRow) any { return &r.Status },
		Header: "状态", Width: 8, Cell: func(c *Case) any { return CaseStatuses.Label(c.Status) }},
	// The stored deadline; scanCases turns it into the DeadlineView of today.
	{Name: "deadline_on", SQL: "cases.deadline_on", Dest: func(r *caseRow) any { return &r.DeadlineOn },
		Header: "审限届满日", Width: 11, Kind: CellDate, Cell: func(c *Case) any { return c.DeadlineOn }},
	{Name: "days_left", Header: "剩余天数", Width: 9, Kind: CellCount, Cell: func(c *Case) any { return countOrBlank(c.DaysLeft) }},
	{Name: "deadline_status", Header: "审限状态", Width: 16, Cell: func(c *Case) any { return c.DeadlineView.Label() }},
	{Name: "suspended_on", SQL: SuspendedOnSQL("cases"), Joined: "ep.start_on", Dest: func(r *caseRow) any { return &r.SuspendedOn }},
	{Name: "closed_on", SQL: "cases.closed_on", Dest: func(r *caseRow) any { return &r.ClosedOn },
		Header: "结案日期", Width: 11, Kind: CellDate, Cell: func(c *Case) any { return c.ClosedOn }},
	{Name: "close_method", SQL: "cases.close_method", Dest: func(r *caseRow) any { return &r.Method },
		Header: "结案方式", Width: 12, Cell: func(c *Case) any { return labelOrBlank(CloseMethods, c.Method) }},
	{Name: "judgment_result", SQL: "cases.judgment_result", Dest: func(r *caseRow) any { return &r.JudgmentResult },
		Header: "判决结果", Width: 16, Cell: func(c *Case) any { return labelOrBlank(JudgmentResults, c.JudgmentResult) }},
	{Name: "organ_corrected", SQL: "cases.organ_corrected", Dest: func(r *caseRow) any { return &r.OrganCorrected }},
	{Name: "days_to_close", SQL: "cases.days_to_close", Dest: func(r *caseRow) any { return &r.DaysToClose },
		Header: "结案天数", Width: 9, Kind: CellCount, Cell: func(c *Case) any { return countOrBlank(c.DaysToClose) }},
	{Name: "penalty_before", SQL: "cases.penalty_before", Dest: func(r *caseRow) any { return &r.PenaltyBefore },
		Header: "原处罚金额（元）", Width: 14, Kind: CellMoney, Cell: func(c *Case) any { return c.PenaltyBefore }},
	{Name: "penalty_after", SQL: "cases.penalty_after", Dest: func(r *caseRow) any { return &r.PenaltyAfter },
		Header: "调整后金额（元）", Width: 14, Kind: CellMoney, Cell: func(c *Case) any { return c.PenaltyAfter }},
	{Name: "origin_case_id", SQL: "cases.origin_case_id", Dest: func(r *caseRow) any { return &r.OriginCaseID }},
	{Name: "version", SQL: "cases.version", Dest: func(r *caseRow) any { return &r.Version }},
	{Name: "created_at", SQL: "cases.created_at", Dest: func(r *caseRow) any { return &r.CreatedAt }},
	// The mediators, when the read asks for them (CaseRead.Mediators): a
	// correlated subquery per case is a tenth of an export's reading, and
	// the export does not show them.
	{Name: "mediators", SQL: mediatorListSQL, Joined: "cm.user_id", Dest: func(r *caseRow) any { return &r.mediators }},
	// The case file (issue 18), when the read asks for it (CaseRead.CaseFile): the export.
	{Name: "co_plaintiffs", SQL: partyNamesSQL("plaintiff", "p.name", "sqlite"), MySQL: partyNamesSQL("plaintiff", "p.name", "mysql"),
		Dest:   func(r *caseRow) any { return &r.file.coPlaintiffs },
		Header: "其他原告", Width: 22, Cell: func(c *Case) any { return text(c.file.coPlaintiffs) }},
	{Name: "third_parties", SQL: partyNamesSQL("third_party", "p.name", "sqlite"), MySQL: partyNamesSQL("third_party", "p.name", "mysql"),
		Dest:   func(r *caseRow) any { return &r.file.thirdParties },
		Header: "第三人", Width: 22, Cell: func(c *Case) any { return text(c.file.thirdParties) }},
	{Name: "agents", SQL: partyNamesSQL("agent", "p.name || ' ' || p.phone", "sqlite"), MySQL: partyNamesSQL("agent", "CONCAT(p.name, ' ', p.phone)", "mysql"),
		Dest:   func(r *caseRow) any { return &r.file.agents },
		Header: "代理人", Width: 26, Cell: func(c *Case) any { return text(c.file.agents) }},
	{Name: "act_number", SQL: "(SELECT ca.act_number FROM case_acts ca WHERE ca.case_id = cases.id)",
		Dest:   func(r *caseRow) any { return &r.file.actNumber },
		Header: "被诉行政行为文号", Width: 22, Cell: func(c *Case) any { return text(c.file.actNumber) }},
	{Name: "claims", SQL: "(SELECT ca.claims FROM case_acts ca WHERE ca.case_id = cases.id)",
		Dest:   func(r *caseRow) any { return &r.file.claims },
		Header: "诉讼请求", Width: 30, Cell: func(c *Case) any { return text(c.file.claims) }},
}

// caseFileColumns are the columns read only when CaseRead.CaseFile.
var caseFileColumns = map[string]bool{"co_plaintiffs": true, "third_parties": true, "agents": true, "act_number": true, "claims": true}

// partyNamesSQL lists a case's parties of a role in one cell, separated by 、.
func partyNamesSQL(role, expr, dialect string) string {
	if dialect == "mysql" {
		return "(SELECT GROUP_CONCAT(" + expr + " ORDER BY p.id SEPARATOR '、') FROM case_parties p WHERE p.case_id = cases.id AND p.role = '" + role + "')"
	}
	return "(SELECT group_concat(" + expr + ", '、') FROM case_parties p WHERE p.case_id = cases.id AND p.role = '" + role + "')"
}

const mediatorListSQL = "(SELECT GROUP_CONCAT(cm.user_id) FROM case_mediators cm WHERE cm.case_id = cases.id)"

// CaseRowColumn returns the column of CaseRowColumns named name; it panics
// when there is none (a mistake in a table of columns, found by any test).
func CaseRowColumn(name string) CaseColumn {
	for _, c := range CaseRowColumns {
		if c.Name == name {
			return c
		}
	}
	panic("app: no case column " + name)
}

// CaseListColumns are the columns of the case-list export, in order: those
// of CaseRowColumns with a header.
func CaseListColumns() []CaseColumn {
	var out []CaseColumn
	for _, c := range CaseRowColumns {
		if c.Header != "" {
			out = append(out, c)
		}
	}
	return out
}

// YesNo is a flag as sheets show it.
func YesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func countOrBlank(n *int) any {
	if n == nil {
		return ""
	}
	return *n
}

func labelOrBlank(e Enum, code string) string {
	if code == "" {
		return ""
	}
	return e.Label(code)
}

// CaseRead is what a read of case rows selects beside the cases table.
type CaseRead struct {
	// Names: the query joins caseFrom's organs and users, and the organ's
	// and judge's names are read; without, they read "" (the caller fills
	// them in from names of its own).
	Names bool
	// Mediators: MediatorIDs are read (otherwise they are empty).
	Mediators bool
	// CaseFile: the case file's export cells are read (otherwise blank).
	CaseFile bool
	// Joined: the mediators (with Mediators) and the suspension's start are
	// read from caseJoins' tables, a row for each mediator, instead of a
	// subquery for each case; the query joins caseJoins after its other
	// tables and reads the rows of a case one after another (its order
	// ends with the case's id or is otherwise total), and ScanCases makes
	// them one case. On MariaDB a dependent subquery costs more for each
	// row of a page than the two lookups of a join.
	Joined bool
}

// caseJoins adds the tables of a read with CaseRead.Joined to q over
// caseFrom's: cm, the case's mediators, and ep, its open suspension.
func caseJoins(q *gorm.DB) *gorm.DB {
	return q.Joins(caseMediatorsJoin).Joins(suspendedOnJoin("cases"))
}

// caseMediatorsJoin is caseJoins' join of cm, the case's mediators.
const caseMediatorsJoin = "LEFT JOIN case_mediators cm ON cm.case_id = cases.id"

// caseNameJoins are caseFrom's joins of the case's organ and judge.
const caseNameJoins = "JOIN organs ON organs.id = cases.organ_id LEFT JOIN users ON users.id = cases.judge_id"

// caseFrom is the FROM clause of a read of case rows with names.
func caseFrom(db *gorm.DB) *gorm.DB { return caseFromTable(db, "cases") }

// caseFromTable is caseFrom with the cases table written as table (the
// table with an index hint).
func caseFromTable(db *gorm.DB, table string) *gorm.DB {
	return db.Table(table).Joins(caseNameJoins)
}

// SelectCases is the select list of a read of case rows, CaseRowColumns in
// order; ScanCases reads its rows. On SQLite the columns are one
// json_array() (jsonrow.go).
func (s *Store) SelectCases(r CaseRead) string {
	var b strings.Builder
	if s.Dialect == SQLite {
		b.WriteString("json_array(")
	}
	first := true
	for _, c := range CaseRowColumns {
		if c.SQL == "" {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		switch {
		case c.Name == "mediators" && !r.Mediators, caseFileColumns[c.Name] && !r.CaseFile:
			b.WriteString("NULL")
		case r.Joined && c.Joined != "":
			b.WriteString(c.Joined)
		case s.Dialect == MySQL && c.MySQL != "":
			b.WriteString(c.MySQL)
		case !r.Names && c.Bare != "":
			b.WriteString(c.Bare)
		default:
			b.WriteString(c.SQL)
		}
	}
	if s.Dialect == SQLite {
		b.WriteString(")")
	}
	return b.String()
}

// ScanCases reads rows of SelectCases and calls more with each case until it
// returns false; it closes rows. The rows are scanned by hand rather than by
// gorm: an export of a hundred thousand cases spent more time in reflection
// and in the SQLite driver's handling of each column than in the database,
// and so did a page of the list under load. Rows of the same case one after
// another (CaseRead.Joined) are one case: its mediators those of every row,
// its suspension's start the latest.
func (s *Store) ScanCases(rows *sql.Rows, more func(Case) bool) error {
	return s.scanCases(rows, nil, more)
}

// scanCases is ScanCases of rows that have, after SelectCases' columns,
// the columns of extra, scanned into extra on every row.
func (s *Store) scanCases(rows *sql.Rows, extra []any, more func(Case) bool) error {
	defer rows.Close()
	today := s.Clock.Today()
	var r caseRow
	dest := make([]any, 0, len(CaseRowColumns)+len(extra))
	for _, c := range CaseRowColumns {
		if c.SQL != "" {
			dest = append(dest, c.Dest(&r))
		}
	}
	dest = append(dest, extra...)
	var (
		c       Case // the case of the rows read so far
		read    bool // c has a row
		stopped bool // more returned false
	)
	var row string
	rowDest := append([]any{&row}, extra...) // SQLite: the json_array and extra
	for rows.Next() {
		var err error
		if s.Dialect == SQLite {
			if err = rows.Scan(rowDest...); err == nil {
				err = scanJSONRow(row, dest[:len(dest)-len(extra)]...)
			}
		} else {
			err = rows.Scan(dest...)
		}
		if err != nil {
			return s.Err(err)
		}
		if read && r.ID == c.ID {
			// Another row of c (CaseRead.Joined).
			c.MediatorIDs = r.addMediators(c.MediatorIDs)
			if r.SuspendedOn.After(c.SuspendedOn) {
				c.SuspendedOn = r.SuspendedOn
			}
			continue
		}
		if read && !more(finish(c, today)) {
			stopped = true
			break
		}
		c, read = r.Case, true
		c.MediatorIDs = r.addMediators([]int64{})
	}
	if !stopped {
		if err := rows.Err(); err != nil {
			return s.Err(err)
		}
		stopped = read && !more(finish(c, today))
	}
	if stopped {
		// Stopping early, Close reads the rest of the answer, and with
		// it an error the database sent after the rows read so far: on
		// Galera, another node's write-set aborting this transaction.
		// The transaction is then gone on the server, and a caller that
		// went on would run its next statements outside it, each saved
		// on its own (seen in tests/ops TestGaleraCluster: a mediation
		// lost while the case showed it recorded).
		return s.Err(rows.Close())
	}
	return nil
}

// addMediators appends to ids the mediators of the row as read.
func (r *caseRow) addMediators(ids []int64) []int64 {
	if r.mediators != nil {
		for _, part := range strings.Split(*r.mediators, ",") {
			if id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64); err == nil {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// finish returns case c as its rows read it, its deadline seen from today
// and its mediators in order (each once: a joined read repeats them for
// each open suspension).
func finish(c Case, today Date) Case {
	c.DeadlineView = ViewDeadline(c.Status, c.DeadlineOn, c.SuspendedOn, today)
	if c.Status != StatusSuspended {
		c.SuspendedOn = Date{}
	}
	slices.Sort(c.MediatorIDs)
	c.MediatorIDs = slices.Compact(c.MediatorIDs)
	return c
}

// EachCaseRow runs query, a SELECT of SelectCases (over caseFrom's tables
// when it reads names), and calls fn with each case until fn fails.
func (s *Store) EachCaseRow(ctx context.Context, fn func(Case) error, query string, args ...any) error {
	rows, err := s.DB.WithContext(ctx).Raw(query, args...).Rows()
	if err != nil {
		return s.Err(err)
	}
	var failed error
	err = s.ScanCases(rows, func(c Case) bool {
		failed = fn(c)
		return failed == nil
	})
	if failed != nil {
		return failed
	}
	return err
}
