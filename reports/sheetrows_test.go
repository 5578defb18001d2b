package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/reports/reportstest"
)

// exportCasesByStreamWriter is ExportCases with every row written by
// excelize's StreamWriter, as it was before sheetRows: the reference the
// export's bytes are compared with.
func exportCasesByStreamWriter(cases []app.Case, out io.Writer) error {
	w, err := newWorkbook()
	if err != nil {
		return err
	}
	defer w.f.Close()
	if err := w.f.SetSheetName("Sheet1", SheetCaseList); err != nil {
		return err
	}
	cols := app.CaseListColumns()
	widths := make([]float64, len(cols))
	headers := make([]any, len(cols))
	styles := make([]int, len(cols))
	for i, c := range cols {
		widths[i], headers[i] = c.Width, c.Header
		styles[i] = w.st.caseCell(c.Kind, false)
	}
	sw, err := w.newStream(SheetCaseList, 2, widths...)
	if err != nil {
		return err
	}
	if err := w.streamRow(sw, 1, []int{w.st.header}, headers...); err != nil {
		return err
	}
	for i, c := range cases {
		if err := w.streamRow(sw, i+2, styles, appendCells(nil, cols, &c)...); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return w.writeTo(out)
}

// zipParts is every part of an .xlsx by name.
func zipParts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(data)
	}
	return parts
}

// awkwardTexts are texts whose cells excelize writes with care: escaped
// characters, characters XML cannot hold, spaces kept, text that reads as
// an escaped character (_xHHHH_), formula-like text, the unknown sign.
var awkwardTexts = []string{
	"", "王建国", "a & b <c> \"d\" 'e'", " leading", "trailing ", "\tTab", "line\nfeed", "cr\r\nlf",
	"bell\x07", "bad utf8 \xff\xfe", "\uFFFE\uFFFF", "emoji 😀", "_x000D_", "_x005F_x000D_", "a_x12G4_b_x0041_c",
	"_x005F_", "_x005F_xZZZZ_", "=1+2", "+86 138", "-3", "@SUM(A1)", Unknown, "深圳市<某>局&分局",
	strings.Repeat("长", excelize.TotalCellChars+10), strings.Repeat("😀", excelize.TotalCellChars/2+3),
}

