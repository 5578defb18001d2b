package web

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// caseBody is a valid POST /cases body of 粤1803.
func caseBody(e *env, extra map[string]any) map[string]any {
	b := map[string]any{
		"case_type": "行赔初", "cause": "行政处罚", "domain": "生态",
		"plaintiff": map[string]any{"name": fmt.Sprintf("清远市绿源林业有限公司%d", caseSeq.Add(1)), "kind": "企业"},
		"organ_id":  e.Courts.Organ.ID, "filed_on": "2025-06-01", "penalty_before": 45000,
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// caseCount counts the cases of the database.
func caseCount(t *testing.T, e *env) int64 {
	var n int64
	if err := e.Store.DB.Table("cases").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestJudgeTwoCannotEditMediateOrCloseJudgeOnesCase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		res := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, map[string]any{"mediator_ids": []int64{e.Courts.Users["mediator1"].ID}}))
		if res.Status != 201 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		var created struct {
			ID               int64     `json:"id"`
			CaseNo           string    `json:"case_no"`
			Status           string    `json:"status"`
			DeadlineOn       string    `json:"deadline_on"`
			Version          int       `json:"version"`
			JudgeID          int64     `json:"judge_id"`
			PenaltyBefore    float64   `json:"penalty_before"`
			RelatedOpenCases []any     `json:"related_open_cases"`
			Plaintiff        app.Party `json:"plaintiff"`
		}
		res.JSON(t, &created)
		if created.CaseNo != "（2025）粤1803行赔初1号" || created.Status != "filed" || created.DeadlineOn != "2025-12-01" ||
			created.Version != 1 || created.JudgeID != e.Courts.Users["judge1"].ID || created.PenaltyBefore != 45000 ||
			created.RelatedOpenCases == nil || created.Plaintiff.Kind != "enterprise" {
			t.Fatalf("created %s", res.Body)
		}
		id := created.ID
		tries := []struct {
			user, method, path string
			body               any
			want               int
		}{
			{"judge2", "PATCH", "/api/v1/cases/%d", map[string]any{"version": 1, "cause": "行政许可"}, 403},
			{"judge2", "POST", "/api/v1/cases/%d/mediations", map[string]any{"held_on": "2025-06-20", "mode": "onsite", "result": "continuing"}, 403},
			{"judge2", "POST", "/api/v1/cases/%d/close", map[string]any{"closed_on": "2025-06-30", "method": "withdrawal"}, 403},
			{"judge2", "POST", "/api/v1/cases/%d/suspend", map[string]any{"on": "2025-06-20"}, 403},
			{"mediator1", "POST", "/api/v1/cases/%d/close", map[string]any{"closed_on": "2025-06-30", "method": "mediation"}, 403},
			{"mediator1", "PATCH", "/api/v1/cases/%d", map[string]any{"version": 1, "cause": "行政许可"}, 403},
			{"leader", "PATCH", "/api/v1/cases/%d", map[string]any{"version": 1, "cause": "行政许可"}, 403},
			{"judge1", "PATCH", "/api/v1/cases/%d", map[string]any{"version": 1, "judge_id": e.Courts.Users["judge2"].ID}, 403},
			{"judge3", "GET", "/api/v1/cases/%d", nil, 404},
			{"judge3", "POST", "/api/v1/cases/%d/close", map[string]any{"closed_on": "2025-06-30", "method": "withdrawal"}, 404},
			{"admin2", "GET", "/api/v1/cases/%d/mediations", nil, 404},
			{"liaison1", "GET", "/api/v1/cases/%d", nil, 403},
		}
		for _, tr := range tries {
			if res := e.as(tr.user).do(tr.method, fmt.Sprintf(tr.path, id), tr.body); res.Status != tr.want {
				t.Errorf("%s %s as %s: %d, want %d: %s", tr.method, tr.path, tr.user, res.Status, tr.want, res.Body)
			}
		}
		got := e.as("leader").do("GET", idPath("/api/v1/cases/%d", id), nil).Map(t)
		if got["version"].(float64) != 1 || got["status"] != "filed" {
			t.Fatalf("a refused change changed the case: %v", got)
		}
		// The assigned mediator records a mediation; the judge closes by mediation.
		if res := e.as("mediator1").do("POST", idPath("/api/v1/cases/%d/mediations", id), map[string]any{"held_on": "2025-06-20", "mode": "joint", "result": "success", "agreement": "减少罚款两万元，企业完成复绿"}); res.Status != 201 {
			t.Fatalf("mediator's mediation: %d %s", res.Status, res.Body)
		}
		if res := e.as("judge1").do("POST", idPath("/api/v1/cases/%d/close", id), map[string]any{"closed_on": "2025-06-30", "method": "mediation", "penalty_after": 25000}); res.Status != 200 {
			t.Fatalf("judge's closing: %d %s", res.Status, res.Body)
		}
		closed := e.as("judge1").do("GET", idPath("/api/v1/cases/%d", id), nil).Map(t)
		if closed["status"] != "closed" || closed["method"] != "mediation" || closed["penalty_after"].(float64) != 25000 || closed["days_to_close"].(float64) != 29 {
			t.Fatalf("closed %v", closed)
		}
		if res := e.as("judge1").do("POST", idPath("/api/v1/cases/%d/close", id), map[string]any{"closed_on": "2025-06-30", "method": "mediation"}); res.Status != 409 {
			t.Fatalf("closing twice: %d", res.Status)
		}
	})
}

