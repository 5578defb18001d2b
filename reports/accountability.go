package reports

import (
	"context"
	"database/sql"
	"math"
	"sort"
	"strconv"
	"strings"

	"fuyuan/app"
)

// Dimensions are what the case figures can be broken down by (GET /stats?by=).
var Dimensions = app.Enum{Name: "by", Options: []app.Option{
	{Code: "organ", Label: "行政机关"}, {Code: "region", Label: "地区"}, {Code: "domain", Label: "领域"},
	{Code: "judge", Label: "承办法官"}, {Code: "case_type", Label: "案件类型"}, {Code: "cause", Label: "案由"},
}}

// dimensionColumn is the column of cases (aliased c) each dimension groups
// by; a region is an organ's, so its rows are the organs' rolled up. Each
// is an expression (the unary plus, a no-op on both databases), so that
// SQLite does not read the court's cases in the order of an index that
// begins with the dimension (the case list's) to group them without sorting:
// every case of the court instead of a period's, looked up one by one.
var dimensionColumn = map[string]string{
	"": "''", "organ": "+c.organ_id", "region": "+c.organ_id", "domain": "+c.domain",
	"judge": "COALESCE(c.judge_id, 0)", "case_type": "+c.case_type", "cause": "+c.cause",
}

// Accountability are the figures of domain.md "Outcomes and agency
// accountability" (行政应诉) for one period, under the keys of api.md. A rate
// whose denominator is 0 is nil (null in JSON, "—" in a sheet).
type Accountability struct {
	HearingCases               int64    `json:"hearing_cases"`
	HeadAppearedCases          int64    `json:"head_appeared_cases"`
	HeadAppearanceRate         *float64 `json:"head_appearance_rate"`
	HeadNotifiedCases          int64    `json:"head_notified_cases"`
	HeadNotifiedAppearedCases  int64    `json:"head_notified_appeared_cases"`
	HeadNotifiedAppearanceRate *float64 `json:"head_notified_appearance_rate"`
	HeadSpokeCases             int64    `json:"head_spoke_cases"`
	HeadSpokeRate              *float64 `json:"head_spoke_rate"`
	PrincipalHeadCases         int64    `json:"principal_head_cases"`
	PrincipalHeadRate          *float64 `json:"principal_head_rate"`
	OrganLost                  int64    `json:"organ_lost"`
	OrganLossRate              *float64 `json:"organ_loss_rate"`
	Corrected                  int64    `json:"corrected"`
	CorrectionRate             *float64 `json:"correction_rate"`
	FirstInstanceClosed        int64    `json:"first_instance_closed"`
	Appealed                   int64    `json:"appealed"`
	AcceptanceRate             *float64 `json:"acceptance_rate"`
	Reversed                   int64    `json:"reversed"`
	ReversalRate               *float64 `json:"reversal_rate"`
	ClosedWithinLimit          int64    `json:"closed_within_limit"`
	ClosedWithinLimitRate      *float64 `json:"closed_within_limit_rate"`
	ClosureRatio               *float64 `json:"closure_ratio"`
	OpenAtStart                int64    `json:"open_at_start"`
	ClearanceRate              *float64 `json:"clearance_rate"`
	LongPending                int64    `json:"long_pending"`
}

// CaseFigures are the figures of litigation cases that break down by a
// dimension: filings, closings, 调撤率 and the accountability figures.
type CaseFigures struct {
	NewCases                int64    `json:"new_cases"`
	Closed                  int64    `json:"closed"`
	Mediated                int64    `json:"mediated"`
	Withdrawn               int64    `json:"withdrawn"`
	MediationWithdrawalRate *float64 `json:"mediation_withdrawal_rate"`
	Accountability
	Resolution // 案结事了 (resolved.go): the period's resolutions, pre-litigation ones included
}

// FigureRow is the figures of one value of a dimension.
type FigureRow struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	CaseFigures
}

// FigureTable is the answer of GET /stats?by=: a row per value and the court's total.
type FigureTable struct {
	By    string      `json:"by"`
	Rows  []FigureRow `json:"rows"`
	Total CaseFigures `json:"total"`
}

