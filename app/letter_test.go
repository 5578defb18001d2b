package app_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// linkageSeq keeps the running numbers of the cases these tests insert unique.
var linkageSeq atomic.Int64

// letterTestCase is a case row written straight into `cases` (the case part's own
// code is not needed to test letters).
type letterTestCase struct {
	Court    string
	OrganID  int64
	JudgeID  int64
	Type     string
	FiledOn  string
	Linkage  bool
	Status   string
	Deadline string
}

// insertCase writes c into `cases` and returns its id.
func insertLetterTestCase(t *testing.T, s *app.Store, c letterTestCase) int64 {
	t.Helper()
	if c.Type == "" {
		c.Type = "行初"
	}
	if c.Status == "" {
		c.Status = "filed"
	}
	if c.FiledOn == "" {
		c.FiledOn = "2025-03-01"
	}
	if c.Deadline == "" {
		c.Deadline = app.MustDate(c.FiledOn).AddMonths(6).String()
	}
	year := app.MustDate(c.FiledOn).Year
	seq := 1000 + linkageSeq.Add(1)
	no := fmt.Sprintf("（%d）%s%s%d号", year, c.Court, c.Type, seq)
	var judge any
	if c.JudgeID != 0 {
		judge = c.JudgeID
	}
	now := time.Now().UTC()
	db := s.DB.Exec(`INSERT INTO cases (court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name, plaintiff_kind,
		organ_id, filed_on, judge_id, linkage, linkage_partner, status, deadline_on, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, '行政处罚', 'ecology', '清远市某林业开发有限公司', 'enterprise', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Court, no, c.Type, year, seq, c.OrganID, c.FiledOn, judge, c.Linkage, map[bool]string{true: "司法局", false: ""}[c.Linkage],
		c.Status, c.Deadline, now, now)
	if db.Error != nil {
		t.Fatal(db.Error)
	}
	var id int64
	if err := s.DB.Raw("SELECT id FROM cases WHERE court_code = ? AND case_no = ?", c.Court, no).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

// linkageOK returns a function that fails the test on an error and else
// passes the value on: linkageOK[app.Letter](t)(s.IssueLetter(...)).
func linkageOK[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// approvedTestLetter drafts a letter as judge and has the leader approve it.
func approvedTestLetter(t *testing.T, s *app.Store, c *apptest.Court, judge, kind string, caseID *int64) app.Letter {
	t.Helper()
	ctx := context.Background()
	l := linkageOK[app.Letter](t)(s.DraftLetter(ctx, c.Actor(judge), app.LetterInput{Kind: kind, CaseID: caseID, OrganID: c.Organ.ID,
		Problems: "对卫星图斑反映的占用林地行为，处罚前未充分听取当事人陈述申辩。", Suggestions: "建议依法重新核查并完善听证程序。"}))
	return linkageOK[app.Letter](t)(s.ApproveLetter(ctx, c.Actor("leader"), l.ID, app.Date{}))
}

// Acceptance 1 of issue 4: with today at 2025-07-01, two 判前建议函 issued on
// 2025-05-06 get distinct numbers and the reply deadline 2025-06-05; the one
// the liaison records as adopted is answered, the other is the only overdue letter.
func TestPreJudgmentLettersGetNumbersDeadlinesAndOverdue(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		if got := s.Clock.Today(); got != app.MustDate("2025-07-01") {
			t.Fatalf("today = %s, want 2025-07-01", got)
		}
		caseID := insertLetterTestCase(t, s, letterTestCase{Court: "粤1803", OrganID: c.Organ.ID, JudgeID: c.Users["judge1"].ID, Linkage: true})
		a := approvedTestLetter(t, s, c, "judge1", "pre_judgment", &caseID)
		b := approvedTestLetter(t, s, c, "judge2", "pre_judgment", nil)
		issue := app.IssueInput{IssuedOn: app.MustDate("2025-05-06")}
		a = linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("judge1"), a.ID, issue))
		b = linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("leader"), b.ID, issue))

		if a.LetterNo == b.LetterNo {
			t.Fatalf("both letters got number %s", a.LetterNo)
		}
		nos := []string{a.LetterNo, b.LetterNo}
		sort.Strings(nos)
		if want := []string{"（2025）粤1803行建前1号", "（2025）粤1803行建前2号"}; nos[0] != want[0] || nos[1] != want[1] {
			t.Errorf("numbers %v, want %v", nos, want)
		}
		for _, l := range []app.Letter{a, b} {
			if l.ReplyDueOn != app.MustDate("2025-06-05") {
				t.Errorf("%s reply_due_on %s, want 2025-06-05", l.LetterNo, l.ReplyDueOn)
			}
			if l.Status != "issued" || l.IssuedOn != app.MustDate("2025-05-06") {
				t.Errorf("%s: status %s issued_on %s", l.LetterNo, l.Status, l.IssuedOn)
			}
		}
		if a.CaseNo == "" || a.OrganName != c.Organ.Name {
			t.Errorf("letter a: case_no %q organ_name %q", a.CaseNo, a.OrganName)
		}

		adopted := true
		a = linkageOK[app.Letter](t)(s.ReplyToLetter(ctx, c.Actor("liaison1"), a.ID, app.ReplyInput{RepliedOn: app.MustDate("2025-05-30"), Adopted: &adopted, Measures: "已撤销原处罚决定并重新听证"}))
		if a.Status != "replied" || a.Adopted == nil || !*a.Adopted || a.Overdue {
			t.Errorf("replied letter: status %s adopted %v overdue %v", a.Status, a.Adopted, a.Overdue)
		}

		yes := true
		overdue := linkageOK[app.List[app.Letter]](t)(s.ListLetters(ctx, app.NewVisibility(c.Actor("liaison1"), app.ScopeAll), app.LetterFilter{Overdue: &yes}, app.Page{Page: 1, Size: 20}))
		if overdue.Total != 1 || len(overdue.Items) != 1 || overdue.Items[0].ID != b.ID {
			t.Fatalf("overdue letters %+v, want only %s", overdue, b.LetterNo)
		}
		if !overdue.Items[0].Overdue || overdue.Items[0].DaysLeft != -26 {
			t.Errorf("overdue letter: overdue %v days_left %d, want true -26", overdue.Items[0].Overdue, overdue.Items[0].DaysLeft)
		}
		all := linkageOK[app.List[app.Letter]](t)(s.ListLetters(ctx, app.NewVisibility(c.Actor("liaison1"), app.ScopeAll), app.LetterFilter{}, app.Page{Page: 1, Size: 20}))
		if all.Total != 2 {
			t.Errorf("liaison sees %d letters, want 2", all.Total)
		}
		// The other court sees none of them.
		other := linkageOK[app.List[app.Letter]](t)(s.ListLetters(ctx, app.NewVisibility(c.Actor("judge3"), app.ScopeAll), app.LetterFilter{}, app.Page{Page: 1, Size: 20}))
		if other.Total != 0 {
			t.Errorf("粤1881 sees %d letters of 粤1803", other.Total)
		}
		if _, err := s.GetLetter(ctx, c.Actor("judge3"), a.ID); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("another court's letter: %v, want not found", err)
		}

		liaison := c.Actor("liaison1")
		desk := linkageOK[app.LiaisonDesk](t)(s.LiaisonDesk(ctx, liaison, app.DeskOptions{
			Cases: app.NewVisibility(liaison, app.ScopeLinkage), Meetings: app.NewVisibility(liaison, app.ScopeAll)}))
		if len(desk.LettersAwaitingReply) != 1 || desk.LettersAwaitingReply[0].ID != b.ID {
			t.Errorf("desk letters awaiting reply %+v, want only %s", desk.LettersAwaitingReply, b.LetterNo)
		}
		if len(desk.LinkageCases) != 1 || desk.LinkageCases[0].ID != caseID {
			t.Errorf("desk linkage cases %+v, want case %d", desk.LinkageCases, caseID)
		}
		if len(desk.Scorecard) != 1 {
			t.Fatalf("scorecard %+v, want one organ", desk.Scorecard)
		}
		sc := desk.Scorecard[0]
		if sc.OrganID != c.Organ.ID || sc.LettersReceived != 2 || sc.LettersReplied != 1 || sc.LettersAdopted != 1 ||
			sc.AvgDaysToReply == nil || *sc.AvgDaysToReply != 24 || sc.LettersAwaiting != 1 || sc.LettersOverdue != 1 ||
			sc.OpenLinkageCases != 1 || sc.CasesThisYear != 1 || sc.CasesLastYear != 0 {
			t.Errorf("scorecard %+v", sc)
		}
	})
}

// Letters move draft → approved → issued → replied, one step at a time;
// anything else is a conflict and changes nothing.
func TestLetterStateChangesOutOfOrderAreConflicts(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		adopted := false
		reply := app.ReplyInput{RepliedOn: app.MustDate("2025-06-20"), Adopted: &adopted, Measures: "机关认为处罚适当"}
		issue := app.IssueInput{IssuedOn: app.MustDate("2025-06-01")}
		draft := linkageOK[app.Letter](t)(s.DraftLetter(ctx, c.Actor("judge1"), app.LetterInput{Kind: "judicial", OrganID: c.Organ.ID, Problems: "问题", Suggestions: "建议"}))
		approved := approvedTestLetter(t, s, c, "judge1", "coordination", nil)
		issued := approvedTestLetter(t, s, c, "judge1", "judicial", nil)
		issued = linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("leader"), issued.ID, issue))

		tests := []struct {
			name string
			do   func() error
		}{
			{"issue before approval", func() error { _, err := s.IssueLetter(ctx, c.Actor("leader"), draft.ID, issue); return err }},
			{"reply before approval", func() error { _, err := s.ReplyToLetter(ctx, c.Actor("liaison1"), draft.ID, reply); return err }},
			{"reply before issue", func() error { _, err := s.ReplyToLetter(ctx, c.Actor("liaison1"), approved.ID, reply); return err }},
			{"approve twice", func() error { _, err := s.ApproveLetter(ctx, c.Actor("leader"), approved.ID, app.Date{}); return err }},
			{"approve an issued letter", func() error { _, err := s.ApproveLetter(ctx, c.Actor("leader"), issued.ID, app.Date{}); return err }},
			{"issue twice", func() error { _, err := s.IssueLetter(ctx, c.Actor("leader"), issued.ID, issue); return err }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := tt.do(); app.ErrorCode(err) != app.ECONFLICT {
					t.Errorf("got %v, want a conflict", err)
				}
			})
		}
		after := linkageOK[app.Letter](t)(s.GetLetter(ctx, c.Actor("leader"), draft.ID))
		if after.Status != "draft" || after.Version != 1 || after.LetterNo != "" {
			t.Errorf("draft changed by refused steps: %+v", after)
		}
		// The refused issue gave its number back: the next letter of the kind takes 2.
		next := approvedTestLetter(t, s, c, "judge2", "judicial", nil)
		next = linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("leader"), next.ID, issue))
		if next.LetterNo != "（2025）粤1803司建2号" {
			t.Errorf("next number %s, want （2025）粤1803司建2号", next.LetterNo)
		}
		issued = linkageOK[app.Letter](t)(s.ReplyToLetter(ctx, c.Actor("judge2"), issued.ID, reply))
		if _, err := s.ReplyToLetter(ctx, c.Actor("liaison1"), issued.ID, reply); app.ErrorCode(err) != app.ECONFLICT {
			t.Errorf("second reply: %v, want a conflict", err)
		}
		trail := linkageOK[[]app.AuditEntry](t)(s.AuditTrail(ctx, c.Actor("leader"), "letter", issued.ID))
		var actions []string
		for _, e := range trail {
			actions = append(actions, e.Action)
		}
		if fmt.Sprint(actions) != "[letter.draft letter.approve letter.issue letter.reply]" {
			t.Errorf("audit trail %v", actions)
		}
	})
}

// Bad input is a 400 naming each field; nothing is saved.
func TestLetterInputIsValidatedPerField(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		otherCase := insertLetterTestCase(t, s, letterTestCase{Court: "粤1881", OrganID: c.Organ2.ID})
		l := approvedTestLetter(t, s, c, "judge1", "pre_judgment", nil)
		tests := []struct {
			name   string
			do     func() error
			fields []string
		}{
			{"empty draft", func() error { _, err := s.DraftLetter(ctx, c.Actor("judge1"), app.LetterInput{}); return err },
				[]string{"kind", "organ_id", "problems", "suggestions"}},
			{"another court's organ and case", func() error {
				_, err := s.DraftLetter(ctx, c.Actor("judge1"), app.LetterInput{Kind: "判前建议函", OrganID: c.Organ2.ID, CaseID: &otherCase, Problems: "p", Suggestions: "s"})
				return err
			}, []string{"organ_id", "case_id"}},
			{"issue without a date", func() error { _, err := s.IssueLetter(ctx, c.Actor("leader"), l.ID, app.IssueInput{}); return err },
				[]string{"issued_on"}},
			{"issue in the future with a deadline before it", func() error {
				_, err := s.IssueLetter(ctx, c.Actor("leader"), l.ID, app.IssueInput{IssuedOn: app.MustDate("2025-07-02"), ReplyDueOn: app.MustDate("2025-07-01")})
				return err
			}, []string{"issued_on", "reply_due_on"}},
			{"reply without date or answer", func() error { _, err := s.ReplyToLetter(ctx, c.Actor("liaison1"), l.ID, app.ReplyInput{}); return err },
				[]string{"replied_on", "adopted"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.do()
				var e *app.Error
				if app.ErrorCode(err) != app.EINVALID {
					t.Fatalf("got %v, want invalid", err)
				}
				e = err.(*app.Error)
				for _, f := range tt.fields {
					if e.Fields[f] == "" {
						t.Errorf("no message for %s in %v", f, e.Fields)
					}
				}
			})
		}
		list := linkageOK[app.List[app.Letter]](t)(s.ListLetters(ctx, app.NewVisibility(c.Actor("leader"), app.ScopeAll), app.LetterFilter{}, app.Page{Page: 1, Size: 20}))
		if list.Total != 1 {
			t.Errorf("%d letters saved, want 1", list.Total)
		}
		// A reply dated before the letter was issued names replied_on.
		l = linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("leader"), l.ID, app.IssueInput{IssuedOn: app.MustDate("2025-06-10"), ReplyDueOn: app.MustDate("2025-06-30")}))
		if l.ReplyDueOn != app.MustDate("2025-06-30") {
			t.Errorf("explicit reply_due_on not kept: %s", l.ReplyDueOn)
		}
		yes := true
		_, err := s.ReplyToLetter(ctx, c.Actor("liaison1"), l.ID, app.ReplyInput{RepliedOn: app.MustDate("2025-06-09"), Adopted: &yes})
		if e, ok := err.(*app.Error); !ok || e.Fields["replied_on"] == "" {
			t.Errorf("reply before issue date: %v", err)
		}
	})
}

// The reply deadline follows the court's own letter_reply_days.
func TestReplyDeadlineFollowsTheCourtsSetting(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		if err := s.DB.Exec("UPDATE courts SET letter_reply_days = 15 WHERE code = ?", "粤1803").Error; err != nil {
			t.Fatal(err)
		}
		l := approvedTestLetter(t, s, c, "judge1", "coordination", nil)
		l = linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("judge1"), l.ID, app.IssueInput{IssuedOn: app.MustDate("2025-05-06")}))
		if l.ReplyDueOn != app.MustDate("2025-05-21") || l.LetterNo != "（2025）粤1803行协建1号" {
			t.Errorf("got %s due %s, want （2025）粤1803行协建1号 due 2025-05-21", l.LetterNo, l.ReplyDueOn)
		}
	})
}

// Letters issued at the same moment get distinct, consecutive numbers.
func TestConcurrentIssuingGivesConsecutiveNumbers(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		const n = 12
		ids := make([]int64, n)
		for i := range ids {
			ids[i] = approvedTestLetter(t, s, c, "judge1", "judicial", nil).ID
		}
		nos := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				l, err := s.IssueLetter(ctx, c.Actor("leader"), ids[i], app.IssueInput{IssuedOn: app.MustDate("2025-06-30")})
				nos[i], errs[i] = l.LetterNo, err
			}(i)
		}
		wg.Wait()
		seen := map[string]bool{}
		for i := range nos {
			if errs[i] != nil {
				t.Fatalf("issue %d: %v", i, errs[i])
			}
			seen[nos[i]] = true
		}
		for k := 1; k <= n; k++ {
			if want := app.LetterNo("粤1803", "judicial", 2025, k); !seen[want] {
				t.Errorf("number %s missing from %v", want, nos)
			}
		}
	})
}

// Court documents date themselves in Chinese numerals.
func TestDocumentDateIsWrittenInChineseNumerals(t *testing.T) {
	for in, want := range map[string]string{
		"2025-05-06": "二〇二五年五月六日", "2025-10-10": "二〇二五年十月十日",
		"2026-12-31": "二〇二六年十二月三十一日", "2030-01-20": "二〇三〇年一月二十日",
	} {
		if got := app.DocumentDate(app.MustDate(in)); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}
