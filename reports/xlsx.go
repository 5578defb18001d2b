package reports

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
)

// FormulaLike reports whether a spreadsheet program could take text s for a
// formula (or a DDE command) when it is typed, pasted or saved as CSV: it
// starts with =, +, -, @, a tab or a carriage return.
func FormulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// workbook is an excelize file with fuyuan's styles. Every value reaches a
// sheet through cell, the one place that keeps formula-like text as text.
type workbook struct {
	f  *excelize.File
	st styles
	// The cells of the row streamRow writes, reused from row to row, and
	// pointers to them as SetRow takes them: a case list of a hundred
	// thousand rows allocates no cells.
	rowCells []excelize.Cell
	rowPtrs  []any
	// listWidths are the column widths of the streamed case list whose
	// rows streamRow makes as tall as their wrapped text; nil elsewhere.
	listWidths []float64
	// rows are the rows written by sheetRows into the sheet part rowsPart.
	rows     *sheetRows
	rowsPart string
}

// styles are the cell styles of fuyuan's spreadsheets.
type styles struct {
	title, subtitle, header, note  int
	text, wrap, quoted             int
	count, rate, delta, days, dayD int
	money, date, bold, boldRate    int
	points, none, sign             int
	// The case list's styles: a smaller font and long text wrapped, so
	// that fitted to the width of the page it still reads.
	listHeader, listText, listWrap int
	listCount, listMoney, listDate int
}

// caseCell is the style of a case row's cell of kind (app.CaseColumn) in
// the case-list export, or with list in the monthly report's case list.
func (st styles) caseCell(k app.CellKind, list bool) int {
	switch k {
	case app.CellDate:
		return pick(list, st.listDate, st.date)
	case app.CellCount:
		return pick(list, st.listCount, st.count)
	case app.CellMoney:
		return pick(list, st.listMoney, st.money)
	case app.CellFlag:
		return pick(list, st.listText, st.text)
	}
	return pick(list, st.listWrap, st.text)
}

func pick(first bool, a, b int) int {
	if first {
		return a
	}
	return b
}

// Unknown is written where a figure has no value: a rate or an average
// with a zero denominator (nil), a change against an unknown or without a
// base; null in JSON, never 0.
const Unknown = "—"

// listFont is the font size of the case list's cells.
const listFont = 10

func newWorkbook() (*workbook, error) {
	w := &workbook{f: excelize.NewFile()}
	if err := w.makeStyles(); err != nil {
		w.f.Close()
		return nil, err
	}
	return w, nil
}

