package app

import (
	"strings"

	"gorm.io/gorm"
)

// Action names a domain action: "case:close" is the verb "close" on the
// kind "case". The authorisation policy (package rbac) grants actions to roles.
type Action string

// Kind returns the resource kind of the action.
func (a Action) Kind() string { k, _, _ := strings.Cut(string(a), ":"); return k }

// Verb returns the verb of the action.
func (a Action) Verb() string { _, v, _ := strings.Cut(string(a), ":"); return v }

// The actions on a case that the case services decide themselves, on the
// locked row (rbac re-exports them as rbac.CaseEdit …).
const (
	ActionCaseEdit      Action = "case:edit"
	ActionCaseAssign    Action = "case:assign"    // assign the judge
	ActionCaseMediators Action = "case:mediators" // set the mediators, at filing and later
	ActionCaseClose     Action = "case:close"
	ActionCaseSuspend   Action = "case:suspend"
	ActionCaseMediate   Action = "case:mediate"
	ActionCaseCommit    Action = "case:commit"

	// Hearings and appeals of a case, decided on the case's locked row too.
	ActionHearingWrite Action = "hearing:write" // schedule a hearing of a case and record what happened at it
	ActionAppealWrite  Action = "appeal:write"  // record an appeal of a case and its second-instance result

	ActionOrganWrite Action = "organ:write" // register an organ by hand
	// ActionOrganImport: a ledger import may register the organs its rows
	// name that the court does not have yet (granted with import:cases).
	ActionOrganImport Action = "organ:import"
)

// Authorizer is the one authorisation decision (rbac.Enforcer): may the
// actor take action on the record? nil, or an *Error (ENOTFOUND for another
// court's record, EFORBIDDEN).
type Authorizer interface {
	Authorize(a Actor, action Action, r Record) error
}

// authorizeCaseTx decides, inside tx and on the case row that lockCaseTx has
// locked, whether the actor may take action on the case: a reassignment
// committed after the page was loaded is seen here. A store without an
// Authorizer (seeding, command-line tools) trusts its caller; the web server
// always sets one.
func (s *Store) authorizeCaseTx(tx *gorm.DB, a Actor, r caseRecord, actions ...Action) error {
	if s.Authz == nil {
		return nil
	}
	rec, err := s.caseRecordOfTx(tx, r)
	if err != nil {
		return err
	}
	for _, action := range actions {
		if err := s.Authz.Authorize(a, action, rec); err != nil {
			return err
		}
	}
	return nil
}

// authorizeCourt decides an action on the actor's court as a whole (a
// new organ); a store without an Authorizer trusts its caller.
func (s *Store) authorizeCourt(a Actor, action Action) error {
	if s.Authz == nil {
		return nil
	}
	return s.Authz.Authorize(a, action, Record{Kind: action.Kind(), Court: a.Court})
}

// lockCaseForTx locks case id of the actor's court (lockCaseTx) and decides
// on the locked row whether the actor may take action on it.
func (s *Store) lockCaseForTx(tx *gorm.DB, a Actor, id int64, action Action) (caseRecord, error) {
	r, err := s.lockCaseTx(tx, a.Court, id)
	if err != nil {
		return r, err
	}
	return r, s.authorizeCaseTx(tx, a, r, action)
}

// caseRecordOfTx is the visibility record of a locked case, with its mediators.
func (s *Store) caseRecordOfTx(tx *gorm.DB, r caseRecord) (Record, error) {
	rec := Record{Kind: "case", Court: r.CourtCode, Linkage: r.Linkage, Assigned: []int64{}}
	if r.JudgeID != nil {
		rec.Owner = *r.JudgeID
	}
	err := tx.Table("case_mediators").Where("case_id = ?", r.ID).Order("user_id").Pluck("user_id", &rec.Assigned).Error
	return rec, err
}

// AuthorizePatch is the rule of a patch on a case: changing the judge needs
// case:assign, the mediators case:mediators, anything else case:edit; a
// patch that changes nothing needs one of them.
func AuthorizePatch(z Authorizer, a Actor, ref CaseRef, pt CasePatch) error {
	rec := ref.Record()
	var need []Action
	if pt.ChangesJudge(ref) {
		need = append(need, ActionCaseAssign)
	}
	if pt.ChangesMediators(ref) {
		need = append(need, ActionCaseMediators)
	}
	if pt.ChangesDetails() {
		need = append(need, ActionCaseEdit)
	}
	if len(need) == 0 {
		for _, action := range []Action{ActionCaseAssign, ActionCaseMediators} {
			if z.Authorize(a, action, rec) == nil {
				return nil
			}
		}
		need = []Action{ActionCaseEdit}
	}
	for _, action := range need {
		if err := z.Authorize(a, action, rec); err != nil {
			return err
		}
	}
	return nil
}

// authorizePatchTx is AuthorizePatch on the locked case r.
func (s *Store) authorizePatchTx(tx *gorm.DB, a Actor, r caseRecord, pt CasePatch) error {
	if s.Authz == nil {
		return nil
	}
	rec, err := s.caseRecordOfTx(tx, r)
	if err != nil {
		return err
	}
	ref := CaseRef{ID: r.ID, CourtCode: r.CourtCode, JudgeID: rec.Owner, MediatorIDs: rec.Assigned, Linkage: r.Linkage}
	return AuthorizePatch(s.Authz, a, ref, pt)
}
