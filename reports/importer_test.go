package reports_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/reports"
)

func cols() reports.LedgerColumns {
	c, errs := reports.ParseLedgerHeader(reports.LedgerHeaders)
	if len(errs) > 0 {
		panic(errs)
	}
	return c
}

func row(values map[string]string) []string {
	cells := make([]string, len(reports.LedgerHeaders))
	for i, h := range reports.LedgerHeaders {
		cells[i] = values[h]
	}
	return cells
}

func good() map[string]string {
	return map[string]string{"案件类型": "行初", "案由": "行政处罚", "领域": "生态", "原告": "某公司", "原告类型": "企业",
		"被告行政机关": "某局", "立案日期": "2025-03-04", "承办法官": "judge1"}
}

func TestLedgerRowIsCheckedCellByCellWithTheSheetRowNumber(t *testing.T) {
	cases := []struct {
		name   string
		change map[string]string
		field  string // "" = no problem
	}{
		{"a good row", nil, ""},
		{"labels and codes both read", map[string]string{"领域": "ecology", "原告类型": "individual", "结案方式": "准予撤诉", "结案日期": "2025-04-01"}, ""},
		{"an impossible date", map[string]string{"立案日期": "2025-02-30"}, "立案日期"},
		{"a date in words", map[string]string{"立案日期": "三月四日"}, "立案日期"},
		{"slashes and Chinese dates", map[string]string{"立案日期": "2025/3/4", "结案日期": "2025年4月1日", "结案方式": "调解"}, ""},
		{"a spreadsheet date serial", map[string]string{"立案日期": "45720"}, ""},
		{"a missing plaintiff", map[string]string{"原告": "  "}, "原告"},
		{"an unknown cause", map[string]string{"案由": "民事"}, "案由"},
		{"an unknown method", map[string]string{"结案方式": "和解", "结案日期": "2025-04-01"}, "结案方式"},
		{"a closing date without method", map[string]string{"结案日期": "2025-04-01"}, "结案方式"},
		{"a method without date", map[string]string{"结案方式": "调解"}, "结案日期"},
		{"closed before filed", map[string]string{"结案日期": "2025-01-01", "结案方式": "调解"}, "结案日期"},
		{"a judgment without result", map[string]string{"结案日期": "2025-04-01", "结案方式": "判决"}, "结案方式"},
		{"yes or no", map[string]string{"府院联动": "也许"}, "府院联动"},
		{"a plaintiff of 101 characters", map[string]string{"原告": strings.Repeat("名", 101)}, "原告"},
	}
	for _, c := range cases {
		v := good()
		for k, x := range c.change {
			v[k] = x
		}
		r, errs := reports.ParseLedgerRow(cols(), row(v), 7)
		switch {
		case c.field == "" && len(errs) > 0:
			t.Errorf("%s: %+v", c.name, errs)
		case c.field != "" && (len(errs) != 1 || errs[0].Field != c.field || errs[0].Row != 7 || errs[0].Message == ""):
			t.Errorf("%s: %+v, want one problem in %s on row 7", c.name, errs, c.field)
		case c.field == "" && r.FiledOn != app.MustDate("2025-03-04"):
			t.Errorf("%s: filed on %s", c.name, r.FiledOn)
		}
	}
}

func TestLedgerHeaderNeedsTheRequiredColumnsOnce(t *testing.T) {
	if _, errs := reports.ParseLedgerHeader([]string{"原告", "立案日期", "原告"}); len(errs) < 7 {
		t.Errorf("errors %+v", errs)
	}
	// Columns are found by name, in any order, with or without the optional ones.
	c, errs := reports.ParseLedgerHeader([]string{"承办法官", "立案日期", "被告行政机关", "原告类型", "原告", "领域", "案由", "案件类型"})
	if len(errs) > 0 || c["案件类型"] != 7 {
		t.Errorf("%v %+v", c, errs)
	}
}

func TestFormulaLikeTextIsRecognised(t *testing.T) {
	for s, want := range map[string]bool{
		"=1+1": true, "+86": true, "-3": true, "@A1": true, "\tx": true, "\rx": true,
		"": false, "张三": false, "a=b": false, " =1": false, "（2025）粤1803行初1号": false,
	} {
		if got := reports.FormulaLike(s); got != want {
			t.Errorf("FormulaLike(%q) = %v", s, got)
		}
	}
}

func TestArchiveRefusesMonthsThatHaveNotBegun(t *testing.T) {
	today := app.MustDate("2025-07-01")
	for m, ok := range map[reports.Month]bool{{Year: 2025, Month: 6}: true, {Year: 2025, Month: 7}: true, {Year: 2025, Month: 8}: false, {Year: 2026, Month: 1}: false} {
		if err := reports.CheckArchiveMonth(m, today); (err == nil) != ok {
			t.Errorf("%s: %v", m, err)
		}
	}
	for _, s := range []string{"2025-13", "2025-6", "June", "2025-06-01", ""} {
		if _, err := reports.ParseMonth(s); err == nil {
			t.Errorf("ParseMonth(%q) accepted", s)
		}
	}
}

func TestALedgerOfMoreThanFiftyThousandRowsIsRefused(t *testing.T) {
	// The row limit is the rule here, not the time limit: under the race
	// detector reading 50,001 rows takes most of the 30 s a court's upload has.
	defer reports.SetLedgerParseLimit(5 * time.Minute)()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	header := make([]any, len(reports.LedgerHeaders))
	for i, h := range reports.LedgerHeaders {
		header[i] = h
	}
	sw.SetRow("A1", header)
	cells := row(good())
	values := make([]any, len(cells))
	for i, c := range cells {
		values[i] = c
	}
	for r := 2; r <= reports.MaxLedgerRows+2; r++ {
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, values); err != nil {
			t.Fatal(err)
		}
	}
	sw.Flush()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, _, err = reports.ReadLedger(context.Background(), buf.Bytes())
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), "50000") {
		t.Fatalf("err %v", err)
	}
}
