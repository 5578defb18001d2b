package web

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
)

// letterCaseSeq keeps the numbers of the cases these tests insert unique.
var letterCaseSeq atomic.Int64

// insertLetterCase writes a case of 粤1803 straight into `cases` (the case
// part's code is not needed to test letters) and returns its reference.
func insertLetterCase(t *testing.T, e *env, linkage bool) app.CaseRef {
	t.Helper()
	seq := 500 + letterCaseSeq.Add(1)
	no := fmt.Sprintf("（2025）粤1803行初%d号", seq)
	now := time.Now().UTC()
	err := e.Store.DB.Exec(`INSERT INTO cases (court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name, plaintiff_kind,
		organ_id, filed_on, judge_id, linkage, status, deadline_on, created_at, updated_at)
		VALUES ('粤1803', ?, '行初', 2025, ?, '行政处罚', 'ecology', '黄某', 'individual', ?, '2025-04-01', ?, ?, 'filed', '2025-10-01', ?, ?)`,
		no, seq, e.Courts.Organ.ID, e.Courts.Users["judge1"].ID, linkage, now, now).Error
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := e.Store.DB.Raw("SELECT id FROM cases WHERE case_no = ?", no).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	ref, err := e.Store.GetCaseRef(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// draftViaAPI drafts a letter as user and returns its id.
func draftViaAPI(t *testing.T, e *env, user, kind string, caseID int64) int64 {
	t.Helper()
	body := map[string]any{"kind": kind, "organ_id": e.Courts.Organ.ID,
		"problems": "对卫星图斑反映的占用林地行为，作出处罚前未告知听证权利。", "suggestions": "建议依法重新作出处理并完善听证告知。"}
	if caseID != 0 {
		body["case_id"] = caseID
	}
	res := e.as(user).do("POST", "/api/v1/letters", body)
	if res.Status != 201 {
		t.Fatalf("draft: %d %s", res.Status, res.Body)
	}
	var l struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	res.JSON(t, &l)
	if l.Status != "draft" {
		t.Fatalf("new letter status %q, want draft", l.Status)
	}
	return l.ID
}

// mustStatus fails the test unless res has the status.
func mustStatus(t *testing.T, res response, want int, what string) {
	t.Helper()
	if res.Status != want {
		t.Fatalf("%s: got %d, want %d: %s", what, res.Status, want, res.Body)
	}
}

// Acceptance 1 of issue 4, through the API as the court uses it.
func TestTwoPreJudgmentLettersOneAnsweredOneOverdue(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		kase := insertLetterCase(t, e, true)
		ids := []int64{draftViaAPI(t, e, "judge1", "pre_judgment", kase.ID), draftViaAPI(t, e, "judge2", "pre_judgment", 0)}
		type issued struct {
			LetterNo   string `json:"letter_no"`
			ReplyDueOn string `json:"reply_due_on"`
			Status     string `json:"status"`
		}
		var got []issued
		for i, id := range ids {
			mustStatus(t, e.as("leader").do("POST", idPath("/api/v1/letters/%d/approve", id), nil), 200, "approve")
			issuer := []string{"judge1", "leader"}[i]
			res := e.as(issuer).do("POST", idPath("/api/v1/letters/%d/issue", id), map[string]any{"issued_on": "2025-05-06"})
			mustStatus(t, res, 200, "issue")
			var l issued
			res.JSON(t, &l)
			got = append(got, l)
		}
		if got[0].LetterNo == got[1].LetterNo || !strings.HasPrefix(got[0].LetterNo, "（2025）粤1803行建前") {
			t.Errorf("letter numbers %q and %q", got[0].LetterNo, got[1].LetterNo)
		}
		for _, l := range got {
			if l.ReplyDueOn != "2025-06-05" || l.Status != "issued" {
				t.Errorf("%s: reply_due_on %s status %s, want 2025-06-05 issued", l.LetterNo, l.ReplyDueOn, l.Status)
			}
		}
		res := e.as("liaison1").do("POST", idPath("/api/v1/letters/%d/reply", ids[0]),
			map[string]any{"replied_on": "2025-06-03", "adopted": true, "measures": "已撤销原处罚决定，重新告知听证权利"})
		mustStatus(t, res, 200, "liaison records the reply")
		if m := res.Map(t); m["status"] != "replied" || m["adopted"] != true {
			t.Errorf("after reply: %v", m)
		}

		var overdue struct {
			Items []struct {
				ID      int64 `json:"id"`
				Overdue bool  `json:"overdue"`
			} `json:"items"`
			Total int `json:"total"`
		}
		res = e.as("liaison1").do("GET", "/api/v1/letters?overdue=true", nil)
		mustStatus(t, res, 200, "overdue list")
		res.JSON(t, &overdue)
		if overdue.Total != 1 || len(overdue.Items) != 1 || overdue.Items[0].ID != ids[1] || !overdue.Items[0].Overdue {
			t.Errorf("overdue letters %+v, want only letter %d", overdue, ids[1])
		}

		var desk struct {
			Letters []struct {
				ID       int64 `json:"id"`
				Overdue  bool  `json:"overdue"`
				DaysLeft int   `json:"days_left"`
			} `json:"letters_awaiting_reply"`
			Cases     []struct{ ID int64 } `json:"linkage_cases"`
			Scorecard []struct {
				OrganID         int64    `json:"organ_id"`
				LettersReceived int      `json:"letters_received"`
				LettersReplied  int      `json:"letters_replied"`
				LettersAdopted  int      `json:"letters_adopted"`
				AvgDaysToReply  *float64 `json:"avg_days_to_reply"`
			} `json:"scorecard"`
		}
		res = e.as("liaison1").do("GET", "/api/v1/liaison/desk", nil)
		mustStatus(t, res, 200, "desk")
		res.JSON(t, &desk)
		if len(desk.Letters) != 1 || desk.Letters[0].ID != ids[1] || !desk.Letters[0].Overdue || desk.Letters[0].DaysLeft != -26 {
			t.Errorf("desk letters %+v", desk.Letters)
		}
		if len(desk.Cases) != 1 || desk.Cases[0].ID != kase.ID {
			t.Errorf("desk linkage cases %+v, want case %d", desk.Cases, kase.ID)
		}
		if len(desk.Scorecard) != 1 || desk.Scorecard[0].LettersReceived != 2 || desk.Scorecard[0].LettersReplied != 1 ||
			desk.Scorecard[0].LettersAdopted != 1 || desk.Scorecard[0].AvgDaysToReply == nil || *desk.Scorecard[0].AvgDaysToReply != 28 {
			t.Errorf("scorecard %s", res.Body)
		}

		// The liaison's page shows the overdue letter, with its number, first.
		page := e.as("liaison1").do("GET", "/liaison", nil)
		mustStatus(t, page, 200, "liaison page")
		for _, want := range []string{got[1].LetterNo, "逾期 26 天", "登记回复", "各机关履职情况", "清远市清新区林业局", kase.CaseNo} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("liaison page lacks %q", want)
			}
		}
	})
}