func TestLeaderReassignsAndTheNewJudgeTakesOver(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		id := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, nil)).id(t)
		res := e.as("leader").do("PATCH", idPath("/api/v1/cases/%d", id), map[string]any{"version": 1, "judge_id": e.Courts.Users["judge2"].ID, "mediator_ids": []int64{e.Courts.Users["mediator1"].ID}})
		if res.Status != 200 {
			t.Fatalf("reassign: %d %s", res.Status, res.Body)
		}
		if res := e.as("judge1").do("POST", idPath("/api/v1/cases/%d/suspend", id), map[string]any{"on": "2025-06-20"}); res.Status != 403 {
			t.Fatalf("the former judge: %d", res.Status)
		}
		if res := e.as("judge2").do("POST", idPath("/api/v1/cases/%d/suspend", id), map[string]any{"on": "2025-06-20"}); res.Status != 200 {
			t.Fatalf("the new judge: %d %s", res.Status, res.Body)
		}
		if res := e.as("leader").do("PATCH", idPath("/api/v1/cases/%d", id), map[string]any{"version": 1, "judge_id": e.Courts.Users["judge1"].ID}); res.Status != 409 {
			t.Fatalf("stale version: %d %s", res.Status, res.Body)
		}
		if res := e.as("leader").do("PATCH", idPath("/api/v1/cases/%d", id), map[string]any{"version": 3, "judge_id": e.Courts.Users["mediator1"].ID}); res.Status != 400 || !strings.Contains(res.Body, "judge_id") {
			t.Fatalf("a mediator as judge: %d %s", res.Status, res.Body)
		}
		if res := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, map[string]any{"judge_id": e.Courts.Users["judge2"].ID})); res.Status != 403 {
			t.Fatalf("a judge filing for another judge: %d %s", res.Status, res.Body)
		}
	})
}

func TestLiaisonSeesOnlyLinkageCasesAndMediatorOnlyAssignedOnes(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		link := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, map[string]any{"linkage": true, "linkage_partner": "司法局"})).id(t)
		assigned := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, map[string]any{"mediator_ids": []int64{e.Courts.Users["mediator1"].ID}})).id(t)
		plain := e.as("judge2").do("POST", "/api/v1/cases", caseBody(e, nil)).id(t)
		ids := func(user, query string) []int64 {
			var list struct {
				Items []struct {
					ID int64 `json:"id"`
				} `json:"items"`
				Total int `json:"total"`
			}
			res := e.as(user).do("GET", "/api/v1/cases"+query, nil)
			if res.Status != 200 {
				t.Fatalf("%s: %d %s", user, res.Status, res.Body)
			}
			res.JSON(t, &list)
			var out []int64
			for _, it := range list.Items {
				out = append(out, it.ID)
			}
			if list.Total != len(out) {
				t.Fatalf("total %d of %v", list.Total, out)
			}
			return out
		}
		tests := []struct {
			user, query string
			want        []int64
		}{
			{"liaison1", "", []int64{link}},
			{"liaison1", "?linkage=false", nil},
			{"mediator1", "", []int64{assigned}},
			{"leader", "?sort=filed_on", []int64{link, assigned, plain}},
			{"judge2", "?judge_id=" + fmt.Sprint(e.Courts.Users["judge2"].ID), []int64{plain}},
			{"judge3", "", nil},
			{"admin2", "", nil},
		}
		for _, tt := range tests {
			if got := ids(tt.user, tt.query); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s %s: %v, want %v", tt.user, tt.query, got, tt.want)
			}
		}
		if res := e.as("leader").do("GET", "/api/v1/cases?sort=password&overdue=perhaps", nil); res.Status != 400 || !strings.Contains(res.Body, `"sort"`) || !strings.Contains(res.Body, `"overdue"`) {
			t.Fatalf("bad filters: %d %s", res.Status, res.Body)
		}
		clock.Set(clock.Now().AddDate(0, 7, 0))
		e.users = map[string]*client{} // the sessions have expired by then
		if got := ids("leader", "?overdue=true&sort=filed_on"); fmt.Sprint(got) != fmt.Sprint([]int64{link, assigned, plain}) {
			t.Fatalf("overdue after seven months: %v", got)
		}
	})
}