// add adds the counts of o (rates are computed once the counts are summed).
func (f *CaseFigures) add(o CaseFigures) {
	f.NewCases += o.NewCases
	f.Closed += o.Closed
	f.Mediated += o.Mediated
	f.Withdrawn += o.Withdrawn
	a, b := &f.Accountability, o.Accountability
	a.HearingCases += b.HearingCases
	a.HeadAppearedCases += b.HeadAppearedCases
	a.HeadNotifiedCases += b.HeadNotifiedCases
	a.HeadNotifiedAppearedCases += b.HeadNotifiedAppearedCases
	a.HeadSpokeCases += b.HeadSpokeCases
	a.PrincipalHeadCases += b.PrincipalHeadCases
	a.OrganLost += b.OrganLost
	a.Corrected += b.Corrected
	a.FirstInstanceClosed += b.FirstInstanceClosed
	a.Appealed += b.Appealed
	a.Reversed += b.Reversed
	a.ClosedWithinLimit += b.ClosedWithinLimit
	a.OpenAtStart += b.OpenAtStart
	a.LongPending += b.LongPending
	f.Resolution.add(o.Resolution)
}

// rates computes every rate of domain.md from the counts.
func (f *CaseFigures) rates() {
	f.MediationWithdrawalRate = nullRate(f.Mediated+f.Withdrawn, f.Closed)
	a := &f.Accountability
	a.HeadAppearanceRate = nullRate(a.HeadAppearedCases, a.HearingCases)
	a.HeadNotifiedAppearanceRate = nullRate(a.HeadNotifiedAppearedCases, a.HeadNotifiedCases)
	a.HeadSpokeRate = nullRate(a.HeadSpokeCases, a.HeadAppearedCases)
	a.PrincipalHeadRate = nullRate(a.PrincipalHeadCases, a.HeadAppearedCases)
	a.OrganLossRate = nullRate(a.OrganLost, f.Closed)
	a.CorrectionRate = nullRate(a.Corrected, f.Closed)
	a.AcceptanceRate = nullRate(a.FirstInstanceClosed-a.Appealed, a.FirstInstanceClosed)
	a.ReversalRate = nullRate(a.Reversed, a.FirstInstanceClosed)
	a.ClosedWithinLimitRate = nullRate(a.ClosedWithinLimit, f.Closed)
	a.ClosureRatio = nullRate(f.Closed, f.NewCases)
	a.ClearanceRate = nullRate(f.Closed, a.OpenAtStart+f.NewCases)
	f.Resolution.rates()
}

// nullRate is num/den rounded to 4 decimals; nil when den is 0 (a rate with
// nothing to count is unknown, not zero).
func nullRate(num, den int64) *float64 {
	if den == 0 {
		return nil
	}
	r := math.Round(float64(num)/float64(den)*10000) / 10000
	return &r
}

// LongPendingCutoff is the filing day before which a case still open on `to`
// is long pending (长期未结: filed more than 12 months before `to`).
func LongPendingCutoff(to app.Date) app.Date { return to.AddMonths(-12) }

// CaseFiguresBy computes the case figures of the court's litigation cases
// for the period, per value of the dimension by ("" for the court only),
// with the court's total. Each figure is counted by the date of its own
// event: filings by filed_on, closings by closed_on, hearings by held_on;
// appeals of the period's closings as of asOf. The counts of the rows add up
// to the total: every case has exactly one value of each dimension.
func CaseFiguresBy(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date, by string) (FigureTable, error) {
	t, err := CaseFiguresByEach(ctx, s, court, p, asOf, by)
	if err != nil {
		return FigureTable{}, err
	}
	return t[0], nil
}

// CaseFiguresByEach is CaseFiguresBy for several dimensions at once, in one
// pass over the period's records: the cases are grouped by every column the
// dimensions need together (organ, domain, cause …), and each dimension's
// rows are those groups added up in Go. The tables are in the order of bys;
// each is exactly CaseFiguresBy's for its dimension.
func CaseFiguresByEach(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date, bys ...string) ([]FigureTable, error) {
	reqs := make([]figureRequest, len(bys))
	for i, by := range bys {
		reqs[i] = figureRequest{figurePeriod{p, asOf}, by}
	}
	return caseFigureTables(ctx, s, court, reqs)
}