// Acceptance 2 of issue 4: who may take which step.
func TestJudgeCannotApproveAndUnapprovedLetterCannotBeIssued(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		plain := insertLetterCase(t, e, false)
		linked := insertLetterCase(t, e, true)
		id := draftViaAPI(t, e, "judge1", "judicial", plain.ID)

		res := e.as("judge1").do("POST", idPath("/api/v1/letters/%d/approve", id), nil)
		mustStatus(t, res, 403, "a judge approves")
		res = e.as("judge1").do("POST", idPath("/api/v1/letters/%d/issue", id), map[string]any{"issued_on": "2025-06-01"})
		mustStatus(t, res, 409, "issue before approval")
		if !strings.Contains(res.Body, "审批") {
			t.Errorf("409 should say the letter needs approval: %s", res.Body)
		}
		res = e.as("liaison1").do("POST", idPath("/api/v1/letters/%d/reply", id), map[string]any{"replied_on": "2025-06-01", "adopted": true})
		mustStatus(t, res, 409, "reply before issue")
		mustStatus(t, e.as("leader").do("POST", idPath("/api/v1/letters/%d/approve", id), nil), 200, "leader approves")
		mustStatus(t, e.as("leader").do("POST", idPath("/api/v1/letters/%d/approve", id), nil), 409, "approve twice")
		mustStatus(t, e.as("judge2").do("POST", idPath("/api/v1/letters/%d/issue", id), map[string]any{"issued_on": "2025-06-01"}), 403, "another judge issues")
		mustStatus(t, e.as("judge1").do("POST", idPath("/api/v1/letters/%d/issue", id), map[string]any{"issued_on": "2025-06-01"}), 200, "the drafter issues")

		// The liaison reads every letter, records the reply and a meeting.
		other := draftViaAPI(t, e, "judge2", "coordination", 0)
		var list struct {
			Total int `json:"total"`
		}
		res = e.as("liaison1").do("GET", "/api/v1/letters", nil)
		mustStatus(t, res, 200, "liaison lists letters")
		res.JSON(t, &list)
		if list.Total != 2 {
			t.Errorf("liaison sees %d letters, want 2", list.Total)
		}
		mustStatus(t, e.as("liaison1").do("GET", idPath("/api/v1/letters/%d", other), nil), 200, "liaison reads a draft")
		mustStatus(t, e.as("liaison1").do("POST", idPath("/api/v1/letters/%d/reply", id),
			map[string]any{"replied_on": "2025-06-25", "adopted": false, "measures": "机关认为原行为并无不当"}), 200, "liaison records a reply")
		mustStatus(t, e.as("liaison1").do("POST", "/api/v1/meetings", map[string]any{"kind": "monthly_symposium", "held_on": "2025-06-26",
			"topic": "涉林行政争议座谈", "organ_ids": []int64{e.Courts.Organ.ID}, "attendances": 18}), 201, "liaison records a meeting")
		mustStatus(t, e.as("mediator1").do("GET", idPath("/api/v1/letters/%d", id), nil), 403, "a mediator reads a letter")
		mustStatus(t, e.as("judge3").do("GET", idPath("/api/v1/letters/%d", id), nil), 404, "another court reads a letter")

		// The liaison reads linkage cases only and changes none (the one decision of rbac).
		liaison := e.Courts.Actor("liaison1")
		tests := []struct {
			name   string
			action rbac.Action
			c      app.CaseRef
			want   string
		}{
			{"reads a linkage case", rbac.CaseRead, linked, ""},
			{"cannot read a non-linkage case", rbac.CaseRead, plain, app.EFORBIDDEN},
			{"cannot edit a linkage case", rbac.CaseEdit, linked, app.EFORBIDDEN},
			{"cannot close a linkage case", rbac.CaseClose, linked, app.EFORBIDDEN},
			{"cannot mediate a linkage case", rbac.CaseMediate, linked, app.EFORBIDDEN},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := e.Authz.Authorize(liaison, tt.action, rbac.CaseObject(tt.c))
				if tt.want == "" && err != nil || tt.want != "" && app.ErrorCode(err) != tt.want {
					t.Errorf("got %v, want %q", err, tt.want)
				}
			})
		}
	})
}

