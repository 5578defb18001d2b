package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Advisory letters (建议书/函): a judge drafts one, the leader approves it,
// issuing gives it a number and a reply deadline, and the organ's reply is
// recorded by a judge or the justice-bureau liaison:
//
//	draft 草稿 → approved 已审批 → issued 已发出 → replied 已回复
//
// Until it is approved a draft belongs to its author, who may edit it or
// withdraw it (withdrawn 已撤回, kept, never deleted); the leader may return
// it for revision with a comment (returned 退回修改), and the author's next
// edit submits it again as a draft:
//
//	draft ⇄ returned;  draft, returned → withdrawn
//
// A letter is overdue when it is issued, not replied, and its reply_due_on
// lies before today. Letters are never deleted; every change is audited
// under entity "letter".

// Letter statuses.
const (
	LetterDraft    = "draft"
	LetterApproved = "approved"
	LetterIssued   = "issued"
	LetterReplied  = "replied"
	// LetterReturned is a draft the leader sent back to its author with a comment.
	LetterReturned = "returned"
	// LetterWithdrawn is a draft its author withdrew; it stays on record.
	LetterWithdrawn = "withdrawn"
)

// Editable reports whether the letter is still its author's to change: a
// draft, or a draft returned for revision.
func (l Letter) Editable() bool { return l.Status == LetterDraft || l.Status == LetterReturned }

// letterNoCodes are the type codes (文书类型代字) of advisory-letter numbers.
// A number is （year）court code + type code + running number + 号, the running
// number counting per court, year of issue and kind:
//
//	pre_judgment  判前建议函      （2025）粤1803行建前1号
//	coordination  判前协调建议书  （2025）粤1803行协建1号
//	judicial      司法建议书      （2025）粤1803司建1号
var letterNoCodes = map[string]string{
	"pre_judgment": "行建前",
	"coordination": "行协建",
	"judicial":     "司建",
}

// LetterNo formats the number of an advisory letter of the given kind, e.g.
// LetterNo("粤1803", "pre_judgment", 2025, 1) = "（2025）粤1803行建前1号".
func LetterNo(court, kind string, year, seq int) string {
	return fmt.Sprintf("（%d）%s%s%d号", year, court, letterNoCodes[kind], seq)
}

// letterCounter is the counters.kind under which a kind's numbers run.
func letterCounter(kind string) string { return "letter:" + kind }

// Letter is an advisory letter with the names a page or a reader needs.
type Letter struct {
	ID        int64  `json:"id"`
	CourtCode string `json:"-"`
	Kind      string `json:"kind"`
	LetterNo  string `json:"letter_no"`
	CaseID    *int64 `json:"case_id"`
	CaseNo    string `json:"case_no"`
	// CaseHidden says the letter names a case the reader may not read (its id and number are left out).
	CaseHidden     bool   `json:"case_hidden,omitempty" gorm:"-"`
	OrganID        int64  `json:"organ_id"`
	OrganName      string `json:"organ_name"`
	Problems       string `json:"problems"`
	Suggestions    string `json:"suggestions"`
	Status         string `json:"status"`
	DraftedBy      int64  `json:"drafted_by"`
	DraftedByName  string `json:"drafted_by_name"`
	ApprovedBy     *int64 `json:"approved_by"`
	ApprovedByName string `json:"approved_by_name"`
	ApprovedOn     Date   `json:"approved_on"`
	IssuedOn       Date   `json:"issued_on"`
	ReplyDueOn     Date   `json:"reply_due_on"`
	RepliedOn      Date   `json:"replied_on"`
	Adopted        *bool  `json:"adopted"`
	Measures       string `json:"measures"`
	// The leader's last return for revision (退回修改): who, when and why.
	ReturnedBy     *int64     `json:"returned_by"`
	ReturnedByName string     `json:"returned_by_name"`
	ReturnedAt     *time.Time `json:"returned_at"`
	ReturnComment  string     `json:"return_comment"`
	// The author's withdrawal of the draft.
	WithdrawnAt    *time.Time `json:"withdrawn_at"`
	WithdrawReason string     `json:"withdraw_reason"`
	Version        int        `json:"version"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`

	// Overdue: issued, not replied, and reply_due_on is before today.
	Overdue bool `json:"overdue" gorm:"-"`
	// DaysLeft is reply_due_on minus today for a letter awaiting its reply
	// (negative when overdue); 0 otherwise.
	DaysLeft int `json:"days_left" gorm:"-"`
}

