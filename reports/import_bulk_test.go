package reports_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// bulkLedger is a ledger of n rows that exercises what a filing and a
// closing write: numbers given and running numbers of several types and
// years, closings of every kind (resolutions with their visits, judgments
// with results, failed pre-litigation mediations), plaintiffs who come
// back against the same organ after a resolution (re-filings, in the
// ledger's order and against it, inside one batch and across batches),
// the case file's columns and organs not yet registered.
func bulkLedger(organ string, n int) []reports.LedgerRow {
	var rows []reports.LedgerRow
	for i := 0; i < n; i++ {
		r := reports.LedgerRow{Row: i + 2, CaseType: "行初", Cause: "行政处罚", Domain: "ecology",
			Plaintiff: fmt.Sprintf("原告%d", i%37), PlaintiffKind: "individual", Organ: organ,
			FiledOn: app.MustDate(fmt.Sprintf("%d-%02d-%02d", 2024+i%2, 1+i%4, 1+i%27)), Judge: []string{"judge1", "judge2"}[i%2]}
		switch i % 7 {
		case 1:
			r.CaseType = "行审"
		case 2:
			r.CaseType = "行诉前调"
		case 3:
			r.Organ = fmt.Sprintf("清远市清新区第%d交通运输局", i%3)
		}
		if i%11 == 0 {
			r.CaseNo = fmt.Sprintf("（%d）粤1803%s%d号", r.FiledOn.Year, r.CaseType, 900+i)
		}
		switch i % 5 {
		case 0:
			r.Method, r.ClosedOn = "withdrawal", r.FiledOn.AddDays(20)
		case 1:
			r.Method, r.ClosedOn = "judgment", r.FiledOn.AddDays(40)
			r.JudgmentResult = "revoke"
		case 2:
			r.Method, r.ClosedOn = "mediation", r.FiledOn.AddDays(3)
		}
		if r.CaseType == "行诉前调" && r.Method == "judgment" {
			r.Method, r.JudgmentResult = "failed", ""
		}
		if r.CaseType == "行诉前调" && r.Method == "withdrawal" {
			r.Method = "mediation"
		}
		if i%13 == 0 {
			r.CoPlaintiffs, r.ThirdParties = []string{"黎桂英", "陈国栋"}, []string{"广东省清新林场"}
			r.ActNumber, r.Claims = fmt.Sprintf("清新林罚决字〔2025〕%d号", i), "撤销行政处罚决定"
		}
		rows = append(rows, r)
	}
	return rows
}

// importedState is what an import wrote: every row of the tables a filing
// and a closing write, as text, in the order of their keys (the audit
// entries without their ids, whose order depends on when an organ was
// created).
func importedState(t *testing.T, s *app.Store) map[string][]string {
	t.Helper()
	queries := map[string]string{
		"cases":          "SELECT * FROM cases ORDER BY id",
		"counters":       "SELECT court_code, kind, year, last FROM counters ORDER BY court_code, kind, year",
		"case_counts":    "SELECT court_code, judge_id, case_type, status, n FROM case_counts WHERE n <> 0 ORDER BY court_code, judge_id, case_type, status",
		"case_search":    "SELECT court_code, kind, term FROM case_search ORDER BY court_code, kind, term",
		"case_refilings": "SELECT case_id, refiling_id, court_code, refiled_on, created_at FROM case_refilings ORDER BY case_id, refiling_id",
		"visits":         "SELECT * FROM visits ORDER BY id",
		"case_parties":   "SELECT * FROM case_parties ORDER BY id",
		"case_acts":      "SELECT * FROM case_acts ORDER BY case_id",
		"organs":         "SELECT * FROM organs ORDER BY id",
		"audit_log":      "SELECT court_code, at, user_id, username, action, entity, entity_id, before_json, after_json FROM audit_log",
	}
	out := map[string][]string{}
	for table, q := range queries {
		rows, err := s.DB.Raw(q).Rows()
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals, err := apptest.ScanText(rows)
			if err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], fmt.Sprint(vals))
		}
		rows.Close()
	}
	sort.Strings(out["audit_log"])
	return out
}

// bulkImportStore is a fresh store of dialect with the test courts and the
// shipped policy.
func bulkImportStore(t *testing.T, dialect string) (*app.Store, *apptest.Court) {
	t.Helper()
	s := apptest.MustOpen(t, dialect, app.NewFakeClock(apptest.DefaultNow))
	ct := apptest.MustCourts(t, s)
	en, err := rbac.New(s.DB, apptest.Quiet())
	if err != nil {
		t.Fatal(err)
	}
	s.Authz = en
	return s, ct
}

