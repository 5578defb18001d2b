package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
)

// sheetXLSX is a workbook whose first worksheet is the given <sheetData> rows
// (inline strings), with a shared string table of sst.
func sheetXLSX(t *testing.T, rows string, sst ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var si strings.Builder
	for _, s := range sst {
		si.WriteString("<si><t>" + s + "</t></si>")
	}
	for _, p := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId7"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + si.String() + `</sst>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`},
	} {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ledgerRow is sheet row r with the template's columns holding values, and extra cells as given.
func ledgerRow(r int, values []string, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, v := range values {
		col := string(rune('A' + i))
		fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, col, r, v)
	}
	b.WriteString(extra + "</row>")
	return b.String()
}

var goodLedgerValues = []string{"", "行初", "行政处罚", "生态", "某公司", "企业", "某局", "2025-03-04", "judge1", "否", "", ""}

// TestLedgerBlankRowsCountTowardTheRowLimit: a row number past the limit is
// refused even when every row before it is blank or absent, at once.
func TestLedgerBlankRowsCountTowardTheRowLimit(t *testing.T) {
	for _, far := range []int{MaxLedgerRows + 2, 1_048_576} {
		rows := ledgerRow(1, LedgerHeaders, "") + ledgerRow(2, goodLedgerValues, "") +
			fmt.Sprintf(`<row r="%d"/>`, MaxLedgerRows/2) + ledgerRow(far, goodLedgerValues, "")
		start := time.Now()
		got, _, err := ReadLedger(context.Background(), sheetXLSX(t, rows))
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), fmt.Sprint(MaxLedgerRows)) {
			t.Errorf("a data row at sheet row %d after blank rows: %d rows, err %v; want the row limit", far, len(got), err)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("row %d refused after %s", far, took)
		}
	}
	// At the limit it is still read.
	rows := ledgerRow(1, LedgerHeaders, "") + ledgerRow(MaxLedgerRows+1, goodLedgerValues, "")
	if got, errs, err := ReadLedger(context.Background(), sheetXLSX(t, rows)); err != nil || len(errs) > 0 || len(got) != 1 || got[0].Row != MaxLedgerRows+1 {
		t.Errorf("the last row the limit allows: %v %v %v", got, errs, err)
	}
}

// TestLedgerFarAwayCellDoesNotWidenRows: only the known header columns are
// read; a cell in column XFD of every row costs next to nothing.
func TestLedgerFarAwayCellDoesNotWidenRows(t *testing.T) {
	const n = 3000
	var b strings.Builder
	b.WriteString(ledgerRow(1, LedgerHeaders, `<c r="XFD1" t="inlineStr"><is><t>备注</t></is></c>`))
	for r := 2; r <= n+1; r++ {
		b.WriteString(ledgerRow(r, goodLedgerValues, fmt.Sprintf(`<c r="XFD%d"><v>1</v></c>`, r)))
	}
	content := sheetXLSX(t, b.String())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, errs, err := ReadLedger(context.Background(), content)
	runtime.ReadMemStats(&after)
	if err != nil || len(errs) > 0 || len(got) != n {
		t.Fatalf("%d rows, %v, %v", len(got), errs, err)
	}
	if got[0].Plaintiff != "某公司" || got[n-1].Judge != "judge1" || got[n-1].Row != n+1 {
		t.Errorf("rows read wrong: %+v … %+v", got[0], got[n-1])
	}
	// A row widened to column XFD is 16,384 strings (256 KiB); n of them would be 750 MiB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("reading %d rows with a cell in column XFD allocated %d MiB", n, alloc>>20)
	}
}

// TestLedgerSharedStringsAndColumnsAreReadByHeader: cells are found by their
// header wherever the column stands, through the shared string table.
func TestLedgerSharedStringsAndColumnsAreReadByHeader(t *testing.T) {
	rows := `<row r="1"><c r="C1" t="s"><v>0</v></c><c r="A1" t="s"><v>1</v></c>` +
		`<c r="B1" t="inlineStr"><is><t>案由</t></is></c><c r="D1" t="inlineStr"><is><t>领域</t></is></c>` +
		`<c r="E1" t="inlineStr"><is><t>原告</t></is></c><c r="F1" t="inlineStr"><is><t>原告类型</t></is></c>` +
		`<c r="G1" t="inlineStr"><is><t>被告行政机关</t></is></c><c r="H1" t="inlineStr"><is><t>立案日期（可选）</t></is></c>` +
		`<c r="ZZ1" t="inlineStr"><is><t>承办法官</t></is></c></row>` +
		`<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t>行政处罚</t></is></c><c r="C3" t="s"><v>3</v></c>` +
		`<c r="D3" t="inlineStr"><is><t>生态</t></is></c><c r="E3" t="inlineStr"><is><r><t>某</t></r><r><t>公司</t></r><rPh><t>ぼう</t></rPh></is></c>` +
		`<c r="F3" t="inlineStr"><is><t>企业</t></is></c><c r="G3" t="inlineStr"><is><t>某局</t></is></c><c r="H3"><v>45720</v></c><c r="ZZ3" t="str"><v>judge1</v></c></row>`
	got, errs, err := ReadLedger(context.Background(), sheetXLSX(t, rows, "备注", "案件类型", "行初", "随便写"))
	if err != nil || len(errs) > 0 || len(got) != 1 {
		t.Fatalf("%v %v %v", got, errs, err)
	}
	if r := got[0]; r.Row != 3 || r.CaseType != "行初" || r.Plaintiff != "某公司" || r.Judge != "judge1" || r.FiledOn != app.MustDate("2025-03-04") {
		t.Errorf("row %+v", r)
	}
}

// TestLedgerReadStopsWhenTheClientLeaves: the read ends with the request's
// context, and on its own after ledgerParseLimit.
func TestLedgerReadStopsWhenTheClientLeaves(t *testing.T) {
	var b strings.Builder
	b.WriteString(ledgerRow(1, LedgerHeaders, ""))
	for r := 2; r <= 20000; r++ {
		b.WriteString(ledgerRow(r, goodLedgerValues, ""))
	}
	content := sheetXLSX(t, b.String())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if _, _, err := ReadLedger(ctx, content); !errors.Is(err, context.Canceled) {
		t.Errorf("the client has gone: err %v, want context.Canceled", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("stopped after %s", took)
	}
	defer func(d time.Duration) { ledgerParseLimit = d }(ledgerParseLimit)
	ledgerParseLimit = time.Millisecond
	if _, _, err := ReadLedger(context.Background(), content); app.ErrorCode(err) != app.ETOOLARGE {
		t.Errorf("a read past the time limit: err %v, want ETOOLARGE", err)
	}
}