// markOverdue fills the fields that depend on today.
func (l *Letter) markOverdue(today Date) {
	if l.Status == LetterIssued && !l.ReplyDueOn.IsZero() {
		l.DaysLeft = l.ReplyDueOn.DaysSince(today)
		l.Overdue = l.ReplyDueOn.Before(today)
	}
}

// Title is the document title of the letter's kind (判前建议函 …).
func (l Letter) Title() string { return LetterKinds.Label(l.Kind) }

// letterRecord is the row written when a letter is drafted.
type letterRecord struct {
	ID          int64 `gorm:"primaryKey"`
	CourtCode   string
	Kind        string
	CaseID      *int64
	OrganID     int64
	Problems    string
	Suggestions string
	Status      string
	DraftedBy   int64
	Measures    string
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (letterRecord) TableName() string { return "letters" }

// letterSelect reads letters with the names of their organ, case and people.
const letterSelect = `SELECT l.id, l.court_code, l.kind, COALESCE(l.letter_no, '') AS letter_no, l.case_id,
 COALESCE(c.case_no, '') AS case_no, l.organ_id, o.name AS organ_name, l.problems, l.suggestions, l.status,
 l.drafted_by, du.name AS drafted_by_name, l.approved_by, COALESCE(au.name, '') AS approved_by_name,
 l.approved_on, l.issued_on, l.reply_due_on, l.replied_on, l.adopted, l.measures,
 l.returned_by, COALESCE(ru.name, '') AS returned_by_name, l.returned_at, l.return_comment, l.withdrawn_at, l.withdraw_reason,
 l.version, l.created_at, l.updated_at
FROM letters l
JOIN organs o ON o.id = l.organ_id
JOIN users du ON du.id = l.drafted_by
LEFT JOIN users au ON au.id = l.approved_by
LEFT JOIN users ru ON ru.id = l.returned_by
LEFT JOIN cases c ON c.id = l.case_id`

// maxLetterText is the longest problems / suggestions / measures text accepted.
const maxLetterText = 5000

// LetterInput is the body of POST /letters: a draft.
type LetterInput struct {
	Kind        string `json:"kind"`
	CaseID      *int64 `json:"case_id"`
	OrganID     int64  `json:"organ_id"`
	Problems    string `json:"problems"`
	Suggestions string `json:"suggestions"`
}

// Validate checks the fields that need no database.
func (in *LetterInput) Validate() error {
	p := Problems{}
	if k, ok := LetterKinds.Parse(strings.TrimSpace(in.Kind)); ok {
		in.Kind = k
	} else {
		p.Add("kind", "请选择建议书种类：判前建议函、判前协调建议书或司法建议书")
	}
	if in.CaseID != nil && *in.CaseID == 0 {
		in.CaseID = nil
	}
	if in.CaseID != nil && *in.CaseID < 0 {
		p.Add("case_id", "关联案件编号不正确")
	}
	if in.OrganID <= 0 {
		p.Add("organ_id", "请选择致送的行政机关")
	}
	in.Problems = strings.TrimSpace(in.Problems)
	in.Suggestions = strings.TrimSpace(in.Suggestions)
	checkText(p, "problems", in.Problems, "请写明发现的问题", true)
	checkText(p, "suggestions", in.Suggestions, "请写明具体建议", true)
	return p.Err()
}

// checkText validates a free-text field of a letter or meeting.
func checkText(p Problems, field, text, missing string, required bool) {
	switch {
	case required && text == "":
		p.Add(field, missing)
	case utf8.RuneCountInString(text) > maxLetterText:
		p.Add(field, fmt.Sprintf("内容过长（最多 %d 字）", maxLetterText))
	}
}

// DraftLetter records a draft letter by the actor (the drafting judge). The
// organ must be one of the court's, and so must the case when one is given.
func (s *Store) DraftLetter(ctx context.Context, a Actor, in LetterInput) (Letter, error) {
	if err := in.Validate(); err != nil {
		return Letter{}, err
	}
	return inTx(ctx, s, func(tx *gorm.DB) (Letter, error) {
		if err := checkLetterRefsTx(tx, a.Court, in); err != nil {
			return Letter{}, err
		}
		rec := letterRecord{CourtCode: a.Court, Kind: in.Kind, CaseID: in.CaseID, OrganID: in.OrganID,
			Problems: in.Problems, Suggestions: in.Suggestions, Status: LetterDraft, DraftedBy: a.UserID, Version: 1}
		if err := tx.Create(&rec).Error; err != nil {
			return Letter{}, err
		}
		out, err := s.getLetterTx(tx, a.Court, rec.ID)
		if err != nil {
			return Letter{}, err
		}
		if err := s.letterNoticesTx(tx, out); err != nil {
			return Letter{}, err
		}
		return out, s.Audit(tx, a, "letter.draft", "letter", out.ID, nil, out)
	})
}

// checkLetterRefsTx checks that the letter's organ, and its case when it
// names one, are of the court.
func checkLetterRefsTx(tx *gorm.DB, court string, in LetterInput) error {
	p := Problems{}
	if ok, err := rowOfCourt(tx, "organs", in.OrganID, court); err != nil {
		return err
	} else if !ok {
		p.Add("organ_id", "本院没有该行政机关，请从列表中选择")
	}
	if in.CaseID != nil {
		if ok, err := rowOfCourt(tx, "cases", *in.CaseID, court); err != nil {
			return err
		} else if !ok {
			p.Add("case_id", "本院没有该案件，请从列表中选择或不关联案件")
		}
	}
	return p.Err()
}

// rowOfCourt reports whether table has a row with this id in the court.
func rowOfCourt(tx *gorm.DB, table string, id int64, court string) (bool, error) {
	var n int64
	err := tx.Table(table).Where("id = ? AND court_code = ?", id, court).Count(&n).Error
	return n > 0, err
}

// LetterRef is what authorisation needs to know of a letter: its court and drafter.
type LetterRef struct {
	ID        int64
	CourtCode string
	DraftedBy int64
	Status    string
}

// GetLetterRef loads the reference of letter id. It does not filter by court:
// the caller's authorisation decides (another court's letter is "not found" there).
func (s *Store) GetLetterRef(ctx context.Context, id int64) (LetterRef, error) {
	ref, err := take[LetterRef](s.DB.WithContext(ctx).Table("letters").Select("id, court_code, drafted_by, status").Where("id = ?", id), "建议函")
	return ref, s.Err(err)
}

// GetLetter returns a letter of the actor's court.
func (s *Store) GetLetter(ctx context.Context, a Actor, id int64) (Letter, error) {
	l, err := s.getLetterTx(s.DB.WithContext(ctx), a.Court, id)
	return l, s.Err(err)
}

func (s *Store) getLetterTx(tx *gorm.DB, court string, id int64) (Letter, error) {
	l, err := scanOne[Letter](tx.Raw(letterSelect+" WHERE l.id = ? AND l.court_code = ?", id, court), "建议函")
	if err != nil {
		return l, err
	}
	l.markOverdue(s.Clock.Today())
	return l, nil
}

// ApproveLetter records the leader's approval of a draft (draft → approved).
// on is the date of approval; the zero date means today. Approving anything
// but a draft is a conflict.
func (s *Store) ApproveLetter(ctx context.Context, a Actor, id int64, on Date) (Letter, error) {
	today := s.Clock.Today()
	if on.IsZero() {
		on = today
	}
	if on.After(today) {
		return Letter{}, Invalid("approved_on", "审批日期不能晚于今天")
	}
	return s.changeLetter(ctx, a, id, "letter.approve", func(_ *gorm.DB, before Letter) (string, []any, error) {
		if before.Status != LetterDraft {
			return "", nil, Conflict("该建议函%s，只有待审批的草稿可以审批", statusPhrase(before))
		}
		return `UPDATE letters SET status = ?, approved_by = ?, approved_on = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND court_code = ? AND status = ?`,
			[]any{LetterApproved, a.UserID, on, s.Clock.Now().UTC(), id, a.Court, LetterDraft}, nil
	})
}

// changeLetter reads letter id in one transaction, lets decide refuse the
// change or give its UPDATE (q and its args), and applies that (changeLetterTx).
func (s *Store) changeLetter(ctx context.Context, a Actor, id int64, action string,
	decide func(tx *gorm.DB, before Letter) (q string, args []any, err error)) (Letter, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Letter, error) {
		before, err := s.getLetterTx(tx, a.Court, id)
		if err != nil {
			return Letter{}, err
		}
		q, args, err := decide(tx, before)
		if err != nil {
			return Letter{}, err
		}
		return s.changeLetterTx(tx, a, action, id, before, q, args...)
	})
}

