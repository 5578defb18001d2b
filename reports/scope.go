package reports

import (
	"context"
	"database/sql"

	"fuyuan/app"
)

// caseVisibility is the in-memory form of vis for a case read as its id,
// judge and linkage flag: it loads the cases vis.UserID is an assigned
// mediator of once, and asks vis.Sees of each case.
func caseVisibility(ctx context.Context, s *app.Store, court string, vis app.Visibility) (func(id, judge int64, linkage bool) bool, error) {
	mediated := map[int64]bool{}
	if !vis.Whole() && !vis.None() {
		err := querier{ctx, s}.rows("SELECT case_id FROM case_mediators WHERE user_id = ?", []any{vis.UserID}, func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			mediated[id] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return func(id, judge int64, linkage bool) bool {
		rec := app.Record{Kind: "case", Court: court, Owner: judge, Linkage: linkage}
		if mediated[id] {
			rec.Assigned = []int64{vis.UserID}
		}
		return vis.Sees(rec)
	}, nil
}
