package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
)

// The ledger's first worksheet is read by a streaming reader of its own
// rather than excelize's: excelize widens a row to its farthest cell (one
// cell in column XFD makes a row 16,384 strings), walks every missing row up
// to a far row number one by one, and cannot be stopped by a context. This
// reader keeps only the cells of the known header columns, counts every row
// number (blank or absent rows too) against MaxLedgerRows, and checks the
// request's context as it goes.

// MaxLedgerParse bounds the time one upload may spend being read.
const MaxLedgerParse = 30 * time.Second

// ledgerParseLimit is MaxLedgerParse; a test shortens it.
var ledgerParseLimit = MaxLedgerParse

// ledgerSheet is the first worksheet of an uploaded workbook, opened for streaming.
type ledgerSheet struct {
	sst []string // the shared strings
	dec *xml.Decoder
	rc  io.ReadCloser
	ctx context.Context
	n   int // tokens read, for the context checks
}

// errNotWorkbook is any structural problem of the package: the caller answers ErrNotXLSX.
var errNotWorkbook = errors.New("not an xlsx workbook")

// openLedgerSheet opens the first worksheet of content and reads its shared
// strings. A package whose parts declare more than MaxLedgerUnzip bytes in
// all is ETOOLARGE before anything is inflated; a part that inflates past
// what it declares fails while it is read (archive/zip checks).
func openLedgerSheet(ctx context.Context, content []byte) (*ledgerSheet, error) {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return nil, errNotWorkbook
	}
	var total uint64
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		total += f.UncompressedSize64
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	if total > MaxLedgerUnzip {
		return nil, errUnzipTooLarge
	}
	sheetPath, sstPath, err := firstSheetPath(parts)
	if err != nil {
		return nil, err
	}
	ls := &ledgerSheet{ctx: ctx}
	if f, ok := parts[sstPath]; ok {
		if ls.sst, err = readSharedStrings(ctx, f); err != nil {
			return nil, err
		}
	}
	f, ok := parts[sheetPath]
	if !ok {
		return nil, errNotWorkbook
	}
	if ls.rc, err = f.Open(); err != nil {
		return nil, errNotWorkbook
	}
	ls.dec = xml.NewDecoder(ls.rc)
	return ls, nil
}

var errUnzipTooLarge = errors.New("unzipped workbook too large")

// firstSheetPath finds the first worksheet and the shared strings of the
// workbook from xl/workbook.xml and its relationships.
func firstSheetPath(parts map[string]*zip.File) (sheet, sst string, err error) {
	var wb struct {
		Sheets []struct {
			RID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := unmarshalPart(parts["xl/workbook.xml"], &wb); err != nil || len(wb.Sheets) == 0 {
		return "", "", errNotWorkbook
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := unmarshalPart(parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return "", "", errNotWorkbook
	}
	resolve := func(target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(path.Clean(target), "/")
		}
		return path.Clean("xl/" + target)
	}
	sst = "xl/sharedStrings.xml"
	for _, r := range rels.Rels {
		switch {
		case r.ID == wb.Sheets[0].RID:
			sheet = resolve(r.Target)
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sst = resolve(r.Target)
		}
	}
	if sheet == "" {
		return "", "", errNotWorkbook
	}
	return sheet, sst, nil
}

// maxSmallPart bounds the workbook and relationship parts, which hold a few names.
const maxSmallPart = 1 << 20

func unmarshalPart(f *zip.File, v any) error {
	if f == nil || f.UncompressedSize64 > maxSmallPart {
		return errNotWorkbook
	}
	rc, err := f.Open()
	if err != nil {
		return errNotWorkbook
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxSmallPart)).Decode(v)
}

// readSharedStrings reads the shared string table: each <si>'s text is its
// <t> elements joined (rich-text runs), without phonetic guides (<rPh>).
func readSharedStrings(ctx context.Context, f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, errNotWorkbook
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var (
		out            []string
		cur            strings.Builder
		inSI, inT, rph bool
	)
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, errNotWorkbook
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "rPh":
				rph = true
			case "t":
				inT = inSI && !rph
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, cur.String())
				inSI = false
			case "rPh":
				rph = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

func (ls *ledgerSheet) Close() error { return ls.rc.Close() }

// token reads the next token, checking the context every few thousand.
func (ls *ledgerSheet) token() (xml.Token, error) {
	ls.n++
	if ls.n%4096 == 0 {
		if err := ls.ctx.Err(); err != nil {
			return nil, err
		}
	}
	tok, err := ls.dec.Token()
	if err != nil && err != io.EOF && ls.ctx.Err() == nil {
		return nil, errNotWorkbook
	}
	return tok, err
}

// nextRow reads the next <row> element: its row number, and the values of
// the cells whose column keep accepts (by 1-based column number). Cells of
// other columns are skipped unread. It answers io.EOF after the last row.
func (ls *ledgerSheet) nextRow(prev int, keep func(col int) bool) (int, map[int]string, error) {
	for {
		tok, err := ls.token()
		if err != nil {
			return 0, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			row := prev + 1
			if v := attr(t, "r"); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					return 0, nil, errNotWorkbook
				}
				row = n
			}
			cells, err := ls.rowCells(keep)
			return row, cells, err
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return 0, nil, io.EOF
			}
		}
	}
}

