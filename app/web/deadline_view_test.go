package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// shownDeadline is a case's deadline view as one surface shows it.
type shownDeadline struct {
	DeadlineOn string
	DaysLeft   string
	Label      string // app.DeadlineView.Label: the flag and the pause in words
}

func (d shownDeadline) String() string {
	return fmt.Sprintf("%s, %s days left, %q", d.DeadlineOn, d.DaysLeft, d.Label)
}

func shownOf(v app.DeadlineView) shownDeadline {
	left := ""
	if v.DaysLeft != nil {
		left = strconv.Itoa(*v.DaysLeft)
	}
	return shownDeadline{v.DeadlineOn.String(), left, v.Label()}
}

// deadlineSpan is the partial case-deadline as a page renders it.
var deadlineSpan = regexp.MustCompile(`data-case="(\d+)" data-deadline-on="([^"]*)" data-days-left="([^"]*)" data-flag="([^"]*)" data-paused="(true|false)"`)

// pageDeadlines reads every deadline a page shows, by case id.
func pageDeadlines(t *testing.T, body string) map[int64]shownDeadline {
	t.Helper()
	out := map[int64]shownDeadline{}
	for _, m := range deadlineSpan.FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		v := app.DeadlineView{DeadlineOn: app.MustDate(m[2]), DeadlineFlag: m[4], DeadlinePaused: m[5] == "true"}
		if m[3] != "" {
			n, err := strconv.Atoi(m[3])
			if err != nil {
				t.Fatalf("days left %q", m[3])
			}
			v.DaysLeft = &n
		}
		out[id] = shownOf(v)
	}
	return out
}

// sheetDeadlines reads a sheet's deadline columns by case number.
func sheetDeadlines(t *testing.T, xlsx []byte, sheet string) map[string]shownDeadline {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	out := map[string]shownDeadline{}
	for _, r := range rows {
		if len(r) > 0 && r[0] == "案号" {
			for i, h := range r {
				col[h] = i
			}
			continue
		}
		if len(col) == 0 || len(r) <= col["审限状态"] {
			continue
		}
		out[r[col["案号"]]] = shownDeadline{r[col["审限届满日"]], r[col["剩余天数"]], r[col["审限状态"]]}
	}
	if len(col) == 0 {
		t.Fatalf("%s: no header row", sheet)
	}
	return out
}

