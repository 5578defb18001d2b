// Command ledgerxlsx writes a case ledger (台账) of -rows rows in the import
// template's columns, for measuring the import (scripts/bench.sh import):
//
//	go run ./scripts/ledgerxlsx -rows 50000 -out /tmp/ledger.xlsx
//
// The rows are valid for the court `fuyuan gen` makes (粤1803, judges judge1
// and judge2): no 案号 (numbers are given by the import), filings in 2025,
// one in three closed, organs mostly of the register and some new.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/reports"
)

func main() {
	rows := flag.Int("rows", 50000, "data rows")
	out := flag.String("out", "ledger.xlsx", "the .xlsx to write")
	judges := flag.String("judges", "judge1,judge2", "judges' usernames, comma-separated")
	flag.Parse()
	js := splitComma(*judges)
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		log.Fatal(err)
	}
	headers := append(append([]string(nil), reports.LedgerHeaders...), reports.ColResult)
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		log.Fatal(err)
	}
	organs := []string{"清远市清新区林业局", "清远市清新区自然资源局", "清远市清新区市场监督管理局", "清新区太平镇人民政府",
		"清远市清新区司法局", "清远市清新区人力资源和社会保障局"}
	r := rand.New(rand.NewPCG(20, 26))
	label := func(e app.Enum) string { return e.Options[r.IntN(len(e.Options))].Label }
	for i := 0; i < *rows; i++ {
		organ := organs[r.IntN(len(organs))]
		if i%500 == 0 {
			organ = fmt.Sprintf("清远市清新区第%d号执法大队", i/500)
		}
		filed := app.NewDate(2025, time.Month(1+r.IntN(12)), 1+r.IntN(28))
		vals := []any{"", "行初", label(app.Causes), label(app.Domains), fmt.Sprintf("原告%05d林业开发有限公司", i),
			label(app.PlaintiffKinds), organ, filed.String(), js[i%len(js)], []string{"是", "否"}[r.IntN(2)], "", "", ""}
		if i%3 == 0 {
			closed := filed.AddDays(10 + r.IntN(60))
			if closed.After(app.NewDate(2026, 1, 9)) {
				closed = app.NewDate(2026, 1, 9)
			}
			vals[10] = closed.String()
			vals[11] = "准予撤诉"
			if i%2 == 0 {
				vals[11], vals[12] = "判决", []string{"维持/驳回诉讼请求", "撤销", "变更"}[r.IntN(3)]
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			log.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.SaveAs(*out); err != nil {
		log.Fatal(err)
	}
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
