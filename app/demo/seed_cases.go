package demo

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"sort"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
)

// The demo case register of 粤1803: about three years of cases up to today,
// filed fewer year by year while the 调撤率 rises (the court's story), with
// mediations of every mode, commitments (some overdue), suspensions,
// appraisals and an extension, closings of every method, reduced fines, open
// cases near and past their deadlines, a failed pre-litigation mediation
// followed by a 行初 case, and fast-track tourism cases at the scenic-area
// workstation. 粤1881 gets about twenty cases of its own.

// demoCasePlan is one case and what happens to it, in order.
type demoCasePlan struct {
	in          app.CaseInput
	judge       string // the username of the judge, who records every step
	mediations  []demoMediation
	suspension  [2]app.Date // start and end; a zero end leaves the case suspended
	excluded    *app.ExcludedPeriodInput
	extendBy    int // months added by an approved extension, 0 for none
	close       *app.CloseInput
	commitments []demoCommitment
	follows     string // the plaintiff of the failed pre-litigation mediation this case follows
	hearings    []app.HearingInput
	appeal      *app.AppealInput
	decision    *app.AppealDecision
}

// movedBy is how many days the plan's finished excluded periods move its deadline.
func (p demoCasePlan) movedBy() int {
	n := 0
	if !p.suspension[1].IsZero() {
		n += p.suspension[1].DaysSince(p.suspension[0])
	}
	if p.excluded != nil {
		n += p.excluded.EndOn.DaysSince(p.excluded.StartOn)
	}
	return n
}

type demoMediation struct {
	in       app.MediationInput
	mediator bool // recorded by the assigned mediator rather than the judge
}

type demoCommitment struct {
	in        app.CommitmentInput
	fulfilled app.Date
}

// caseYearMix is what one year of the demo looks like: how many cases a
// whole year brings and the shares of mediation, withdrawal and deemed
// withdrawal among litigation closings (the 调撤率 rises year by year).
type caseYearMix struct {
	perYear                          int
	mediation, withdrawal, deemed    float64
	judgment, dismissal, transferred float64
}

var caseYearMixes = []caseYearMix{
	{perYear: 240, mediation: .27, withdrawal: .20, deemed: .03, judgment: .35, dismissal: .08, transferred: .03},
	{perYear: 215, mediation: .29, withdrawal: .22, deemed: .04, judgment: .32, dismissal: .07, transferred: .03},
	{perYear: 190, mediation: .32, withdrawal: .24, deemed: .04, judgment: .29, dismissal: .06, transferred: .02},
}

// caseDomainMix lists the domains with their weights, causes and defendant kinds.
var caseDomainMix = []struct {
	domain      string
	weight      int
	causes      []string
	organKinds  []string
	commitments []string
}{
	{"ecology", 30, []string{"山林权属", "自然资源监管", "行政处罚", "行政处罚", "行政强制"}, []string{"林业局", "自然资源局", "生态环境局"}, []string{"restore", "permit"}},
	{"tourism", 15, []string{"行政处罚", "行政许可", "行政处罚"}, []string{"文广旅体局", "市场监管局"}, []string{"permit", "other"}},
	{"enterprise", 25, []string{"行政处罚", "行政许可", "行政强制", "信息公开", "行政协议"}, []string{"市场监管局", "综合执法局", "自然资源局"}, []string{"permit", "instalment"}},
	{"labour", 20, []string{"工伤认定", "工伤认定", "行政复议"}, []string{"人社局"}, []string{"instalment"}},
	{"other", 10, []string{"信息公开", "行政协议", "其他", "行政复议"}, []string{"镇人民政府", "综合执法局", "司法局"}, []string{"other"}},
}

var (
	caseSurnames    = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "梁", "邓", "冯", "曾", "彭"}
	caseGivenNames  = []string{"建华", "秀英", "志强", "丽娟", "国平", "海燕", "伟明", "桂芳", "永强", "美玲", "振东", "少华", "文辉", "玉兰", "家豪", "春梅", "锦荣", "惠珍"}
	caseFirmPlaces  = []string{"清远市", "清远市清新区", "广东"}
	caseFirmNames   = []string{"绿源", "森美", "龙腾", "恒达", "山水", "古龙峡", "飞霞", "北江", "太和", "金穗", "禾云", "笔架山", "浸潭", "滨江"}
	caseFirmTrades  = []string{"林业", "农林开发", "旅游开发", "建材", "矿业", "养殖", "餐饮管理", "文化传媒", "建设工程", "物流", "漂流", "温泉度假"}
	caseRegions     = []string{"英德市", "佛冈县", "清城区", "连州市", "阳山县"}
	casePenalties   = []int64{5000, 8000, 10000, 20000, 30000, 45000, 50000, 60000, 80000, 100000, 150000}
	casePlaces      = []string{"本院调解室", "太平镇行政争议调解工作站", "石门台森林法官工作室", "古龙峡景区法官工作室", "清新区司法局", "争议现场", "视频调解平台"}
	caseCommitNotes = map[string]string{
		"restore": "在期限内完成涉案林地全面复绿，并由林业部门验收", "permit": "在期限内补办完善相关许可、用地手续",
		"instalment": "按协议分期支付赔偿款", "other": "按调解协议履行相关义务",
	}
)