func TestABadCaseIsRefusedNamingEveryFieldInChineseAndNothingIsSaved(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		body := `{"cause": "乱写", "domain": "ecology", "plaintiff": {"name": "张三", "kind": "individual"},
			"organ_id": 987654, "filed_on": "2025-02-30", "linkage": "maybe"}`
		res := e.as("judge1").do("POST", "/api/v1/cases", body)
		if res.Status != 400 {
			t.Fatalf("status %d %s", res.Status, res.Body)
		}
		var answer struct {
			Error struct {
				Code    string            `json:"code"`
				Message string            `json:"message"`
				Fields  map[string]string `json:"fields"`
			} `json:"error"`
		}
		res.JSON(t, &answer)
		for _, f := range []string{"case_type", "cause", "organ_id", "filed_on", "linkage"} {
			if !regexp.MustCompile(`\p{Han}`).MatchString(answer.Error.Fields[f]) {
				t.Errorf("field %s: %q", f, answer.Error.Fields[f])
			}
		}
		if len(answer.Error.Fields) != 5 || answer.Error.Code != "invalid" {
			t.Errorf("fields %v", answer.Error.Fields)
		}
		if n := caseCount(t, e); n != 0 {
			t.Fatalf("%d cases saved", n)
		}
		for _, bad := range []string{`[]`, `{"case_type": `, `null`} {
			if res := e.as("judge1").do("POST", "/api/v1/cases", bad); res.Status != 400 {
				t.Errorf("body %s: %d %s", bad, res.Status, res.Body)
			}
		}
	})
}

