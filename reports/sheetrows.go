package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheetRows writes the rows of a streamed sheet as the sheet's XML
// directly, byte for byte as excelize's StreamWriter.SetRow writes the same
// excelize.Cell values (TestSheetRowsWriteWhatTheStreamWriterWrites): the
// case-list export's rows, where the StreamWriter's handling of each cell
// (a cell name parsed back, a struct and an escaped copy of every string)
// cost more than reading the cases from the database. The XML is held in
// memory up to sheetRowsChunk, then in a temporary file, as the
// StreamWriter holds it; workbook.writeTo puts it into the sheet's part
// when the workbook is zipped.
type sheetRows struct {
	buf  []byte
	file *os.File
	cols []string // the column names A, B, …
	err  error
}

// sheetRowsChunk is how much row XML is held in memory before it goes to
// the temporary file (excelize's StreamChunkSize).
const sheetRowsChunk = excelize.StreamChunkSize

func newSheetRows(cols int) *sheetRows {
	r := &sheetRows{cols: make([]string, cols)}
	for i := range r.cols {
		r.cols[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return r
}

// row writes row n (1-based, rows in ascending order) of cells from column A.
func (r *sheetRows) row(n int, cells []excelize.Cell) error {
	if r.err != nil {
		return r.err
	}
	if n < 1 || n > excelize.TotalRows || len(cells) > len(r.cols) {
		return fmt.Errorf("xlsx: no row %d of %d cells", n, len(cells))
	}
	for _, c := range cells {
		if _, ok := c.Value.(time.Time); ok && c.StyleID <= 0 {
			return fmt.Errorf("xlsx: a date without a cell style in row %d", n)
		}
	}
	b := append(r.buf, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `">`...)
	for i, c := range cells {
		b = appendCell(b, r.cols[i], n, c)
	}
	r.buf = append(b, `</row>`...)
	if len(r.buf) >= sheetRowsChunk {
		r.err = r.spill()
	}
	return r.err
}

// spill moves the XML held in memory to the temporary file.
func (r *sheetRows) spill() error {
	if r.file == nil {
		f, err := os.CreateTemp("", "fuyuan-rows-*.xml")
		if err != nil {
			return err
		}
		r.file = f
	}
	_, err := r.file.Write(r.buf)
	r.buf = r.buf[:0]
	return err
}

// writeTo writes every row's XML to out.
func (r *sheetRows) writeTo(out io.Writer) error {
	if r.err != nil {
		return r.err
	}
	if r.file != nil {
		if _, err := r.file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(out, r.file); err != nil {
			return err
		}
	}
	_, err := out.Write(r.buf)
	return err
}

// close removes the temporary file.
func (r *sheetRows) close() {
	if r.file != nil {
		r.file.Close()
		os.Remove(r.file.Name())
		r.file = nil
	}
}

// appendCell appends the XML of cell c at col and row as excelize's
// StreamWriter writes it (stream.go: setCellValFunc and writeCell).
func appendCell(b []byte, col string, row int, c excelize.Cell) []byte {
	b = append(b, `<c r="`...)
	b = append(b, col...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if c.StyleID > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(c.StyleID), 10)
		b = append(b, '"')
	}
	switch v := c.Value.(type) {
	case nil:
		return append(b, `></c>`...)
	case string:
		return appendInlineStr(b, v)
	case int:
		return closeNumber(strconv.AppendInt(append(b, `><v>`...), int64(v), 10))
	case int64:
		return closeNumber(strconv.AppendInt(append(b, `><v>`...), v, 10))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return appendInlineStr(b, fmt.Sprint(v))
		}
		return appendNumber(b, formatCellFloat(v))
	case bool:
		b = append(b, ` t="b"><v>`...)
		if v {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
		return append(b, `</v></c>`...)
	case time.Time:
		return appendTime(b, v)
	}
	return appendInlineStr(b, fmt.Sprint(c.Value))
}

// appendNumber closes a cell of a number's text.
func appendNumber(b, v []byte) []byte {
	return closeNumber(append(append(b, `><v>`...), v...))
}

func closeNumber(b []byte) []byte { return append(b, `</v></c>`...) }

// excelMinTime, excelBuggyPeriodStart and maxDuration are excelize's
// (date.go): day 0 of Excel's dates, the last moment before Excel counts
// a 29 February 1900, and the longest span it adds at once.
var (
	excelMinTime          = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelBuggyPeriodStart = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

const (
	dayNanoseconds = 24 * time.Hour
	maxDuration    = 290 * 364 * dayNanoseconds
)

// appendTime closes a cell of a time as excelize's setCellTime writes it:
// the days since 1899-12-31 of its wall clock, as a number, or its text
// before that day (the date's cell style is the caller's).
func appendTime(b []byte, t time.Time) []byte {
	_, offset := t.In(t.Location()).Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	if t.Before(excelMinTime) {
		return appendInlineStr(b, t.Format(time.RFC3339Nano))
	}
	tt, diff, result := t, t.Sub(excelMinTime), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / dayNanoseconds)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(excelMinTime)
	}
	rem := diff % dayNanoseconds
	result += float64(diff-rem)/float64(dayNanoseconds) + float64(rem)/float64(dayNanoseconds)
	if t.After(excelBuggyPeriodStart) {
		result++
	}
	if result <= 0 {
		return appendInlineStr(b, t.Format(time.RFC3339Nano))
	}
	return closeNumber(strconv.AppendFloat(append(b, `><v>`...), result, 'f', -1, 64))
}

