package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// The pages of advisory letters: the list, the drafting form, one letter with
// the forms of its next step, and the printable letter.

// letterFlashes are the messages shown after a step succeeded (?done=…).
var letterFlashes = map[string]string{
	"drafted":    "建议函草稿已保存。下一步：请院庭长审阅并审批。",
	"approved":   "已审批。下一步：由院庭长或起草法官填写发出日期并发出，系统将自动编号并计算回复期限。",
	"issued":     "已发出并编号。可点击“打印建议函”打印正式文书，送达行政机关。",
	"replied":    "行政机关的回复已登记。",
	"edited":     "修改已保存，等待院庭长审批。",
	"returned":   "已退回起草法官修改，退回意见已留在本函上，起草法官登录后在工作台的待办中可以看到。",
	"withdrawn":  "草稿已撤回，留档备查，不再审批和发出。",
	"attachment": "附件已上传。",
	"withdraw":   "附件已撤回：仍留档备查。",
}

// lettersPage lists the court's letters with filters.
func (s *Server) lettersPage(c *gin.Context) {
	pg, f, list, err := listOf(s, c, rbac.LetterRead, s.letterFilterOf, s.readableLetters(c))
	var organs app.List[app.Organ]
	if err == nil {
		organs, err = s.organChoices(c)
	}
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.render(c, http.StatusOK, "letter_list.html", "建议函", gin.H{
		"Letters": list.Items, "Pager": newPager(c, list.Total, pg.Page, pg.Size), "Organs": organs.Items,
		"Status": f.Status, "Kind": f.Kind, "OrganID": f.OrganID, "Overdue": c.Query("overdue"),
	})
}

// letterNewPage shows the drafting form; ?case_id=N preselects a case and
// its defendant organ as the organ the letter goes to.
func (s *Server) letterNewPage(c *gin.Context) {
	form := map[string]string{}
	if v := c.Query("case_id"); v != "" {
		form["case_id"] = v
	}
	s.renderLetterNew(c, http.StatusOK, form, nil)
}

// letterForm is what the drafting form and the editing form differ in.
type letterForm struct {
	Action, Title, Submit, Back string
	Letter                      *app.Letter // the letter edited; nil when drafting
}

func (s *Server) renderLetterNew(c *gin.Context, status int, form, errs map[string]string) {
	s.renderLetterForm(c, status, letterForm{Action: "/letters", Title: "起草建议函", Submit: "保存草稿", Back: "/letters"}, form, errs)
}

func (s *Server) renderLetterForm(c *gin.Context, status int, lf letterForm, form, errs map[string]string) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	organs, err := s.organChoices(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	include, _ := strconv.ParseInt(form["case_id"], 10, 64)
	cases, err := s.Store.CaseChoices(ctx, a, 300, include)
	if err != nil {
		s.renderError(c, err)
		return
	}
	if form["organ_id"] == "" && include != 0 {
		// A letter about a case goes, unless the judge chooses otherwise, to its defendant organ.
		for _, cc := range cases {
			if cc.ID == include {
				form["organ_id"] = strconv.FormatInt(cc.OrganID, 10)
			}
		}
	}
	court, _ := s.Store.GetCourt(ctx, a.Court)
	s.renderForm(c, status, "letter_new.html", lf.Title, gin.H{
		"Organs": organs.Items, "Cases": cases, "ReplyDays": court.LetterReplyDays, "Form": lf,
	}, form, errs)
}