// seedCases adds the demo records of the case part and fills w.CaseIDs.
func seedCases(ctx context.Context, w *World) error {
	deadlineOf, err := w.Store.NewCaseDeadlines(ctx, CourtCode)
	if err != nil {
		return err
	}
	plans := planDemoCases(w, deadlineOf)
	failed := map[string]int64{} // failed pre-litigation mediations by plaintiff
	const batch = 60
	for start := 0; start < len(plans); start += batch {
		end := min(start+batch, len(plans))
		// What a batch adds is kept aside until it commits: a retried
		// transaction runs the batch again.
		var ids []int64
		var batchFailed map[string]int64
		err := w.Store.Tx(ctx, func(tx *gorm.DB) error {
			ids, batchFailed = nil, map[string]int64{}
			for i := start; i < end; i++ {
				p := plans[i]
				origin, ok := batchFailed[p.follows]
				if !ok {
					origin = failed[p.follows]
				}
				id, err := runDemoCase(tx, w, p, origin)
				if err != nil {
					return fmt.Errorf("case %d (%s, filed %s): %w", i, p.in.CaseType, p.in.FiledOn, err)
				}
				if p.close != nil && p.close.Method == "failed" {
					batchFailed[p.in.Plaintiff.Name] = id
				}
				ids = append(ids, id)
			}
			return nil
		})
		if err != nil {
			return err
		}
		maps.Copy(failed, batchFailed)
		w.CaseIDs = append(w.CaseIDs, ids...)
	}
	return seedCasesOfSecondCourt(ctx, w)
}

// planDemoCases draws the cases of 粤1803 and adds the showcase cases, oldest
// filing first, so that the running numbers follow the filing dates.
func planDemoCases(w *World, deadlineOf func(string, app.Date, bool) app.Date) []demoCasePlan {
	r := w.Rand
	var plans []demoCasePlan
	var plaintiffs []string
	first := w.Today.Year - 2
	for y := 0; y < 3; y++ {
		year := first + y
		mix := caseYearMixes[y]
		start := app.NewDate(year, time.January, 1)
		days := 365
		if year == w.Today.Year {
			days = w.Today.DaysSince(start) + 1
		}
		n := mix.perYear * days / 365
		var filed []app.Date
		for range n {
			filed = append(filed, start.AddDays(r.IntN(days)))
		}
		for _, f := range filed {
			plans = append(plans, planDemoCase(w, r, f, mix, deadlineOf, &plaintiffs))
		}
	}
	plans = append(plans, showcaseCases(w, deadlineOf)...)
	plans = planRefilings(w, plans)
	sort.SliceStable(plans, func(i, j int) bool { return plans[i].in.FiledOn.Before(plans[j].in.FiledOn) })
	return plans
}

