package app_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// fieldCase is a case row for field-work tests, inserted directly into the
// cases table (the case register is another part's; only its table is shared).
type fieldCase struct {
	Court         string
	OrganID       int64
	JudgeID       int64
	FiledOn       string
	Status        string // filed when empty
	ClosedOn      string
	DaysToClose   int
	FastTrack     bool
	Linkage       bool
	WorkstationID int64
	Mediators     []int64
}

var fieldCaseSeq atomic.Int64

// insertFieldCase adds c to the cases table with every NOT NULL column and returns its id.
func insertFieldCase(t testing.TB, s *app.Store, c fieldCase) int64 {
	t.Helper()
	if c.Status == "" {
		c.Status = "filed"
	}
	filed := app.MustDate(c.FiledOn)
	seq := fieldCaseSeq.Add(1)
	no := fmt.Sprintf("（%d）%s行初%d号", filed.Year, c.Court, seq)
	var judge, ws, days any
	var closed any
	if c.JudgeID != 0 {
		judge = c.JudgeID
	}
	if c.WorkstationID != 0 {
		ws = c.WorkstationID
	}
	if c.ClosedOn != "" {
		closed, days = app.MustDate(c.ClosedOn), c.DaysToClose
	}
	now := s.Clock.Now().UTC()
	err := s.DB.Exec(`INSERT INTO cases (court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name, plaintiff_kind,
		organ_id, filed_on, judge_id, linkage, workstation_id, fast_track, status, deadline_on, closed_on, days_to_close, created_at, updated_at)
		VALUES (?, ?, '行初', ?, ?, '行政处罚', 'tourism', ?, 'individual', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Court, no, filed.Year, seq, fmt.Sprintf("游客%d", seq), c.OrganID, filed, judge, c.Linkage, ws, c.FastTrack,
		c.Status, filed.AddMonths(6), closed, days, now, now).Error
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := s.DB.Raw("SELECT id FROM cases WHERE court_code = ? AND case_no = ?", c.Court, no).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	for _, m := range c.Mediators {
		if err := s.DB.Exec("INSERT INTO case_mediators (case_id, user_id) VALUES (?, ?)", id, m).Error; err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func TestFastTrackQueueIsOldestFirstWithinTheReadersScope(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		judge1, mediator := ct.Users["judge1"].ID, ct.Users["mediator1"].ID
		// Today is 2025-07-01.
		newer := insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, JudgeID: judge1, FiledOn: "2025-06-28", FastTrack: true, Mediators: []int64{mediator}})
		older := insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, JudgeID: judge1, FiledOn: "2025-06-20", FastTrack: true, Linkage: true, Status: "mediating"})
		insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, FiledOn: "2025-05-02", FastTrack: true, Status: "closed", ClosedOn: "2025-05-05", DaysToClose: 3})
		insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, FiledOn: "2025-04-01", FastTrack: true, Status: "closed", ClosedOn: "2025-04-11", DaysToClose: 10, Linkage: true})
		insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, FiledOn: "2025-06-01"}) // not fast track
		insertFieldCase(t, s, fieldCase{Court: "粤1881", OrganID: ct.Organ2.ID, FiledOn: "2025-06-01", FastTrack: true})

		tests := []struct {
			rule      string
			user      string
			scope     app.Scope
			wantIDs   []int64
			wantDays  []int
			wantAvg   *float64
			wantClose int64
		}{
			{"everyone who reads all cases sees every open one, oldest first", "judge2", "all", []int64{older, newer}, []int{11, 3}, ptr(6.5), 2},
			{"a mediator sees only the cases assigned to them", "mediator1", "assigned", []int64{newer}, []int{3}, nil, 0},
			{"a liaison sees only linkage cases", "liaison1", "linkage", []int64{older}, []int{11}, ptr(10), 1},
			{"another court sees its own queue only", "judge3", "all", nil, nil, nil, 0},
		}
		for _, tc := range tests {
			t.Run(tc.rule, func(t *testing.T) {
				q, err := s.FastTrackQueue(ctx, app.NewVisibility(ct.Actor(tc.user), tc.scope), app.Page{Page: 1, Size: 20})
				if err != nil {
					t.Fatal(err)
				}
				if tc.user == "judge3" {
					if q.Total != 1 || len(q.Items) != 1 || q.Closed != 0 || q.AvgDaysToClose != nil {
						t.Fatalf("粤1881 queue: %+v", q)
					}
					return
				}
				if int(q.Total) != len(tc.wantIDs) || len(q.Items) != len(tc.wantIDs) {
					t.Fatalf("total %d items %d, want %d", q.Total, len(q.Items), len(tc.wantIDs))
				}
				for i, it := range q.Items {
					if it.ID != tc.wantIDs[i] || it.DaysSinceFiling != tc.wantDays[i] {
						t.Errorf("item %d: id %d days %d, want id %d days %d", i, it.ID, it.DaysSinceFiling, tc.wantIDs[i], tc.wantDays[i])
					}
				}
				if q.Closed != tc.wantClose {
					t.Errorf("closed %d, want %d", q.Closed, tc.wantClose)
				}
				switch {
				case tc.wantAvg == nil && q.AvgDaysToClose != nil:
					t.Errorf("avg %v, want none", *q.AvgDaysToClose)
				case tc.wantAvg != nil && (q.AvgDaysToClose == nil || *q.AvgDaysToClose != *tc.wantAvg):
					t.Errorf("avg %v, want %v", q.AvgDaysToClose, *tc.wantAvg)
				}
			})
		}
		if _, err := s.FastTrackQueue(ctx, app.NewVisibility(ct.Actor("admin"), app.ScopeNone), app.Page{Page: 1, Size: 20}); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("no scope: %v, want forbidden", err)
		}
	})
}

func ptr(f float64) *float64 { return &f }

// must returns v, failing the test given to it when err is not nil:
// must(s.CreateCircuit(ctx, a, in))(t).
func must[T any](v T, err error) func(t testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