// changeLetterTx runs q, the UPDATE of a change of letter id read as before,
// refuses the change when another user changed the letter first, and
// returns the letter as it is after it, with its notices raised
// (letterNoticesTx) and the change audited as action.
func (s *Store) changeLetterTx(tx *gorm.DB, a Actor, action string, id int64, before Letter, q string, args ...any) (Letter, error) {
	if err := changedOne(tx.Exec(q, args...), Conflict("该建议函刚被他人处理，请刷新后查看")); err != nil {
		return Letter{}, err
	}
	out, err := s.getLetterTx(tx, a.Court, id)
	if err != nil {
		return out, err
	}
	if err := s.letterNoticesTx(tx, out); err != nil {
		return out, err
	}
	return out, s.Audit(tx, a, action, "letter", id, before, out)
}

// IssueInput is the body of POST /letters/:id/issue.
type IssueInput struct {
	IssuedOn   Date `json:"issued_on"`
	ReplyDueOn Date `json:"reply_due_on"`
}

// IssueLetter sends an approved letter (approved → issued): it takes the next
// number of the court, the year of issued_on and the letter's kind, and sets
// the reply deadline — reply_due_on when given, else issued_on plus the
// court's letter_reply_days (30 unless the court set another) calendar days.
// Issuing a draft (not yet approved) or an issued letter is a conflict.
func (s *Store) IssueLetter(ctx context.Context, a Actor, id int64, in IssueInput) (Letter, error) {
	p := Problems{}
	if in.IssuedOn.IsZero() {
		p.Add("issued_on", "请填写发出日期")
	} else if in.IssuedOn.After(s.Clock.Today()) {
		p.Add("issued_on", "发出日期不能晚于今天")
	}
	if !in.ReplyDueOn.IsZero() && !in.IssuedOn.IsZero() && !in.ReplyDueOn.After(in.IssuedOn) {
		p.Add("reply_due_on", "回复期限应晚于发出日期")
	}
	if err := p.Err(); err != nil {
		return Letter{}, err
	}
	return s.changeLetter(ctx, a, id, "letter.issue", func(tx *gorm.DB, before Letter) (string, []any, error) {
		switch before.Status {
		case LetterDraft, LetterReturned, LetterWithdrawn:
			return "", nil, Conflict("该建议函%s，经院庭长审批后才能发出", statusPhrase(before))
		case LetterIssued, LetterReplied:
			return "", nil, Conflict("该建议函已于%s发出（%s），不能重复发出", before.IssuedOn.Chinese(), before.LetterNo)
		}
		due := in.ReplyDueOn
		if due.IsZero() {
			var days int
			if err := tx.Table("courts").Select("letter_reply_days").Where("code = ?", a.Court).Scan(&days).Error; err != nil {
				return "", nil, err
			}
			if days <= 0 {
				days = 30
			}
			due = in.IssuedOn.AddDays(days)
		}
		year := in.IssuedOn.Year
		seq, err := s.NextNumber(tx, a.Court, letterCounter(before.Kind), year)
		if err != nil {
			return "", nil, err
		}
		no := LetterNo(a.Court, before.Kind, year, seq)
		return `UPDATE letters SET status = ?, year = ?, seq = ?, letter_no = ?, issued_on = ?, reply_due_on = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND court_code = ? AND status = ?`,
			[]any{LetterIssued, year, seq, no, in.IssuedOn, due, s.Clock.Now().UTC(), id, a.Court, LetterApproved}, nil
	})
}

