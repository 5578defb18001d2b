package web

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// fieldCaseRow is a case for field-work tests, inserted straight into the
// cases table (the case register is another part's; only its table is shared).
type fieldCaseRow struct {
	Court     string
	OrganID   int64
	JudgeID   int64
	FiledOn   string
	FastTrack bool
	Mediators []int64
}

var fieldCaseSeq atomic.Int64

// insertFieldCaseRow adds c with every NOT NULL column and returns its id.
func insertFieldCaseRow(t testing.TB, s *app.Store, c fieldCaseRow) int64 {
	t.Helper()
	filed := app.MustDate(c.FiledOn)
	seq := fieldCaseSeq.Add(1)
	no := fmt.Sprintf("（%d）%s行初%d号", filed.Year, c.Court, seq)
	var judge any
	if c.JudgeID != 0 {
		judge = c.JudgeID
	}
	now := s.Clock.Now().UTC()
	err := s.DB.Exec(`INSERT INTO cases (court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name, plaintiff_kind,
		organ_id, filed_on, judge_id, fast_track, status, deadline_on, created_at, updated_at)
		VALUES (?, ?, '行初', ?, ?, '山林权属', 'ecology', ?, 'individual', ?, ?, ?, ?, 'filed', ?, ?, ?)`,
		c.Court, no, filed.Year, seq, fmt.Sprintf("村民%d", seq), c.OrganID, filed, judge, c.FastTrack, filed.AddMonths(6), now, now).Error
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := s.DB.Raw("SELECT id FROM cases WHERE court_code = ? AND case_no = ?", c.Court, no).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	for _, m := range c.Mediators {
		if err := s.DB.Exec("INSERT INTO case_mediators (case_id, user_id) VALUES (?, ?)", id, m).Error; err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// count returns the number of rows of table.
func count(t *testing.T, s *app.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := s.DB.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Acceptance 1 of issue 5: an admin opens a scenic-area workstation (a judge
// trying is refused); judges log consultation (12 people), publicity (200)
// and mediation (3); the workstation's figures give each kind once and 215 people.
func TestAdminOpensScenicWorkstationAndJudgesLogItsServices(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		body := map[string]any{"kind": "scenic", "name": "古龙峡景区法官工作室", "place": "清新区浸潭镇古龙峡景区",
			"partners": []string{"古龙峡景区管理方", "清新区文广旅体局"}, "opened_on": "2025-05-01"}
		if res := e.as("judge1").do("POST", "/api/v1/workstations", body); res.Status != 403 {
			t.Fatalf("judge opens a workstation: %d %s", res.Status, res.Body)
		}
		res := e.as("admin").do("POST", "/api/v1/workstations", body)
		if res.Status != 201 {
			t.Fatalf("admin opens: %d %s", res.Status, res.Body)
		}
		id := res.id(t)
		if m := res.Map(t); m["partners"] != "古龙峡景区管理方、清新区文广旅体局" || m["kind"] != "scenic" || m["opened_on"] != "2025-05-01" {
			t.Errorf("created %v", m)
		}
		for _, sv := range []struct {
			judge, kind string
			people      int
		}{{"judge1", "consultation", 12}, {"judge2", "publicity", 200}, {"judge1", "mediation", 3}} {
			res := e.as(sv.judge).do("POST", idPath("/api/v1/workstations/%d/services", id),
				map[string]any{"kind": sv.kind, "held_on": "2025-06-15", "people": sv.people, "notes": "景区现场"})
			if res.Status != 201 {
				t.Fatalf("%s logs %s: %d %s", sv.judge, sv.kind, res.Status, res.Body)
			}
		}
		if res := e.as("admin").do("POST", idPath("/api/v1/workstations/%d/services", id),
			map[string]any{"kind": "consultation", "held_on": "2025-06-15", "people": 1}); res.Status != 403 {
			t.Errorf("admin logs a service: %d", res.Status)
		}

		var got struct {
			Name    string `json:"name"`
			Figures struct {
				Services []struct {
					Kind           string `json:"kind"`
					ThisYear       int64  `json:"this_year"`
					PeopleThisYear int64  `json:"people_this_year"`
				} `json:"services"`
				ServicesThisYear int64 `json:"services_this_year"`
				PeopleThisYear   int64 `json:"people_this_year"`
				PeopleTotal      int64 `json:"people_total"`
			} `json:"figures"`
			Services struct {
				Total int64 `json:"total"`
			} `json:"services"`
			PartnerList []string `json:"partner_list"`
		}
		res = e.as("leader").do("GET", idPath("/api/v1/workstations/%d", id), nil)
		if res.Status != 200 {
			t.Fatalf("get: %d %s", res.Status, res.Body)
		}
		res.JSON(t, &got)
		want := map[string][2]int64{"consultation": {1, 12}, "publicity": {1, 200}, "mediation": {1, 3}, "circuit_hearing": {0, 0}}
		seen := map[string]int{}
		for _, f := range got.Figures.Services {
			seen[f.Kind]++
			if w := want[f.Kind]; f.ThisYear != w[0] || f.PeopleThisYear != w[1] {
				t.Errorf("%s: %d services, %d people; want %v", f.Kind, f.ThisYear, f.PeopleThisYear, w)
			}
		}
		for kind := range want {
			if seen[kind] != 1 {
				t.Errorf("kind %s appears %d times, want once", kind, seen[kind])
			}
		}
		if got.Figures.ServicesThisYear != 3 || got.Figures.PeopleThisYear != 215 || got.Figures.PeopleTotal != 215 || got.Services.Total != 3 {
			t.Errorf("figures %+v, log total %d", got.Figures, got.Services.Total)
		}
		if len(got.PartnerList) != 2 {
			t.Errorf("partners %v", got.PartnerList)
		}
		// The statistics part reads workstation_services(kind, held_on, people) directly.
		var rows []struct {
			Kind   string
			N      int64
			People int64
		}
		if err := s.DB.Raw(`SELECT kind, COUNT(*) AS n, SUM(people) AS people FROM workstation_services
			WHERE court_code = ? AND held_on >= ? AND held_on <= ? GROUP BY kind ORDER BY kind`,
			"粤1803", app.MustDate("2025-01-01"), app.MustDate("2025-12-31")).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		var people int64
		for _, r := range rows {
			people += r.People
			if r.N != 1 {
				t.Errorf("%s counted %d times", r.Kind, r.N)
			}
		}
		if len(rows) != 3 || people != 215 {
			t.Errorf("table rows %+v", rows)
		}
		// Another court's judge cannot log at it, nor see it.
		if res := e.as("judge3").do("POST", idPath("/api/v1/workstations/%d/services", id),
			map[string]any{"kind": "consultation", "held_on": "2025-06-15", "people": 1}); res.Status != 404 {
			t.Errorf("粤1881 judge logs: %d", res.Status)
		}
		if res := e.as("judge3").do("GET", idPath("/api/v1/workstations/%d", id), nil); res.Status != 404 {
			t.Errorf("粤1881 judge reads: %d", res.Status)
		}
	})
}

func TestOnlyTheCasesJudgeRecordsItsInspection(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k := insertFieldCaseRow(t, s, fieldCaseRow{Court: "粤1803", OrganID: e.Courts.Organ.ID, JudgeID: e.Courts.Users["judge1"].ID,
			FiledOn: "2025-05-01", Mediators: []int64{e.Courts.Users["mediator1"].ID}})
		foreign := insertFieldCaseRow(t, s, fieldCaseRow{Court: "粤1881", OrganID: e.Courts.Organ2.ID, JudgeID: e.Courts.Users["judge3"].ID, FiledOn: "2025-05-01"})
		body := func(caseID int64) map[string]any {
			return map[string]any{"case_id": caseID, "held_on": "2025-06-20", "place": "太平镇马岳村林地", "findings": "占用林地约 0.3 公顷"}
		}
		tests := []struct {
			rule   string
			user   string
			caseID int64
			want   int
		}{
			{"a judge not assigned to the case is forbidden", "judge2", k, 403},
			{"an assigned mediator may not record inspections", "mediator1", k, 403},
			{"the leader reads but does not record", "leader", k, 403},
			{"another court's judge does not find the case", "judge3", k, 404},
			{"a judge does not find another court's case", "judge1", foreign, 404},
			{"an absent case is not found", "judge1", foreign + 100, 404},
			{"bad input from the case's judge is named", "judge1", 0, 400},
			{"the case's judge records it", "judge1", k, 201},
		}
		for _, tc := range tests {
			t.Run(tc.rule, func(t *testing.T) {
				res := e.as(tc.user).do("POST", "/api/v1/inspections", body(tc.caseID))
				if res.Status != tc.want {
					t.Fatalf("got %d, want %d: %s", res.Status, tc.want, res.Body)
				}
			})
		}
		if n := count(t, s, "inspections"); n != 1 {
			t.Errorf("%d inspections saved, want only the judge's", n)
		}
		// The page refuses the same way.
		res := e.as("judge2").form("/inspections", map[string]string{"case_id": fmt.Sprint(k), "held_on": "2025-06-20", "place": "林地", "findings": "无"})
		if res.Status != 403 {
			t.Errorf("page, judge2: %d", res.Status)
		}
		var list struct {
			Total int64 `json:"total"`
			Items []struct {
				CaseNo     string `json:"case_no"`
				RecordedBy string `json:"recorded_by"`
			} `json:"items"`
		}
		e.as("leader").do("GET", idPath("/api/v1/inspections?case_id=%d", k), nil).JSON(t, &list)
		if list.Total != 1 || list.Items[0].CaseNo == "" || list.Items[0].RecordedBy != "judge1姓名" {
			t.Errorf("list %+v", list)
		}
	})
}