// planDemoCase draws one case filed on filed.
func planDemoCase(w *World, r *rand.Rand, filed app.Date, mix caseYearMix, deadlineOf func(string, app.Date, bool) app.Date, plaintiffs *[]string) demoCasePlan {
	caseType := demoWeighted(r, []string{"行初", "行审", "行赔初", app.PreLitigationType}, []int{55, 14, 8, 23})
	dm := caseDomainMix[demoWeighted(r, []int{0, 1, 2, 3, 4}, []int{30, 15, 25, 20, 10})]
	in := app.CaseInput{
		CaseType: caseType, Domain: dm.domain, Cause: dm.causes[r.IntN(len(dm.causes))],
		OrganID: demoOrganOf(w, r, dm.organKinds), FiledOn: filed,
	}
	if caseType == "行审" {
		in.Cause = "行政处罚" // non-litigation enforcement of a penalty decision
	}
	in.Plaintiff = demoPlaintiff(r, dm.domain, plaintiffs)
	judge := []string{"judge1", "judge2"}[r.IntN(2)]
	in.JudgeID = w.Users[judge].ID
	if r.IntN(100) < 30 || caseType == app.PreLitigationType && r.IntN(2) == 0 {
		in.MediatorIDs = []int64{w.Users["mediator1"].ID}
	}
	if r.IntN(100) < 30 || caseType == app.PreLitigationType && r.IntN(100) < 60 {
		in.Linkage, in.LinkagePartner = true, "司法局"
	}
	if r.IntN(100) < 8 {
		in.CrossRegion, in.Region = true, caseRegions[r.IntN(len(caseRegions))]
	}
	if caseType == "行初" && r.IntN(100) < 25 {
		in.Simplified = true
	}
	if dm.domain == "tourism" && caseType != "行审" && r.IntN(100) < 55 {
		in.FastTrack = true
		if ws, ok := w.Workstations["scenic"]; ok {
			in.WorkstationID = &ws
		}
	} else if dm.domain == "ecology" && r.IntN(100) < 20 {
		if ws, ok := w.Workstations["forest"]; ok {
			in.WorkstationID = &ws
		}
	}
	if in.Cause == "行政处罚" && caseType != app.PreLitigationType {
		m := app.Money(casePenalties[r.IntN(len(casePenalties))] * 100)
		in.PenaltyBefore = &m
	}
	p := demoCasePlan{in: in, judge: judge}
	limit := deadlineOf(caseType, filed, in.Simplified).DaysSince(filed)

	// How long the case takes; it stays open when that reaches past today.
	// A real division closes 95 % or more within the limit: about 3 % of
	// litigation cases run late, by days or weeks (a handful of them are
	// open and overdue today, the older ones were closed late).
	var took int
	switch {
	case in.FastTrack:
		took = 5 + r.IntN(20)
	case caseType == app.PreLitigationType || caseType == "行审":
		took = 6 + r.IntN(max(limit-8, 1))
	case in.Simplified:
		took = 15 + r.IntN(28)
	default:
		took = 30 + r.IntN(max(limit-40, 1))
	}
	if caseType != app.PreLitigationType && caseType != "行审" && !in.FastTrack {
		switch roll := r.IntN(1000); {
		case roll < 40:
			start := filed.AddDays(min(10+r.IntN(30), took/2))
			length := 10 + r.IntN(35)
			p.suspension = [2]app.Date{start, start.AddDays(length)}
			took += length
		case roll < 70 && in.Domain == "ecology":
			start := filed.AddDays(min(15+r.IntN(30), took/2))
			length := 20 + r.IntN(40)
			p.excluded = &app.ExcludedPeriodInput{Reason: "appraisal", StartOn: start, EndOn: start.AddDays(length), Notes: "涉案林地面积及损毁程度司法鉴定"}
			took += length
		case roll < 80:
			start := filed.AddDays(min(10+r.IntN(20), took/2))
			p.excluded = &app.ExcludedPeriodInput{Reason: "announcement", StartOn: start, EndOn: start.AddDays(60), Notes: "公告送达起诉状副本"}
			took += 60
		case roll < 95 && !in.Simplified:
			p.extendBy = 3
			took = limit + 20 + r.IntN(50)
		}
	}
	if late := r.IntN(1000); late < 30 && caseType != app.PreLitigationType && p.extendBy == 0 {
		took = max(took, limit+p.movedBy()) + 3 + late
	}
	closeOn := filed.AddDays(took)
	switch {
	case !p.suspension[0].IsZero() && p.suspension[0].After(w.Today):
		p.suspension = [2]app.Date{}
	case !p.suspension[1].IsZero() && !p.suspension[1].Before(w.Today):
		p.suspension[1] = app.Date{} // suspended today: the clock is paused
		closeOn = w.Today
	}
	if p.excluded != nil && p.excluded.StartOn.After(w.Today) {
		p.excluded = nil
	}
	if p.extendBy > 0 && !filed.AddDays(limit-10).Before(w.Today) {
		p.extendBy = 0
	}
	closed := closeOn.Before(w.Today)

	// Mediations before the closing (or until today for open cases).
	last := closeOn
	if !closed {
		last = w.Today
	}
	method := ""
	if closed {
		method = demoCloseMethod(r, caseType, mix)
	}
	mediations := 0
	switch {
	case method == "mediation" || method == "withdrawal":
		mediations = 1 + r.IntN(3)
	case caseType == app.PreLitigationType:
		mediations = 1 + r.IntN(2)
	case method == "judgment" && r.IntN(2) == 0, !closed && r.IntN(100) < 45:
		mediations = 1
	}
	window := last.DaysSince(filed) - 1
	if p.suspension[0].IsZero() && window >= 2 {
		for i := range mediations {
			held := filed.AddDays(1 + window*(i+1)/(mediations+1))
			result := demoWeighted(r, []string{"continuing", "partial"}, []int{3, 1})
			if i == mediations-1 && closed {
				switch method {
				case "mediation", "withdrawal":
					result = "success"
				case "failed", "judgment":
					result = "failed"
				}
			}
			p.mediations = append(p.mediations, demoMediation{in: demoMediationInput(r, in, held, result), mediator: len(in.MediatorIDs) > 0 && r.IntN(2) == 0})
		}
	}
	if closed {
		ci := &app.CloseInput{ClosedOn: closeOn, Method: method}
		if method == "judgment" {
			ci.JudgmentResult = demoWeighted(r, []string{"uphold", "revoke", "confirm_illegal", "alter", "order_perform"}, []int{50, 20, 15, 8, 7})
		}
		if method == "mediation" && in.PenaltyBefore != nil && r.IntN(100) < 60 {
			after := app.Money(int64(float64(*in.PenaltyBefore)*(0.5+0.3*r.Float64())) / 100000 * 100000)
			ci.PenaltyAfter = &after
		}
		p.close = ci
		if method == "mediation" && r.IntN(100) < 40 {
			kind := dm.commitments[r.IntN(len(dm.commitments))]
			due := closeOn.AddDays(30 + r.IntN(150))
			c := demoCommitment{in: app.CommitmentInput{Kind: kind, DueOn: due, Notes: caseCommitNotes[kind]}}
			if kind == "instalment" {
				amount := app.Money((20000 + int64(r.IntN(80))*1000) * 100)
				c.in.Amount = &amount
			}
			switch {
			case due.Before(w.Today) && r.IntN(100) < 80:
				c.fulfilled = due.AddDays(-r.IntN(20))
			case !due.Before(w.Today) && r.IntN(100) < 20:
				c.fulfilled = closeOn.AddDays(r.IntN(max(w.Today.DaysSince(closeOn), 1)))
			}
			if !c.fulfilled.IsZero() && (c.fulfilled.Before(closeOn) || c.fulfilled.After(w.Today)) {
				c.fulfilled = closeOn
			}
			p.commitments = append(p.commitments, c)
		}
	}
	planOutcomes(w, &p, closeOn, closed)
	return p
}