// A page form comes back with what was typed and a Chinese message per field;
// a good one saves and redirects (post-redirect-get).
func TestLetterFormShowsErrorsAndKeepsWhatWasTyped(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		judge := e.as("judge1")
		res := judge.form("/letters", map[string]string{"kind": "pre_judgment", "problems": "未告知听证权利", "suggestions": ""})
		mustStatus(t, res, 400, "bad draft form")
		for _, want := range []string{"未告知听证权利", "请选择致送的行政机关", "请写明具体建议"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("form page lacks %q", want)
			}
		}
		res = judge.form("/letters", map[string]string{"kind": "pre_judgment", "organ_id": fmt.Sprint(e.Courts.Organ.ID),
			"problems": "未告知听证权利", "suggestions": "建议重新告知并听证"})
		mustStatus(t, res, 303, "good draft form")
		loc := res.Header.Get("Location")
		if !strings.HasPrefix(loc, "/letters/") {
			t.Fatalf("redirect to %q", loc)
		}
		page := judge.do("GET", loc, nil)
		mustStatus(t, page, 200, "letter page")
		if !strings.Contains(page.Body, "草稿已保存") || strings.Contains(page.Body, "审批通过</button>") {
			t.Errorf("draft page for the judge: flash missing or approve button shown")
		}
		path := strings.TrimSuffix(loc, "?done=drafted")
		leaderPage := e.as("leader").do("GET", path, nil)
		if !strings.Contains(leaderPage.Body, "审批通过</button>") {
			t.Errorf("leader sees no approve button")
		}
		mustStatus(t, e.as("leader").form(path+"/approve", nil), 303, "approve form")
		res = judge.form(path+"/issue", map[string]string{"issued_on": "2025-02-30"})
		mustStatus(t, res, 400, "impossible date")
		if !strings.Contains(res.Body, "2025-02-30") || !strings.Contains(res.Body, "真实存在的日期") {
			t.Errorf("issue form does not keep the bad date with its error")
		}
		mustStatus(t, judge.form(path+"/issue", map[string]string{"issued_on": "2025-05-06"}), 303, "issue form")

		doc := judge.do("GET", path+"/print", nil)
		mustStatus(t, doc, 200, "print")
		for _, want := range []string{"清新区人民法院", "判前建议函", "（2025）粤1803行建前1号", "清远市清新区林业局：", "发现的问题", "建议",
			"二〇二五年六月五日前", "二〇二五年五月六日", "letter-print.css"} {
			if !strings.Contains(doc.Body, want) {
				t.Errorf("printed letter lacks %q", want)
			}
		}
		if strings.Contains(doc.Body, "sidenav") || strings.Contains(doc.Body, "退出登录") {
			t.Errorf("printed letter carries the site's navigation")
		}
	})
}