func (w *workbook) makeStyles() error {
	border := []excelize.Border{
		{Type: "left", Color: "B8C2CC", Style: 1}, {Type: "right", Color: "B8C2CC", Style: 1},
		{Type: "top", Color: "B8C2CC", Style: 1}, {Type: "bottom", Color: "B8C2CC", Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	custom := func(s string) *string { return &s }
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&w.st.title, excelize.Style{Font: font(true, 16), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&w.st.subtitle, excelize.Style{Font: font(false, 10), Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&w.st.header, excelize.Style{Font: font(true, 11), Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2E4E4"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&w.st.note, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 9, Color: "616E7C"}}},
		{&w.st.text, excelize.Style{Font: font(false, 11), Border: border}},
		{&w.st.wrap, excelize.Style{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&w.st.bold, excelize.Style{Font: font(true, 11), Border: border}},
		{&w.st.count, excelize.Style{Font: font(false, 11), Border: border, NumFmt: 1}},
		{&w.st.rate, excelize.Style{Font: font(false, 11), Border: border, NumFmt: 10}}, // 0.00%
		{&w.st.boldRate, excelize.Style{Font: font(true, 11), Border: border, NumFmt: 10}},
		{&w.st.delta, excelize.Style{Font: font(false, 11), Border: border, CustomNumFmt: custom(`+0.00%;-0.00%;0.00%`)}},
		{&w.st.days, excelize.Style{Font: font(false, 11), Border: border, CustomNumFmt: custom(`0.0`)}},
		{&w.st.dayD, excelize.Style{Font: font(false, 11), Border: border, CustomNumFmt: custom(`+0.0;-0.0;0.0`)}},
		{&w.st.money, excelize.Style{Font: font(false, 11), Border: border, NumFmt: 4}}, // #,##0.00
		{&w.st.date, excelize.Style{Font: font(false, 11), Border: border, CustomNumFmt: custom(`yyyy-mm-dd`)}},
		// The 同比 of a rate, in percentage points (PointsChange).
		{&w.st.points, excelize.Style{Font: font(false, 11), Border: border,
			CustomNumFmt: custom(`+0.00"` + PercentagePoints + `";-0.00"` + PercentagePoints + `";0.00"` + PercentagePoints + `"`)}},
		{&w.st.none, excelize.Style{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&w.st.sign, excelize.Style{Font: font(false, 12), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&w.st.listHeader, excelize.Style{Font: font(true, listFont), Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2E4E4"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&w.st.listText, excelize.Style{Font: font(false, listFont), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&w.st.listWrap, excelize.Style{Font: font(false, listFont), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&w.st.listCount, excelize.Style{Font: font(false, listFont), Border: border, NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&w.st.listMoney, excelize.Style{Font: font(false, listFont), Border: border, NumFmt: 4, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&w.st.listDate, excelize.Style{Font: font(false, listFont), Border: border, CustomNumFmt: custom(`yyyy-mm-dd`), Alignment: &excelize.Alignment{Vertical: "top"}}},
	}
	for _, d := range defs {
		id, err := w.f.NewStyle(&d.style)
		if err != nil {
			return err
		}
		*d.id = id
	}
	// The quoted text style: text format (@) and Excel's quote prefix, so
	// that the cell shows exactly what it holds and editing it keeps it text.
	// It is made last and is the only style with format 49, so NewStyle never
	// hands it out for another style.
	id, err := w.f.NewStyle(&excelize.Style{Font: font(false, 11), Border: border, NumFmt: 49})
	if err != nil {
		return err
	}
	if w.f.Styles == nil || w.f.Styles.CellXfs == nil || id >= len(w.f.Styles.CellXfs.Xf) {
		return fmt.Errorf("xlsx: no cell format %d for quoted text", id)
	}
	yes := true
	w.f.Styles.CellXfs.Xf[id].QuotePrefix = &yes
	w.st.quoted = id
	return nil
}

// cell is the one place where a value becomes a cell of any sheet, written
// directly or streamed: text that could be taken for a formula (FormulaLike)
// is written as a plain string cell in the quoted text style, never as a
// formula, keeping every original character; dates become real dates;
// other values keep the given style.
func (w *workbook) cell(v any, style int) excelize.Cell {
	switch x := v.(type) {
	case string:
		if FormulaLike(x) {
			return excelize.Cell{StyleID: w.st.quoted, Value: x}
		}
		if x == Unknown {
			return excelize.Cell{StyleID: w.st.none, Value: x}
		}
	case app.Date:
		if x.IsZero() {
			return excelize.Cell{StyleID: style, Value: ""}
		}
		if style == w.st.listDate {
			return excelize.Cell{StyleID: style, Value: x.Time()}
		}
		return excelize.Cell{StyleID: w.st.date, Value: x.Time()}
	case app.Money:
		return excelize.Cell{StyleID: style, Value: x.Float()}
	case *app.Money:
		if x == nil {
			return excelize.Cell{StyleID: style, Value: ""}
		}
		return excelize.Cell{StyleID: style, Value: x.Float()}
	case *float64: // a rate or an average: nil is unknown (a zero denominator)
		if x == nil {
			return excelize.Cell{StyleID: w.st.none, Value: Unknown}
		}
		return excelize.Cell{StyleID: style, Value: *x}
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// put writes one value at (col, row), 1-based, through cell.
func (w *workbook) put(sheet string, col, row int, v any, style int) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	c := w.cell(v, style)
	if t, ok := c.Value.(time.Time); ok {
		if err := w.f.SetCellValue(sheet, ref, t); err != nil {
			return err
		}
	} else if s, ok := c.Value.(string); ok {
		if err := w.f.SetCellStr(sheet, ref, s); err != nil {
			return err
		}
	} else if err := w.f.SetCellValue(sheet, ref, c.Value); err != nil {
		return err
	}
	if c.StyleID != 0 {
		return w.f.SetCellStyle(sheet, ref, ref, c.StyleID)
	}
	return nil
}

// row writes values from column 1 of row, each with its style (the last
// style repeats for the remaining values). A row with wrapped text (style
// wrap) is made as tall as its longest text needs in its column's width,
// so the column widths must be set first.
func (w *workbook) row(sheet string, row int, styles []int, values ...any) error {
	lines := 1
	for i, v := range values {
		st := 0
		if len(styles) > 0 {
			st = styles[min(i, len(styles)-1)]
		}
		if err := w.put(sheet, i+1, row, v, st); err != nil {
			return err
		}
		if text, ok := v.(string); ok && st == w.st.wrap {
			col, _ := excelize.ColumnNumberToName(i + 1)
			width, err := w.f.GetColWidth(sheet, col)
			if err != nil {
				return err
			}
			lines = max(lines, wrappedLines(text, width*listFont/bodyFont))
		}
	}
	if lines > 1 {
		return w.f.SetRowHeight(sheet, row, float64(lines)*bodyLine+2)
	}
	return nil
}

// streamRow is row for a stream writer.
func (w *workbook) streamRow(sw *excelize.StreamWriter, row int, styles []int, values ...any) error {
	if len(w.rowCells) < len(values) {
		w.rowCells = make([]excelize.Cell, len(values))
		w.rowPtrs = make([]any, len(values))
		for i := range w.rowCells {
			w.rowPtrs[i] = &w.rowCells[i]
		}
	}
	for i, v := range values {
		st := 0
		if len(styles) > 0 {
			st = styles[min(i, len(styles)-1)]
		}
		w.rowCells[i] = w.cell(v, st)
	}
	ref, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return err
	}
	if w.listWidths == nil {
		return sw.SetRow(ref, w.rowPtrs[:len(values)])
	}
	lines := 1
	for i, c := range w.rowCells[:len(values)] {
		if text, ok := c.Value.(string); ok && i < len(w.listWidths) && (c.StyleID == w.st.listWrap || c.StyleID == w.st.listHeader) {
			lines = max(lines, wrappedLines(text, w.listWidths[i]))
		}
	}
	return sw.SetRow(ref, w.rowPtrs[:len(values)], excelize.RowOpts{Height: float64(lines)*listLine + 2})
}

// listLine and bodyLine are the heights in points of a line of text at
// listFont and at bodyFont, the font size of the other sheets' cells.
const (
	listLine = 14.5
	bodyFont = 11
	bodyLine = 16
)

// wrappedLines is how many lines text at listFont takes in a column width
// units wide: a Chinese character takes about 1.4 units, a digit or a
// Latin letter 0.9 (LibreOffice's DejaVu Sans for want of 宋体). Neither LibreOffice nor Excel sizes the rows of a file
// it opens to their wrapped text, so the writer does.
func wrappedLines(text string, width float64) int {
	room := width - 0.8
	lines, used := 1, 0.0
	for _, r := range text {
		u := 0.9
		if r >= 0x2E80 {
			u = 1.4
		}
		if used+u > room && used > 0 {
			lines++
			used = 0
		}
		used += u
	}
	return lines
}

// title writes the merged title and subtitle rows over cols columns.
func (w *workbook) title(sheet string, cols int, title, subtitle string) error {
	last, _ := excelize.ColumnNumberToName(cols)
	if err := w.put(sheet, 1, 1, title, w.st.title); err != nil {
		return err
	}
	if err := w.f.MergeCell(sheet, "A1", last+"1"); err != nil {
		return err
	}
	if err := w.f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	if subtitle != "" {
		if err := w.put(sheet, 1, 2, subtitle, w.st.subtitle); err != nil {
			return err
		}
		return w.f.MergeCell(sheet, "A2", last+"2")
	}
	return nil
}

// widths sets the column widths from column A.
func (w *workbook) widths(sheet string, widths ...float64) error {
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}

// pageSetup prints the sheet on A4 landscape, fitted to the width of one
// page and as many pages long as it takes (fitToHeight 0), with narrow
// margins and the page number at the foot; the rows 1 to repeatRows (none
// when 0) are printed again at the top of every page. For a streamed sheet
// it must come before the stream writer is made.
func (w *workbook) pageSetup(sheet string, repeatRows int) error {
	a4, landscape, one, auto, fit := 9, "landscape", 1, 0, true
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &auto,
	}); err != nil {
		return err
	}
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, edge, foot, centre := 0.4, 0.5, 0.3, true
	if err := w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &foot, Footer: &foot, Horizontally: &centre,
	}); err != nil {
		return err
	}
	if err := w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&C&9第 &P 页，共 &N 页",
	}); err != nil {
		return err
	}
	if repeatRows < 1 {
		return nil
	}
	return w.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, repeatRows), Scope: sheet,
	})
}