// ReplyInput is the body of POST /letters/:id/reply: the organ's answer.
type ReplyInput struct {
	RepliedOn Date   `json:"replied_on"`
	Adopted   *bool  `json:"adopted"`
	Measures  string `json:"measures"`
}

// ReplyToLetter records the organ's reply to an issued letter (issued →
// replied): the date, whether the organ adopted the suggestions, and the
// rectification measures it took (or its reasons). replied_on may not be
// before issued_on nor after today; replying to a letter not yet issued, or
// a second time, is a conflict.
func (s *Store) ReplyToLetter(ctx context.Context, a Actor, id int64, in ReplyInput) (Letter, error) {
	p := Problems{}
	if in.RepliedOn.IsZero() {
		p.Add("replied_on", "请填写机关回复日期")
	} else if in.RepliedOn.After(s.Clock.Today()) {
		p.Add("replied_on", "回复日期不能晚于今天")
	}
	if in.Adopted == nil {
		p.Add("adopted", "请选择机关是否采纳建议")
	}
	in.Measures = strings.TrimSpace(in.Measures)
	checkText(p, "measures", in.Measures, "", false)
	if err := p.Err(); err != nil {
		return Letter{}, err
	}
	return s.changeLetter(ctx, a, id, "letter.reply", func(_ *gorm.DB, before Letter) (string, []any, error) {
		switch before.Status {
		case LetterDraft, LetterReturned, LetterWithdrawn, LetterApproved:
			return "", nil, Conflict("该建议函%s，尚未发出，不能登记回复", statusPhrase(before))
		case LetterReplied:
			return "", nil, Conflict("该建议函已于%s登记回复，不能重复登记", before.RepliedOn.Chinese())
		}
		if in.RepliedOn.Before(before.IssuedOn) {
			return "", nil, Invalid("replied_on", "回复日期不能早于发出日期（"+before.IssuedOn.String()+"）")
		}
		return `UPDATE letters SET status = ?, replied_on = ?, adopted = ?, measures = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND court_code = ? AND status = ?`,
			[]any{LetterReplied, in.RepliedOn, *in.Adopted, in.Measures, s.Clock.Now().UTC(), id, a.Court, LetterIssued}, nil
	})
}

