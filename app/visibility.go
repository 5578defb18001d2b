package app

import (
	"slices"

	"gorm.io/gorm"
)

// Scope is how far a role's permission reaches within its court, as the
// authorisation policy names it (the fifth column of a policy row). This is
// the one definition of the scopes; rbac, lists, exports, reports and pages
// all use it through Visibility.
type Scope string

// The scopes, from the widest to the narrowest.
const (
	ScopeNone     Scope = ""         // the role may not take the action at all
	ScopeAll      Scope = "all"      // every record of the court
	ScopeOwn      Scope = "own"      // records the user owns: the assigned judge, the drafter, the recorder
	ScopeAssigned Scope = "assigned" // cases the user is an assigned mediator of
	ScopeLinkage  Scope = "linkage"  // 府院联动 cases only
)

// ScopesByBreadth lists the scopes from the widest to the narrowest.
var ScopesByBreadth = []Scope{ScopeAll, ScopeOwn, ScopeAssigned, ScopeLinkage}

// Record is what visibility reads of a record: its kind, court, owner (the
// assigned judge of a case, the drafter of a letter, the recorder of a
// meeting), assigned mediators and linkage flag.
type Record struct {
	Kind     string
	Court    string // "" for the court-level collection of a kind
	Owner    int64
	Assigned []int64
	Linkage  bool
}

// Columns names the SQL expressions of a table that visibility reads; an
// empty name means the table has no such thing (a letter has no linkage
// flag), and a scope that needs it sees none of the table's rows.
type Columns struct {
	Court   string // the court code
	Owner   string // the owner's user id
	Linkage string // the 府院联动 flag
	CaseID  string // the case id, matched against case_mediators for ScopeAssigned
}

// CaseColumns are the columns of the cases table under alias (e.g. "c" or "cases").
func CaseColumns(alias string) Columns {
	return Columns{Court: alias + ".court_code", Owner: alias + ".judge_id", Linkage: alias + ".linkage", CaseID: alias + ".id"}
}

// LetterColumns are the columns of the letters table under alias: a letter's owner is its drafter.
func LetterColumns(alias string) Columns {
	return Columns{Court: alias + ".court_code", Owner: alias + ".drafted_by"}
}

// MeetingColumns are the columns of the meetings table under alias: a meeting's owner is its recorder.
func MeetingColumns(alias string) Columns {
	return Columns{Court: alias + ".court_code", Owner: alias + ".created_by"}
}

// Visibility is who may see which records: the actor's court and user id
// with the scope the policy grants the actor for an action. Its two forms,
// Sees (in memory, on one record) and Where (SQL, on a table), come from
// the one table of scope rules below.
type Visibility struct {
	Court  string
	UserID int64
	Scope  Scope
}

// NewVisibility is the visibility of the actor under scope.
func NewVisibility(a Actor, scope Scope) Visibility {
	return Visibility{Court: a.Court, UserID: a.UserID, Scope: scope}
}

// CourtVisibility sees every record of court (archived reports, jobs that run for the court).
func CourtVisibility(court string) Visibility { return Visibility{Court: court, Scope: ScopeAll} }

// scopeRule is one scope's definition: the in-memory test and the SQL
// condition side by side. sql answers ok=false when the table lacks a column
// the scope reads.
type scopeRule struct {
	sees func(v Visibility, r Record) bool
	sql  func(v Visibility, c Columns) (cond string, args []any, ok bool)
}

var scopeRules = map[Scope]scopeRule{
	ScopeAll: {
		sees: func(Visibility, Record) bool { return true },
		sql:  func(Visibility, Columns) (string, []any, bool) { return "", nil, true },
	},
	ScopeOwn: {
		sees: func(v Visibility, r Record) bool { return r.Owner != 0 && r.Owner == v.UserID },
		sql: func(v Visibility, c Columns) (string, []any, bool) {
			return c.Owner + " = ?", []any{v.UserID}, c.Owner != ""
		},
	},
	ScopeAssigned: {
		sees: func(v Visibility, r Record) bool { return slices.Contains(r.Assigned, v.UserID) },
		sql: func(v Visibility, c Columns) (string, []any, bool) {
			return "EXISTS (SELECT 1 FROM case_mediators vm WHERE vm.case_id = " + c.CaseID + " AND vm.user_id = ?)",
				[]any{v.UserID}, c.CaseID != ""
		},
	},
	ScopeLinkage: {
		sees: func(_ Visibility, r Record) bool { return r.Linkage },
		sql: func(_ Visibility, c Columns) (string, []any, bool) {
			return c.Linkage + " <> 0", nil, c.Linkage != ""
		},
	},
}

// None reports whether the visibility sees no record at all.
func (v Visibility) None() bool {
	_, ok := scopeRules[v.Scope]
	return !ok
}

// Whole reports whether the visibility sees every record of its court.
func (v Visibility) Whole() bool { return v.Scope == ScopeAll }

// PerUser reports whether two users of one court with the same scope may
// see different records (own, assigned): a cache of what they see is keyed by user.
func (v Visibility) PerUser() bool { return v.Scope == ScopeOwn || v.Scope == ScopeAssigned }

// Sees reports whether the record lies within the visibility. A record of
// the court-level collection (Court "") counts as the visibility's court.
func (v Visibility) Sees(r Record) bool {
	rule, ok := scopeRules[v.Scope]
	if !ok || (r.Court != "" && r.Court != v.Court) {
		return false
	}
	return rule.sees(v, r)
}

// Where is the SQL condition (with its arguments) that keeps the rows of a
// table with columns c that the visibility sees, the court included. ok is
// false when the scope reads a column c lacks; cond then keeps no row.
func (v Visibility) Where(c Columns) (cond string, args []any, ok bool) {
	rule, known := scopeRules[v.Scope]
	if !known {
		return "1 = 0", nil, true
	}
	sc, sargs, ok := rule.sql(v, c)
	if !ok {
		return "1 = 0", nil, false
	}
	cond, args = c.Court+" = ?", []any{v.Court}
	if sc != "" {
		cond += " AND " + sc
		args = append(args, sargs...)
	}
	return cond, args, true
}

// Apply adds the visibility's condition to a query over a table with columns c.
func (v Visibility) Apply(q *gorm.DB, c Columns) *gorm.DB {
	cond, args, _ := v.Where(c)
	return q.Where(cond, args...)
}

// Record is the visibility record of the case.
func (c CaseRef) Record() Record {
	return Record{Kind: "case", Court: c.CourtCode, Owner: c.JudgeID, Assigned: c.MediatorIDs, Linkage: c.Linkage}
}