// letterDraftSubmit saves a draft and goes to it.
func (s *Server) letterDraftSubmit(c *gin.Context) {
	in := app.LetterInput{Kind: c.PostForm("kind"), Problems: c.PostForm("problems"), Suggestions: c.PostForm("suggestions")}
	bad := app.Problems{}
	in.OrganID = postedID(c, "organ_id", bad)
	if id := postedID(c, "case_id", bad); id != 0 {
		in.CaseID = &id
	}
	a, _ := actorOf(c)
	var l app.Letter
	err := bad.Err()
	if err == nil {
		l, err = s.Store.DraftLetter(c.Request.Context(), a, in)
	}
	s.formDone(c, err, fmt.Sprintf("/letters/%d?done=drafted", l.ID), func(status int, errs map[string]string) {
		s.renderLetterNew(c, status, formValues(c, "kind", "case_id", "organ_id", "problems", "suggestions"), errs)
	}, app.EINVALID)
}

// letterView is what the letter page shows: the letter and the steps the user may take now.
type letterView struct {
	Letter      app.Letter
	Flash       string
	CanApprove  bool
	CanReturn   bool
	CanEdit     bool
	CanWithdraw bool
	CanIssue    bool
	CanReply    bool
	ReplyDays   int
	// Attachments of the letter (the organ's reply); Owner is the upload
	// form's target when the reader may attach files, Accept its accept list.
	Attachments []app.Attachment
	Owner       string
	Accept      string
}

// letterPage shows one letter with the form of its next step.
func (s *Server) letterPage(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterRead)
	if !ok {
		return
	}
	s.renderLetter(c, id, http.StatusOK, nil, nil)
}

func (s *Server) renderLetter(c *gin.Context, id int64, status int, form, errs map[string]string) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	l, err := s.readLetter(c, id)
	if err != nil {
		s.renderError(c, err)
		return
	}
	obj := letterObject(app.LetterRef{ID: l.ID, CourtCode: l.CourtCode, DraftedBy: l.DraftedBy, Status: l.Status})
	may := func(action rbac.Action) bool { return s.Authz.Authorize(a, action, obj) == nil }
	court, _ := s.Store.GetCourt(ctx, a.Court)
	v := letterView{
		Letter:      l,
		Flash:       letterFlashes[c.Query("done")],
		CanApprove:  l.Status == app.LetterDraft && may(rbac.LetterApprove),
		CanReturn:   l.Status == app.LetterDraft && may(rbac.LetterReturn),
		CanEdit:     l.Editable() && may(rbac.LetterEdit),
		CanWithdraw: l.Editable() && may(rbac.LetterWithdraw),
		CanIssue:    l.Status == app.LetterApproved && may(rbac.LetterIssue),
		CanReply:    l.Status == app.LetterIssued && may(rbac.LetterReply),
		ReplyDays:   court.LetterReplyDays,
	}
	if v.Attachments, err = s.Store.ListAttachments(ctx, a, app.OwnerLetter, l.ID); err != nil {
		s.renderError(c, err)
		return
	}
	if app.MayAttach(s.Authz, a, app.OwnerLetter, obj) {
		v.Owner, v.Accept = fmt.Sprintf("%s:%d", app.OwnerLetter, l.ID), acceptAttachments
	}
	title := app.LetterKinds.Label(l.Kind)
	if l.LetterNo != "" {
		title += " " + l.LetterNo
	}
	s.renderForm(c, status, "letter_detail.html", title, v, form, errs)
}

