package demo

import (
	"context"
	"fmt"
	"time"

	"fuyuan/app"
)

// The demo field work of 粤1803, from the start of the year before last up to
// today: the service logs of the four workstations, circuit hearings (seven
// cross-regional ones a year, and a few scheduled after today), some fifteen
// on-site inspections a year on the demo cases, and the protection orders of
// the 石门台 reserve and the 古龙峡 scenic area.

// serviceProfile is how often a workstation gives one kind of service: the
// mean number per month and the range of people served each time.
type serviceProfile struct {
	kind       string
	perMonth   float64
	minPeople  int
	maxPeople  int
	notes      []string
	peakMonths []time.Month // months when it happens twice as often (holidays, tourist season)
}

var serviceProfiles = map[string][]serviceProfile{
	"forest": {
		{"consultation", 2, 2, 10, []string{"解答林农关于林木采伐许可的咨询", "解答护林员关于林地占用处罚的咨询", "为保护区周边村民讲解山林权属确权程序"}, nil},
		{"publicity", 1, 30, 180, []string{"在保护区周边村开展森林防火与生态保护普法", "向护林员讲解《森林法》典型案例", "“法治进林区”宣传活动"}, []time.Month{time.March, time.April}},
		{"mediation", 1, 2, 6, []string{"调处村民间林地界址纠纷", "调处林木采伐补偿纠纷", "协调林业局与当事人就复绿方案达成一致"}, nil},
		{"circuit_hearing", 0.3, 20, 80, []string{"在保护区管理站公开审理非法占用林地行政处罚案件"}, nil},
	},
	"scenic": {
		{"consultation", 3, 1, 8, []string{"解答游客关于退费与合同纠纷的咨询", "为景区商户讲解经营许可办理流程", "解答导游关于旅游行政处罚的咨询"},
			[]time.Month{time.January, time.February, time.May, time.July, time.August, time.October}},
		{"publicity", 1, 50, 300, []string{"向景区商户宣讲《旅游法》与经营规范", "节假日游客服务中心普法宣传", "景区从业人员依法经营培训"}, []time.Month{time.May, time.October}},
		{"mediation", 2, 2, 5, []string{"调处游客与漂流项目经营者的退费纠纷", "调处商户与景区管理方的摊位纠纷", "调处游客人身损害赔偿纠纷"},
			[]time.Month{time.July, time.August, time.October}},
		{"circuit_hearing", 0.25, 30, 100, []string{"在游客中心就地开庭审理旅游行政处罚案件"}, nil},
	},
	"mediation_station": {
		{"consultation", 2, 1, 6, []string{"解答群众关于征收补偿的咨询", "解答企业关于行政处罚救济途径的咨询"}, nil},
		{"mediation", 3, 2, 8, []string{"诉前调解工伤认定争议", "调解征收补偿协议履行纠纷", "联合司法局调解行政处罚争议"}, nil},
		{"publicity", 0.5, 20, 120, []string{"镇村干部依法行政培训", "“府院联动”进乡镇宣传"}, nil},
		{"circuit_hearing", 0.1, 20, 60, []string{"在调解工作站巡回审理行政协议案件"}, nil},
	},
	"cross_region_office": {
		{"mediation", 2, 3, 10, []string{"与英德市法院联合调解跨区域林地纠纷", "跨区域联合调解工伤保险待遇争议", "与佛冈县相关部门联合化解自然资源监管争议"}, nil},
		{"consultation", 1, 2, 6, []string{"解答异地当事人立案咨询", "解答跨区域管辖相关咨询"}, nil},
		{"publicity", 0.3, 20, 80, []string{"北江流域生态保护司法协作宣传"}, nil},
		{"circuit_hearing", 0.2, 20, 60, []string{"跨区域巡回审理山林权属案件"}, nil},
	},
}

// Places of circuit hearings: local ones in 清新区 and cross-regional ones with their region.
var (
	localCircuitPlaces = []string{"太平镇人民法庭", "山塘镇人民政府会议室", "三坑镇文化广场", "古龙峡景区游客服务中心",
		"石门台保护区管理站", "禾云镇村民委员会", "飞来峡镇综合服务中心", "龙颈镇文化站", "浸潭镇人民法庭"}
	crossCircuitPlaces = [][2]string{{"英德市连江口镇人民法庭", "英德市"}, {"佛冈县汤塘镇人民政府", "佛冈县"},
		{"清城区东城街道综合服务中心", "清城区"}, {"连州市人民法院西岸法庭", "连州市"}, {"阳山县七拱镇人民政府", "阳山县"},
		{"连南瑶族自治县三江镇", "连南瑶族自治县"}, {"英德市英红镇林场", "英德市"}}
	circuitNotes = []string{"公开开庭并当庭宣判，组织当地群众旁听", "庭后就林地保护开展现场普法", "当庭调解成功，当事人自愿撤诉",
		"邀请行政机关负责人出庭应诉", "组织周边村民和执法人员旁听"}
)

