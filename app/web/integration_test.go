package web

import (
	"testing"

	"fuyuan/app/apptest"
)

// stats fetches /api/v1/stats for a period as the leader.
func (e *env) stats(t *testing.T, from, to string) map[string]any {
	t.Helper()
	res := e.as("leader").do("GET", "/api/v1/stats?from="+from+"&to="+to, nil)
	if res.Status != 200 {
		t.Fatalf("stats: %d %s", res.Status, res.Body)
	}
	return res.Map(t)
}

// TestFastTrackTourismCaseFromFilingToStatistics is issue 5's acceptance 2
// across the parts: a fast-track case filed at a scenic workstation,
// mediated across regions by its mediator and withdrawn three days later.
func TestFastTrackTourismCaseFromFilingToStatistics(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		ws := e.as("admin").do("POST", "/api/v1/workstations", map[string]any{
			"kind": "scenic", "name": "古龙峡景区法官工作室", "place": "古龙峡景区", "partners": []string{"古龙峡景区管理方"}, "opened_on": "2025-01-10"})
		if ws.Status != 201 {
			t.Fatalf("open workstation: %d %s", ws.Status, ws.Body)
		}
		wsID := ws.id(t)
		res := e.as("judge1").do("POST", "/api/v1/cases", map[string]any{
			"case_type": "行初", "cause": "行政处罚", "domain": "tourism",
			"plaintiff": map[string]any{"name": "古龙峡漂流有限公司", "kind": "enterprise"},
			"organ_id":  e.Courts.Organ.ID, "filed_on": "2025-05-02", "judge_id": e.Courts.Users["judge1"].ID,
			"mediator_ids": []int64{e.Courts.Users["mediator1"].ID}, "workstation_id": wsID,
			"fast_track": true, "cross_region": true, "region": "英德市", "penalty_before": 45000,
		})
		if res.Status != 201 {
			t.Fatalf("file case: %d %s", res.Status, res.Body)
		}
		caseID := res.id(t)
		mediation := map[string]any{"held_on": "2025-05-03", "mode": "cross_region", "location": "古龙峡景区法官工作室",
			"participants": "原告、文广旅体局、英德市司法局", "result": "success", "agreement": "原告撤回起诉", "notes": ""}
		if r := e.as("judge2").do("POST", idPath("/api/v1/cases/%d/mediations", caseID), mediation); r.Status != 403 {
			t.Fatalf("a judge not assigned adds a mediation: got %d, want 403", r.Status)
		}
		if r := e.as("mediator1").do("POST", idPath("/api/v1/cases/%d/mediations", caseID), mediation); r.Status != 201 {
			t.Fatalf("assigned mediator: %d %s", r.Status, r.Body)
		}
		closeBody := map[string]any{"closed_on": "2025-05-05", "method": "withdrawal"}
		if r := e.as("mediator1").do("POST", idPath("/api/v1/cases/%d/close", caseID), closeBody); r.Status != 403 {
			t.Fatalf("mediator closes: got %d, want 403", r.Status)
		}
		if r := e.as("judge1").do("POST", idPath("/api/v1/cases/%d/close", caseID), closeBody); r.Status != 200 {
			t.Fatalf("close: %d %s", r.Status, r.Body)
		}
		if r := e.as("judge1").do("POST", idPath("/api/v1/cases/%d/close", caseID), closeBody); r.Status != 409 {
			t.Fatalf("closing again: got %d, want 409", r.Status)
		}
		st := e.stats(t, "2025-01-01", "2025-12-31")
		for key, want := range map[string]float64{
			"avg_days_to_close_fast_track": 3, "joint_mediations": 1, "resolved_disputes": 1,
			"closed": 1, "new_cases": 1, "mediation_withdrawal_rate": 1, "withdrawal_rate": 1,
		} {
			if got, _ := st[key].(float64); got != want {
				t.Errorf("%s = %v, want %v", key, st[key], want)
			}
		}
		// The fast-track queue measured it too.
		var ft struct {
			AvgDaysToClose float64 `json:"avg_days_to_close"`
		}
		e.as("judge1").do("GET", "/api/v1/fast-track", nil).JSON(t, &ft)
		if ft.AvgDaysToClose != 3 {
			t.Errorf("fast-track average: %v", ft.AvgDaysToClose)
		}
	})
}