// letterStepSubmit is a form of the letter page for a step on the letter of
// :id: action authorised, the form read by read (its bad values recorded in
// p), do run; back to the letter with the flash done, or the letter page
// again with its errors (letterStepFailed).
func letterStepSubmit[In any](s *Server, c *gin.Context, action rbac.Action, done string, read func(p app.Problems) In,
	do func(context.Context, app.Actor, int64, In) (app.Letter, error), fields ...string) {
	id, ok := s.authorizeLetter(c, action)
	if !ok {
		return
	}
	p := app.Problems{}
	in := read(p)
	a, _ := actorOf(c)
	err := p.Err()
	if err == nil {
		_, err = do(c.Request.Context(), a, id, in)
	}
	if err != nil {
		s.letterStepFailed(c, id, err, fields...)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/letters/%d?done=%s", id, done))
}

// letterStepFailed shows a failed step on the letter page (bad input, or a
// step not allowed now), or the error page for anything else.
func (s *Server) letterStepFailed(c *gin.Context, id int64, err error, fields ...string) {
	s.formFailed(c, err, func(status int, errs map[string]string) {
		s.renderLetter(c, id, status, formValues(c, fields...), errs)
	}, app.EINVALID, app.ECONFLICT)
}

func (s *Server) letterApproveSubmit(c *gin.Context) {
	approve := func(ctx context.Context, a app.Actor, id int64, _ struct{}) (app.Letter, error) {
		return s.Store.ApproveLetter(ctx, a, id, app.Date{})
	}
	letterStepSubmit(s, c, rbac.LetterApprove, "approved", func(app.Problems) struct{} { return struct{}{} }, approve)
}

// letterEditPage shows a draft in the drafting form for its author to change.
func (s *Server) letterEditPage(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterEdit)
	if !ok {
		return
	}
	l, err := run(c, id, s.Store.GetLetter)
	if err != nil {
		s.renderError(c, err)
		return
	}
	if !l.Editable() {
		s.renderLetter(c, id, http.StatusConflict, nil, map[string]string{"_": "该建议函已" + app.LetterStatuses.Label(l.Status) + "，不能再修改。"})
		return
	}
	form := map[string]string{"kind": l.Kind, "organ_id": strconv.FormatInt(l.OrganID, 10), "problems": l.Problems,
		"suggestions": l.Suggestions, "version": strconv.Itoa(l.Version)}
	if l.CaseID != nil {
		form["case_id"] = strconv.FormatInt(*l.CaseID, 10)
	}
	s.renderLetterEdit(c, http.StatusOK, l, form, nil)
}

func (s *Server) renderLetterEdit(c *gin.Context, status int, l app.Letter, form, errs map[string]string) {
	back := fmt.Sprintf("/letters/%d", l.ID)
	s.renderLetterForm(c, status, letterForm{Action: back + "/edit", Title: "修改建议函草稿", Submit: "保存修改", Back: back, Letter: &l}, form, errs)
}

// letterEditSubmit saves the author's changes; a returned letter goes back for approval.
func (s *Server) letterEditSubmit(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterEdit)
	if !ok {
		return
	}
	bad := app.Problems{}
	kind, problems, suggestions := c.PostForm("kind"), c.PostForm("problems"), c.PostForm("suggestions")
	organ, caseID := postedID(c, "organ_id", bad), postedID(c, "case_id", bad)
	version, verr := strconv.Atoi(c.PostForm("version"))
	if verr != nil {
		bad.Add("version", "页面缺少版本号，请刷新后再改")
	}
	in := app.LetterEdit{Version: version, Kind: &kind, OrganID: &organ, CaseID: &caseID, Problems: &problems, Suggestions: &suggestions}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	err := bad.Err()
	if err == nil {
		_, err = s.Store.EditLetter(ctx, a, id, in)
	}
	s.formDone(c, err, fmt.Sprintf("/letters/%d?done=edited", id), func(status int, errs map[string]string) {
		l, gerr := s.Store.GetLetter(ctx, a, id)
		if gerr != nil {
			s.renderError(c, err)
			return
		}
		s.renderLetterEdit(c, status, l, formValues(c, "kind", "case_id", "organ_id", "problems", "suggestions", "version"), errs)
	}, app.EINVALID, app.ECONFLICT)
}

// letterReturnSubmit returns a draft to its author with the leader's comment.
func (s *Server) letterReturnSubmit(c *gin.Context) {
	letterStepSubmit(s, c, rbac.LetterReturn, "returned", letterNoteOf(c), s.Store.ReturnLetter, "comment", "reason")
}