// demoCloseMethod draws how a case ends, by the year's mix.
func demoCloseMethod(r *rand.Rand, caseType string, mix caseYearMix) string {
	if caseType == app.PreLitigationType {
		return demoWeighted(r, []string{"mediation", "failed"}, []int{64, 36})
	}
	rest := 1 - mix.mediation - mix.withdrawal - mix.deemed - mix.judgment - mix.dismissal - mix.transferred
	methods := []string{"mediation", "withdrawal", "deemed_withdrawal", "judgment", "dismissal", "transfer", "termination"}
	weights := []int{int(mix.mediation * 1000), int(mix.withdrawal * 1000), int(mix.deemed * 1000), int(mix.judgment * 1000),
		int(mix.dismissal * 1000), int(mix.transferred * 1000), int(rest * 1000)}
	return demoWeighted(r, methods, weights)
}

// demoMediationInput describes a mediation session of the case.
func demoMediationInput(r *rand.Rand, in app.CaseInput, held app.Date, result string) app.MediationInput {
	mode := demoWeighted(r, []string{"onsite", "online"}, []int{6, 4})
	switch {
	case in.CrossRegion && r.IntN(10) < 7:
		mode = "cross_region"
	case in.Linkage && r.IntN(10) < 6:
		mode = "joint"
	}
	m := app.MediationInput{HeldOn: held, Mode: mode, Result: result, Location: casePlaces[r.IntN(len(casePlaces))],
		Participants: "原告" + in.Plaintiff.Name + "；被告机关负责人及经办人员"}
	switch mode {
	case "online":
		m.Location = "视频调解平台"
	case "joint":
		m.Participants += "；区司法局行政争议协调化解中心"
	case "cross_region":
		m.Participants += "；" + in.Region + "人民法院及相关部门"
	}
	switch result {
	case "success":
		m.Agreement = "双方自愿达成调解协议，行政机关依法重新审查并作出处理，原告撤回起诉或按协议结案"
	case "failed":
		m.Notes = "双方分歧较大，未能达成一致"
	case "continuing":
		m.Notes = "双方同意进一步协商，约定再次调解"
	case "partial":
		m.Agreement = "双方就部分事项达成一致，其余争议约定继续协商"
	}
	return m
}

