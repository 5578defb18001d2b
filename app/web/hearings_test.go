package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"fuyuan/app"
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

// TestFiguresByJudgeShowAJudgeOnlyTheirOwnRow: judges see their own row and
// the court's total; the liaison sees the per-organ table and no judge's row.
func TestFiguresByJudgeShowAJudgeOnlyTheirOwnRow(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		matrixCase(e, false) // judge1's
		other := matrixCase(e, false)
		if _, err := e.Store.UpdateCase(context.Background(), e.Courts.Actor("leader"), other.ID,
			app.CasePatch{Version: other.Version, JudgeID: app.Change[int64]{Set: true, To: e.Courts.Users["judge2"].ID}}); err != nil {
			t.Fatal(err)
		}
		type table struct {
			Rows []struct {
				Key      string
				NewCases int64 `json:"new_cases"`
			}
			Total struct {
				NewCases int64 `json:"new_cases"`
			}
		}
		get := func(user, by string) (int, table) {
			res := e.as(user).do("GET", "/api/v1/stats?from=2025-01-01&to=2025-12-31&by="+by, nil)
			var tb table
			json.Unmarshal([]byte(res.Body), &tb)
			return res.Status, tb
		}
		status, all := get("leader", "judge")
		if status != 200 || len(all.Rows) != 2 || all.Total.NewCases != 2 {
			t.Errorf("leader by judge: %d %+v", status, all)
		}
		status, mine := get("judge1", "judge")
		if status != 200 || len(mine.Rows) != 1 || mine.Rows[0].Key != fmt.Sprint(e.Courts.Users["judge1"].ID) || mine.Total.NewCases != 2 {
			t.Errorf("judge1 by judge: %d %+v, want their own row and the court's total", status, mine)
		}
		if status, _ := get("liaison1", "judge"); status != 403 {
			t.Errorf("liaison by judge: %d, want 403", status)
		}
		status, organs := get("liaison1", "organ")
		if status != 200 || len(organs.Rows) != 1 || organs.Total.NewCases != 2 {
			t.Errorf("liaison by organ: %d %+v", status, organs)
		}
		if res := e.as("leader").do("GET", "/api/v1/stats?by=plaintiff", nil); res.Status != 400 || !strings.Contains(res.Body, `"by"`) {
			t.Errorf("unknown dimension: %d %s", res.Status, res.Body)
		}
	})
}

// TestChiefsChaptersOfTheWhitePaperSurviveRegeneration: the leader writes
// 存在问题 and 意见建议 through the API; every later download carries them.
func TestChiefsChaptersOfTheWhitePaperSurviveRegeneration(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		leader := e.as("leader")
		if res := leader.do("PUT", "/api/v1/white-papers/2024", map[string]any{"problems": "出庭不出声问题突出", "suggestions": "纳入法治政府考核"}); res.Status != 200 {
			t.Fatalf("PUT: %d %s", res.Status, res.Body)
		}
		if res := leader.do("PUT", "/api/v1/white-papers/2099", map[string]any{"problems": "x"}); res.Status != 400 || !strings.Contains(res.Body, `"year"`) {
			t.Errorf("a year to come: %d %s", res.Status, res.Body)
		}
		for i := 0; i < 2; i++ {
			res := e.as("judge1").do("GET", "/api/v1/reports/white-paper.docx?year=2024", nil)
			if res.Status != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".docx") {
				t.Fatalf("download %d: %d %v", i, res.Status, res.Header)
			}
			if !strings.Contains(docxText(t, []byte(res.Body)), "出庭不出声问题突出") {
				t.Errorf("download %d lost the chief's 存在问题", i)
			}
		}
		if res := e.as("judge1").do("GET", "/api/v1/white-papers/2024", nil); res.Status != 200 || !strings.Contains(res.Body, "纳入法治政府考核") {
			t.Errorf("GET: %d %s", res.Status, res.Body)
		}
	})
}

// docxText returns the text of a .docx's main part.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return string(data)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// TestCasePageShowsHearingsAndAppealsWithTheirForms: the case page lists the
// hearings with the organ's appearance and the appeal, with the forms the
// case's judge uses to record them.
func TestCasePageShowsHearingsAndAppealsWithTheirForms(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		judge := e.as("judge1")
		if res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k.ID), map[string]any{"starts_at": "2025-06-20T09:00", "ends_at": "2025-06-20T11:00",
			"room": "第二法庭", "head_notified": true, "head_appeared": true, "head_name": "李明", "head_post": "副局长", "head_rank": "deputy", "head_spoke": true}); res.Status != 201 {
			t.Fatalf("hearing: %d %s", res.Status, res.Body)
		}
		closed := closedCase(e)
		if res := judge.do("POST", idPath("/api/v1/cases/%d/appeals", closed.ID), map[string]any{"filed_on": "2025-06-25", "appellant": "organ"}); res.Status != 201 {
			t.Fatalf("appeal: %d %s", res.Status, res.Body)
		}
		page := judge.do("GET", idPath("/cases/%d", k.ID), nil)
		for _, want := range []string{"庭审与负责人出庭应诉", "第二法庭", "李明", "副职", "登记本次庭审情况", "安排开庭"} {
			if page.Status != 200 || !strings.Contains(page.Body, want) {
				t.Errorf("case page (%d) lacks %q", page.Status, want)
			}
		}
		page = judge.do("GET", idPath("/cases/%d", closed.ID), nil)
		for _, want := range []string{"上诉与二审结果", "行政机关", "二审中", "登记二审结果"} {
			if page.Status != 200 || !strings.Contains(page.Body, want) {
				t.Errorf("closed case page (%d) lacks %q", page.Status, want)
			}
		}
		// A leader may schedule hearings of any case of the court.
		if page := e.as("leader").do("GET", idPath("/cases/%d", k.ID), nil); !strings.Contains(page.Body, "安排开庭") {
			t.Errorf("the leader may schedule hearings: no form")
		}
	})
}