// letterWithdrawSubmit records the author's withdrawal of a draft.
func (s *Server) letterWithdrawSubmit(c *gin.Context) {
	letterStepSubmit(s, c, rbac.LetterWithdraw, "withdrawn", letterNoteOf(c), s.Store.WithdrawLetter, "comment", "reason")
}

// letterNoteOf reads the form of a return or a withdrawal.
func letterNoteOf(c *gin.Context) func(app.Problems) app.LetterNote {
	return func(app.Problems) app.LetterNote {
		in := app.LetterNote{Comment: c.PostForm("comment"), Reason: c.PostForm("reason")}
		if v := c.PostForm("version"); v != "" {
			in.Version, _ = strconv.Atoi(v)
		}
		return in
	}
}

func (s *Server) letterIssueSubmit(c *gin.Context) {
	letterStepSubmit(s, c, rbac.LetterIssue, "issued", func(bad app.Problems) app.IssueInput {
		return app.IssueInput{IssuedOn: postedDate(c, "issued_on", bad), ReplyDueOn: postedDate(c, "reply_due_on", bad)}
	}, s.Store.IssueLetter, "issued_on", "reply_due_on")
}

func (s *Server) letterReplySubmit(c *gin.Context) {
	letterStepSubmit(s, c, rbac.LetterReply, "replied", func(bad app.Problems) app.ReplyInput {
		in := app.ReplyInput{RepliedOn: postedDate(c, "replied_on", bad), Measures: c.PostForm("measures")}
		switch c.PostForm("adopted") {
		case "true":
			in.Adopted = new(true)
		case "false":
			in.Adopted = new(false)
		}
		return in
	}, s.Store.ReplyToLetter, "replied_on", "adopted", "measures")
}

// letterDocument is what the printed letter shows.
type letterDocument struct {
	Letter    app.Letter
	Court     app.Court
	Intro     string
	Problems  []string
	Advice    []string
	ReplyLine string // "" when the judge's own text already asks for the reply
	Closing   string // "" when the judge's own text already closes the letter
	Date      string
	Draft     bool
	// Compact sets the body a little tighter, so that a letter somewhat
	// longer than usual still prints on one A4 sheet.
	Compact bool
}

// newLetterDocument lays out a letter's text for print: the judge's own
// top-level numbering (一、) becomes the second level (（一）) under the
// document's 一、/二、 headings, and the reply request and closing formula are
// added only when the judge did not write them.
func newLetterDocument(l app.Letter, court app.Court) letterDocument {
	doc := letterDocument{Letter: l, Court: court, Problems: subordinate(paragraphs(l.Problems)),
		Advice: subordinate(paragraphs(l.Suggestions)), Draft: l.IssuedOn.IsZero(), Intro: letterIntro(l)}
	all := append(append([]string{}, doc.Problems...), doc.Advice...)
	if !asksForReply(all) {
		doc.ReplyLine = letterReplyLine(court, l)
	}
	if n := len(doc.Advice); n == 0 || !strings.HasPrefix(doc.Advice[n-1], "特此") {
		doc.Closing = "特此建议。"
		if l.Kind == "pre_judgment" {
			doc.Closing = "特此函告。"
		}
	}
	if !l.IssuedOn.IsZero() {
		doc.Date = app.DocumentDate(l.IssuedOn)
	}
	doc.Compact = printedLines(doc) > letterLinesPerSheet
	return doc
}

// letterLinesPerSheet is how many lines of body text fit on the one A4 sheet
// beside the heading, title, number, signature and contact line at the
// normal 22pt line (letter-print.css); beyond it the compact 20pt line is used.
const letterLinesPerSheet = 18

// letterCharsPerLine is how many 14pt characters fill a line of the 156 mm text block.
const letterCharsPerLine = 31

