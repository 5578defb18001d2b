package reports_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fuyuan/app"
	"fuyuan/reports"
)

// ledgerHeader is the template's header row with the optional 判决结果 column.
var ledgerHeader = append(append([]string(nil), reports.LedgerHeaders...), reports.ColResult)

// FuzzParseLedgerRow guards the import row parser: whatever the cells of an
// uploaded row hold, it never panics, every problem names the row and a
// column of the template, and a row it accepts is complete and consistent —
// real dates, known codes, a closing date with its method and not before
// the filing.
func FuzzParseLedgerRow(f *testing.F) {
	for _, row := range []string{
		"\t行初\t行政处罚\t生态\t清远市绿源林业有限公司\t企业\t清新区林业局\t2025-03-04\tjudge1\t是\t2025-06-30\t调解\t",
		"（2025）粤1803行初12号\t行初\t行政处罚\t生态\t张三\t个人\t林业局\t2025/3/4\tjudge1\t否\t\t\t",
		"\t行审\t工伤认定\t劳动社保\t李四\t个人\t人社局\t45658\tjudge2\t1\t45700\t判决\t维持",
		"\t行初\t行政处罚\t生态\t=HYPERLINK(\"http://x\")\t企业\t+cmd|' /C calc'!A0\t2025年3月4日\tjudge1\t是\t2025-03-01\t调解\t",
		"\t行初\t行政处罚\t生态\t原告\t企业\t机关\t2025-02-30\tjudge1\tmaybe\t2025-13-01\t\t",
		"\t\t\t\t\t\t\t\t\t\t\t\t", "", "\xff\xfe\t行初", strings.Repeat("长", 200) + "\t行初",
		"\t行初\t行政处罚\t生态\t原告\t企业\t机关\t-1\tjudge1\t否\t1e308\t判决\t",
		"\t行初\t行政处罚\t生态\t原告\t企业\t机关\t2025-03-04 00:00:00\tjudge1\t否\t'2025-04-01\t撤诉\t",
	} {
		f.Add(row)
	}
	columns := map[string]bool{}
	for _, h := range ledgerHeader {
		columns[h] = true
	}
	f.Fuzz(func(t *testing.T, row string) {
		cols, herrs := reports.ParseLedgerHeader(ledgerHeader)
		if len(herrs) > 0 {
			t.Fatalf("the template's own header: %v", herrs)
		}
		cells := strings.Split(row, "\t")
		r, errs := reports.ParseLedgerRow(cols, cells, 7)
		if r.Row != 7 {
			t.Fatalf("row %d, want 7", r.Row)
		}
		for _, e := range errs {
			if e.Row != 7 || !columns[e.Field] || e.Message == "" {
				t.Fatalf("problem %+v does not name row 7 and a template column", e)
			}
		}
		if len(errs) > 0 {
			return
		}
		for name, v := range map[string]string{"case type": r.CaseType, "plaintiff": r.Plaintiff, "organ": r.Organ, "judge": r.Judge} {
			if v == "" || !utf8.ValidString(v) || v != strings.TrimSpace(v) {
				t.Fatalf("accepted %q with %s %q", row, name, v)
			}
		}
		if !app.Causes.Valid(r.Cause) || !app.Domains.Valid(r.Domain) || !app.PlaintiffKinds.Valid(r.PlaintiffKind) {
			t.Fatalf("accepted %q with codes %q %q %q", row, r.Cause, r.Domain, r.PlaintiffKind)
		}
		if r.FiledOn.IsZero() {
			t.Fatalf("accepted %q without a filing date", row)
		}
		if (r.Method == "") != r.ClosedOn.IsZero() {
			t.Fatalf("accepted %q with closing date %v and method %q", row, r.ClosedOn, r.Method)
		}
		if r.Method != "" && !app.CloseMethods.Valid(r.Method) {
			t.Fatalf("accepted %q with method %q", row, r.Method)
		}
		if !r.ClosedOn.IsZero() && r.ClosedOn.Before(r.FiledOn) {
			t.Fatalf("accepted %q closed before it was filed", row)
		}
		if r.Method == "judgment" && !app.JudgmentResults.Valid(r.JudgmentResult) {
			t.Fatalf("accepted %q: a judgment without its result", row)
		}
	})
}

// FuzzParseCellDate guards the date cells of an import: whatever a cell
// holds, no panic, and what is accepted is a real date that ParseDate reads back.
func FuzzParseCellDate(f *testing.F) {
	for _, s := range []string{
		"2025-03-04", "2025/3/4", "2025.3.4", "2025年3月4日", "45658", "45658.75", "1", "0", "-1", "400001",
		"2025-02-29", "2024-02-29", "2025-03-04 00:00:00", "'2025-03-04", "1e5", "NaN", "Inf", "0x10",
		"2025--03", "99999-1-1", "2025-3-4-5", " ", "２０２５-03-04", "1899-12-31",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := reports.ParseCellDate(s)
		if err != nil {
			return
		}
		again, err := app.ParseDate(d.String())
		if err != nil || again != d || d.IsZero() {
			t.Fatalf("ParseCellDate(%q) = %v, which ParseDate reads as %v, %v", s, d, again, err)
		}
	})
}
