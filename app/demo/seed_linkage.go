package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fuyuan/app"
)

// The demo records of court–government linkage for 粤1803: some eighteen
// months of advisory letters of every kind (adopted, refused, overdue,
// awaiting a reply, drafts awaiting approval) and three years of meetings and
// trainings of every kind, with follow-up items, up to "today" and a few
// weeks beyond it.

// letterScenario is a realistic problem and suggestion addressed to one kind of organ.
type letterScenario struct {
	organKind   string
	problems    string
	suggestions string
}

var letterScenarios = []letterScenario{
	{"林业局",
		"（一）在查处卫星图斑反映的非法占用林地行为中，未对占地面积进行实地测量，仅以图斑面积作为处罚依据，事实认定依据不足。\n（二）作出罚款决定时未考虑当事人已停止违法行为并主动补种的情节，处罚幅度与违法情节不相适应。",
		"（一）会同自然资源部门对涉案地块重新实地勘测，以勘测结果认定占用林地面积。\n（二）对当事人承诺完善用地手续并全面复绿的，依法综合考虑从轻处罚，并将复绿情况纳入后续监管。"},
	{"自然资源局",
		"对违法用地作出责令限期拆除决定前，未依法告知当事人陈述、申辩及要求听证的权利，程序违法。",
		"建议自行撤销原决定，依法履行告知程序、听取当事人意见后重新作出处理，并对同类案件开展程序自查。"},
	{"人社局",
		"工伤认定程序中未对用人单位提交的考勤记录和工资流水进行核实，即认定劳动者不存在劳动关系，认定事实不清。",
		"（一）重新调查核实劳动关系相关证据，必要时询问同班组工友。\n（二）在重新认定期间，配合法院就工伤待遇的分期赔偿方案开展协调。"},
	{"文广旅体局",
		"对无证经营旅游业务的行政处罚决定书未载明没收违法所得的计算依据，说理不充分；部分询问笔录无执法人员签名。",
		"建议规范处罚决定书的说理部分，逐项载明罚款与没收数额的计算依据；加强对一线执法人员取证规范的培训。"},
	{"市场监管局",
		"行政处罚案件的送达程序不规范，部分文书以电话通知代替法定送达方式，导致当事人未能及时行使救济权利。",
		"建议依照《中华人民共和国行政处罚法》和《中华人民共和国民事诉讼法》的送达规定，建立送达回证制度，并对在办案件开展送达情况排查。"},
	{"综合执法局",
		"强制拆除违法建筑前未依法进行催告，且未制作现场笔录、未对屋内物品进行登记保全。",
		"建议完善行政强制执行程序，严格履行催告、决定、公告等法定步骤；对已拆除案件中当事人的物品损失，主动协商予以补偿。"},
	{"镇人民政府",
		"在征收补偿协议履行过程中，未按约定期限向被征收人支付安置补偿款，引发行政协议纠纷。",
		"建议按照协议约定尽快履行付款义务；对资金确有困难的，与被征收人协商分期支付方案，并书面告知履行计划。"},
	{"生态环境局",
		"按日连续处罚的计罚起止日期认定有误，将整改复查前的期间计入连续处罚日数。",
		"建议重新核定计罚起止日期，依法调整罚款数额，并完善复查记录的留存。"},
}

// trainingTopics are the menu of enforcement-training topics organs choose from (点单式).
var trainingTopics = []string{
	"《行政处罚法》修订要点与执法程序规范",
	"林地案件中卫星图斑证据的固定与运用",
	"行政协议的订立、履行与纠纷预防",
	"工伤认定中的事实调查与证据审查",
	"行政强制执行程序的常见问题",
	"政府信息公开申请的答复实务",
	"行政复议与行政诉讼的衔接",
	"文旅市场执法中的证据规则",
	"行政机关负责人出庭应诉实务",
}