func TestEveryChangeOfACaseAppearsInTheAuditAPI(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		j := e.as("judge1")
		id := j.do("POST", "/api/v1/cases", caseBody(e, nil)).id(t)
		steps := []struct {
			method, path string
			body         any
			want         int
		}{
			{"PATCH", "/api/v1/cases/%d", map[string]any{"version": 1, "region": "太平镇"}, 200},
			{"POST", "/api/v1/cases/%d/mediations", map[string]any{"held_on": "2025-06-02", "mode": "现场", "result": "继续调解"}, 201},
			{"POST", "/api/v1/cases/%d/suspend", map[string]any{"on": "2025-06-03", "reason": "suspension"}, 200},
			{"POST", "/api/v1/cases/%d/resume", map[string]any{"on": "2025-06-13"}, 200},
			{"POST", "/api/v1/cases/%d/excluded-periods", map[string]any{"reason": "appraisal", "start_on": "2025-06-14", "end_on": "2025-06-24"}, 201},
			{"POST", "/api/v1/cases/%d/extensions", map[string]any{"approved_on": "2025-06-25", "new_deadline_on": "2026-06-30", "approved_by": "清远市中级人民法院", "reason": "案情复杂"}, 201},
			{"POST", "/api/v1/cases/%d/commitments", map[string]any{"kind": "restore", "due_on": "2025-12-31", "notes": "全面复绿"}, 201},
		}
		for _, st := range steps {
			if res := j.do(st.method, fmt.Sprintf(st.path, id), st.body); res.Status != st.want {
				t.Fatalf("%s %s: %d %s", st.method, st.path, res.Status, res.Body)
			}
		}
		after := j.do("GET", idPath("/api/v1/cases/%d", id), nil).Map(t)
		if after["deadline_on"] != "2026-06-30" || after["status"] != "mediating" || after["version"].(float64) != 7 {
			t.Fatalf("case %v", after)
		}
		var cms struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		j.do("GET", idPath("/api/v1/cases/%d/commitments", id), nil).JSON(t, &cms)
		if res := j.do("POST", idPath("/api/v1/commitments/%d/fulfil", cms.Items[0].ID), map[string]any{"on": "2025-06-30"}); res.Status != 200 {
			t.Fatalf("fulfil %d %s", res.Status, res.Body)
		}
		if res := j.do("POST", idPath("/api/v1/cases/%d/close", id), map[string]any{"closed_on": "2025-06-30", "method": "judgment", "judgment_result": "revoke"}); res.Status != 200 {
			t.Fatalf("close %d %s", res.Status, res.Body)
		}
		var trail struct {
			Items []struct {
				User   string `json:"user"`
				Action string `json:"action"`
			} `json:"items"`
		}
		res := e.as("leader").do("GET", idPath("/api/v1/audit?entity=case&id=%d", id), nil)
		if res.Status != 200 {
			t.Fatalf("audit %d %s", res.Status, res.Body)
		}
		res.JSON(t, &trail)
		var actions []string
		for _, it := range trail.Items {
			actions = append(actions, it.Action)
			if it.User != "judge1" {
				t.Errorf("entry by %q", it.User)
			}
		}
		want := "case.create case.update case.mediation case.suspend case.resume case.excluded_period case.extension case.commitment case.commitment_fulfil case.close"
		if strings.Join(actions, " ") != want {
			t.Fatalf("audit %v", actions)
		}
		if res := e.as("judge1").do("GET", idPath("/api/v1/audit?entity=case&id=%d", id), nil); res.Status != 403 {
			t.Fatalf("a judge reads the audit: %d", res.Status)
		}
	})
}

func TestStaleVersionOverHTTPIsAConflict(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		j := e.as("judge1")
		id := j.do("POST", "/api/v1/cases", caseBody(e, nil)).id(t)
		if res := j.do("PATCH", idPath("/api/v1/cases/%d", id), map[string]any{"version": 1, "cause": "行政强制"}); res.Status != 200 {
			t.Fatalf("first edit: %d %s", res.Status, res.Body)
		}
		res := j.do("PATCH", idPath("/api/v1/cases/%d", id), map[string]any{"version": 1, "cause": "行政许可"})
		if res.Status != 409 || !strings.Contains(res.Body, "刷新") {
			t.Fatalf("stale edit: %d %s", res.Status, res.Body)
		}
		if got := j.do("GET", idPath("/api/v1/cases/%d", id), nil).Map(t); got["cause"] != "行政强制" {
			t.Fatalf("the stale edit was saved: %v", got)
		}
	})
}

func TestCaseTypesAndHolidaysOverHTTP(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		admin := e.as("admin")
		if res := admin.do("POST", "/api/v1/case-types", map[string]any{"code": "行终", "name": "行政二审", "limit_months": 3}); res.Status != 201 {
			t.Fatalf("new type: %d %s", res.Status, res.Body)
		}
		var types struct {
			Items []app.CaseType `json:"items"`
		}
		e.as("judge1").do("GET", "/api/v1/case-types", nil).JSON(t, &types)
		if len(types.Items) != 5 {
			t.Fatalf("types %v", types.Items)
		}
		if res := e.as("admin2").do("GET", "/api/v1/case-types", nil); strings.Contains(res.Body, "行终") {
			t.Fatalf("another court sees the new type: %s", res.Body)
		}
		if res := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, map[string]any{"case_type": "行终"})); res.Status != 201 || !strings.Contains(res.Body, "行终1号") {
			t.Fatalf("a case of the new type: %d %s", res.Status, res.Body)
		}
		if res := admin.do("POST", "/api/v1/holidays", map[string]any{"day": "2027-01-01", "kind": "holiday", "note": "元旦"}); res.Status != 200 {
			t.Fatalf("holiday: %d %s", res.Status, res.Body)
		}
		if res := admin.do("POST", "/api/v1/holidays", map[string]any{"day": "2027-01-05", "kind": "workday"}); res.Status != 400 || !strings.Contains(res.Body, `"day"`) {
			t.Fatalf("a weekday as make-up working day: %d %s", res.Status, res.Body)
		}
		var days struct {
			Total int `json:"total"`
		}
		e.as("judge1").do("GET", "/api/v1/holidays?year=2027", nil).JSON(t, &days)
		if days.Total != 1 {
			t.Fatalf("2027 has %d entries", days.Total)
		}
		if res := e.as("judge1").do("GET", "/api/v1/holidays?year=abc", nil); res.Status != 400 {
			t.Fatalf("bad year: %d", res.Status)
		}
		if res := admin.do("DELETE", "/api/v1/holidays/2027-01-01", nil); res.Status != 200 {
			t.Fatalf("delete: %d %s", res.Status, res.Body)
		}
		if res := admin.do("DELETE", "/api/v1/holidays/2027-01-01", nil); res.Status != 404 {
			t.Fatalf("delete again: %d", res.Status)
		}
	})
}