// appendInlineStr closes a cell of text as excelize's setInlineStr writes it.
func appendInlineStr(b []byte, s string) []byte {
	if len(s) > excelize.TotalCellChars {
		n := 0
		for i, r := range s {
			if n += utf16.RuneLen(r); n > excelize.TotalCellChars {
				s = s[:i]
				break
			}
		}
	}
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != "" && (isSpaceByte(s[0]) || isSpaceByte(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	start := len(b)
	b = appendEscaped(b, s)
	if strings.Contains(s, "_x") {
		marshalled := bstrMarshal(string(b[start:]))
		b = append(b[:start], marshalled...)
	}
	return append(b, `</t></is></c>`...)
}

func isSpaceByte(c byte) bool { return c == 9 || c == 10 || c == 13 || c == 32 }

// appendEscaped appends s escaped as encoding/xml's EscapeText escapes it,
// but for line feeds, which excelize keeps (trimCellValue).
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>' {
			i++
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
		}
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			i += width
			continue
		case '\r':
			esc = "&#xD;"
		default:
			if !isInCharacterRange(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			i += width
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

func isInCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// formatCellFloat is excelize's text of a float64 (formatCellFloat with
// prec -1): the shortest that reads back the same, cut to 15 significant
// digits.
func formatCellFloat(value float64) []byte {
	str := strconv.AppendFloat(nil, value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return bytes.TrimSuffix(str[:idx], []byte("."))
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := str[:decimal]
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return truncated
	}
	return str
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's: text that reads as an escaped character
// (_xHHHH_) is escaped itself, so that it reads back as written.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// errNoSheetData: the sheet the rows go into has no end of its sheetData.
var errNoSheetData = errors.New("xlsx: the streamed sheet has no </sheetData>")

// rowsZip is the zip writer of a workbook whose sheet part gets rows
// written by sheetRows: the part excelize writes (a stream writer's sheet,
// flushed after its header) passes through until its </sheetData>, where
// the rows go in.
type rowsZip struct {
	excelize.ZipWriter
	part    string
	rows    *sheetRows
	spliced bool
}

func (z *rowsZip) Create(name string) (io.Writer, error) {
	w, err := z.ZipWriter.Create(name)
	if err != nil || name != z.part {
		return w, err
	}
	return &rowsSplice{z: z, out: w}, nil
}

// rowsSplice holds what excelize writes of the sheet until </sheetData>.
type rowsSplice struct {
	z    *rowsZip
	out  io.Writer
	head []byte
}

var endSheetData = []byte("</sheetData>")

func (s *rowsSplice) Write(p []byte) (int, error) {
	if s.z.spliced {
		return s.out.Write(p)
	}
	s.head = append(s.head, p...)
	i := bytes.Index(s.head, endSheetData)
	if i < 0 {
		return len(p), nil
	}
	if _, err := s.out.Write(s.head[:i]); err != nil {
		return 0, err
	}
	if err := s.z.rows.writeTo(s.out); err != nil {
		return 0, err
	}
	s.z.spliced = true
	if _, err := s.out.Write(s.head[i:]); err != nil {
		return 0, err
	}
	s.head = nil
	return len(p), nil
}