// signatures writes the block a printed report is signed in: 填报人, 审核人
// and the date, from row on.
func (w *workbook) signatures(sheet string, row int) error {
	blank := "＿＿＿＿＿＿＿＿"
	cells := []struct {
		from, to string
		text     string
	}{
		{"A", "A", "填报人：" + blank},
		{"B", "D", "审核人：" + blank},
		{"E", "G", "日期：　　　　年　　月　　日"},
	}
	for _, c := range cells {
		from, to := fmt.Sprintf("%s%d", c.from, row), fmt.Sprintf("%s%d", c.to, row)
		if err := w.f.SetCellStr(sheet, from, c.text); err != nil {
			return err
		}
		if from != to {
			if err := w.f.MergeCell(sheet, from, to); err != nil {
				return err
			}
		}
		if err := w.f.SetCellStyle(sheet, from, to, w.st.sign); err != nil {
			return err
		}
	}
	return w.f.SetRowHeight(sheet, row, 36)
}

// panes freezes the rows above firstDataRow.
func panes(firstDataRow int) *excelize.Panes {
	top := fmt.Sprintf("A%d", firstDataRow)
	return &excelize.Panes{Freeze: true, YSplit: firstDataRow - 1, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}
}

// printable sets up a directly written sheet: A4 landscape (pageSetup,
// rows 1 to repeatRows on every page) and the rows above firstDataRow frozen.
func (w *workbook) printable(sheet string, firstDataRow, repeatRows int) error {
	if err := w.pageSetup(sheet, repeatRows); err != nil {
		return err
	}
	return w.f.SetPanes(sheet, panes(firstDataRow))
}