// TestEveryOpenDemoCaseShowsOneDeadlineEverywhere is issue 13's acceptance
// line: for every open demo case, the deadline, the days left and the flag
// are identical on the case page (JSON and HTML), the case list (JSON and
// HTML), the dashboard, the liaison desk (JSON and HTML), the case-list
// export and the monthly report's case list.
func TestEveryOpenDemoCaseShowsOneDeadlineEverywhere(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		clock.Set(time.Date(2026, 5, 20, 9, 0, 0, 0, app.Shanghai))
		if err := demo.Seed(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		authz, err := rbac.New(s.DB, apptest.Quiet())
		if err != nil {
			t.Fatal(err)
		}
		srv, err := NewServer(s, authz, apptest.Quiet(), Config{RequestTimeout: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(srv.Handler())
		defer hs.Close()
		e := &env{t: t, Store: s, Clock: clock, Server: srv, HTTP: hs, Authz: authz, users: map[string]*client{}}
		login := func(username string) *client {
			c := e.anon()
			if res := c.do("POST", "/api/v1/login", map[string]string{"username": username, "password": demo.Password}); res.Status != 200 {
				t.Fatalf("login %s: %d %s", username, res.Status, res.Body)
			}
			return c
		}
		leader, liaison := login("leader"), login("liaison1")

		// The case list's JSON, every open case: the reference.
		type listed struct {
			ID      int64  `json:"id"`
			CaseNo  string `json:"case_no"`
			FiledOn string `json:"filed_on"`
			Linkage bool   `json:"linkage"`
			Status  string `json:"status"`
			app.DeadlineView
		}
		var open []listed
		for page := 1; ; page++ {
			var l struct {
				Items []listed `json:"items"`
				Total int      `json:"total"`
			}
			leader.do("GET", fmt.Sprintf("/api/v1/cases?status=open&page=%d&page_size=100", page), nil).JSON(t, &l)
			open = append(open, l.Items...)
			if len(l.Items) == 0 || len(open) >= l.Total {
				break
			}
		}
		if len(open) < 10 {
			t.Fatalf("only %d open demo cases", len(open))
		}
		want := map[int64]shownDeadline{}
		byNo := map[string]int64{}
		var overdue, paused, pausedLinkage int
		for _, c := range open {
			want[c.ID], byNo[c.CaseNo] = shownOf(c.DeadlineView), c.ID
			if c.Overdue() {
				overdue++
			}
			if c.DeadlinePaused {
				paused++
				if c.Linkage {
					pausedLinkage++
				}
			}
		}
		if overdue == 0 || pausedLinkage == 0 {
			t.Fatalf("the demo has %d overdue and %d paused linkage cases: the test would compare too little", overdue, pausedLinkage)
		}
		same := func(surface string, id int64, got shownDeadline) {
			t.Helper()
			if w, ok := want[id]; ok && got != w {
				t.Errorf("%s: case %d shows %v, the case list %v", surface, id, got, w)
			}
		}
		seen := func(surface string, got map[int64]shownDeadline, all func(listed) bool) {
			t.Helper()
			for _, c := range open {
				if _, ok := got[c.ID]; !ok && all(c) {
					t.Errorf("%s does not show open case %s", surface, c.CaseNo)
				}
			}
			for id, g := range got {
				same(surface, id, g)
			}
		}
		every := func(listed) bool { return true }

		// The case page, JSON and HTML.
		for _, c := range open {
			var got app.Case
			leader.do("GET", fmt.Sprintf("/api/v1/cases/%d", c.ID), nil).JSON(t, &got)
			same("GET /api/v1/cases/:id", c.ID, shownOf(got.DeadlineView))
			page := pageDeadlines(t, leader.do("GET", fmt.Sprintf("/cases/%d", c.ID), nil).Body)
			if _, ok := page[c.ID]; !ok {
				t.Errorf("the page of %s shows no deadline", c.CaseNo)
			}
			same("the case page", c.ID, page[c.ID])
		}

		// The case list's page.
		listPage := map[int64]shownDeadline{}
		for page := 1; page <= 10; page++ {
			got := pageDeadlines(t, leader.do("GET", fmt.Sprintf("/cases?status=open&page=%d&page_size=100", page), nil).Body)
			for id, d := range got {
				listPage[id] = d
			}
		}
		seen("the case list page", listPage, every)

		// The dashboard: its 已超审限 count and every case it lists.
		home := leader.do("GET", "/", nil).Body
		if !strings.Contains(home, fmt.Sprintf("已超审限（%d 件）", overdue)) {
			t.Errorf("the dashboard's 已超审限 does not count the %d overdue cases", overdue)
		}
		seen("the dashboard", pageDeadlines(t, home), func(c listed) bool { return c.Overdue() && overdue <= 8 })

		// The liaison desk, JSON and HTML: every open linkage case.
		var desk struct {
			LinkageCases []struct {
				ID int64 `json:"id"`
				app.DeadlineView
			} `json:"linkage_cases"`
		}
		liaison.do("GET", "/api/v1/liaison/desk", nil).JSON(t, &desk)
		deskJSON := map[int64]shownDeadline{}
		for _, c := range desk.LinkageCases {
			deskJSON[c.ID] = shownOf(c.DeadlineView)
		}
		linkage := func(c listed) bool { return c.Linkage }
		seen("the liaison desk's JSON", deskJSON, linkage)
		seen("the liaison desk", pageDeadlines(t, liaison.do("GET", "/liaison", nil).Body), linkage)

		// The case-list export.
		res := leader.do("GET", "/api/v1/reports/cases.xlsx?status=open", nil)
		if res.Status != 200 {
			t.Fatalf("export: %d %s", res.Status, res.Body)
		}
		export := map[int64]shownDeadline{}
		for no, d := range sheetDeadlines(t, []byte(res.Body), reports.SheetCaseList) {
			export[byNo[no]] = d
		}
		seen("the export", export, every)

		// The monthly report's case list of each month an open case was filed in.
		months := map[string]bool{}
		for _, c := range open {
			months[c.FiledOn[:7]] = true
		}
		monthly := map[int64]shownDeadline{}
		for m := range months {
			res := leader.do("GET", "/api/v1/reports/monthly.xlsx?month="+m, nil)
			if res.Status != 200 {
				t.Fatalf("monthly report %s: %d %s", m, res.Status, res.Body)
			}
			for no, d := range sheetDeadlines(t, []byte(res.Body), reports.SheetCases) {
				if id, ok := byNo[no]; ok {
					monthly[id] = d
				}
			}
		}
		seen("the monthly report's case list", monthly, every)
		t.Logf("%d open cases, %d overdue, %d paused (%d linkage)", len(open), overdue, paused, pausedLinkage)
	})
}