// An enforcement training of 130 attendances is listed by kind and period;
// bad input names each field; a follow-up item is done once.
func TestMeetingsAreRecordedListedAndFollowedUp(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		res := e.as("judge1").do("POST", "/api/v1/meetings", map[string]any{"kind": "enforcement_training", "held_on": "2025-04-18",
			"topic": "“点单式”行政执法培训：林地行政处罚程序", "organ_ids": []int64{e.Courts.Organ.ID}, "attendances": 130,
			"speakers": "王建国（承办法官）", "decisions": "每季度开展一次",
			"followups": []map[string]any{{"item": "林业局报送执法案卷自查报告", "owner": "清新区林业局", "due_on": "2025-05-30"}}})
		mustStatus(t, res, 201, "record training")
		var m struct {
			ID        int64 `json:"id"`
			Followups []struct {
				ID      int64 `json:"id"`
				Overdue bool  `json:"overdue"`
			} `json:"followups"`
			Organs []struct{ Name string } `json:"organs"`
		}
		res.JSON(t, &m)
		if len(m.Followups) != 1 || !m.Followups[0].Overdue || len(m.Organs) != 1 {
			t.Fatalf("recorded meeting %s", res.Body)
		}
		mustStatus(t, e.as("liaison1").do("POST", "/api/v1/meetings", map[string]any{"kind": "annual_training", "held_on": "2024-12-10",
			"topic": "年度培训", "attendances": 90}), 201, "last year's training")

		var list struct {
			Items []struct {
				Attendances int `json:"attendances"`
			} `json:"items"`
			Total int `json:"total"`
		}
		res = e.as("leader").do("GET", "/api/v1/meetings?kind=enforcement_training&from=2025-01-01&to=2025-12-31", nil)
		mustStatus(t, res, 200, "list trainings")
		res.JSON(t, &list)
		if list.Total != 1 || list.Items[0].Attendances != 130 {
			t.Errorf("trainings of 2025: %s", res.Body)
		}
		res = e.as("leader").do("GET", "/api/v1/meetings?from=2025-01-01", nil)
		res.JSON(t, &list)
		if list.Total != 1 {
			t.Errorf("meetings from 2025-01-01: %d, want 1", list.Total)
		}

		res = e.as("judge1").do("POST", "/api/v1/meetings", map[string]any{"kind": "party", "topic": "", "attendances": -1,
			"organ_ids": []int64{e.Courts.Organ2.ID}, "followups": []map[string]any{{"item": ""}}})
		mustStatus(t, res, 400, "bad meeting")
		var bad struct {
			Error struct {
				Fields map[string]string `json:"fields"`
			} `json:"error"`
		}
		res.JSON(t, &bad)
		for _, f := range []string{"kind", "held_on", "topic", "attendances", "followups"} {
			if bad.Error.Fields[f] == "" {
				t.Errorf("no message for %s: %s", f, res.Body)
			}
		}
		res = e.as("judge1").do("POST", "/api/v1/meetings", map[string]any{"kind": "quarterly_joint", "held_on": "2025-06-01", "topic": "联席会",
			"organ_ids": []int64{e.Courts.Organ2.ID}})
		mustStatus(t, res, 400, "another court's organ")
		if !strings.Contains(res.Body, "organ_ids") {
			t.Errorf("another court's organ not named: %s", res.Body)
		}

		done := fmt.Sprintf("/api/v1/meetings/%d/followups/%d/done", m.ID, m.Followups[0].ID)
		mustStatus(t, e.as("liaison1").do("POST", done, map[string]any{"on": "2025-06-02"}), 200, "follow-up done")
		mustStatus(t, e.as("liaison1").do("POST", done, map[string]any{"on": "2025-06-03"}), 409, "follow-up done twice")
		mustStatus(t, e.as("judge3").do("POST", done, nil), 404, "another court's follow-up")
		trail, err := s.AuditTrail(context.Background(), e.Courts.Actor("leader"), "meeting", m.ID)
		if err != nil || len(trail) != 2 || trail[1].Action != "meeting.followup_done" {
			t.Errorf("meeting audit trail %+v %v", trail, err)
		}

		page := e.as("liaison1").form("/meetings", map[string]string{"kind": "joint_conference", "topic": "", "followup_item": "报送清单"})
		mustStatus(t, page, 400, "bad meeting form")
		for _, want := range []string{"请填写会议日期", "请填写会议主题", "报送清单"} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("meeting form lacks %q", want)
			}
		}
	})
}