func TestSheetRowsWriteWhatTheStreamWriterWrites(t *testing.T) {
	var cases []app.Case
	money := func(m app.Money) *app.Money { return &m }
	days := func(n int) *int { return &n }
	dates := []app.Date{{}, app.Date{Year: 2025, Month: 10, Day: 28}, app.Date{Year: 1900, Month: 2, Day: 28}, app.Date{Year: 1900, Month: 3, Day: 1},
		app.Date{Year: 1899, Month: 12, Day: 31}, app.Date{Year: 1899, Month: 6, Day: 1}, app.Date{Year: 1, Month: 1, Day: 1}, app.Date{Year: 2199, Month: 12, Day: 31}, app.Date{Year: 9999, Month: 12, Day: 31}}
	moneys := []*app.Money{nil, money(0), money(123456), money(-5), money(math.MaxInt64), money(1), money(99999999999999)}
	for i, text := range awkwardTexts {
		c := app.Case{CaseNo: text, Plaintiff: app.Party{Name: text}, OrganName: awkwardTexts[(i+3)%len(awkwardTexts)],
			JudgeName: text, Region: text, LinkagePartner: text, Linkage: i%2 == 0,
			DeadlineView: app.DeadlineView{DeadlineOn: dates[(i+2)%len(dates)]},
			FiledOn:      dates[i%len(dates)], ClosedOn: dates[(i+4)%len(dates)],
			PenaltyBefore: moneys[i%len(moneys)], PenaltyAfter: moneys[(i+3)%len(moneys)]}
		if i%3 == 0 {
			c.DaysToClose = days(i * 7)
		}
		cases = append(cases, c)
	}
	var want, got bytes.Buffer
	if err := exportCasesByStreamWriter(cases, &want); err != nil {
		t.Fatal(err)
	}
	each := func(fn func(app.Case) error) error {
		for _, c := range cases {
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := ExportCases(each, &got); err != nil {
		t.Fatal(err)
	}
	wantParts, gotParts := zipParts(t, want.Bytes()), zipParts(t, got.Bytes())
	if len(wantParts) != len(gotParts) {
		t.Fatalf("%d parts, want %d", len(gotParts), len(wantParts))
	}
	for name, w := range wantParts {
		g, ok := gotParts[name]
		if !ok {
			t.Fatalf("no part %s", name)
		}
		if g != w {
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Fatalf("part %s differs at byte %d:\ngot  %.300q\nwant %.300q", name, i, g[max(0, i-100):], w[max(0, i-100):])
		}
	}
	if !strings.Contains(gotParts[caseListPart], "_x005F_x000D_") || !strings.Contains(gotParts[caseListPart], `xml:space="preserve"`) {
		t.Fatal("the awkward texts did not reach the sheet")
	}
	// And excelize reads back every cell of the export.
	f, err := excelize.OpenReader(bytes.NewReader(got.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetCaseList, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(cases)+1 || rows[2][0] != awkwardTexts[1] || rows[3][0] != awkwardTexts[2] || rows[13][0] != "_x000D_" {
		t.Fatalf("read back %d rows: %q", len(rows), rows[:4])
	}
}

// TestSheetRowsCellsOfEveryKind compares single cells of every value type
// ExportCases can give with the StreamWriter's, times of day included.
func TestSheetRowsCellsOfEveryKind(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	values := []any{nil, "x", 0, -7, int64(1) << 40, 0.1, 1234.5, math.Copysign(0, -1), 1e21, 123456789012345678.0, 0.1 + 0.2,
		math.NaN(), math.Inf(1), math.MaxFloat64, true, false, time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 1, 2, 13, 14, 15, 16, time.UTC), time.Date(2025, 1, 2, 3, 0, 0, 0, shanghai),
		time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC), time.Date(1899, 12, 31, 12, 0, 0, 0, time.UTC),
		time.Date(2300, 5, 6, 7, 8, 9, 0, time.UTC), struct{ A int }{3}, []int{1, 2}}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	rows := newSheetRows(2)
	defer rows.close()
	for i, v := range values {
		cells := []excelize.Cell{{StyleID: 3, Value: v}, {Value: v}}
		if _, ok := v.(time.Time); ok {
			// excelize makes a date style for a time without one; sheetRows refuses it.
			if err := rows.row(i+1, cells); err == nil {
				t.Fatalf("%v without a style: no error", v)
			}
			rows.err, cells[1].StyleID = nil, 4
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+1), []any{&cells[0], &cells[1]}); err != nil {
			t.Fatal(err)
		}
		if err := rows.row(i+1, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	sheet := zipParts(t, b.Bytes())["xl/worksheets/sheet1.xml"]
	want := sheet[strings.Index(sheet, "<sheetData>")+len("<sheetData>") : strings.Index(sheet, "</sheetData>")]
	var got bytes.Buffer
	if err := rows.writeTo(&got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want {
		g, w := got.String(), want
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("rows differ at byte %d:\ngot  %.300q\nwant %.300q", i, g[max(0, i-100):], w[max(0, i-100):])
	}
}

// TestTheCaseListExportOpensInLibreOffice: the sheet written by sheetRows
// is one LibreOffice opens, with every case's row as excelize reads it.
func TestTheCaseListExportOpensInLibreOffice(t *testing.T) {
	money := app.Money(123456)
	var cases []app.Case
	for i, text := range []string{"王建国", "a & b <c> \"d\" 'e'", "_x000D_", "=1+2", "-3", "深圳市<某>局&分局", " 前后空格 "} {
		cases = append(cases, app.Case{CaseNo: "（2025）粤1803行初" + strconv.Itoa(i+1) + "号", Plaintiff: app.Party{Name: text},
			FiledOn: app.Date{Year: 2025, Month: 10, Day: 28 - i}, PenaltyBefore: &money})
	}
	var b bytes.Buffer
	err := ExportCases(func(fn func(app.Case) error) error {
		for _, c := range cases {
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}, &b)
	if err != nil {
		t.Fatal(err)
	}
	rows := reportstest.SheetsAsLibreOfficeReadsThem(t, b.Bytes(), []string{SheetCaseList})[SheetCaseList]
	if len(rows) != len(cases)+1 || rows[0][0] != "案号" {
		t.Fatalf("LibreOffice read %d rows: %q", len(rows), rows)
	}
	for i, c := range cases {
		r := rows[i+1]
		if r[0] != c.CaseNo || r[4] != c.Plaintiff.Name || r[7] != c.FiledOn.String() || r[23] != "1,234.56" {
			t.Fatalf("row %d as LibreOffice reads it: %q", i+2, r)
		}
	}
}