// formOf posts a form with repeated keys (checkboxes).
func (c *client) formValues(path string, v url.Values) response {
	c.t.Helper()
	return c.do("POST", path, v.Encode(), "Content-Type", "application/x-www-form-urlencoded")
}

func TestAJudgeFilesMediatesAndClosesACaseThroughThePages(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		j := e.as("judge1")
		page := j.do("GET", "/cases/new", nil)
		for _, name := range []string{`name="case_type"`, `name="cause"`, `name="domain"`, `name="plaintiff.name"`, `name="plaintiff.kind"`,
			`name="organ_id"`, `name="filed_on"`, `type="date"`, `name="judge_id"`, `name="mediator_ids"`, `name="linkage"`,
			`name="linkage_partner"`, `name="cross_region"`, `name="region"`, `name="workstation_id"`, `name="fast_track"`,
			`name="simplified"`, `name="penalty_before"`} {
			if !strings.Contains(page.Body, name) {
				t.Errorf("the new-case form has no %s", name)
			}
		}
		// A first try with mistakes keeps what was typed and says what is wrong, per field.
		bad := url.Values{"case_type": {"行初"}, "plaintiff.name": {"清远市某旅游开发有限公司"}, "plaintiff.kind": {"enterprise"},
			"filed_on": {"2025-06-31"}, "linkage": {"1"}, "linkage_partner": {"司法局"}}
		res := j.formValues("/cases", bad)
		if res.Status != 400 || !strings.Contains(res.Body, "清远市某旅游开发有限公司") || !strings.Contains(res.Body, "请选择案由") ||
			!strings.Contains(res.Body, "请选择被告行政机关") || !strings.Contains(res.Body, "立案日期不是有效日期") {
			t.Fatalf("a bad form: %d", res.Status)
		}
		if n := caseCount(t, e); n != 0 {
			t.Fatalf("%d cases saved from a bad form", n)
		}
		good := url.Values{"case_type": {"行初"}, "cause": {"行政处罚"}, "domain": {"tourism"}, "plaintiff.name": {"清远市某旅游开发有限公司"},
			"plaintiff.kind": {"enterprise"}, "organ_id": {fmt.Sprint(e.Courts.Organ.ID)}, "filed_on": {"2025-06-02"},
			"judge_id": {fmt.Sprint(e.Courts.Users["judge1"].ID)}, "mediator_ids": {fmt.Sprint(e.Courts.Users["mediator1"].ID)},
			"linkage": {"1"}, "linkage_partner": {"司法局"}, "penalty_before": {"45000"}}
		res = j.formValues("/cases", good)
		loc := res.Header.Get("Location")
		if res.Status != 303 || !strings.HasSuffix(loc, "?done=created") {
			t.Fatalf("filing: %d %s %s", res.Status, loc, trim(res.Body))
		}
		res = j.do("GET", loc, nil)
		if res.Status != 200 || !strings.Contains(res.Body, "立案成功") || !strings.Contains(res.Body, "（2025）粤1803行初1号") {
			t.Fatalf("the new case page: %d", res.Status)
		}
		casePage := strings.TrimSuffix(loc, "?done=created")
		// A second case of the same plaintiff shows the related-case notice.
		good.Set("filed_on", "2025-06-03")
		res = j.formValues("/cases", good)
		second := j.do("GET", res.Header.Get("Location"), nil)
		if !strings.Contains(second.Body, "关联提示") || !strings.Contains(second.Body, "同一原告") {
			t.Fatalf("no related-case notice on the second case")
		}
		// Record a mediation through the page.
		res = j.formValues(casePage+"/mediations", url.Values{"held_on": {"2025-06-20"}, "mode": {"joint"}, "result": {"success"},
			"participants": {"文广旅体局副局长"}, "agreement": {"罚款减至二万五千元"}})
		if res.Status != 303 {
			t.Fatalf("mediation: %d %s", res.Status, trim(res.Body))
		}
		res = j.formValues(casePage+"/mediations", url.Values{"held_on": {"2025-05-01"}, "mode": {""}, "result": {"success"}})
		if res.Status != 400 || !strings.Contains(res.Body, "调解记录未保存") || !strings.Contains(res.Body, "请选择调解方式") {
			t.Fatalf("a bad mediation: %d", res.Status)
		}
		// Close by mediation through the page.
		res = j.formValues(casePage+"/close", url.Values{"closed_on": {"2025-05-01"}, "method": {"mediation"}})
		if res.Status != 400 || !strings.Contains(res.Body, "结案日期不能早于立案日期") {
			t.Fatalf("closing before filing: %d", res.Status)
		}
		res = j.formValues(casePage+"/close", url.Values{"closed_on": {"2025-06-30"}, "method": {"mediation"}, "judgment_result": {"uphold"}, "penalty_after": {"25000"}})
		if res.Status != 303 || !strings.HasSuffix(res.Header.Get("Location"), "?done=closed") {
			t.Fatalf("closing: %d %s", res.Status, trim(res.Body))
		}
		res = j.do("GET", casePage, nil)
		if !strings.Contains(res.Body, "已结案") || !strings.Contains(res.Body, "调解") || strings.Contains(res.Body, `action="`+casePage+`/close"`) {
			t.Fatalf("the closed case page")
		}
		res = e.as("leader").do("GET", casePage, nil)
		if !strings.Contains(res.Body, "操作记录") || !strings.Contains(res.Body, "记录调解") || !strings.Contains(res.Body, "结案方式：（空） → 调解") {
			t.Fatalf("the leader sees no audit trail on the case page")
		}
		list := j.do("GET", "/cases?q=%E6%97%85%E6%B8%B8", nil)
		if list.Status != 200 || !strings.Contains(list.Body, "（2025）粤1803行初1号") || !strings.Contains(list.Body, "（2025）粤1803行初2号") {
			t.Fatalf("the list: %d", list.Status)
		}
	})
}