// newStream makes a printable sheet written by a stream writer, with its
// column widths, the rows above firstDataRow frozen and printed on every page.
func (w *workbook) newStream(sheet string, firstDataRow int, widths ...float64) (*excelize.StreamWriter, error) {
	if err := w.pageSetup(sheet, firstDataRow-1); err != nil {
		return nil, err
	}
	sw, err := w.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	return sw, sw.SetPanes(panes(firstDataRow))
}

// properties fixes the document properties, so that the same data gives the same bytes.
func (w *workbook) properties(title, creator string, at time.Time) error {
	stamp := at.UTC().Format(time.RFC3339)
	return w.f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: creator, LastModifiedBy: creator, Created: stamp, Modified: stamp,
		Language: "zh-CN", Category: "月度报表",
	})
}

// writeTo writes the workbook to out as it is zipped, without holding the
// zipped file in memory. The parts are compressed with flate's best speed
// (a monthly report of tens of thousands of rows zips in a fraction of a
// second), and the content types, which excelize lists in map order, are
// sorted, so that the same content always gives the same bytes.
func (w *workbook) writeTo(out io.Writer) error {
	if w.f.ContentTypes != nil {
		sort.SliceStable(w.f.ContentTypes.Defaults, func(i, j int) bool {
			return w.f.ContentTypes.Defaults[i].Extension < w.f.ContentTypes.Defaults[j].Extension
		})
	}
	var rz *rowsZip
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(out)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		if w.rows == nil {
			return zw
		}
		rz = &rowsZip{ZipWriter: zw, part: w.rowsPart, rows: w.rows}
		return rz
	})
	if _, err := w.f.WriteToBuffer(); err != nil {
		return err
	}
	if rz != nil && !rz.spliced {
		return errNoSheetData
	}
	return nil
}