// Acceptance 3 of issue 5, through the API: two circuit hearings, one of
// them cross-regional, and one inspection.
func TestTwoHearingsAndAnInspectionThroughTheAPI(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		judge1 := e.as("judge1")
		k := insertFieldCaseRow(t, s, fieldCaseRow{Court: "粤1803", OrganID: e.Courts.Organ.ID, JudgeID: e.Courts.Users["judge1"].ID, FiledOn: "2025-03-01"})
		for _, body := range []map[string]any{
			{"held_on": "2025-05-08", "place": "山塘镇", "region": "清新区", "cross_region": false, "case_ids": []int64{k}, "audience": 35},
			{"held_on": "2025-06-18", "place": "英德市连江口镇", "region": "英德市", "cross_region": true, "judge_id": e.Courts.Users["judge2"].ID, "audience": 60},
		} {
			if res := judge1.do("POST", "/api/v1/circuits", body); res.Status != 201 {
				t.Fatalf("circuit: %d %s", res.Status, res.Body)
			}
		}
		if res := judge1.do("POST", "/api/v1/inspections", map[string]any{"case_id": k, "held_on": "2025-05-20", "place": "山塘镇林地", "findings": "已复绿"}); res.Status != 201 {
			t.Fatalf("inspection: %d %s", res.Status, res.Body)
		}
		for _, q := range []struct {
			path  string
			total float64
		}{
			{"/api/v1/circuits?from=2025-01-01&to=2025-06-30", 2},
			{"/api/v1/circuits?from=2025-01-01&to=2025-06-30&cross_region=true", 1},
			{"/api/v1/inspections?from=2025-01-01&to=2025-06-30", 1},
		} {
			res := e.as("leader").do("GET", q.path, nil)
			if m := res.Map(t); res.Status != 200 || m["total"] != q.total {
				t.Errorf("%s: %d %s", q.path, res.Status, res.Body)
			}
		}
		var list struct {
			Items []struct {
				JudgeName string  `json:"judge_name"`
				CaseIDs   []int64 `json:"case_ids"`
			} `json:"items"`
		}
		e.as("leader").do("GET", "/api/v1/circuits", nil).JSON(t, &list)
		if len(list.Items) != 2 || list.Items[0].JudgeName != "judge2姓名" || len(list.Items[1].CaseIDs) != 1 || list.Items[1].CaseIDs[0] != k {
			t.Errorf("circuits %+v", list)
		}
	})
}