// TestLetterDraftIsReturnedToItsAuthorAndCorrectedFromThePages walks issue
// 15's letter blocker through the pages: the leader's landing page lists the
// draft awaiting approval, the leader returns it with a comment, the author's
// landing page and the letter page show the return, the author corrects it in
// the edit form (which submits it again) and the leader approves it.
func TestLetterDraftIsReturnedToItsAuthorAndCorrectedFromThePages(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		id := draftViaAPI(t, e, "judge1", "pre_judgment", 0)
		letter := fmt.Sprintf("/letters/%d", id)
		draftName := fmt.Sprintf("（第 %d 号草稿）", id)

		home := e.as("leader").do("GET", "/", nil)
		if !strings.Contains(home.Body, "待审批的建议函") || !strings.Contains(home.Body, draftName) {
			t.Fatalf("the leader's landing page does not list the draft awaiting approval")
		}
		page := e.as("leader").do("GET", letter, nil)
		if !strings.Contains(page.Body, `action="`+letter+`/return"`) || strings.Contains(page.Body, letter+"/edit") {
			t.Errorf("the leader's letter page: return form %v, edit link %v", strings.Contains(page.Body, letter+"/return"), strings.Contains(page.Body, letter+"/edit"))
		}
		if res := e.as("leader").form(letter+"/return", map[string]string{"comment": ""}); res.Status != 400 || !strings.Contains(res.Body, "请写明退回修改的意见") {
			t.Errorf("a return without a comment: %d", res.Status)
		}
		comment := "请写明处罚决定的文号和日期。"
		if res := e.as("leader").form(letter+"/return", map[string]string{"comment": comment}); res.Status != 303 {
			t.Fatalf("return: %d %s", res.Status, trim(res.Body))
		}
		for _, path := range []string{"/", letter} {
			body := e.as("judge1").do("GET", path, nil).Body
			if !strings.Contains(body, comment) || !strings.Contains(body, "退回修改") {
				t.Errorf("judge1's %s does not show the return and its comment", path)
			}
		}
		if body := e.as("judge2").do("GET", "/", nil).Body; strings.Contains(body, comment) {
			t.Errorf("judge2's landing page shows judge1's returned letter")
		}
		edit := e.as("judge1").do("GET", letter+"/edit", nil)
		if edit.Status != 200 || !strings.Contains(edit.Body, comment) || !strings.Contains(edit.Body, `name="version" value="2"`) {
			t.Fatalf("the edit form: %d", edit.Status)
		}
		form := map[string]string{"kind": "pre_judgment", "organ_id": fmt.Sprint(e.Courts.Organ.ID), "case_id": "",
			"problems": "处罚决定（清新林罚〔2025〕12号，2025年3月1日）作出前未告知听证权利。", "suggestions": "建议依法重新作出处理。", "version": "1"}
		if res := e.as("judge1").form(letter+"/edit", form); res.Status != 409 {
			t.Errorf("an edit of a stale version: %d, want 409", res.Status)
		}
		form["version"] = "2"
		if res := e.as("judge1").form(letter+"/edit", form); res.Status != 303 {
			t.Fatalf("the correction: %d %s", res.Status, trim(res.Body))
		}
		if body := e.as("judge1").do("GET", "/", nil).Body; strings.Contains(body, "退回修改的建议函") {
			t.Errorf("judge1's to-do still lists the corrected letter")
		}
		if res := e.as("leader").form(letter+"/approve", nil); res.Status != 303 {
			t.Fatalf("approve: %d", res.Status)
		}
		var got app.Letter
		e.as("leader").do("GET", "/api/v1"+letter, nil).JSON(t, &got)
		if got.Status != app.LetterApproved || !strings.Contains(got.Problems, "清新林罚〔2025〕12号") || got.ReturnComment != comment {
			t.Errorf("the approved letter: %+v", got)
		}
		if page := e.as("judge1").do("GET", letter, nil).Body; strings.Contains(page, letter+"/edit") || strings.Contains(page, letter+"/withdraw") {
			t.Errorf("an approved letter still offers its author edit or withdraw")
		}
	})
}