// figurePeriod is a period whose case figures are computed and the day
// they are as of.
type figurePeriod struct {
	Period
	asOf app.Date
}

// figureRequest asks for the table of a period by a dimension.
type figureRequest struct {
	figurePeriod
	by string
}

// caseFigureTables computes the tables of several periods and dimensions
// together: each query but the hearings' (one per period) sums every
// period's figures at once (a sum per period of the rows in it) and groups
// by every column the dimensions need together; each table is the groups
// of its period added up in Go by its dimension's column, with the figures
// per day of its own dimension. Each is exactly CaseFiguresBy's for its
// period and dimension.
func caseFigureTables(ctx context.Context, s *app.Store, court string, reqs []figureRequest) ([]FigureTable, error) {
	// The distinct columns the dimensions group by (organ and region share
	// one) and the distinct periods.
	var cols []string
	var ps []figurePeriod
	colOf := make([]int, len(reqs))
	periodOf := make([]int, len(reqs))
	for i, r := range reqs {
		c, ok := dimensionColumn[r.by]
		if !ok {
			return nil, app.Invalid("by", "分组维度应为 organ、region、domain、judge、case_type 或 cause")
		}
		colOf[i], periodOf[i] = -1, -1
		for j, have := range ps {
			if have == r.figurePeriod {
				periodOf[i] = j
			}
		}
		if periodOf[i] < 0 {
			periodOf[i] = len(ps)
			ps = append(ps, r.figurePeriod)
		}
		if r.by == "" {
			continue
		}
		for j, have := range cols {
			if have == c {
				colOf[i] = j
			}
		}
		if colOf[i] < 0 {
			colOf[i] = len(cols)
			cols = append(cols, c)
		}
	}
	groups, err := caseFigureGroups(ctx, s, court, ps, cols)
	if err != nil {
		return nil, err
	}
	out := make([]FigureTable, len(reqs))
	for i, r := range reqs {
		// Each dimension's groups: the combined groups of its period added
		// up by its own column.
		mine := map[string]*CaseFigures{}
		for key, g := range groups[periodOf[i]] {
			k := ""
			if colOf[i] >= 0 {
				k = key
				if len(cols) > 1 {
					k = strings.Split(key, keySeparator)[colOf[i]]
				}
			}
			m, ok := mine[k]
			if !ok {
				m = &CaseFigures{}
				mine[k] = m
			}
			m.add(*g)
		}
		if err := addDayFigures(ctx, s, court, r.Period, r.by, mine); err != nil {
			return nil, err
		}
		if out[i], err = labelRows(ctx, s, court, r.by, mine); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// keySeparator joins the values of a group's columns into its key (the
// unit separator: no organ id, domain, cause, judge id or type holds it).
const keySeparator = "\x1f"

// periodSums builds the select list of a query that sums the figures of
// several periods in one read: k sums per period, each the rows meeting its
// condition, the first of them the rows the period's own query would read
// (the rows in the period). Its conditions compare a column's unary plus
// (an expression without affinity) with the bound day: against the DATE
// column itself SQLite would apply the column's numeric affinity to the day
// on every row, trying to read it as a number (a third of the monthly
// report's time at 1,000,000 cases); the days compare as text either way,
// and MariaDB ignores the plus.
type periodSums struct {
	sql  []string
	args []any
}

func (x *periodSums) add(cond string, args ...any) {
	x.sql = append(x.sql, "SUM(CASE WHEN "+cond+" THEN 1 ELSE 0 END)")
	x.args = append(x.args, args...)
}

func (x *periodSums) list() string { return strings.Join(x.sql, ", ") }

// periodRows runs query, whose select list is the group's key and then k
// sums for each of n periods (periodSums), and calls each per row and
// period with the period's sums; a row none of whose records is in a
// period (its first sum 0) is no group of that period, as the period's own
// query would not have read it, unless the query has no GROUP BY (always:
// its one row is the court's, records or not).
func periodRows(q querier, query string, args []any, n, k int, always bool, each func(i int, key string, v []int64)) error {
	return q.rows(query, args, func(r *sql.Rows) error {
		var key string
		vals := make([]sql.NullInt64, n*k)
		dest := make([]any, 0, 1+n*k)
		dest = append(dest, &key)
		for j := range vals {
			dest = append(dest, &vals[j])
		}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			v := make([]int64, k)
			for j := range v {
				v[j] = vals[i*k+j].Int64
			}
			if always || v[0] > 0 {
				each(i, key, v)
			}
		}
		return nil
	})
}

// figureSpan is what the periods ps read together: from the earliest
// start to the latest end, and their earliest and latest ends and as-of days.
type figureSpan struct {
	minFrom, minTo, maxTo, minAsOf, maxAsOf app.Date
}

// and joins the conditions that are not empty with AND ("1 = 1" if none is).
func and(conds ...string) string {
	var out []string
	for _, c := range conds {
		if c != "" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "1 = 1"
	}
	return strings.Join(out, " AND ")
}

func spanOf(ps []figurePeriod) figureSpan {
	sp := figureSpan{ps[0].From, ps[0].To, ps[0].To, ps[0].asOf, ps[0].asOf}
	for _, p := range ps[1:] {
		if p.From.Before(sp.minFrom) {
			sp.minFrom = p.From
		}
		if p.To.Before(sp.minTo) {
			sp.minTo = p.To
		}
		if p.To.After(sp.maxTo) {
			sp.maxTo = p.To
		}
		if p.asOf.Before(sp.minAsOf) {
			sp.minAsOf = p.asOf
		}
		if p.asOf.After(sp.maxAsOf) {
			sp.maxAsOf = p.asOf
		}
	}
	return sp
}

// caseFigureGroups computes the case figures of each period of ps grouped
// by the columns cols of cases c (none: one group, the court's), keyed by
// the columns' values joined with keySeparator: one map per period.
func caseFigureGroups(ctx context.Context, s *app.Store, court string, ps []figurePeriod, cols []string) ([]map[string]*CaseFigures, error) {
	col := "''"
	switch {
	case len(cols) == 1:
		col = cols[0]
	case len(cols) > 1 && s.Dialect == app.MySQL:
		col = "CONCAT_WS(CHAR(31 USING utf8mb4), " + strings.Join(cols, ", ") + ")"
	case len(cols) > 1:
		col = strings.Join(cols, " || char(31) || ")
	}
	lit, err := litigationTypes(ctx, s, court)
	if err != nil {
		return nil, err
	}
	litSQL, litArgs := lit.sql()
	litSQL = "c." + litSQL
	// The court's figures (by "") are one row: without a GROUP BY of a
	// constant, the database adds the rows up as it reads them instead of
	// sorting every one of them into a temporary b-tree first.
	groupBy := " GROUP BY " + col
	if len(cols) == 0 {
		groupBy = ""
	}
	always := groupBy == ""
	q := querier{ctx, s}
	n := len(ps)
	sp := spanOf(ps)
	groups := make([]map[string]*CaseFigures, n)
	for i := range groups {
		groups[i] = map[string]*CaseFigures{}
	}
	type partial struct {
		period int
		key    string
		f      CaseFigures
	}
	// A case long pending on a period's end was filed before its cutoff.
	cutoffs := make([]app.Date, n)
	maxCutoff := LongPendingCutoff(ps[0].To)
	for i, p := range ps {
		cutoffs[i] = LongPendingCutoff(p.To)
		if cutoffs[i].After(maxCutoff) {
			maxCutoff = cutoffs[i]
		}
	}
	// The filings, the periods' closings and the cases open at a period's
	// start are summed from the figures per day (addDayFigures, in
	// caseFigureTables); what is read here is what depends on more than one
	// day of a case, on today or on other records.
	queries := []func(each func(partial)) error{
		// The cases long pending on a period's end (filed before its cutoff)
		// and closed after it; those still open are summed from the figures
		// per day. MariaDB chooses its index by the two ranges (EXPLAIN at
		// 1,000,000 cases: the filings' for last year's report, nothing
		// filed before its cutoff; the closings' for this year's, the few
		// closed since its end); the unary pluses keep SQLite on the
		// closings' index from the earliest period's end on (otherwise it
		// reads every closed case filed by the cutoff from the status index).
		func(each func(partial)) error {
			var x periodSums
			for i, p := range ps {
				x.add("+c.closed_on > ? AND +c.filed_on < ?", p.To, cutoffs[i])
			}
			return periodRows(q, `SELECT `+col+`, `+x.list()+`
				FROM cases c WHERE c.court_code = ? AND c.closed_on > ? AND +c.status = 'closed' AND +c.filed_on < ? AND `+litSQL+groupBy,
				append(append(x.args, court, sp.minTo, maxCutoff), litArgs...), n, 1, always, func(i int, key string, v []int64) {
					x := partial{period: i, key: key}
					x.f.LongPending = v[0]
					each(x)
				})
		},
		// Appeals (of a period's first-instance closings) filed and
		// reversed by its asOf. An appeal carries its case's status,
		// closing day, type and dimensions (00210, app/hearing_dimensions.go),
		// so that the appeals are read from one covering index without a
		// lookup of each appealed case.
		func(each func(partial)) error {
			// An appeal is filed on or after its case's closing (FileAppeal):
			// those of a period's closings are filed from its start on.
			var x periodSums
			for _, p := range ps {
				in := "+c.closed_on >= ? AND +c.closed_on <= ? AND +c.filed_on >= ?"
				x.add(in, p.From, p.To, p.From)
				x.add(in+" AND +c.filed_on <= ?", p.From, p.To, p.From, p.asOf)
				x.add(in+" AND c.result IN ('altered', 'remanded') AND +c.decided_on <= ?", p.From, p.To, p.From, p.asOf)
			}
			args := append(x.args, court, sp.minFrom, sp.minFrom, sp.maxTo)
			for _, t := range app.FirstInstanceTypes {
				args = append(args, t)
			}
			return periodRows(q, `SELECT `+col+`, `+x.list()+`
				FROM (SELECT filed_on, result, decided_on, case_closed_on AS closed_on, case_type, organ_id, case_judge_id AS judge_id, domain, cause
					FROM appeals WHERE court_code = ? AND filed_on >= ? AND case_status = 'closed' AND case_closed_on >= ? AND case_closed_on <= ?
					AND case_type IN (`+placeholders(len(app.FirstInstanceTypes))+`)) c
				WHERE `+litSQL+groupBy,
				append(args, litArgs...), n, 3, always, func(i int, key string, v []int64) {
					x := partial{period: i, key: key}
					x.f.Appealed, x.f.Reversed = v[1], v[2]
					each(x)
				})
		},
	}
	// Hearings held in a period, each case once: whether its head was
	// notified, appeared, spoke, and appeared as 正职 at one of them. A
	// hearing carries its case's type and dimensions (00111), and the day
	// of its case's previous held hearing and previous one with each flag
	// (00160, app/hearing_chain.go): a case is counted by its first hearing
	// of the period with the flag, the one whose previous one with it was
	// held before the period, so that the hearings are read from one
	// covering index and added up as they are read, neither a case looked
	// up nor the hearings grouped by case. A case whose head was notified
	// and appeared (maybe at different hearings) is one notified plus one
	// appeared less one notified or appeared. One statement per period,
	// reading its own hearings: in one pass over a year to date and its
	// month, each of the year's hearings was tested against both periods'
	// seven sums (MariaDB's time is those tests more than the reading).
	for i, p := range ps {
		queries = append(queries, func(each func(partial)) error {
			var x periodSums
			x.add("1 = 1")
			first := func(flag, prev string) {
				x.add(and(flag, "(c."+prev+" IS NULL OR +c."+prev+" < ?)"), p.From)
			}
			first("", "prev_held_on")
			first("c.head_appeared <> 0", "prev_appeared_on")
			first("c.head_notified <> 0", "prev_notified_on")
			first("(c.head_notified <> 0 OR c.head_appeared <> 0)", "prev_either_on")
			first("c.head_appeared <> 0 AND c.head_spoke <> 0", "prev_spoke_on")
			first("c.head_appeared <> 0 AND c.head_rank = 'principal'", "prev_principal_on")
			return periodRows(q, `SELECT `+col+`, `+x.list()+`
				FROM (SELECT held_on, case_type, organ_id, case_judge_id AS judge_id, domain, cause, head_notified, head_appeared, head_spoke, head_rank,
					prev_held_on, prev_appeared_on, prev_notified_on, prev_either_on, prev_spoke_on, prev_principal_on
					FROM hearings WHERE court_code = ? AND held_on >= ? AND held_on <= ?) c
				WHERE `+litSQL+groupBy,
				append(append(x.args, court, p.From, p.To), litArgs...), 1, 7, always, func(_ int, key string, v []int64) {
					x := partial{period: i, key: key}
					a := &x.f.Accountability
					cases, appeared, notified, either, spoke, principal := v[1], v[2], v[3], v[4], v[5], v[6]
					a.HearingCases, a.HeadAppearedCases, a.HeadNotifiedCases = cases, appeared, notified
					a.HeadNotifiedAppearedCases = notified + appeared - either
					a.HeadSpokeCases, a.PrincipalHeadCases = spoke, principal
					each(x)
				})
		})
	}
	for _, run := range resolutionQueries(ctx, s, court, ps, col, groupBy) {
		queries = append(queries, func(each func(partial)) error {
			return run(func(i int, key string, r Resolution) {
				each(partial{period: i, key: key, f: CaseFigures{Resolution: r}})
			})
		})
	}
	// The queries run at once, each on its own connection (in background
	// work one after the other: app.Go); their rows are added under one lock.
	type result struct {
		parts []partial
		err   error
	}
	done := make(chan result, len(queries))
	for _, run := range queries {
		app.Go(ctx, func() {
			var r result
			r.err = run(func(x partial) { r.parts = append(r.parts, x) })
			done <- r
		})
	}
	for range queries {
		r := <-done
		if r.err != nil && err == nil {
			err = r.err
		}
		for _, x := range r.parts {
			g, ok := groups[x.period][x.key]
			if !ok {
				g = &CaseFigures{}
				groups[x.period][x.key] = g
			}
			g.add(x.f)
		}
	}
	if err != nil {
		return nil, err
	}
	return groups, nil
}

// addDayFigures adds to groups (keyed by by's values) the period's filings
// and closings, summed from the figures per day and dimension that the store
// keeps (app.CaseFigureContribution): new cases, closings by method and
// outcome, within the limit, first-instance closings, resolutions; and the
// cases open at its start and those long pending on its end still open
// now, summed from the days before. A case is closed when its status is and
// it has a closed_on, never before its filing day (CloseCase, the ledger
// import; a closed case is not edited): so the cases open at the period's
// start are those filed before it less those closed before it (new_cases
// − closed), and those open now filed before the cutoff are that span's
// filings less those of them closed since (new_cases − filed_closed); the
// cases long pending on the period's end and closed after it are added by
// caseFigureGroups' live query.
func addDayFigures(ctx context.Context, s *app.Store, court string, p Period, by string, groups map[string]*CaseFigures) error {
	lit, err := litigationTypes(ctx, s, court)
	if err != nil {
		return err
	}
	dim := by
	switch by {
	case "region":
		dim = "organ"
	case "case_type":
		dim = ""
	}
	keyOf := func(r app.FigureDayRow) string {
		if by == "case_type" {
			return r.CaseType
		}
		return r.Val
	}
	group := func(key string) *CaseFigures {
		g, ok := groups[key]
		if !ok {
			g = &CaseFigures{}
			groups[key] = g
		}
		return g
	}
	rows, err := s.CaseFigureDays(ctx, court, dim, p.From, p.To, false)
	if err != nil {
		return err
	}
	for _, r := range rows {
		g := group(keyOf(r))
		g.Resolution.ResolvedDisputes += r.Resolved
		if !lit.is(r.CaseType) {
			continue
		}
		g.NewCases += r.NewCases
		g.Closed += r.Closed
		g.Mediated += r.Mediated
		g.Withdrawn += r.Withdrawn
		a := &g.Accountability
		a.OrganLost += r.Lost
		a.Corrected += r.Corrected
		a.ClosedWithinLimit += r.WithinLimit
		if app.IsFirstInstance(r.CaseType) {
			a.FirstInstanceClosed += r.Closed
		}
	}
	// The days before the period's start, and before its cutoff, read as
	// the days before the earlier of the two and those from it to the
	// later (a day, for a year): a value is a group only with a case
	// counted (as a live query would have read one).
	start, cutoff := p.From, LongPendingCutoff(p.To)
	early, late := start, cutoff
	if late.Before(early) {
		early, late = late, early
	}
	open, long := map[string]int64{}, map[string]int64{}
	add := func(rows []app.FigureDayRow, toOpen, toLong bool) {
		for _, r := range rows {
			if !lit.is(r.CaseType) {
				continue
			}
			if toOpen {
				open[keyOf(r)] += r.NewCases - r.Closed
			}
			if toLong {
				long[keyOf(r)] += r.NewCases - r.FiledClosed
			}
		}
	}
	if rows, err = s.CaseFigureDays(ctx, court, dim, app.NewDate(1, 1, 1), early.AddDays(-1), false); err != nil {
		return err
	}
	add(rows, true, true)
	if early != late {
		if rows, err = s.CaseFigureDays(ctx, court, dim, early, late.AddDays(-1), false); err != nil {
			return err
		}
		add(rows, late == start, late == cutoff)
	}
	for key, n := range open {
		if n != 0 {
			group(key).OpenAtStart += n
		}
	}
	for key, n := range long {
		if n != 0 {
			group(key).LongPending += n
		}
	}
	return nil
}

// labelRows turns the groups into labelled rows (regions rolled up from
// organs), in the order of their labels, and sums the total.
func labelRows(ctx context.Context, s *app.Store, court, by string, groups map[string]*CaseFigures) (FigureTable, error) {
	t := FigureTable{By: by, Rows: []FigureRow{}}
	if by == "" {
		for _, g := range groups {
			t.Total.add(*g)
		}
		t.Total.rates()
		return t, nil
	}
	labels := map[string]string{}
	q := querier{ctx, s}
	switch by {
	case "organ", "region":
		region := map[string]string{}
		err := q.rows(`SELECT id, name, region FROM organs WHERE court_code = ?`, []any{court}, func(r *sql.Rows) error {
			var id int64
			var name, reg string
			if err := r.Scan(&id, &name, &reg); err != nil {
				return err
			}
			key := strconv.FormatInt(id, 10)
			labels[key], region[key] = name, reg
			return nil
		})
		if err != nil {
			return t, err
		}
		if by == "region" {
			rolled := map[string]*CaseFigures{}
			labels = map[string]string{}
			for key, g := range groups {
				reg := region[key]
				if _, ok := rolled[reg]; !ok {
					rolled[reg] = &CaseFigures{}
				}
				rolled[reg].add(*g)
				labels[reg] = reg
				if reg == "" {
					labels[reg] = "未填写地区"
				}
			}
			groups = rolled
		}
	case "judge":
		err := q.rows(`SELECT id, name FROM users WHERE court_code = ?`, []any{court}, func(r *sql.Rows) error {
			var id int64
			var name string
			if err := r.Scan(&id, &name); err != nil {
				return err
			}
			labels[strconv.FormatInt(id, 10)] = name
			return nil
		})
		if err != nil {
			return t, err
		}
		labels["0"] = "未指派"
	case "case_type":
		err := q.rows(`SELECT code, name FROM case_types WHERE court_code = ?`, []any{court}, func(r *sql.Rows) error {
			var code, name string
			if err := r.Scan(&code, &name); err != nil {
				return err
			}
			labels[code] = code + "（" + name + "）"
			return nil
		})
		if err != nil {
			return t, err
		}
	case "domain":
		for _, o := range app.Domains.Options {
			labels[o.Code] = o.Label
		}
	}
	for key, g := range groups {
		g.rates()
		label := labels[key]
		if label == "" {
			label = key
		}
		t.Rows = append(t.Rows, FigureRow{Key: key, Label: label, CaseFigures: *g})
		t.Total.add(*g)
	}
	t.Total.rates()
	sort.Slice(t.Rows, func(i, j int) bool {
		if t.Rows[i].Label != t.Rows[j].Label {
			return t.Rows[i].Label < t.Rows[j].Label
		}
		return strings.Compare(t.Rows[i].Key, t.Rows[j].Key) < 0
	})
	return t, nil
}
