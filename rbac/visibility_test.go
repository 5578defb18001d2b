package rbac_test

import (
	"context"
	"slices"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
	"fuyuan/rbac"
)

// TestVisibilitySQLAndInMemoryAgree guards the one definition of who sees
// what: for every demo user and every action on cases, letters and meetings,
// the records the visibility's SQL condition keeps are exactly those its
// in-memory check (the one Authorize uses) accepts, over every demo record
// of both courts.
func TestVisibilitySQLAndInMemoryAgree(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		if err := demo.Seed(ctx, s); err != nil {
			t.Fatal(err)
		}
		en, err := rbac.New(s.DB, apptest.Quiet())
		if err != nil {
			t.Fatal(err)
		}
		type table struct {
			name    string
			cols    app.Columns
			from    string
			records map[int64]app.Record
		}
		load := func(q string, scan func(id int64, court string, owner *int64, linkage bool) app.Record) map[int64]app.Record {
			t.Helper()
			rows, err := s.DB.Raw(q).Rows()
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[int64]app.Record{}
			for rows.Next() {
				var id int64
				var court string
				var owner *int64
				var linkage bool
				if err := rows.Scan(&id, &court, &owner, &linkage); err != nil {
					t.Fatal(err)
				}
				out[id] = scan(id, court, owner, linkage)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			return out
		}
		ownerOf := func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		}
		var mediators []struct{ CaseID, UserID int64 }
		if err := s.DB.Raw("SELECT case_id, user_id FROM case_mediators").Scan(&mediators).Error; err != nil {
			t.Fatal(err)
		}
		assigned := map[int64][]int64{}
		for _, m := range mediators {
			assigned[m.CaseID] = append(assigned[m.CaseID], m.UserID)
		}
		tables := map[string]table{
			"case": {name: "case", cols: app.CaseColumns("c"), from: "cases c",
				records: load("SELECT id, court_code, judge_id, linkage FROM cases", func(id int64, court string, owner *int64, linkage bool) app.Record {
					return app.Record{Kind: "case", Court: court, Owner: ownerOf(owner), Assigned: assigned[id], Linkage: linkage}
				})},
			"letter": {name: "letter", cols: app.LetterColumns("l"), from: "letters l",
				records: load("SELECT id, court_code, drafted_by, 0 FROM letters", func(_ int64, court string, owner *int64, _ bool) app.Record {
					return app.Record{Kind: "letter", Court: court, Owner: ownerOf(owner)}
				})},
			"meeting": {name: "meeting", cols: app.MeetingColumns("m"), from: "meetings m",
				records: load("SELECT id, court_code, created_by, 0 FROM meetings", func(_ int64, court string, owner *int64, _ bool) app.Record {
					return app.Record{Kind: "meeting", Court: court, Owner: ownerOf(owner)}
				})},
		}
		for kind, tb := range tables {
			if len(tb.records) == 0 {
				t.Fatalf("the demo has no %s", kind)
			}
		}
		actions := []rbac.Action{rbac.CaseRead, rbac.CaseEdit, rbac.CaseAssign, rbac.CaseClose, rbac.CaseSuspend,
			rbac.CaseMediate, rbac.CaseCommit, rbac.LetterRead, rbac.LetterIssue, rbac.LetterReply,
			rbac.MeetingRead, rbac.MeetingWrite}
		scopesSeen := map[app.Scope]bool{}
		var users []app.User
		if err := s.DB.Order("id").Find(&users).Error; err != nil {
			t.Fatal(err)
		}
		if len(users) < len(demo.Accounts) {
			t.Fatalf("%d users, want every demo account", len(users))
		}
		for _, u := range users {
			a := u.Actor()
			for _, action := range actions {
				vis, err := en.Visibility(a, action)
				if err != nil {
					t.Fatal(err)
				}
				scopesSeen[vis.Scope] = true
				tb := tables[action.Kind()]
				cond, args, _ := vis.Where(tb.cols)
				var inSQL []int64
				if err := s.DB.Raw("SELECT "+tb.cols.Court[:1]+".id FROM "+tb.from+" WHERE "+cond+" ORDER BY 1", args...).Scan(&inSQL).Error; err != nil {
					t.Fatal(err)
				}
				var inMemory []int64
				for id, r := range tb.records {
					if vis.Sees(r) {
						inMemory = append(inMemory, id)
					}
					// Authorize decides on the same check.
					want := vis.Sees(r)
					if err := en.Authorize(a, action, r); (err == nil) != want {
						t.Fatalf("%s %s on %s %d: Authorize %v, Sees %v", a.Username, action, r.Kind, id, err, want)
					}
				}
				slices.Sort(inMemory)
				if !slices.Equal(inSQL, inMemory) {
					t.Errorf("%s %s (scope %q): SQL keeps %d %ss, the in-memory check %d", a.Username, action, vis.Scope, len(inSQL), tb.name, len(inMemory))
				}
			}
		}
		for _, sc := range append([]app.Scope{app.ScopeNone}, app.ScopesByBreadth...) {
			if !scopesSeen[sc] {
				t.Errorf("no demo user has scope %q for any action: the test does not cover it", sc)
			}
		}
	})
}
