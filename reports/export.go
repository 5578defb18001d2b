package reports

import (
	"io"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
)

// SheetCaseList is the sheet of the case-list export.
const SheetCaseList = "案件清单"

// CaseListHeaders returns the column headers of the case-list export
// (app.CaseListColumns); the first ones are named as the ledger's columns.
func CaseListHeaders() []string {
	cols := app.CaseListColumns()
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Header
	}
	return out
}

// CaseListRow is the values of c's row in the case-list export, in the
// order of CaseListHeaders: dates as app.Date and amounts as *app.Money
// (empty when unset), days as numbers or "".
func CaseListRow(c app.Case) []any {
	return appendCells(nil, app.CaseListColumns(), &c)
}

// appendCells appends the cells of c in the columns cols to row.
func appendCells(row []any, cols []app.CaseColumn, c *app.Case) []any {
	for _, col := range cols {
		row = append(row, col.Cell(c))
	}
	return row
}

// MaxExportCases is how many cases one export holds: a sheet's rows
// (excelize.TotalRows, Excel's limit) less the header. Only tests lower it.
var MaxExportCases = excelize.TotalRows - 1

// ExportCases writes every case that each yields, one row per case: the
// workbook (styles, page setup, the header row) with excelize, the rows
// with sheetRows, the same XML as excelize's stream writer would write for
// them, from the database cursor to the sheet (which spills to a temporary
// file when large), so memory stays flat however many cases match. Nothing
// is written to out until every case has been read, so a failure can still
// be answered as an error; more cases than a sheet holds are ETOOLARGE.
func ExportCases(each func(fn func(app.Case) error) error, out io.Writer) error {
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
	if err := sw.Flush(); err != nil {
		return err
	}
	rows := newSheetRows(len(cols))
	defer rows.close()
	row, cells := 2, make([]excelize.Cell, len(cols))
	err = each(func(c app.Case) error {
		if row-1 > MaxExportCases {
			return app.Errorf(app.ETOOLARGE, "一次最多导出 %d 件案件（Excel 工作表的行数上限），请按立案日期等条件分段导出", MaxExportCases)
		}
		for i, col := range cols {
			cells[i] = w.cell(col.Cell(&c), styles[i])
		}
		row++
		return rows.row(row-1, cells)
	})
	if err != nil {
		return err
	}
	w.rows, w.rowsPart = rows, caseListPart
	return w.writeTo(out)
}

// caseListPart is the zip part of the case-list export's one sheet.
const caseListPart = "xl/worksheets/sheet1.xml"