// TestALedgerImportedInBatchesWritesWhatOneByOneWrites imports the same
// ledger row by row (batches of one: each row the filing of the form and its
// closing) and in batches of many, each into a fresh database of its kind:
// the cases, numbers, counts, search terms, re-filings, visits, case files,
// organs and audit entries are the same, and the counts and the figures per
// day agree with the cases.
func TestALedgerImportedInBatchesWritesWhatOneByOneWrites(t *testing.T) {
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			var states []map[string][]string
			// 300: the whole ledger at once, more cases to a batch than a
			// SQLite statement writes or closes (app's statementRows).
			for _, batch := range []int{1, 64, 300} {
				s, ct := bulkImportStore(t, dialect)
				restore := reports.SetLedgerBatch(batch)
				rows := bulkLedger(ct.Organ.Name, 300)
				n, err := reports.ImportLedger(ctx, s, ct.Actor("leader"), rows, nil)
				restore()
				if err != nil || n != len(rows) {
					t.Fatalf("batches of %d: %d, %v", batch, n, err)
				}
				if drift, err := s.CaseCountsDrift(ctx); err != nil || len(drift) > 0 {
					t.Fatalf("batches of %d: counts drift %v %v", batch, drift, err)
				}
				if drift, err := s.CaseFigureDaysDrift(ctx); err != nil || len(drift) > 0 {
					t.Fatalf("batches of %d: figures per day drift %v %v", batch, drift, err)
				}
				st := importedState(t, s)
				for _, table := range []string{"cases", "case_refilings", "visits", "case_parties", "case_acts"} {
					if len(st[table]) == 0 {
						t.Fatalf("batches of %d wrote no %s: the ledger does not test them", batch, table)
					}
				}
				states = append(states, st)
			}
			for _, st := range states[1:] {
				for table, one := range states[0] {
					many := st[table]
					if !reflect.DeepEqual(one, many) {
						for i := range min(len(one), len(many)) {
							if one[i] != many[i] {
								t.Fatalf("%s differs (%d and %d rows); first at %d:\n one by one %s\n in batches %s", table, len(one), len(many), i, one[i], many[i])
							}
						}
						t.Fatalf("%s: %d rows one by one, %d in batches", table, len(one), len(many))
					}
				}
			}
		})
	}
}

// TestALedgerImportedInBatchesListsTheProblemsOfEveryRow gives a ledger bad
// rows in several batches (an unknown judge and case type, a number given
// twice in one batch and across batches, a number in use, closings the
// case's type does not allow): the import lists the same problems as one
// row at a time, every one on its row, and imports nothing.
func TestALedgerImportedInBatchesListsTheProblemsOfEveryRow(t *testing.T) {
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			var got [][]reports.RowError
			for _, batch := range []int{1, 2} {
				s, ct := bulkImportStore(t, dialect)
				leader := ct.Actor("leader")
				restore := reports.SetLedgerBatch(batch)
				defer restore()
				if _, err := reports.ImportLedger(ctx, s, leader, bulkLedger(ct.Organ.Name, 1)[:1], nil); err != nil {
					t.Fatal(err)
				}
				rows := bulkLedger(ct.Organ.Name, 60)
				rows[3].Judge = "nobody"
				rows[5].CaseType = "行无"
				// The rows with numbers go first, two to a batch: rows[0] and
				// rows[11], rows[12] and rows[22], rows[33] and rows[40], …
				rows[12].CaseNo, rows[12].CaseType, rows[12].FiledOn = rows[11].CaseNo, rows[11].CaseType, rows[11].FiledOn // the batch before
				rows[40].CaseNo, rows[40].CaseType, rows[40].FiledOn = rows[33].CaseNo, rows[33].CaseType, rows[33].FiledOn // the same batch
				rows[50].CaseNo = "（2024）粤1803行初900号"                                                                       // imported before
				rows[50].CaseType, rows[50].FiledOn = "行初", app.MustDate("2024-01-01")
				rows[20].Method, rows[20].ClosedOn = "failed", rows[20].FiledOn.AddDays(1)
				rows[21].Method, rows[21].ClosedOn, rows[21].JudgmentResult = "judgment", rows[21].FiledOn.AddDays(1), "compensate"
				var before int64
				s.DB.Table("cases").Count(&before)
				_, err := reports.ImportLedger(ctx, s, leader, rows, nil)
				var bad *reports.ErrLedgerRows
				if !errors.As(err, &bad) {
					t.Fatalf("batches of %d: %v, want the rows' problems", batch, err)
				}
				var after int64
				s.DB.Table("cases").Count(&after)
				if after != before {
					t.Fatalf("batches of %d: a refused ledger left %d cases (had %d)", batch, after, before)
				}
				got = append(got, bad.Errors)
			}
			if !reflect.DeepEqual(got[0], got[1]) {
				t.Fatalf("problems one by one %+v\nin batches %+v", got[0], got[1])
			}
			var where []string
			for _, e := range got[1] {
				where = append(where, fmt.Sprintf("%d %s", e.Row, e.Field))
			}
			want := "2 案号,5 承办法官,7 案件类型,14 案号,22 结案方式,23 判决结果,42 案号,52 案号"
			if strings.Join(where, ",") != want {
				t.Fatalf("problems %q, want %q: %+v", strings.Join(where, ","), want, got[1])
			}
		})
	}
}
