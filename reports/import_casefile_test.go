package reports_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
)

// The ledger's optional case-file columns (其他原告, 第三人, 被诉行政行为文号 …)
// import into the case file, a ledger without them still imports, and the
// case-list export shows them.
func TestTheLedgersCaseFileColumnsImportAndExport(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		leader := ct.Actor("leader")
		header := append(append([]string{}, reports.LedgerHeaders...), "其他原告（可选）", "第三人", "被诉行政行为文号", "诉讼请求")
		cols, herrs := reports.ParseLedgerHeader(header)
		if len(herrs) > 0 {
			t.Fatal(herrs)
		}
		row := map[string]string{"案件类型": "行初", "案由": "行政处罚", "领域": "生态", "原告": "清远市绿源林业有限公司", "原告类型": "企业",
			"被告行政机关": ct.Organ.Name, "立案日期": "2025-03-04", "承办法官": "judge1",
			"其他原告（可选）": "黎桂英、陈国栋", "第三人": "广东省清新林场", "被诉行政行为文号": "清新林罚决字〔2025〕3号", "诉讼请求": "撤销行政处罚决定"}
		line := make([]string, len(header))
		for i, h := range header {
			line[i] = row[h]
		}
		with, errs := reports.ParseLedgerRow(cols, line, 2)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		oldCols, _ := reports.ParseLedgerHeader(reports.LedgerHeaders)
		without, errs := reports.ParseLedgerRow(oldCols, line[:len(reports.LedgerHeaders)], 3)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		without.Plaintiff = "旧台账原告"
		if n, err := reports.ImportLedger(ctx, s, leader, []reports.LedgerRow{with, without}, nil); err != nil || n != 2 {
			t.Fatalf("import: %d %v", n, err)
		}
		var out bytes.Buffer
		vis := app.NewVisibility(leader, app.ScopeAll)
		if err := reports.ExportCases(func(fn func(app.Case) error) error {
			return s.EachCase(ctx, leader, vis, app.CaseFilter{Sort: app.DefaultCaseSort}, fn)
		}, &out); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&out)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		at := map[string]int{}
		for i, h := range rows[0] {
			at[h] = i
		}
		found := 0
		for _, r := range rows[1:] {
			cell := func(h string) string {
				if i, ok := at[h]; ok && i < len(r) {
					return r[i]
				}
				return ""
			}
			switch cell("原告") {
			case "清远市绿源林业有限公司":
				found++
				if cell("其他原告") != "黎桂英、陈国栋" || cell("第三人") != "广东省清新林场" ||
					cell("被诉行政行为文号") != "清新林罚决字〔2025〕3号" || cell("诉讼请求") != "撤销行政处罚决定" {
					t.Fatalf("the exported row: %q (headers %v)", r, rows[0])
				}
			case "旧台账原告":
				found++
				if cell("其他原告") != "" || cell("第三人") != "" {
					t.Fatalf("an old ledger's row: %q", r)
				}
			}
		}
		if found != 2 {
			t.Fatalf("the export shows %d of the imported cases: %v", found, rows)
		}
		if !strings.Contains(strings.Join(rows[0], ","), "代理人") {
			t.Fatalf("export headers %v", rows[0])
		}
	})
}