// statusPhrase says in words where a letter stands, for conflict messages.
func statusPhrase(l Letter) string {
	switch l.Status {
	case LetterDraft:
		return "还是草稿，尚未审批"
	case LetterApproved:
		return "已经审批"
	case LetterIssued:
		return "已经发出（" + l.LetterNo + "）"
	case LetterReplied:
		return "已经收到回复"
	case LetterReturned:
		return "已退回起草人修改"
	case LetterWithdrawn:
		return "已由起草人撤回"
	}
	return "状态为" + l.Status
}

// LetterFilter selects letters for a list.
type LetterFilter struct {
	Status  string
	Kind    string
	OrganID int64
	CaseID  int64
	Overdue *bool
	// DraftedBy, when set, keeps the letters that user drafted (an author's
	// to-do list); what the reader may see at all is the list's Visibility.
	DraftedBy int64
	// Sort is one of LetterSorts; "" is the newest first.
	Sort string
}

// LetterSorts are the orders a letter list may be sorted in (an allow-list).
var LetterSorts = map[string]string{
	"":             "l.id DESC",
	"newest":       "l.id DESC",
	"issued_on":    "l.issued_on DESC, l.id DESC",
	"reply_due_on": "l.reply_due_on, l.id",
}

// Validate checks the filter's codes.
func (f *LetterFilter) Validate() error {
	p := Problems{}
	if f.Status != "" && !LetterStatuses.Valid(f.Status) {
		p.Add("status", "状态应为 draft、returned、withdrawn、approved、issued 或 replied")
	}
	if f.Kind != "" && !LetterKinds.Valid(f.Kind) {
		p.Add("kind", "种类应为 pre_judgment、coordination 或 judicial")
	}
	if _, ok := LetterSorts[f.Sort]; !ok {
		p.Add("sort", "排序只能是 newest、issued_on 或 reply_due_on")
	}
	return p.Err()
}

// ListLetters lists the letters that vis sees and that match f.
func (s *Store) ListLetters(ctx context.Context, vis Visibility, f LetterFilter, pg Page) (List[Letter], error) {
	out := List[Letter]{Items: []Letter{}}
	if err := f.Validate(); err != nil {
		return out, err
	}
	today := s.Clock.Today()
	visible, args, _ := vis.Where(LetterColumns("l"))
	where := []string{visible}
	add := func(cond string, v ...any) { where = append(where, cond); args = append(args, v...) }
	if f.Status != "" {
		add("l.status = ?", f.Status)
	}
	if f.Kind != "" {
		add("l.kind = ?", f.Kind)
	}
	if f.OrganID != 0 {
		add("l.organ_id = ?", f.OrganID)
	}
	if f.CaseID != 0 {
		add("l.case_id = ?", f.CaseID)
	}
	if f.DraftedBy != 0 {
		add("l.drafted_by = ?", f.DraftedBy)
	}
	if f.Overdue != nil {
		if *f.Overdue {
			add("l.status = ? AND l.reply_due_on < ?", LetterIssued, today)
		} else {
			add("NOT (l.status = ? AND l.reply_due_on < ?)", LetterIssued, today)
		}
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	db := s.DB.WithContext(ctx)
	if err := db.Raw("SELECT COUNT(*) FROM letters l"+cond, args...).Scan(&out.Total).Error; err != nil {
		return out, s.Err(err)
	}
	q := letterSelect + cond + " ORDER BY " + LetterSorts[f.Sort] + " LIMIT ? OFFSET ?"
	if err := db.Raw(q, append(args, pg.Size, pg.Offset())...).Scan(&out.Items).Error; err != nil {
		return out, s.Err(err)
	}
	for i := range out.Items {
		out.Items[i].markOverdue(today)
	}
	return out, nil
}

// chineseDigits are the numerals of a date written the way court documents do.
var chineseDigits = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// DocumentDate writes d as court documents date themselves: 二〇二五年五月六日.
func DocumentDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	var b strings.Builder
	for _, r := range fmt.Sprint(d.Year) {
		b.WriteString(chineseDigits[r-'0'])
	}
	b.WriteString("年")
	b.WriteString(chineseNumber(int(d.Month)))
	b.WriteString("月")
	b.WriteString(chineseNumber(d.Day))
	b.WriteString("日")
	return b.String()
}