// seedLinkage adds the demo records of the linkage part.
func seedLinkage(ctx context.Context, w *World) error {
	if err := seedLetters(ctx, w); err != nil {
		return fmt.Errorf("letters: %w", err)
	}
	if err := seedMeetings(ctx, w); err != nil {
		return fmt.Errorf("meetings: %w", err)
	}
	return nil
}

// demoCase is a case a demo letter may refer to.
type demoCase struct {
	ID      int64
	OrganID int64
	FiledOn app.Date
}

// seedLetters writes letters issued over the last eighteen months, plus
// drafts and approved letters not yet sent.
func seedLetters(ctx context.Context, w *World) error {
	s := w.Store
	judges := []string{"judge1", "judge2"}
	leader, liaison := w.Actor("leader"), w.Actor("liaison1")
	var cases []demoCase
	if len(w.CaseIDs) > 0 {
		err := s.DB.WithContext(ctx).Raw("SELECT id, organ_id, filed_on FROM cases WHERE court_code = ? ORDER BY id", CourtCode).Scan(&cases).Error
		if err != nil {
			return err
		}
	}
	kinds := []string{"pre_judgment", "pre_judgment", "coordination", "pre_judgment", "judicial", "coordination", "pre_judgment", "judicial"}
	const issuedLetters = 30
	for i := 0; i < issuedLetters; i++ {
		// Spread the issue dates from about a year and a half ago to last week.
		issued := w.Today.AddDays(-(527 - i*18) - w.Rand.IntN(6))
		kind := kinds[i%len(kinds)]
		sc := letterScenarios[i%len(letterScenarios)]
		organ, ok := organOfKind(w, sc.organKind, i)
		if !ok {
			continue
		}
		judge := judges[i%2]
		in := app.LetterInput{Kind: kind, OrganID: organ, Problems: sc.problems, Suggestions: sc.suggestions}
		if kind != "judicial" {
			if c, ok := caseForLetter(cases, organ, issued); ok {
				in.CaseID = &c
			}
		}
		l, err := s.DraftLetter(ctx, w.Actor(judge), in)
		if err != nil {
			return err
		}
		if _, err := s.ApproveLetter(ctx, leader, l.ID, issued.AddDays(-2)); err != nil {
			return err
		}
		issuer := leader
		if i%3 == 0 {
			issuer = w.Actor(judge)
		}
		if l, err = s.IssueLetter(ctx, issuer, l.ID, app.IssueInput{IssuedOn: issued}); err != nil {
			return err
		}
		switch {
		case i == 19 || i == 23 || i == 26:
			// never answered: overdue now
			continue
		case !l.ReplyDueOn.Before(w.Today) && i%2 == 0:
			// still within its deadline, not answered yet
			continue
		}
		replied := issued.AddDays(8 + w.Rand.IntN(30))
		if replied.After(w.Today) {
			replied = w.Today
		}
		adopted := i%4 != 3
		measures := "已按建议完成整改：重新调查核实相关事实，完善执法程序，并将整改情况书面报送法院。"
		if !adopted {
			measures = "机关复函认为原行政行为认定事实清楚、程序合法，暂不采纳建议，将在今后执法中参照改进。"
		}
		if _, err := s.ReplyToLetter(ctx, liaison, l.ID, app.ReplyInput{RepliedOn: replied, Adopted: &adopted, Measures: measures}); err != nil {
			return err
		}
	}
	// Three drafts awaiting the leader's approval and two approved letters awaiting issue.
	for i := 0; i < 5; i++ {
		sc := letterScenarios[(i+3)%len(letterScenarios)]
		organ, ok := organOfKind(w, sc.organKind, i)
		if !ok {
			continue
		}
		l, err := s.DraftLetter(ctx, w.Actor(judges[i%2]), app.LetterInput{Kind: kinds[(i+1)%len(kinds)], OrganID: organ,
			Problems: sc.problems, Suggestions: sc.suggestions})
		if err != nil {
			return err
		}
		if i >= 3 {
			if _, err := s.ApproveLetter(ctx, leader, l.ID, w.Today.AddDays(-1)); err != nil {
				return err
			}
		}
	}
	// One draft the leader returned for revision: its author's to-do and reminder.
	sc := letterScenarios[1]
	if organ, ok := organOfKind(w, sc.organKind, 1); ok {
		l, err := s.DraftLetter(ctx, w.Actor(judges[0]), app.LetterInput{Kind: kinds[0], OrganID: organ,
			Problems: sc.problems, Suggestions: sc.suggestions})
		if err != nil {
			return err
		}
		if _, err := s.ReturnLetter(ctx, leader, l.ID, app.LetterNote{Comment: "请补充所依据的法律条文，并写明整改期限。"}); err != nil {
			return err
		}
	}
	return nil
}

