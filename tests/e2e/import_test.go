package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// TestLeaderImportsALedgerWatchingItsProgress (issue 20): the leader uploads
// a ledger whose row 7 names no judge of the court: the page lists that row
// and imports nothing. Then the corrected ledger of 1,200 rows: the page's
// bar follows the rows checked and filed as the server streams them (500,
// 1,000, then 1,200 of 1,200) and the page says how many were imported. On a server of its own,
// so that the 1,200 cases change no other journey's figures.
func TestLeaderImportsALedgerWatchingItsProgress(t *testing.T) {
	t.Parallel()
	requireChromium(t)
	srv, err := startServer(filepath.Join(workDir, "import"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.stop() })
	e := &env{srv: srv, ctx: sharedBrowser(t)}

	const rows = 1200
	dir := t.TempDir()
	file, bad := filepath.Join(dir, "台账.xlsx"), filepath.Join(dir, "有错的台账.xlsx")
	writeLedger(t, file, rows, -1)
	writeLedger(t, bad, rows, 5)

	b := e.login(t, "leader")
	b.visit("/reports/import")
	b.see("导入案件台账", "校验并导入")
	if err := b.do(chromedp.SetUploadFiles(chromedp.CSS(`#i-file`), []string{bad}),
		chromedp.Click(chromedp.CSS(`form[data-stream] button[type=submit]`))); err != nil {
		t.Fatalf("uploading the bad ledger: %v", err)
	}
	waitText(t, b, "未导入任何记录")
	b.see("台账中有 1 处错误", "第 7 行", "承办法官", "nobody")
	b.screenshot("import-ledger-errors")
	// Every value the bar is given, as "value/max".
	eval[bool](b, `(function () {
		var bar = document.querySelector("form[data-stream] progress");
		window.seen = [];
		new MutationObserver(function () { window.seen.push(bar.getAttribute("value") + "/" + bar.getAttribute("max")); })
			.observe(bar, {attributes: true, attributeFilter: ["value", "max"]});
		return true;
	})()`)
	if err := b.do(chromedp.SetUploadFiles(chromedp.CSS(`#i-file`), []string{file}),
		chromedp.Click(chromedp.CSS(`form[data-stream] button[type=submit]`))); err != nil {
		t.Fatalf("uploading the ledger: %v", err)
	}
	waitText(t, b, fmt.Sprintf("已导入 %d 件案件", rows))
	if b.count("#row-errors") != 0 {
		t.Error("the errors of the first upload are still shown")
	}
	b.check()
	seen := eval[[]string](b, `window.seen`)
	for _, v := range []string{"500/1200", "1000/1200", "1200/1200"} {
		if !contains(seen, v) {
			t.Errorf("the bar never showed %s (it showed %v)", v, seen)
		}
	}
	b.screenshot("import-ledger-done")
}

// waitText waits until the page shows want.
func waitText(t *testing.T, b *tab, want string) {
	t.Helper()
	deadline := time.Now().Add(actionLimit)
	for !strings.Contains(b.bodyText(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the page never said %q; it shows: %.300s", want, b.bodyText())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// writeLedger writes a ledger of n rows for the demo court, valid but for
// row index bad (-1: none), whose judge is "nobody".
func writeLedger(t *testing.T, path string, n, bad int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"案件类型", "案由", "领域", "原告", "原告类型", "被告行政机关", "立案日期", "承办法官", "府院联动"}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{"行初", "行政处罚", "生态", fmt.Sprintf("导入测试原告%04d", i), "企业", "清远市清新区林业局",
			fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28), []string{"judge1", "judge2"}[i%2], "否"}
		if i == bad {
			row[7] = "nobody"
		}
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