// rowCells reads the cells of the current row up to its end.
func (ls *ledgerSheet) rowCells(keep func(col int) bool) (map[int]string, error) {
	cells := map[int]string{}
	col := 0
	for {
		tok, err := ls.token()
		if err == io.EOF {
			return nil, errNotWorkbook
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := ls.skip(); err != nil {
					return nil, err
				}
				continue
			}
			col++
			if ref := attr(t, "r"); ref != "" {
				if col = columnOf(ref); col == 0 {
					return nil, errNotWorkbook
				}
			}
			if !keep(col) {
				if err := ls.skip(); err != nil {
					return nil, err
				}
				continue
			}
			v, err := ls.cellValue(attr(t, "t"))
			if err != nil {
				return nil, err
			}
			cells[col] = v
		case xml.EndElement:
			if t.Name.Local == "row" {
				return cells, nil
			}
		}
	}
}

// cellValue reads a cell's raw value up to its end: the shared string of an
// "s" cell, the text of an inline string, else the <v> text as written.
func (ls *ledgerSheet) cellValue(typ string) (string, error) {
	var v, inline strings.Builder
	var in string // "v", "t" or ""
	depth, rph := 0, false
	for {
		tok, err := ls.token()
		if err == io.EOF {
			return "", errNotWorkbook
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "v":
				in = "v"
			case "t":
				if !rph {
					in = "t"
				}
			case "rPh":
				rph = true
			}
		case xml.EndElement:
			if depth == 0 {
				switch typ {
				case "s":
					i, err := strconv.Atoi(strings.TrimSpace(v.String()))
					if err != nil || i < 0 || i >= len(ls.sst) {
						return "", nil
					}
					return ls.sst[i], nil
				case "inlineStr":
					return inline.String(), nil
				}
				return v.String(), nil
			}
			depth--
			if t.Name.Local == "rPh" {
				rph = false
			}
			in = ""
		case xml.CharData:
			switch in {
			case "v":
				v.Write(t)
			case "t":
				inline.Write(t)
			}
		}
	}
}

// skip skips the element just started, checking the context as it goes.
func (ls *ledgerSheet) skip() error {
	for depth := 1; depth > 0; {
		tok, err := ls.token()
		if err == io.EOF {
			return errNotWorkbook
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf returns the 1-based column of a cell reference ("B7" → 2), 0 when
// it is not one (more than three letters: past XFD).
func columnOf(ref string) int {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || i > 3 || i == len(ref) || ref[i] < '0' || ref[i] > '9' {
		return 0
	}
	return col
}

// ledgerReadError turns a failure of reading the sheet into the answer.
func ledgerReadError(ctx context.Context, parent context.Context, err error) error {
	switch {
	case errors.Is(err, errUnzipTooLarge):
		return errTooLarge()
	case parent.Err() != nil:
		// The client has gone (or the request's own deadline passed).
		return parent.Err()
	case ctx.Err() != nil:
		return errTooSlow()
	}
	return ErrNotXLSX
}