// demoPlaintiff names a plaintiff fitting the domain; now and then one who
// already has a case (a series of related cases).
func demoPlaintiff(r *rand.Rand, domain string, seen *[]string) app.Party {
	if len(*seen) > 20 && r.IntN(100) < 7 {
		name := (*seen)[r.IntN(len(*seen))]
		kind := "individual"
		if len([]rune(name)) > 4 {
			kind = "enterprise"
		}
		return app.Party{Name: name, Kind: kind}
	}
	firm := domain == "enterprise" || domain == "tourism" && r.IntN(100) < 70 || domain == "ecology" && r.IntN(100) < 40
	var p app.Party
	if firm {
		p = app.Party{Kind: "enterprise", Name: caseFirmPlaces[r.IntN(len(caseFirmPlaces))] + caseFirmNames[r.IntN(len(caseFirmNames))] +
			caseFirmTrades[r.IntN(len(caseFirmTrades))] + "有限公司"}
	} else {
		p = app.Party{Kind: "individual", Name: caseSurnames[r.IntN(len(caseSurnames))] + caseGivenNames[r.IntN(len(caseGivenNames))]}
	}
	*seen = append(*seen, p.Name)
	return p
}

// demoOrganOf picks an organ of one of the kinds, or any organ: mostly the
// district's own; about a third of the time, where there is one, an organ of
// another district or county of the city (the court's centralised
// jurisdiction), drawn apart from r so that the rest of the demo stays as it was.
func demoOrganOf(w *World, r *rand.Rand, kinds []string) int64 {
	var ids, elsewhere []int64
	for _, o := range w.Organs {
		for _, k := range kinds {
			switch {
			case o.Kind == k && o.Region == "清新区":
				ids = append(ids, o.ID)
			case o.Kind == k:
				elsewhere = append(elsewhere, o.ID)
			}
		}
	}
	if len(elsewhere) > 0 && outcomes(w).IntN(100) < 35 {
		pick := ids
		if len(pick) == 0 {
			pick = elsewhere
		}
		_ = pick[r.IntN(len(pick))] // the draw the district's organ would have taken
		return elsewhere[outcomes(w).IntN(len(elsewhere))]
	}
	if len(ids) == 0 {
		return w.Organs[r.IntN(len(w.Organs))].ID
	}
	return ids[r.IntN(len(ids))]
}

// demoOrganNamed finds an organ of 粤1803 by kind.
func demoOrganNamed(w *World, kind string) int64 {
	for _, o := range w.Organs {
		if o.Kind == kind {
			return o.ID
		}
	}
	return w.Organs[0].ID
}

// demoWeighted draws one of xs with the given weights.
func demoWeighted[T any](r *rand.Rand, xs []T, weights []int) T {
	total := 0
	for _, wt := range weights {
		total += wt
	}
	n := r.IntN(max(total, 1))
	for i, wt := range weights {
		if n < wt {
			return xs[i]
		}
		n -= wt
	}
	return xs[len(xs)-1]
}