// organOfKind picks an organ of 粤1803 of the kind (the n-th one when there are several).
func organOfKind(w *World, kind string, n int) (int64, bool) {
	var ids []int64
	for _, o := range w.Organs {
		if o.Kind == kind && o.Region == "清新区" {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		for _, o := range w.Organs {
			if o.Kind == kind {
				ids = append(ids, o.ID)
			}
		}
	}
	if len(ids) == 0 {
		return 0, false
	}
	return ids[n%len(ids)], true
}

// caseForLetter finds a case against the organ filed before the letter, the latest such.
func caseForLetter(cases []demoCase, organ int64, before app.Date) (int64, bool) {
	var best demoCase
	for _, c := range cases {
		if c.OrganID == organ && c.FiledOn.Before(before) && (best.ID == 0 || best.FiledOn.Before(c.FiledOn)) {
			best = c
		}
	}
	return best.ID, best.ID != 0
}

// seedMeetings writes three years of meetings and trainings, and a few to come.
func seedMeetings(ctx context.Context, w *World) error {
	s := w.Store
	organIDs := func(n, offset int) []int64 {
		var ids []int64
		for i := 0; i < n && i < len(w.Organs); i++ {
			ids = append(ids, w.Organs[(offset+i)%len(w.Organs)].ID)
		}
		return ids
	}
	record := func(who string, in app.MeetingInput) error {
		_, err := s.RecordMeeting(ctx, w.Actor(who), in)
		return err
	}
	start := app.NewDate(w.Today.Year-2, time.January, 1)
	horizon := w.Today.AddDays(45)
	topic := 0
	for month := start; !month.After(horizon); month = month.AddMonths(1) {
		m := int(month.Month)
		// Monthly symposium with the organs of the month's cases, mid-month.
		if held := month.AddDays(14 + w.Rand.IntN(5)); !held.After(horizon) {
			in := app.MeetingInput{Kind: "monthly_symposium", HeldOn: held,
				Topic:    fmt.Sprintf("%d年%d月行政争议实质性化解座谈会", held.Year, held.Month),
				OrganIDs: organIDs(3, m), Speakers: "李文华（行政庭庭长）；各机关法制股负责人",
				Decisions: "通报本月行政案件收结案及败诉情况，梳理涉诉争议的共性问题，明确下月协调化解的重点案件。"}
			if !held.After(w.Today) {
				in.Attendances = 12 + w.Rand.IntN(14)
			}
			if err := record("liaison1", in); err != nil {
				return err
			}
		}
		// Quarterly joint meeting with follow-up items, in the quarter's last month.
		if held := month.AddDays(20 + w.Rand.IntN(5)); m%3 == 0 && !held.After(horizon) {
			in := app.MeetingInput{Kind: "quarterly_joint", HeldOn: held,
				Topic:    fmt.Sprintf("%d年第%d季度府院联席会议", held.Year, (m+2)/3),
				OrganIDs: organIDs(6, m), Speakers: "区政府分管副区长；法院分管副院长；区司法局局长",
				Decisions: "一、各机关对本季度败诉案件逐案剖析，形成整改清单。\n二、建立行政争议化解工作联络员制度，每月报送涉诉情况。"}
			if !held.After(w.Today) {
				in.Attendances = 20 + w.Rand.IntN(16)
				in.Followups = []app.FollowupInput{
					{Item: "各机关报送本季度败诉案件整改清单", Owner: "清新区司法局", DueOn: held.AddDays(30)},
					{Item: "梳理林地、征收类案件的行政执法共性问题", Owner: "清远市清新区林业局", DueOn: held.AddDays(45)},
				}
			}
			if err := record("judge1", in); err != nil {
				return err
			}
		}
		// Seven enforcement trainings a year, menu-style, some 130 attendances each.
		if m != 1 && m != 2 && m != 8 && m != 10 && m != 12 {
			held := month.AddDays(7 + w.Rand.IntN(10))
			if !held.After(horizon) {
				t := trainingTopics[topic%len(trainingTopics)]
				topic++
				in := app.MeetingInput{Kind: "enforcement_training", HeldOn: held, Topic: "“点单式”行政执法培训：" + t,
					OrganIDs: organIDs(8, m), Speakers: "王建国、刘晓敏（行政庭法官）",
					Decisions: "根据机关点单确定培训内容，结合本院审结的典型案例讲解；培训课件发送各机关法制股。"}
				if !held.After(w.Today) {
					in.Attendances = 118 + w.Rand.IntN(30)
				}
				if err := record("judge2", in); err != nil {
					return err
				}
			}
		}
		// Two joint conferences a year.
		if m == 6 || m == 11 {
			held := month.AddDays(25)
			if !held.After(w.Today) {
				err := record("judge1", app.MeetingInput{Kind: "joint_conference", HeldOn: held,
					Topic:    fmt.Sprintf("%d年%s府院联动联席会议", held.Year, map[int]string{6: "上半年", 11: "下半年"}[m]),
					OrganIDs: organIDs(10, 0), Attendances: 35 + w.Rand.IntN(15), Speakers: "区委政法委书记；法院院长；区政府分管副区长",
					Decisions: "一、总结府院联动工作，通报行政机关负责人出庭应诉和建议书回复情况。\n二、将建议书回复和采纳情况纳入法治政府建设考核。",
					Followups: []app.FollowupInput{{Item: "将建议书回复情况纳入年度法治政府建设考核指标", Owner: "清新区司法局", DueOn: held.AddDays(60)}}})
				if err != nil {
					return err
				}
			}
		}
		// The annual training, every December.
		if m == 12 {
			held := month.AddDays(9)
			if !held.After(w.Today) {
				err := record("liaison1", app.MeetingInput{Kind: "annual_training", HeldOn: held,
					Topic:    fmt.Sprintf("%d年度全区行政执法人员法治培训会", held.Year),
					OrganIDs: organIDs(12, 0), Attendances: 160 + w.Rand.IntN(60), Speakers: "李文华（行政庭庭长）；省法院行政庭法官",
					Decisions: "发布年度行政审判白皮书和十大典型案例。"})
				if err != nil {
					return err
				}
			}
		}
	}
	return completeOldFollowups(ctx, w)
}

// completeOldFollowups marks done the follow-up items due more than two
// months ago; the later ones stay open (some of them overdue by now).
func completeOldFollowups(ctx context.Context, w *World) error {
	open, err := w.Store.ListOpenFollowups(ctx, w.Actor("liaison1"), 1000)
	if err != nil {
		return err
	}
	for _, f := range open {
		if f.DueOn.IsZero() || !f.DueOn.Before(w.Today.AddDays(-60)) {
			continue
		}
		done := f.DueOn.AddDays(-w.Rand.IntN(10))
		if done.Before(f.HeldOn) {
			done = f.HeldOn
		}
		if _, err := w.Store.CompleteFollowup(ctx, w.Actor("liaison1"), f.MeetingID, f.ID, done); err != nil {
			return fmt.Errorf("follow-up %d (%s): %w", f.ID, strings.TrimSpace(f.Item), err)
		}
	}
	return nil
}