func TestBadFieldWorkInputIsA400NamingTheField(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		wsPath := idPath("/api/v1/workstations/%d/services", e.fieldwork().Workstation)
		tests := []struct {
			rule   string
			user   string
			method string
			path   string
			body   any
			fields []string
		}{
			{"people must be a number", "judge1", "POST", wsPath, `{"kind":"publicity","held_on":"2025-06-01","people":"many"}`, []string{"people"}},
			{"an impossible date is named", "judge1", "POST", wsPath, `{"kind":"publicity","held_on":"2025-02-30","people":3}`, []string{"held_on"}},
			{"every bad field is named at once", "judge1", "POST", wsPath, `{"kind":"dance","held_on":"tomorrow","people":0}`, []string{"kind", "held_on", "people"}},
			{"a workstation needs kind, name and opening date", "admin", "POST", "/api/v1/workstations", `{}`, []string{"kind", "name", "opened_on"}},
			{"partners are text or a list of text", "admin", "POST", "/api/v1/workstations", `{"kind":"forest","name":"x","opened_on":"2025-01-01","partners":12}`, []string{"partners"}},
			{"case_ids is a list of ids", "judge1", "POST", "/api/v1/circuits", `{"held_on":"2025-06-01","place":"x","case_ids":"1"}`, []string{"case_ids"}},
			{"the judge of a hearing is a judge", "judge1", "POST", "/api/v1/circuits", map[string]any{"held_on": "2025-06-01", "place": "x", "judge_id": e.Courts.Users["mediator1"].ID}, []string{"judge_id"}},
			{"issuers are required", "judge1", "POST", "/api/v1/protection-orders", `{"issued_on":"2025-06-01","area":"a","content":"c"}`, []string{"issuers"}},
			{"a list filter date is checked", "leader", "GET", "/api/v1/circuits?from=2025-13-01", nil, []string{"from"}},
			{"a list filter id is checked", "leader", "GET", "/api/v1/inspections?case_id=abc", nil, []string{"case_id"}},
			{"not JSON at all", "judge1", "POST", wsPath, `people=3`, nil},
		}
		for _, tc := range tests {
			t.Run(tc.rule, func(t *testing.T) {
				res := e.as(tc.user).do(tc.method, tc.path, tc.body)
				if res.Status != 400 {
					t.Fatalf("got %d, want 400: %s", res.Status, res.Body)
				}
				var body errorBody
				res.JSON(t, &body)
				for _, f := range tc.fields {
					if body.Error.Fields[f] == "" {
						t.Errorf("field %s not named: %s", f, res.Body)
					}
				}
				// only the bad fields: a field given well is not named with them
				if tc.fields != nil && len(body.Error.Fields) != len(tc.fields) {
					t.Errorf("fields named %v, want only %v", body.Error.Fields, tc.fields)
				}
			})
		}
		for _, table := range []string{"workstation_services", "circuits", "protection_orders"} {
			if n := count(t, s, table); n != 0 {
				t.Errorf("%d rows saved in %s", n, table)
			}
		}
	})
}