// inspectionFindings are what an inspection finds, by the cause of the case.
var inspectionFindings = map[string][]string{
	"山林权属":   {"争议林地四至界线与林权证记载基本一致，东侧约 15 米存在重叠，现场已标注界桩。", "争议山场现有杉木林约 30 亩，树龄约 12 年，双方均认可现场指界。"},
	"自然资源监管": {"现场采石点已停止作业，开采面积约 1.2 亩，边坡未进行生态修复。", "违法占地上的临时建筑已拆除，地面硬化部分尚未清理。"},
	"行政处罚":   {"卫星图斑所示地块实际占用林地约 0.3 公顷，已开始补植复绿，成活率约七成。", "经营场所已按要求整改，现场未发现继续无证经营的迹象。"},
	"工伤认定":   {"事故发生地为厂区内装卸平台，现场照明和防护设施与当事人陈述一致。"},
}

// fieldworkCase is what field work needs to know of a demo case.
type fieldworkCase struct {
	ID       int64
	FiledOn  app.Date
	ClosedOn app.Date
	JudgeID  *int64
	Cause    string
	Status   string
}

func seedFieldwork(ctx context.Context, w *World) error {
	start := app.NewDate(w.Today.Year-2, time.January, 1)
	judges := []app.Actor{w.Actor("judge1"), w.Actor("judge2")}
	if err := seedServices(ctx, w, start, judges); err != nil {
		return fmt.Errorf("workstation services: %w", err)
	}
	cases, err := loadFieldCases(ctx, w)
	if err != nil {
		return err
	}
	if err := seedCircuits(ctx, w, start, judges, cases); err != nil {
		return fmt.Errorf("circuit hearings: %w", err)
	}
	if err := seedInspections(ctx, w, start, cases); err != nil {
		return fmt.Errorf("inspections: %w", err)
	}
	return seedProtectionOrders(ctx, w)
}

