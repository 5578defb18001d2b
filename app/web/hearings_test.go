package web

import (
	"encoding/json"
	"strings"
	"testing"

	"fuyuan/app/apptest"
)

func TestDoubleBookedHearingAnswers409WithTheConflicts(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k1, k2 := matrixCase(e, false), matrixCase(e, false)
		judge := e.as("judge1")
		first := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k1.ID),
			map[string]any{"starts_at": "2025-07-15T09:00", "ends_at": "2025-07-15T11:00", "room": "第一法庭"})
		if first.Status != 201 {
			t.Fatalf("first hearing: %d %s", first.Status, first.Body)
		}
		var h struct{ ID int64 }
		json.Unmarshal([]byte(first.Body), &h)
		clash := map[string]any{"starts_at": "2025-07-15T10:00", "ends_at": "2025-07-15T12:00", "room": "第二法庭"}
		res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID), clash)
		var body struct {
			Error struct {
				Code, Message string
			}
			Conflicts []struct {
				Kind     string
				ID       int64
				StartsAt string `json:"starts_at"`
				What     string
			}
		}
		if err := json.Unmarshal([]byte(res.Body), &body); err != nil || res.Status != 409 {
			t.Fatalf("clash: %d %s", res.Status, res.Body)
		}
		if body.Error.Code != "conflict" || len(body.Conflicts) != 1 || body.Conflicts[0].Kind != "hearing" ||
			body.Conflicts[0].ID != h.ID || body.Conflicts[0].StartsAt != "2025-07-15T09:00" || body.Conflicts[0].What == "" {
			t.Errorf("409 body: %s", res.Body)
		}
		clash["confirm"] = true
		if res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID), clash); res.Status != 201 {
			t.Errorf("confirmed: %d %s", res.Status, res.Body)
		}
		// Bad input names the field.
		res = judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID),
			map[string]any{"starts_at": "2025-07-16T10:00", "ends_at": "2025-07-16T09:00", "room": "第二法庭"})
		if res.Status != 400 || !strings.Contains(res.Body, `"ends_at"`) {
			t.Errorf("end before start: %d %s", res.Status, res.Body)
		}
		res = judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID), map[string]any{"starts_at": "2025-07-16 25:00"})
		if res.Status != 400 || !strings.Contains(res.Body, `"starts_at"`) {
			t.Errorf("bad time: %d %s", res.Status, res.Body)
		}
		// The case shows its hearings.
		res = judge.do("GET", idPath("/api/v1/cases/%d", k2.ID), nil)
		if res.Status != 200 || !strings.Contains(res.Body, `"hearings":[{`) || !strings.Contains(res.Body, `"appeals":[]`) {
			t.Errorf("case detail: %d %s", res.Status, trim(res.Body))
		}
	})
}
