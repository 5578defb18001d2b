package web

import (
	"context"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// fieldsOf is the fields a 400 answer names.
func fieldsOf(t *testing.T, res response) map[string]string {
	t.Helper()
	var body struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	res.JSON(t, &body)
	return body.Error.Fields
}

func TestExtensionRequestFlow(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		judge, judge2, leader := e.as("judge1"), e.as("judge2"), e.as("leader")
		path := idPath("/api/v1/cases/%d/extension-requests", k.ID)

		// Bad input names its field; nothing is saved.
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"reason": " ", "days": 30}, "reason"},
			{map[string]any{"reason": "案情复杂", "new_deadline_on": k.DeadlineOn.String()}, "new_deadline_on"},
			{map[string]any{"reason": "案情复杂"}, "new_deadline_on"},
			{map[string]any{"reason": "案情复杂", "days": -3}, "days"},
			{map[string]any{"reason": "案情复杂", "days": "三十"}, "days"},
		} {
			res := judge.do("POST", path, bad.body)
			if res.Status != 400 || fieldsOf(t, res)[bad.field] == "" {
				t.Errorf("%v: %d %s", bad.body, res.Status, res.Body)
			}
		}
		// Only the case's judge asks; a leader does not decide a request of their own making.
		if res := judge2.do("POST", path, map[string]any{"reason": "案情复杂", "days": 30}); res.Status != 403 {
			t.Errorf("judge2 asks on judge1's case: %d %s", res.Status, res.Body)
		}
		res := judge.do("POST", path, map[string]any{"reason": "案情复杂，需补充鉴定", "days": 30})
		if res.Status != 201 {
			t.Fatalf("request: %d %s", res.Status, res.Body)
		}
		var req app.ExtensionRequest
		res.JSON(t, &req)
		if req.Status != app.ExtensionPending || req.RequestedDeadlineOn != k.DeadlineOn.AddDays(30) || req.Days != 30 {
			t.Errorf("request: %+v", req)
		}
		if res := judge.do("POST", path, map[string]any{"reason": "再次申请", "days": 10}); res.Status != 409 {
			t.Errorf("second pending request: %d %s", res.Status, res.Body)
		}
		// The leader has it on the to-do list and once in the inbox.
		l := todoKinds(t, leader)
		if len(l[app.TodoExtensionRequest]) != 1 || l[app.TodoExtensionRequest][0].Link != idPath("/cases/%d#extension-requests", k.ID) {
			t.Errorf("leader's to-do: %+v", l)
		}
		// The daily sweep raises it no second time and does not retire it.
		if err := s.SweepCourtNow(context.Background(), k.CourtCode); err != nil {
			t.Fatal(err)
		}
		if n := withTitle(inboxOf(t, leader), "延长审限申请"); len(n) != 1 {
			t.Errorf("leader's inbox: %+v", n)
		}
		var list struct{ Items []app.ExtensionRequest }
		leader.do("GET", "/api/v1/extension-requests?status=pending", nil).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != req.ID || list.Items[0].CaseNo != k.CaseNo {
			t.Errorf("pending list: %+v", list)
		}
		if res := leader.do("GET", "/api/v1/extension-requests?status=maybe", nil); res.Status != 400 || fieldsOf(t, res)["status"] == "" {
			t.Errorf("bad status: %d %s", res.Status, res.Body)
		}
		decide := func(c *client, verb string, body map[string]any) response {
			return c.do("POST", idPath("/api/v1/extension-requests/%d/", req.ID)+verb, body)
		}
		// A judge does not decide; a stale version is a conflict; refusing needs a reason.
		if res := decide(judge, "approve", map[string]any{"comment": "同意"}); res.Status != 403 {
			t.Errorf("judge approves: %d %s", res.Status, res.Body)
		}
		if res := decide(leader, "approve", map[string]any{"comment": "同意", "version": 7}); res.Status != 409 {
			t.Errorf("stale approve: %d %s", res.Status, res.Body)
		}
		if res := decide(leader, "refuse", map[string]any{"comment": ""}); res.Status != 400 || fieldsOf(t, res)["comment"] == "" {
			t.Errorf("refuse without comment: %d %s", res.Status, res.Body)
		}
		res = decide(leader, "approve", map[string]any{"comment": "同意报请", "version": req.Version})
		if res.Status != 200 {
			t.Fatalf("approve: %d %s", res.Status, res.Body)
		}
		res.JSON(t, &req)
		if req.Status != app.ExtensionApproved || req.Comment != "同意报请" || req.DecidedByName == "" {
			t.Errorf("approved: %+v", req)
		}
		if res := decide(leader, "refuse", map[string]any{"comment": "改主意"}); res.Status != 409 {
			t.Errorf("refuse an approved request: %d %s", res.Status, res.Body)
		}
		// The to-do item and the leader's reminder are gone; the judge is told once.
		if l := todoKinds(t, leader); len(l[app.TodoExtensionRequest]) != 0 {
			t.Errorf("leader's to-do after approval: %+v", l)
		}
		if n := withTitle(inboxOf(t, leader), "延长审限申请待审批"); len(n) != 0 {
			t.Errorf("leader's reminder not retired: %+v", n)
		}
		if err := s.SweepCourtNow(context.Background(), k.CourtCode); err != nil {
			t.Fatal(err)
		}
		if n := withTitle(inboxOf(t, judge), "延长审限申请"); len(n) != 1 || !strings.Contains(n[0].Title, "已同意报请上级法院") {
			t.Errorf("judge's inbox: %+v", n)
		}
		// The case page prefills the extension form; recording it completes the request.
		if body := judge.do("GET", idPath("/cases/%d", k.ID), nil).Body; !strings.Contains(body, `value="`+req.RequestedDeadlineOn.String()+`"`) {
			t.Errorf("extension form not prefilled")
		}
		res = judge.do("POST", idPath("/api/v1/cases/%d/extensions", k.ID), map[string]any{
			"approved_on": "2025-07-01", "new_deadline_on": req.RequestedDeadlineOn.String(), "approved_by": "清远市中级人民法院"})
		if res.Status != 201 {
			t.Fatalf("extension: %d %s", res.Status, res.Body)
		}
		var items struct{ Items []app.ExtensionRequest }
		judge.do("GET", path, nil).JSON(t, &items)
		if len(items.Items) != 1 || items.Items[0].Status != app.ExtensionCompleted || items.Items[0].ExtensionID == nil {
			t.Errorf("completed: %+v", items)
		}
		if n := withTitle(inboxOf(t, judge), "已同意报请上级法院"); len(n) != 0 {
			t.Errorf("judge's reminder not retired: %+v", n)
		}
		// A new request, refused, and another, withdrawn.
		res = judge.do("POST", path, map[string]any{"reason": "仍需鉴定", "new_deadline_on": req.RequestedDeadlineOn.AddDays(15).String()})
		if res.Status != 201 {
			t.Fatalf("second request: %d %s", res.Status, res.Body)
		}
		res.JSON(t, &req)
		if res := decide(leader, "refuse", map[string]any{"comment": "理由不充分"}); res.Status != 200 {
			t.Fatalf("refuse: %d %s", res.Status, res.Body)
		}
		if n := withTitle(inboxOf(t, judge), "不予报请"); len(n) != 1 || !strings.Contains(n[0].Title, "理由不充分") {
			t.Errorf("judge's refusal: %+v", n)
		}
		res = judge.do("POST", path, map[string]any{"reason": "仍需鉴定", "days": 10})
		res.JSON(t, &req)
		if res := decide(judge2, "withdraw", map[string]any{}); res.Status != 403 {
			t.Errorf("judge2 withdraws: %d %s", res.Status, res.Body)
		}
		if res := decide(judge, "withdraw", map[string]any{}); res.Status != 200 {
			t.Fatalf("withdraw: %d %s", res.Status, res.Body)
		}
		if n := withTitle(inboxOf(t, leader), "延长审限申请待审批"); len(n) != 0 {
			t.Errorf("withdrawn request still in the leader's inbox: %+v", n)
		}
		judge.do("GET", path, nil).JSON(t, &items)
		if len(items.Items) != 3 || items.Items[0].Status != app.ExtensionWithdrawn {
			t.Errorf("history: %+v", items.Items)
		}
		// A request still pending when its case is closed leaves the leader's to-do.
		if res := judge.do("POST", path, map[string]any{"reason": "仍需鉴定", "days": 5}); res.Status != 201 {
			t.Fatalf("request before closing: %d %s", res.Status, res.Body)
		}
		if l := todoKinds(t, leader); len(l[app.TodoExtensionRequest]) != 1 {
			t.Errorf("pending request not on the leader's to-do: %v", l)
		}
		// A closed case takes no request.
		if res := judge.do("POST", idPath("/api/v1/cases/%d/close", k.ID), map[string]any{"closed_on": "2025-07-01", "method": "withdrawal"}); res.Status != 200 {
			t.Fatalf("close: %d %s", res.Status, res.Body)
		}
		if l := todoKinds(t, leader); len(l[app.TodoExtensionRequest]) != 0 {
			t.Errorf("a closed case's request still on the leader's to-do: %v", l)
		}
		if res := judge.do("POST", path, map[string]any{"reason": "结案后", "days": 10}); res.Status != 400 || fieldsOf(t, res)["case"] == "" {
			t.Errorf("closed case: %d %s", res.Status, res.Body)
		}
	})
}