// showcaseCases are the cases the court tells of, and open cases at every
// deadline flag, placed relative to today.
func showcaseCases(w *World, deadlineOf func(string, app.Date, bool) app.Date) []demoCasePlan {
	t := w.Today
	judge1, mediator := w.Users["judge1"].ID, w.Users["mediator1"].ID
	forestry, tourism, labour := demoOrganNamed(w, "林业局"), demoOrganNamed(w, "文广旅体局"), demoOrganNamed(w, "人社局")
	money := func(yuan int64) *app.Money { m := app.Money(yuan * 100); return &m }
	var out []demoCasePlan

	// A fine for occupying forest land seen on a satellite patch, cut by
	// ¥20,000 in a mediation with the justice bureau; the company replants.
	filed := t.AddDays(-200)
	forest := demoCasePlan{judge: "judge1", in: app.CaseInput{CaseType: "行初", Cause: "行政处罚", Domain: "ecology",
		Plaintiff: app.Party{Name: "清远市清新区绿野农林开发有限公司", Kind: "enterprise"}, OrganID: forestry, FiledOn: filed,
		JudgeID: judge1, MediatorIDs: []int64{mediator}, Linkage: true, LinkagePartner: "司法局", PenaltyBefore: money(60000)}}
	if ws, ok := w.Workstations["forest"]; ok {
		forest.in.WorkstationID = &ws
	}
	forest.mediations = []demoMediation{
		{in: app.MediationInput{HeldOn: filed.AddDays(20), Mode: "onsite", Location: "涉案林地（卫星图斑现场）", Result: "continuing",
			Participants: "原告法定代表人；区林业局执法大队；区司法局", Notes: "现场核对卫星图斑范围，企业表示愿意整改"}},
		{in: app.MediationInput{HeldOn: filed.AddDays(41), Mode: "joint", Location: "清新区司法局", Result: "success",
			Participants: "原告法定代表人；区林业局副局长；区司法局行政争议协调化解中心",
			Agreement:    "区林业局将罚款由六万元调整为四万元；企业完善林地使用手续并于期限内全面复绿；原告撤回起诉"}, mediator: true},
	}
	forest.close = &app.CloseInput{ClosedOn: filed.AddDays(45), Method: "mediation", PenaltyAfter: money(40000)}
	forest.commitments = []demoCommitment{
		{in: app.CommitmentInput{Kind: "restore", DueOn: filed.AddDays(165), Notes: "全面复绿涉案林地，由区林业局验收"}, fulfilled: filed.AddDays(160)},
		{in: app.CommitmentInput{Kind: "permit", DueOn: t.AddDays(-5), Notes: "完善林地使用审批手续"}},
	}
	out = append(out, forest)

	// A ¥45,000 fine plus confiscation for unlicensed tourism business, upheld.
	filed = t.AddDays(-150)
	out = append(out, demoCasePlan{judge: "judge2", in: app.CaseInput{CaseType: "行初", Cause: "行政处罚", Domain: "tourism",
		Plaintiff: app.Party{Name: "清远市浸潭漂流旅游开发有限公司", Kind: "enterprise"}, OrganID: tourism, FiledOn: filed,
		JudgeID: w.Users["judge2"].ID, PenaltyBefore: money(45000)},
		mediations: []demoMediation{{in: app.MediationInput{HeldOn: filed.AddDays(25), Mode: "onsite", Location: "本院调解室", Result: "failed",
			Participants: "原告委托代理人；区文广旅体局法规股", Notes: "原告坚持无证经营不应处罚，调解不成"}}},
		close: &app.CloseInput{ClosedOn: filed.AddDays(80), Method: "judgment", JudgmentResult: "uphold"}})

	// A work-injury compensation ending in an instalment agreement.
	filed = t.AddDays(-170)
	out = append(out, demoCasePlan{judge: "judge1", in: app.CaseInput{CaseType: "行初", Cause: "工伤认定", Domain: "labour",
		Plaintiff: app.Party{Name: "罗家豪", Kind: "individual"}, OrganID: labour, FiledOn: filed, JudgeID: judge1, Linkage: true, LinkagePartner: "司法局"},
		mediations: []demoMediation{{in: app.MediationInput{HeldOn: filed.AddDays(30), Mode: "joint", Location: "本院调解室", Result: "success",
			Participants: "原告；用人单位；区人社局工伤保险股；区司法局",
			Agreement:    "用人单位分三期向原告支付工伤赔偿共计八万六千元，原告撤回起诉"}}},
		close: &app.CloseInput{ClosedOn: filed.AddDays(33), Method: "mediation"},
		commitments: []demoCommitment{
			{in: app.CommitmentInput{Kind: "instalment", DueOn: filed.AddDays(63), Amount: money(30000), Notes: "第一期赔偿款"}, fulfilled: filed.AddDays(60)},
			{in: app.CommitmentInput{Kind: "instalment", DueOn: filed.AddDays(123), Amount: money(30000), Notes: "第二期赔偿款"}, fulfilled: filed.AddDays(125)},
			{in: app.CommitmentInput{Kind: "instalment", DueOn: t.AddDays(-3), Amount: money(26000), Notes: "第三期赔偿款"}},
		}})

	// A failed pre-litigation mediation, followed by the 行初 case it became.
	filed = t.AddDays(-90)
	pre := demoCasePlan{judge: "judge2", in: app.CaseInput{CaseType: app.PreLitigationType, Cause: "山林权属", Domain: "ecology",
		Plaintiff: app.Party{Name: "太平镇马岳村民小组", Kind: "enterprise"}, OrganID: demoOrganNamed(w, "镇人民政府"), FiledOn: filed,
		JudgeID: w.Users["judge2"].ID, MediatorIDs: []int64{mediator}, Linkage: true, LinkagePartner: "司法局"},
		mediations: []demoMediation{
			{in: app.MediationInput{HeldOn: filed.AddDays(8), Mode: "joint", Location: "太平镇行政争议调解工作站", Result: "continuing",
				Participants: "村民小组代表；太平镇人民政府；区司法局"}, mediator: true},
			{in: app.MediationInput{HeldOn: filed.AddDays(24), Mode: "onsite", Location: "争议林地", Result: "failed",
				Participants: "村民小组代表；相邻村民小组代表；太平镇人民政府", Notes: "四至界线分歧较大，调解不成"}, mediator: true},
		},
		close: &app.CloseInput{ClosedOn: filed.AddDays(27), Method: "failed"}}
	follow := demoCasePlan{judge: "judge2", follows: pre.in.Plaintiff.Name, in: app.CaseInput{CaseType: "行初", Cause: "山林权属", Domain: "ecology",
		Plaintiff: pre.in.Plaintiff, OrganID: pre.in.OrganID, FiledOn: filed.AddDays(32), JudgeID: w.Users["judge2"].ID,
		MediatorIDs: []int64{mediator}, Linkage: true, LinkagePartner: "司法局"},
		mediations: []demoMediation{{in: app.MediationInput{HeldOn: filed.AddDays(50), Mode: "joint", Location: "本院调解室", Result: "continuing",
			Participants: "原告代表；太平镇人民政府；区自然资源局；区司法局"}}}}
	out = append(out, pre, follow)

	// Open cases at every deadline flag, and one 府院联动 case suspended now.
	flagged := func(caseType string, simplified bool, daysLeft int) app.Date {
		for back := 1; back < 400; back++ {
			f := t.AddDays(-back)
			if deadlineOf(caseType, f, simplified).DaysSince(t) <= daysLeft {
				return f
			}
		}
		return t
	}
	open := []struct {
		caseType   string
		simplified bool
		daysLeft   int
		plaintiff  app.Party
		domain     string
		cause      string
		organ      string
	}{
		{"行审", false, 5, app.Party{Name: "清远市北江建材有限公司", Kind: "enterprise"}, "enterprise", "行政处罚", "综合执法局"},
		{"行初", true, 12, app.Party{Name: "陈海燕", Kind: "individual"}, "labour", "工伤认定", "人社局"},
		{"行诉前调", false, 25, app.Party{Name: "清远市笔架山温泉度假有限公司", Kind: "enterprise"}, "tourism", "行政许可", "文广旅体局"},
		{"行初", false, -9, app.Party{Name: "黄志强", Kind: "individual"}, "ecology", "自然资源监管", "自然资源局"},
		{"行赔初", false, -2, app.Party{Name: "梁锦荣", Kind: "individual"}, "other", "其他", "镇人民政府"},
	}
	for i, o := range open {
		f := flagged(o.caseType, o.simplified, o.daysLeft)
		p := demoCasePlan{judge: []string{"judge1", "judge2"}[i%2], in: app.CaseInput{CaseType: o.caseType, Cause: o.cause, Domain: o.domain,
			Plaintiff: o.plaintiff, OrganID: demoOrganNamed(w, o.organ), FiledOn: f, Simplified: o.simplified}}
		p.in.JudgeID = w.Users[p.judge].ID
		if i%2 == 0 {
			p.in.MediatorIDs = []int64{mediator}
			p.mediations = []demoMediation{{in: demoMediationInput(w.Rand, p.in, f.AddDays(3), "continuing"), mediator: true}}
		}
		out = append(out, p)
	}
	suspended := demoCasePlan{judge: "judge1", in: app.CaseInput{CaseType: "行初", Cause: "自然资源监管", Domain: "ecology",
		Plaintiff: app.Party{Name: "清远市森美矿业有限公司", Kind: "enterprise"}, OrganID: demoOrganNamed(w, "自然资源局"),
		FiledOn: t.AddDays(-70), JudgeID: judge1, Linkage: true, LinkagePartner: "司法局"},
		suspension: [2]app.Date{t.AddDays(-12), {}}}
	return append(out, suspended)
}