// chineseNumber writes 1–31 in Chinese numerals (十一, 二十, 三十一).
func chineseNumber(n int) string {
	switch {
	case n < 10:
		return chineseDigits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + chineseDigits[n%10]
	case n%10 == 0:
		return chineseDigits[n/10] + "十"
	}
	return chineseDigits[n/10] + "十" + chineseDigits[n%10]
}

// CaseChoice is a case as a letter form offers it: number, plaintiff and organ.
type CaseChoice struct {
	ID            int64  `json:"id"`
	CaseNo        string `json:"case_no"`
	PlaintiffName string `json:"plaintiff_name"`
	OrganID       int64  `json:"organ_id"`
	OrganName     string `json:"organ_name"`
}

// CaseChoices lists the court's most recently filed cases for a letter form,
// plus the case include (when not 0 and of the court) wherever it stands.
func (s *Store) CaseChoices(ctx context.Context, a Actor, limit int, include int64) ([]CaseChoice, error) {
	const q = `SELECT c.id, c.case_no, c.plaintiff_name, c.organ_id, o.name AS organ_name
		FROM cases c JOIN organs o ON o.id = c.organ_id WHERE c.court_code = ?`
	var out []CaseChoice
	db := s.DB.WithContext(ctx)
	if err := db.Raw(q+" ORDER BY c.filed_on DESC, c.id DESC LIMIT ?", a.Court, limit).Scan(&out).Error; err != nil {
		return nil, s.Err(err)
	}
	if include != 0 {
		for _, c := range out {
			if c.ID == include {
				return out, nil
			}
		}
		var extra []CaseChoice
		if err := db.Raw(q+" AND c.id = ?", a.Court, include).Scan(&extra).Error; err != nil {
			return nil, s.Err(err)
		}
		out = append(extra, out...)
	}
	if out == nil {
		out = []CaseChoice{}
	}
	return out, nil
}

// Stage is where the letter stands, for lists and badges: draft, returned,
// withdrawn, approved, awaiting (issued, reply not yet due), overdue, adopted
// or not_adopted.
func (l Letter) Stage() string {
	switch {
	case l.Status == LetterIssued && l.Overdue:
		return "overdue"
	case l.Status == LetterIssued:
		return "awaiting"
	case l.Status == LetterReplied && l.Adopted != nil && *l.Adopted:
		return "adopted"
	case l.Status == LetterReplied:
		return "not_adopted"
	}
	return l.Status
}

// StageLabel is Stage in words: 草稿 · 待审批, 退回修改, 已撤回, 已审批 · 待发出, 待回复, 逾期未回复, 已采纳, 未采纳.
func (l Letter) StageLabel() string {
	return map[string]string{
		"draft": "草稿 · 待审批", "returned": "退回修改", "withdrawn": "已撤回",
		"approved": "已审批 · 待发出", "awaiting": "待回复",
		"overdue": "逾期未回复", "adopted": "已回复 · 采纳", "not_adopted": "已回复 · 未采纳",
	}[l.Stage()]
}

// DaysOverdue is how many days an overdue letter is past its reply deadline (0 otherwise).
func (l Letter) DaysOverdue() int {
	if !l.Overdue {
		return 0
	}
	return -l.DaysLeft
}

// IsAdopted reports whether the organ replied that it adopted the suggestions.
func (l Letter) IsAdopted() bool { return l.Adopted != nil && *l.Adopted }

// RepliedLateDays is how many days after reply_due_on the organ replied (0 when in time).
func (l Letter) RepliedLateDays() int {
	if l.RepliedOn.IsZero() || l.ReplyDueOn.IsZero() || !l.RepliedOn.After(l.ReplyDueOn) {
		return 0
	}
	return l.RepliedOn.DaysSince(l.ReplyDueOn)
}