// seedServices fills each workstation's service log month by month.
func seedServices(ctx context.Context, w *World, start app.Date, judges []app.Actor) error {
	for i, d := range demoWorkstations {
		id, ok := w.Workstations[d.kind]
		if !ok {
			continue
		}
		opened := app.NewDate(w.Today.Year-d.yearsAgo, d.month, d.day)
		for month := start; !month.After(w.Today); month = month.AddMonths(1) {
			last := month.AddMonths(1).AddDays(-1)
			for _, p := range serviceProfiles[d.kind] {
				for n := timesThisMonth(w, p, month.Month); n > 0; n-- {
					held := month.AddDays(w.Rand.IntN(last.Day))
					if held.After(w.Today) || held.Before(opened) {
						continue
					}
					in := app.ServiceInput{Kind: p.kind, HeldOn: held, People: p.minPeople + w.Rand.IntN(p.maxPeople-p.minPeople+1),
						Notes: p.notes[w.Rand.IntN(len(p.notes))]}
					if _, err := w.Store.LogService(ctx, judges[(i+n)%len(judges)], id, in); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// timesThisMonth draws how many times a service is given in a month: about
// its monthly mean, twice that in its peak months.
func timesThisMonth(w *World, p serviceProfile, m time.Month) int {
	mean := p.perMonth
	for _, peak := range p.peakMonths {
		if peak == m {
			mean *= 2
		}
	}
	n := int(mean)
	if w.Rand.Float64() < mean-float64(n) {
		n++
	}
	if n > 0 && w.Rand.IntN(4) == 0 {
		n += w.Rand.IntN(3) - 1
	}
	return n
}

// loadFieldCases reads the demo cases of 粤1803 (w.CaseIDs, which may be empty).
func loadFieldCases(ctx context.Context, w *World) ([]fieldworkCase, error) {
	if len(w.CaseIDs) == 0 {
		return nil, nil
	}
	wanted := map[int64]bool{}
	for _, id := range w.CaseIDs {
		wanted[id] = true
	}
	var all []fieldworkCase
	err := w.Store.DB.WithContext(ctx).Table("cases").Select("id, filed_on, closed_on, judge_id, cause, status").
		Where("court_code = ?", CourtCode).Order("id").Scan(&all).Error
	if err != nil {
		return nil, err
	}
	var out []fieldworkCase
	for _, c := range all {
		if wanted[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// pendingOn reports whether the case was filed before day and not closed before it.
func (c fieldworkCase) pendingOn(day app.Date) bool {
	return c.FiledOn.Before(day) && (c.ClosedOn.IsZero() || !c.ClosedOn.Before(day))
}

// casesHeard picks up to n cases pending on day, the judge's own first.
func casesHeard(w *World, cases []fieldworkCase, day app.Date, judge int64, n int) []int64 {
	var own, others []int64
	for _, c := range cases {
		if !c.pendingOn(day) {
			continue
		}
		if c.JudgeID != nil && *c.JudgeID == judge {
			own = append(own, c.ID)
		} else {
			others = append(others, c.ID)
		}
	}
	pool := own
	if len(pool) == 0 {
		pool = others
	}
	var out []int64
	for ; n > 0 && len(pool) > 0; n-- {
		i := w.Rand.IntN(len(pool))
		out = append(out, pool[i])
		pool = append(pool[:i], pool[i+1:]...)
	}
	return out
}

// weekdayIn returns a random working weekday of the year's given month.
func weekdayIn(w *World, year int, month time.Month) app.Date {
	first := app.NewDate(year, month, 1)
	days := first.AddMonths(1).AddDays(-1).Day
	for {
		d := first.AddDays(w.Rand.IntN(days))
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return d
		}
	}
}

// seedCircuits holds seven cross-regional and about ten local circuit
// hearings a year up to today, and schedules three in the coming weeks.
func seedCircuits(ctx context.Context, w *World, start app.Date, judges []app.Actor, cases []fieldworkCase) error {
	type plan struct {
		day   app.Date
		cross bool
	}
	var plans []plan
	for year := start.Year; year <= w.Today.Year; year++ {
		// Seven cross-regional hearings spread over the year, one in each of seven months.
		months := w.Rand.Perm(12)[:7]
		for _, m := range months {
			plans = append(plans, plan{weekdayIn(w, year, time.Month(m+1)), true})
		}
		for i := 0; i < 9+w.Rand.IntN(4); i++ {
			plans = append(plans, plan{weekdayIn(w, year, time.Month(w.Rand.IntN(12)+1)), false})
		}
	}
	var kept []plan
	for _, p := range plans {
		if !p.day.After(w.Today) {
			kept = append(kept, p)
		}
	}
	// Scheduled hearings: one cross-regional and two local ones in the next
	// five weeks, the first on the next working day (this week's calendar).
	for i, ahead := range []int{1, 16, 30} {
		day := w.Today.AddDays(ahead)
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDays(1)
		}
		kept = append(kept, plan{day, i == 1})
	}
	for i, p := range kept {
		judge := judges[i%len(judges)]
		in := app.CircuitInput{HeldOn: p.day, JudgeID: judge.UserID, Notes: circuitNotes[w.Rand.IntN(len(circuitNotes))]}
		if p.cross {
			pl := crossCircuitPlaces[w.Rand.IntN(len(crossCircuitPlaces))]
			in.Place, in.Region, in.CrossRegion, in.Audience = pl[0], pl[1], true, 30+w.Rand.IntN(170)
		} else {
			in.Place, in.Region, in.Audience = localCircuitPlaces[w.Rand.IntN(len(localCircuitPlaces))], "清新区", 20+w.Rand.IntN(130)
		}
		heard := p.day
		if p.day.After(w.Today) {
			heard = w.Today // a scheduled hearing hears cases pending now
			in.Notes = "已排期，届时就地开庭并组织群众旁听"
		}
		in.CaseIDs = casesHeard(w, cases, heard, judge.UserID, 1+w.Rand.IntN(2))
		err := bookFreeSlot(in.HeldOn, w.Today, i, func(starts, ends app.Minute, confirm bool) error {
			in.HeldOn, in.StartsAt, in.EndsAt, in.Confirm = starts.Date(), starts, ends, confirm
			_, err := w.Store.CreateCircuit(ctx, judge, in)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sessionSlots are the times a demo circuit hearing or mediation session is tried at, in turn.
var sessionSlots = [][2]string{{"09:30", "11:30"}, {"14:30", "16:30"}, {"09:00", "10:30"}, {"15:30", "17:00"}}

// bookFreeSlot books on day at one of sessionSlots, from the i-th, the first
// that clashes with nothing; when every slot of the day clashes, on the next
// working days (up to five, never moving a past day past today), as a
// court's clerk would; failing all that the first slot, confirmed.
func bookFreeSlot(day, today app.Date, i int, book func(starts, ends app.Minute, confirm bool) error) error {
	slotOn := func(d app.Date, n int) (app.Minute, app.Minute) {
		slot := sessionSlots[(i+n)%len(sessionSlots)]
		return app.MustMinute(d.String() + "T" + slot[0]), app.MustMinute(d.String() + "T" + slot[1])
	}
	for d, moved := day, 0; moved < 5; moved++ {
		for try := range sessionSlots {
			starts, ends := slotOn(d, try)
			if err := book(starts, ends, false); app.ErrorCode(err) != app.ECONFLICT {
				return err
			}
		}
		if d = nextWorkingDay(d); !day.After(today) && d.After(today) {
			break
		}
	}
	starts, ends := slotOn(day, 0)
	return book(starts, ends, true)
}

// nextWorkingDay is the first Monday-to-Friday day after d.
func nextWorkingDay(d app.Date) app.Date {
	for d = d.AddDays(1); d.Weekday() == time.Saturday || d.Weekday() == time.Sunday; d = d.AddDays(1) {
	}
	return d
}

// seedInspections makes about fifteen on-site inspections a year, each by the
// judge of a case pending on that day.
func seedInspections(ctx context.Context, w *World, start app.Date, cases []fieldworkCase) error {
	judges := map[int64]app.Actor{}
	for _, u := range w.Users {
		if u.CourtCode == CourtCode && u.Role == app.RoleJudge {
			judges[u.ID] = u.Actor()
		}
	}
	places := []string{"争议林地现场", "涉案采石点", "卫星图斑所示地块", "涉案经营场所", "事故发生地"}
	for year := start.Year; year <= w.Today.Year; year++ {
		for i := 0; i < 14+w.Rand.IntN(3); i++ {
			day := weekdayIn(w, year, time.Month(w.Rand.IntN(12)+1))
			if day.After(w.Today) {
				continue
			}
			var pool []fieldworkCase
			for _, c := range cases {
				if c.JudgeID != nil && judges[*c.JudgeID].UserID != 0 && c.pendingOn(day.AddDays(-4)) && c.pendingOn(day) {
					pool = append(pool, c)
				}
			}
			if len(pool) == 0 {
				continue
			}
			c := pool[w.Rand.IntN(len(pool))]
			findings, ok := inspectionFindings[c.Cause]
			if !ok {
				findings = inspectionFindings["行政处罚"]
			}
			in := app.InspectionInput{CaseID: c.ID, HeldOn: day, Place: places[w.Rand.IntN(len(places))],
				Findings: findings[w.Rand.IntN(len(findings))]}
			if _, err := w.Store.CreateInspection(ctx, judges[*c.JudgeID], in); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedProtectionOrders issues the protection orders of the 石门台 reserve and the 古龙峡 scenic area.
func seedProtectionOrders(ctx context.Context, w *World) error {
	orders := []struct {
		kind    string
		after   int // days after the workstation opened
		issuers string
		area    string
		content string
	}{
		{"forest", 75, "清新区人民法院、广东石门台国家级自然保护区管理局、清远市清新区林业局",
			"广东石门台国家级自然保护区核心区、缓冲区及周边集体林地",
			"一、禁止在保护区内滥伐、盗伐林木，禁止毁林开垦、采石、采砂、采土。\n二、禁止在保护区内野外用火、倾倒垃圾和排放污水。\n三、违反本令的，由相关行政机关依法查处；构成犯罪的，依法追究刑事责任。"},
		{"scenic", 120, "清新区人民法院、清远市清新区文化广电旅游体育局、古龙峡景区管理方",
			"古龙峡景区河道及沿岸生态区域",
			"一、禁止在景区河道内非法采砂、设置障碍物。\n二、禁止在景区内无证经营旅游项目、强迫游客消费。\n三、景区经营者应配合开展生态修复，违反本令的依法处理。"},
	}
	judge := w.Actor("judge1")
	for _, o := range orders {
		id, ok := w.Workstations[o.kind]
		if !ok {
			continue
		}
		ws, err := w.Store.GetWorkstation(ctx, judge, id)
		if err != nil {
			return err
		}
		issued := ws.OpenedOn.AddDays(o.after)
		if issued.After(w.Today) {
			issued = w.Today
		}
		in := app.ProtectionOrderInput{IssuedOn: issued, Issuers: app.AgencyList(o.issuers), Area: o.area, Content: o.content, WorkstationID: id}
		if _, err := w.Store.CreateProtectionOrder(ctx, judge, in); err != nil {
			return err
		}
	}
	return nil
}