// runDemoCase files the case of a plan and takes its steps, in one transaction.
func runDemoCase(tx *gorm.DB, w *World, p demoCasePlan, origin int64) (int64, error) {
	s := w.Store
	judge := w.Actor(p.judge)
	in := p.in
	if origin != 0 {
		in.OriginCaseID = &origin
	}
	c, err := s.CreateCaseTx(tx, judge, in, "")
	if err != nil {
		return 0, err
	}
	for _, m := range p.mediations {
		by := judge
		if m.mediator {
			by = w.Actor("mediator1")
		}
		if m.in.HeldOn.After(w.Today) {
			continue
		}
		if _, err := s.RecordMediationTx(tx, by, c.ID, m.in); err != nil {
			return 0, fmt.Errorf("mediation: %w", err)
		}
	}
	if !p.suspension[0].IsZero() {
		if _, err := s.SuspendCaseTx(tx, judge, c.ID, app.SuspendInput{On: p.suspension[0]}); err != nil {
			return 0, fmt.Errorf("suspend: %w", err)
		}
		if !p.suspension[1].IsZero() {
			if _, err := s.ResumeCaseTx(tx, judge, c.ID, app.ResumeInput{On: p.suspension[1]}); err != nil {
				return 0, fmt.Errorf("resume: %w", err)
			}
		}
	}
	if p.excluded != nil {
		if _, err := s.AddExcludedPeriodTx(tx, judge, c.ID, *p.excluded); err != nil {
			return 0, fmt.Errorf("excluded period: %w", err)
		}
	}
	if p.extendBy > 0 {
		var dues []app.Date
		if err := tx.Table("cases").Where("id = ?", c.ID).Pluck("deadline_on", &dues).Error; err != nil || len(dues) != 1 {
			return 0, fmt.Errorf("deadline of case %d: %v", c.ID, err)
		}
		due := dues[0]
		ext := app.ExtensionInput{ApprovedOn: due.AddDays(-10), NewDeadlineOn: due.AddMonths(p.extendBy),
			ApprovedBy: "清远市中级人民法院", Reason: "案情复杂，需进一步协调化解"}
		if _, err := s.AddExtensionTx(tx, judge, c.ID, ext); err != nil {
			return 0, fmt.Errorf("extension: %w", err)
		}
	}
	if err := runHearings(tx, w, judge, c.ID, p.hearings); err != nil {
		return 0, err
	}
	if p.close != nil {
		if _, err := s.CloseCaseTx(tx, judge, c.ID, *p.close); err != nil {
			return 0, fmt.Errorf("close: %w", err)
		}
	}
	if p.appeal != nil {
		ap, err := s.FileAppealTx(tx, judge, c.ID, *p.appeal)
		if err != nil {
			return 0, fmt.Errorf("appeal: %w", err)
		}
		if p.decision != nil {
			if _, err := s.DecideAppealTx(tx, judge, ap.ID, *p.decision); err != nil {
				return 0, fmt.Errorf("appeal decision: %w", err)
			}
		}
	}
	for _, cm := range p.commitments {
		made, err := s.AddCommitmentTx(tx, judge, c.ID, cm.in)
		if err != nil {
			return 0, fmt.Errorf("commitment: %w", err)
		}
		if !cm.fulfilled.IsZero() {
			if _, err := s.FulfilCommitmentTx(tx, judge, made.ID, app.FulfilInput{On: cm.fulfilled}); err != nil {
				return 0, fmt.Errorf("fulfil: %w", err)
			}
		}
	}
	return c.ID, nil
}