func TestFastTrackQueueThroughTheAPIKeepsTheCaseScope(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		mediator := e.Courts.Users["mediator1"].ID
		assigned := insertFieldCaseRow(t, s, fieldCaseRow{Court: "粤1803", OrganID: e.Courts.Organ.ID, FiledOn: "2025-06-21", FastTrack: true, Mediators: []int64{mediator}})
		older := insertFieldCaseRow(t, s, fieldCaseRow{Court: "粤1803", OrganID: e.Courts.Organ.ID, FiledOn: "2025-06-01", FastTrack: true})
		for _, tc := range []struct {
			user string
			ids  []int64
		}{{"judge2", []int64{older, assigned}}, {"mediator1", []int64{assigned}}, {"liaison1", nil}, {"judge3", nil}} {
			var q struct {
				Items []struct {
					ID              int64 `json:"id"`
					DaysSinceFiling int   `json:"days_since_filing"`
				} `json:"items"`
				Total int `json:"total"`
			}
			res := e.as(tc.user).do("GET", "/api/v1/fast-track", nil)
			res.JSON(t, &q)
			if res.Status != 200 || q.Total != len(tc.ids) || len(q.Items) != len(tc.ids) {
				t.Fatalf("%s: %d %s", tc.user, res.Status, res.Body)
			}
			for i, it := range q.Items {
				if it.ID != tc.ids[i] {
					t.Errorf("%s item %d is %d, want %d", tc.user, i, it.ID, tc.ids[i])
				}
			}
			if tc.user == "judge2" && q.Items[0].DaysSinceFiling != 30 {
				t.Errorf("days since filing %d, want 30", q.Items[0].DaysSinceFiling)
			}
		}
		page := e.as("judge1").do("GET", "/fast-track", nil)
		if page.Status != 200 || !strings.Contains(page.Body, "30 天") || !strings.Contains(page.Body, "四快二就一优") {
			t.Errorf("page %d", page.Status)
		}
	})
}

