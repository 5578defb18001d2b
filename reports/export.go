package reports

import (
	"io"

	"fuyuan/app"
)

// SheetCaseList is the sheet of the case-list export.
const SheetCaseList = "案件清单"

// caseListColumns are the headers and widths of the case-list export; the
// first ones are named as the ledger's columns.
var caseListColumns = []struct {
	header string
	width  float64
}{
	{"案号", 26}, {"案件类型", 9}, {"案由", 12}, {"领域", 9}, {"原告", 22}, {"原告类型", 9}, {"被告行政机关", 26},
	{"立案日期", 11}, {"承办法官", 10}, {"府院联动", 9}, {"联动单位", 12}, {"跨区域", 8}, {"地区", 10}, {"快审", 6},
	{"简易程序", 9}, {"状态", 8}, {"审限届满日", 11}, {"剩余天数", 9}, {"审限状态", 16}, {"结案日期", 11}, {"结案方式", 12},
	{"判决结果", 16}, {"结案天数", 9}, {"原处罚金额（元）", 14}, {"调整后金额（元）", 14},
}

// CaseListHeaders returns the column headers of the case-list export.
func CaseListHeaders() []string {
	out := make([]string, len(caseListColumns))
	for i, c := range caseListColumns {
		out[i] = c.header
	}
	return out
}

// CaseListRow is the values of c's row in the case-list export, in the
// order of CaseListHeaders: dates as app.Date and amounts as *app.Money
// (empty when unset), days as numbers or "".
func CaseListRow(c app.Case) []any {
	return appendCaseListRow(nil, c)
}

// appendCaseListRow appends the values of c's row in the case-list export to row.
func appendCaseListRow(row []any, c app.Case) []any {
	var daysLeft, daysToClose any = "", ""
	if c.DaysLeft != nil {
		daysLeft = *c.DaysLeft
	}
	if c.DaysToClose != nil {
		daysToClose = *c.DaysToClose
	}
	result := ""
	if c.JudgmentResult != "" {
		result = app.JudgmentResults.Label(c.JudgmentResult)
	}
	return append(row, c.CaseNo, c.CaseType, app.Causes.Label(c.Cause), app.Domains.Label(c.Domain), c.Plaintiff.Name,
		app.PlaintiffKinds.Label(c.Plaintiff.Kind), c.OrganName, c.FiledOn, c.JudgeName, yesNo(c.Linkage),
		c.LinkagePartner, yesNo(c.CrossRegion), c.Region, yesNo(c.FastTrack), yesNo(c.Simplified),
		app.CaseStatuses.Label(c.Status), c.DeadlineOn, daysLeft, c.DeadlineView.Label(), c.ClosedOn, methodLabel(c.Method), result,
		daysToClose, c.PenaltyBefore, c.PenaltyAfter)
}

// ExportCases writes every case that each yields, one row per case, with
// excelize's stream writer: rows go from the database cursor to the sheet
// (which spills to a temporary file when large), so memory stays flat
// however many cases match. Nothing is written to out until every case has
// been read, so a failure can still be answered as an error.
func ExportCases(each func(fn func(app.Case) error) error, out io.Writer) error {
	w, err := newWorkbook()
	if err != nil {
		return err
	}
	defer w.f.Close()
	if err := w.f.SetSheetName("Sheet1", SheetCaseList); err != nil {
		return err
	}
	widths := make([]float64, len(caseListColumns))
	headers := make([]any, len(caseListColumns))
	for i, c := range caseListColumns {
		widths[i], headers[i] = c.width, c.header
	}
	sw, err := w.newStream(SheetCaseList, 2, widths...)
	if err != nil {
		return err
	}
	if err := w.streamRow(sw, 1, []int{w.st.header}, headers...); err != nil {
		return err
	}
	st := w.st
	styles := []int{st.text, st.text, st.text, st.text, st.text, st.text, st.text, st.date, st.text, st.text, st.text,
		st.text, st.text, st.text, st.text, st.text, st.date, st.count, st.text, st.date, st.text, st.text, st.count, st.money, st.money}
	row, values := 2, make([]any, 0, len(caseListColumns))
	err = each(func(c app.Case) error {
		values = appendCaseListRow(values[:0], c)
		row++
		return w.streamRow(sw, row-1, styles, values...)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return w.writeTo(out)
}