// seedCasesOfSecondCourt files about twenty cases of 粤1881 by its judge.
func seedCasesOfSecondCourt(ctx context.Context, w *World) error {
	if len(w.Organs2) == 0 {
		return nil
	}
	r := w.Rand
	judge := w.Actor("judge3")
	causes := []string{"山林权属", "工伤认定", "行政处罚", "自然资源监管", "信息公开"}
	domains := map[string]string{"山林权属": "ecology", "工伤认定": "labour", "行政处罚": "enterprise", "自然资源监管": "ecology", "信息公开": "other"}
	var filed []app.Date
	for range 20 {
		filed = append(filed, w.Today.AddDays(-r.IntN(540)))
	}
	sort.Slice(filed, func(i, j int) bool { return filed[i].Before(filed[j]) })
	var plaintiffs []string
	return w.Store.Tx(ctx, func(tx *gorm.DB) error {
		for i, f := range filed {
			cause := causes[i%len(causes)]
			in := app.CaseInput{CaseType: []string{"行初", "行初", "行审", app.PreLitigationType}[i%4], Cause: cause, Domain: domains[cause],
				Plaintiff: demoPlaintiff(r, domains[cause], &plaintiffs), OrganID: w.Organs2[i%len(w.Organs2)].ID, FiledOn: f,
				JudgeID: judge.UserID}
			c, err := w.Store.CreateCaseTx(tx, judge, in, "")
			if err != nil {
				return fmt.Errorf("粤1881 case %d: %w", i, err)
			}
			took := 20 + r.IntN(60)
			if in.CaseType == "行审" || in.CaseType == app.PreLitigationType {
				took = took * 28 / 80 // within their 30 days
			}
			closeOn := f.AddDays(took)
			if closeOn.Before(w.Today) {
				method := demoWeighted(r, []string{"mediation", "withdrawal", "judgment"}, []int{35, 25, 40})
				if in.CaseType == app.PreLitigationType {
					method = "mediation"
				}
				ci := app.CloseInput{ClosedOn: closeOn, Method: method}
				if method == "judgment" {
					ci.JudgmentResult = "uphold"
				}
				if _, err := w.Store.CloseCaseTx(tx, judge, c.ID, ci); err != nil {
					return fmt.Errorf("粤1881 close %d: %w", i, err)
				}
			}
		}
		return nil
	})
}