func TestJudgeRecordsServiceAndHearingFromThePages(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		// The admin opens the workstation from its page.
		admin := e.as("admin")
		res := admin.form("/workstations", map[string]string{"kind": "scenic", "name": "古龙峡景区法官工作室", "place": "古龙峡景区",
			"partners": "古龙峡景区管理方、清新区文广旅体局", "opened_on": "2025-05-01"})
		if res.Status != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/workstations/") {
			t.Fatalf("open: %d %s", res.Status, res.Header.Get("Location"))
		}
		wsPage := strings.Split(res.Header.Get("Location"), "?")[0]
		if res := admin.form("/workstations", map[string]string{"kind": "scenic", "name": "古龙峡景区法官工作室", "opened_on": "2025-13-01"}); res.Status != 400 ||
			!strings.Contains(res.Body, "日期格式应为") || !strings.Contains(res.Body, `value="古龙峡景区法官工作室"`) {
			t.Errorf("bad open: %d", res.Status)
		}

		judge := e.as("judge1")
		page := judge.do("GET", wsPage, nil)
		if page.Status != 200 || !strings.Contains(page.Body, `action="`+wsPage+`/services"`) || strings.Contains(page.Body, "修改工作室信息") {
			t.Fatalf("judge sees %d, form for services only", page.Status)
		}
		// A mistake keeps what was typed and says what is wrong.
		res = judge.form(wsPage+"/services", map[string]string{"kind": "publicity", "held_on": "2025-06-30", "people": "", "notes": "暑期游客普法"})
		if res.Status != 400 || !strings.Contains(res.Body, "服务人数应为") || !strings.Contains(res.Body, "暑期游客普法") {
			t.Fatalf("bad service: %d", res.Status)
		}
		res = judge.form(wsPage+"/services", map[string]string{"kind": "publicity", "held_on": "2025-06-30", "people": "200", "notes": "暑期游客普法"})
		if res.Status != 303 || res.Header.Get("Location") != wsPage+"?ok=service#log" {
			t.Fatalf("service: %d %s", res.Status, res.Header.Get("Location"))
		}
		page = judge.do("GET", wsPage+"?ok=service", nil)
		for _, want := range []string{"已登记服务记录", "暑期游客普法", "<td class=\"num\">200</td>", "judge1姓名"} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("workstation page lacks %q", want)
			}
		}

		// A hearing on the calendar.
		res = judge.form("/circuits", map[string]string{"held_on": "2025-07-15", "place": "古龙峡景区巡回法庭", "region": "清新区", "audience": "50"})
		if res.Status != 303 || res.Header.Get("Location") != "/circuits?month=2025-07&ok=circuit" {
			t.Fatalf("circuit: %d %s %s", res.Status, res.Header.Get("Location"), res.Body)
		}
		cal := judge.do("GET", "/circuits?month=2025-07&ok=circuit", nil)
		if cal.Status != 200 {
			t.Fatalf("calendar: %d", cal.Status)
		}
		cell := strings.Index(cal.Body, "2025年7月15日")
		if cell < 0 || !strings.Contains(cal.Body[cell:cell+300], "古龙峡景区巡回法庭") {
			t.Errorf("hearing not on its day")
		}
		for _, want := range []string{"2025年7月", `href="/circuits?month=2025-06"`, `href="/circuits?month=2025-08"`, "已登记巡回审判", "近期排期"} {
			if !strings.Contains(cal.Body, want) {
				t.Errorf("calendar lacks %q", want)
			}
		}
		if res := judge.form("/circuits", map[string]string{"held_on": "2025-07-15", "place": "", "cross_region": "1", "audience": "x"}); res.Status != 400 ||
			!strings.Contains(res.Body, "请填写巡回审判地点") || !strings.Contains(res.Body, "请填写整数") || !strings.Contains(res.Body, "跨区域巡回审判请填写") {
			t.Errorf("bad circuit: %d", res.Status)
		}
		if res := judge.do("GET", "/circuits?month=2025-7x", nil); res.Status != 400 {
			t.Errorf("bad month: %d", res.Status)
		}
		if res := e.as("leader").do("GET", "/circuits", nil); res.Status != 200 || strings.Contains(res.Body, `action="/circuits"`) {
			t.Errorf("leader sees the calendar without a form: %d", res.Status)
		}
	})
}