// TestLetterForACaseIsAddressedToItsDefendantOrgan: 为本案起草建议函 opens
// the form with 致送机关 set to the case's defendant organ (issue 15).
func TestLetterForACaseIsAddressedToItsDefendantOrgan(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		ref := insertLetterCase(t, e, false)
		page := e.as("judge1").do("GET", fmt.Sprintf("/letters/new?case_id=%d", ref.ID), nil)
		want := fmt.Sprintf(`<option value="%d" selected>%s</option>`, e.Courts.Organ.ID, e.Courts.Organ.Name)
		if page.Status != 200 || !strings.Contains(page.Body, want) {
			t.Errorf("the form for case %d does not preselect its organ %s", ref.ID, e.Courts.Organ.Name)
		}
	})
}

// TestPrintedLetterKeepsOneNumberingAndOneReplyRequest guards issue 15's
// printed letter: the judge's own 一、/二、 paragraphs become （一）/（二）
// under the document's 一、发现的问题 and 二、建议, and the reply request and
// closing formula appear once, the judge's when the judge wrote them.
func TestPrintedLetterKeepsOneNumberingAndOneReplyRequest(t *testing.T) {
	court := app.Court{Name: "清新区人民法院", LetterReplyDays: 30}
	base := app.Letter{Kind: "pre_judgment", OrganName: "清远市清新区林业局"}
	tests := []struct {
		name               string
		problems, advice   string
		wantProblems       []string
		wantReply, wantEnd bool
	}{
		{"judge numbers with 一、 and asks for the reply",
			"一、未实地测量。\n二、未告知听证权利。", "一、重新测量。\n请贵局自收到本函之日起三十日内书面回复本院。",
			[]string{"（一）未实地测量。", "（二）未告知听证权利。"}, false, true},
		{"judge writes plain paragraphs",
			"未实地测量。", "重新测量。", []string{"未实地测量。"}, true, true},
		{"judge closes the letter", "（一）未实地测量。", "重新测量。\n请于2026年12月31日前函复。\n特此函告。",
			[]string{"（一）未实地测量。"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := base
			l.Problems, l.Suggestions = tt.problems, tt.advice
			doc := newLetterDocument(l, court)
			if strings.Join(doc.Problems, "|") != strings.Join(tt.wantProblems, "|") {
				t.Errorf("problems %q, want %q", doc.Problems, tt.wantProblems)
			}
			if (doc.ReplyLine != "") != tt.wantReply {
				t.Errorf("reply line %q, want one: %v", doc.ReplyLine, tt.wantReply)
			}
			if (doc.Closing != "") != tt.wantEnd {
				t.Errorf("closing %q, want one: %v", doc.Closing, tt.wantEnd)
			}
		})
	}
}