func TestTheCasePageShowsOnlyTheFormsTheUserMayUse(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		id := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, map[string]any{"mediator_ids": []int64{e.Courts.Users["mediator1"].ID}})).id(t)
		path := idPath("/cases/%d", id)
		tests := []struct {
			user   string
			has    []string
			hasNot []string
		}{
			// The judge sets the mediators of their own case, not its judge.
			{"judge1", []string{"/close", "/mediations", "/suspend", "/edit", "/commitments", "/assign"}, []string{`id="a-judge"`, "操作记录"}},
			{"judge2", nil, []string{"/close", "/mediations", "/suspend", "/edit", "/assign"}},
			{"mediator1", []string{"/mediations"}, []string{"/close", "/suspend", "/edit", "/commitments\"", "/assign"}},
			{"leader", []string{"/assign", "操作记录"}, []string{"/close", "/mediations", "/edit"}},
		}
		for _, tt := range tests {
			body := e.as(tt.user).do("GET", path, nil).Body
			for _, h := range tt.has {
				if !strings.Contains(body, `action="`+path+h) && !strings.Contains(body, h) {
					t.Errorf("%s: the page lacks %s", tt.user, h)
				}
			}
			for _, h := range tt.hasNot {
				if strings.Contains(body, `action="`+path+h) || (!strings.HasPrefix(h, "/") && strings.Contains(body, h)) {
					t.Errorf("%s: the page shows %s", tt.user, h)
				}
			}
		}
	})
}