// printedLines estimates the body lines of a letter: each paragraph is
// indented two characters and fills lines of letterCharsPerLine.
func printedLines(doc letterDocument) int {
	paras := []string{doc.Letter.OrganName + "：", doc.Intro, "一、发现的问题", "二、建议", doc.ReplyLine, doc.Closing}
	paras = append(append(paras, doc.Problems...), doc.Advice...)
	n := 0
	for _, p := range paras {
		if p != "" {
			n += (utf8.RuneCountInString(p) + 2 + letterCharsPerLine - 1) / letterCharsPerLine
		}
	}
	return n
}

// topLevelNumber matches a paragraph numbered the way the document numbers
// its own headings: 一、 … 十九、
var topLevelNumber = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[、.．]\s*`)

// subordinate renumbers paragraphs that start with a top-level number (一、)
// to the next level (（一）), so that they sit under the document's headings.
func subordinate(paras []string) []string {
	out := make([]string, len(paras))
	for i, p := range paras {
		out[i] = topLevelNumber.ReplaceAllString(p, "（$1）")
	}
	return out
}

// asksForReply reports whether the judge's text already asks the organ to
// answer by a time (…日内…回复, …前…函复 …), in which case the document adds no second request.
func asksForReply(paras []string) bool {
	for _, p := range paras {
		reply := strings.Contains(p, "回复") || strings.Contains(p, "函复") || strings.Contains(p, "答复") || strings.Contains(p, "反馈")
		when := strings.Contains(p, "日内") || strings.Contains(p, "日前") || strings.Contains(p, "前将") ||
			strings.Contains(p, "之日起") || strings.Contains(p, "期限") || strings.Contains(p, "前书面")
		if reply && when {
			return true
		}
	}
	return false
}

// letterPrintPage is the letter as the court sends it: an A4 document with
// no navigation, printed from the browser.
func (s *Server) letterPrintPage(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	l, err := s.readLetter(c, id)
	var court app.Court
	if err == nil {
		court, err = s.Store.GetCourt(c.Request.Context(), a.Court)
	}
	if err != nil {
		s.renderError(c, err)
		return
	}
	doc := newLetterDocument(l, court)
	t, ok := s.pages["letter_print.html"]
	if !ok {
		s.renderError(c, fmt.Errorf("template letter_print.html missing"))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "letter_print", doc); err != nil {
		s.renderError(c, fmt.Errorf("render letter_print.html: %w", err))
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

// letterIntro is the opening paragraph of a letter, by its kind and case.
func letterIntro(l app.Letter) string {
	during := "本院在履行审判职能过程中"
	if l.CaseNo != "" {
		during = "本院在审理" + l.CaseNo + "案件过程中"
	}
	switch l.Kind {
	case "pre_judgment":
		return during + "，发现贵单位作出的行政行为存在以下问题。为促进贵单位在判决前依法自行纠正，实质性化解行政争议，根据《中华人民共和国行政诉讼法》的有关规定，现提出如下建议。"
	case "coordination":
		return during + "，为推动行政争议协调化解、减少当事人诉累，经研究，就有关问题向贵单位提出如下协调建议。"
	}
	return during + "，发现贵单位在依法行政方面存在以下问题。根据《中华人民共和国行政诉讼法》及《最高人民法院关于加强司法建议工作的意见》的规定，现提出如下司法建议。"
}

// letterReplyLine asks the organ to answer within the deadline.
func letterReplyLine(court app.Court, l app.Letter) string {
	if !l.ReplyDueOn.IsZero() {
		return fmt.Sprintf("请贵单位于%s前将采纳情况及整改措施书面回复本院。", app.DocumentDate(l.ReplyDueOn))
	}
	return fmt.Sprintf("请贵单位自收到本%s之日起%d日内将采纳情况及整改措施书面回复本院。", letterNoun(l.Kind), court.LetterReplyDays)
}

// letterNoun is how a letter of the kind refers to itself (本函 / 本建议书).
func letterNoun(kind string) string {
	if kind == "pre_judgment" {
		return "函"
	}
	return "建议书"
}

// paragraphs splits a text into its non-empty lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
