package reports

import (
	"context"
	"database/sql"

	"fuyuan/app"
)

// Case scopes, the same words as the authorisation policy's.
const (
	ScopeAll      = "all"      // every case of the court
	ScopeOwn      = "own"      // the cases the user is the judge of
	ScopeAssigned = "assigned" // the cases the user is an assigned mediator of
	ScopeLinkage  = "linkage"  // 府院联动 cases only
)

// CaseScope narrows a list of cases to those its reader may read. The web
// layer fills it from the authorisation decision; reports only applies it.
type CaseScope struct {
	Kind   string // ScopeAll, ScopeOwn, ScopeAssigned or ScopeLinkage; anything else shows nothing
	UserID int64
}

// AllCases is the scope of the court's whole register (archived reports).
var AllCases = CaseScope{Kind: ScopeAll}

// filter returns whether a case (id, judge, linkage flag) is within the
// scope; for ScopeAssigned it loads the user's cases once.
func (sc CaseScope) filter(ctx context.Context, s *app.Store) (func(id, judge int64, linkage bool) bool, error) {
	switch sc.Kind {
	case ScopeAll:
		return func(int64, int64, bool) bool { return true }, nil
	case ScopeOwn:
		return func(_, judge int64, _ bool) bool { return judge == sc.UserID }, nil
	case ScopeLinkage:
		return func(_, _ int64, linkage bool) bool { return linkage }, nil
	case ScopeAssigned:
		mine := map[int64]bool{}
		err := querier{ctx, s}.rows("SELECT case_id FROM case_mediators WHERE user_id = ?", []any{sc.UserID}, func(r *sql.Rows) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			mine[id] = true
			return nil
		})
		return func(id, _ int64, _ bool) bool { return mine[id] }, err
	}
	return func(int64, int64, bool) bool { return false }, nil
}

// where returns the condition on the cases table aliased c, with its arguments.
func (sc CaseScope) where() (string, []any) {
	switch sc.Kind {
	case ScopeAll:
		return "", nil
	case ScopeOwn:
		return " AND c.judge_id = ?", []any{sc.UserID}
	case ScopeAssigned:
		return " AND EXISTS (SELECT 1 FROM case_mediators cm WHERE cm.case_id = c.id AND cm.user_id = ?)", []any{sc.UserID}
	case ScopeLinkage:
		return " AND c.linkage <> 0", nil
	}
	return " AND 1 = 0", nil
}
