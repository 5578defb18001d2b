package app_test

import (
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestJointMediationMakesTheCaseALinkageCase guards issue 15: a 府院联合调解
// recorded on a case that is not a linkage case makes it one (partner 司法局
// unless one was named), in the same transaction and audited, so that the
// justice bureau's liaison can read it; other modes leave the flag alone.
func TestJointMediationMakesTheCaseALinkageCase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04"))
		if c.Linkage {
			t.Fatal("the case is filed as a linkage case")
		}
		caseMust(s.RecordMediation(caseCtx, judge, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-03-10"), Mode: "onsite", Result: "continuing"}))
		if got := caseMust(s.GetCase(caseCtx, judge, c.ID)); got.Linkage {
			t.Fatal("an on-site mediation made the case a linkage case")
		}
		liaison := ct.Users["liaison1"].ID
		m := caseMust(s.RecordMediation(caseCtx, judge, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-03-20"), Mode: "joint", Result: "continuing",
			ParticipantIDs: []int64{liaison, ct.Users["mediator1"].ID}, Participants: "林业局王科长"}))
		if !strings.HasPrefix(m.Participants, "liaison1姓名（司法局联络员）、mediator1姓名（调解员）；林业局王科长") {
			t.Errorf("participants %q", m.Participants)
		}
		got := caseMust(s.GetCase(caseCtx, judge, c.ID))
		if !got.Linkage || got.LinkagePartner != "司法局" {
			t.Fatalf("after a joint mediation: linkage %v partner %q", got.Linkage, got.LinkagePartner)
		}
		// The liaison's scope (linkage cases) now covers it.
		list := caseMust(s.ListCases(caseCtx, ct.Actor("liaison1"), app.NewVisibility(ct.Actor("liaison1"), app.ScopeLinkage), app.CaseFilter{}, app.Page{Page: 1, Size: 100}))
		found := false
		for _, k := range list.Items {
			found = found || k.ID == c.ID
		}
		if !found {
			t.Errorf("the liaison's cases do not include the case of the joint mediation")
		}
		trail := caseMust(s.AuditTrail(caseCtx, judge, "case", c.ID))
		if last := trail[len(trail)-1]; last.Action != "case.mediation" || !strings.Contains(string(last.After), `"linkage":true`) {
			t.Errorf("the change is not in the audit trail: %+v", last)
		}
		if _, err := s.RecordMediation(caseCtx, judge, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-03-21"), Mode: "joint", Result: "continuing",
			ParticipantIDs: []int64{ct.Users["judge3"].ID}}); errFields(err)["participant_ids"] == "" {
			t.Errorf("a participant of another court: %v", err)
		}
	})
}
