// Package docx writes a Word document (.docx, WordprocessingML) with the
// standard library: headings, paragraphs, tables and column charts drawn by
// the office suite itself (DrawingML charts with their values cached in the
// chart part). It is what the annual white paper needs and no more.
package docx

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"
)

// Document is a document being written, in order.
type Document struct {
	body   strings.Builder
	charts []string // the chart parts' XML
	title  string
}

// New starts a document with the given title (its properties).
func New(title string) *Document { return &Document{title: title} }

func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue // not allowed in XML 1.0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// run is one run of text; newlines become line breaks.
func run(text string, bold bool, size int) string {
	var b strings.Builder
	b.WriteString("<w:r><w:rPr>")
	if bold {
		b.WriteString("<w:b/>")
	}
	if size > 0 {
		fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, size, size)
	}
	b.WriteString("</w:rPr>")
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		fmt.Fprintf(&b, `<w:t xml:space="preserve">%s</w:t>`, esc(line))
	}
	b.WriteString("</w:r>")
	return b.String()
}

// Title adds the document's title, centred.
func (d *Document) Title(text string) {
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:pStyle w:val="Title"/><w:jc w:val="center"/></w:pPr>%s</w:p>`, run(text, true, 36))
}

// Centered adds a centred line of small text.
func (d *Document) Centered(text string) {
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>%s</w:p>`, run(text, false, 21))
}

// Heading adds a heading of level 1 or 2.
func (d *Document) Heading(level int, text string) {
	size := 32
	if level > 1 {
		size = 28
	}
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:pStyle w:val="Heading%d"/><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr>%s</w:p>`, level, run(text, true, size))
}

// Paragraph adds a paragraph of body text, its first line indented; each
// line of text is a paragraph of its own.
func (d *Document) Paragraph(text string) {
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		fmt.Fprintf(&d.body, `<w:p><w:pPr><w:ind w:firstLine="560"/><w:spacing w:line="360" w:lineRule="auto"/></w:pPr>%s</w:p>`, run(line, false, 28))
	}
}

// Note adds a small note (a table's source or a chart's caption).
func (d *Document) Note(text string) {
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:spacing w:after="200"/></w:pPr>%s</w:p>`, run(text, false, 18))
}

// A table's least widths in twips: a figure's column holds "100.00%" at
// 10 pt on one line within the cells' margins of 57 twips (1 mm) a side;
// the names' column, a few characters a line.
const minFigureCol, minNameCol = 900, 1800

// Table adds a table: a header row and rows of cells; the last row is bold
// when boldLast (a total). The first column is left-aligned, the others right.
func (d *Document) Table(header []string, rows [][]string, boldLast bool) {
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="4" w:color="808080"/><w:left w:val="single" w:sz="4" w:color="808080"/>` +
		`<w:bottom w:val="single" w:sz="4" w:color="808080"/><w:right w:val="single" w:sz="4" w:color="808080"/>` +
		`<w:insideH w:val="single" w:sz="4" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:color="808080"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>`)
	// The page's text is 9072 twips wide: the first column (names) gets a
	// third of it, or half when there are few columns; the others share the
	// rest, but each at least minFigureCol, which "100.00%" needs on one
	// line (a long name wraps instead).
	first := 3000
	if len(header) <= 3 {
		first = 4536
	}
	first = max(min(first, 9072-minFigureCol*(len(header)-1)), minNameCol)
	widths := make([]int, len(header))
	for i := range widths {
		widths[i] = (9072 - first) / max(len(header)-1, 1)
	}
	widths[0] = first
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, bold, head bool) {
		cell := 0
		b.WriteString(`<w:tr>`)
		if head {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for i, c := range cells {
			jc := "right"
			if i == 0 || head {
				jc = "left"
			}
			if head {
				jc = "center"
			}
			shade := ""
			if head {
				shade = `<w:shd w:val="clear" w:color="auto" w:fill="F2E4E4"/>`
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr>`, widths[min(cell, len(widths)-1)], shade)
			cell++
			fmt.Fprintf(b, `<w:p><w:pPr><w:jc w:val="%s"/></w:pPr>%s</w:p></w:tc>`, jc, run(c, bold || head, 20))
		}
		b.WriteString(`</w:tr>`)
	}
	row(header, true, true)
	for i, r := range rows {
		row(r, boldLast && i == len(rows)-1, false)
	}
	b.WriteString(`</w:tbl><w:p/>`)
}

// Series is one series of a column chart.
type Series struct {
	Name   string
	Values []float64
}

// ColumnChart adds a clustered column chart of the series over the
// categories, drawn by the office suite from the values cached in the chart.
func (d *Document) ColumnChart(title string, categories []string, series []Series) {
	n := len(d.charts) + 1
	var c strings.Builder
	c.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<c:roundedCorners val="0"/><c:chart>`)
	fmt.Fprintf(&c, `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>%s</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`, esc(title))
	c.WriteString(`<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>`)
	colors := []string{"A61B1B", "4A6FA5", "7A8B99", "C8963E"}
	for i, s := range series {
		fmt.Fprintf(&c, `<c:ser><c:idx val="%d"/><c:order val="%d"/><c:tx><c:strRef><c:f>Sheet1!$%c$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>%s</c:v></c:pt></c:strCache></c:strRef></c:tx>`,
			i, i, 'B'+rune(i), esc(s.Name))
		fmt.Fprintf(&c, `<c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`, colors[i%len(colors)])
		c.WriteString(`<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
		fmt.Fprintf(&c, `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$%d</c:f><c:strCache><c:ptCount val="%d"/>`, len(categories)+1, len(categories))
		for j, cat := range categories {
			fmt.Fprintf(&c, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, j, esc(cat))
		}
		fmt.Fprintf(&c, `</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$%c$2:$%c$%d</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="%d"/>`,
			'B'+rune(i), 'B'+rune(i), len(categories)+1, len(categories))
		for j, v := range s.Values {
			fmt.Fprintf(&c, `<c:pt idx="%d"><c:v>%g</c:v></c:pt>`, j, v)
		}
		c.WriteString(`</c:numCache></c:numRef></c:val></c:ser>`)
	}
	c.WriteString(`<c:gapWidth val="80"/><c:axId val="111"/><c:axId val="222"/></c:barChart>` +
		`<c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
		`<c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="111"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
		`</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`)
	d.charts = append(d.charts, c.String())
	// 15 cm × 7.5 cm.
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`+
		`<wp:extent cx="5400000" cy="2700000"/><wp:docPr id="%d" name="Chart %d"/><wp:cNvGraphicFramePr/>`+
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`+
		`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart%d"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`, n, n, n)
}

// Write writes the document as a .docx to out; at is its time stamp.
func (d *Document) Write(out io.Writer, at time.Time) error {
	zw := zip.NewWriter(out)
	put := func(name, content string) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: at})
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, content)
		return err
	}
	var types, rels strings.Builder
	types.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	for i := range d.charts {
		fmt.Fprintf(&types, `<Override PartName="/word/charts/chart%d.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rIdChart%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart%d.xml"/>`, i+1, i+1)
	}
	types.WriteString(`</Types>`)
	rels.WriteString(`</Relationships>`)
	stamp := at.UTC().Format("2006-01-02T15:04:05Z")
	parts := []struct{ name, content string }{
		{"[Content_Types].xml", types.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + esc(d.title) + `</dc:title><dc:creator>fuyuan</dc:creator><dc:language>zh-CN</dc:language>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`},
		{"word/_rels/document.xml.rels", rels.String()},
		{"word/styles.xml", stylesXML},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
			`<w:body>` + d.body.String() +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1417" w:bottom="1440" w:left="1417" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`},
	}
	for i, c := range d.charts {
		parts = append(parts, struct{ name, content string }{fmt.Sprintf("word/charts/chart%d.xml", i+1), c})
	}
	for _, p := range parts {
		if err := put(p.name, p.content); err != nil {
			return err
		}
	}
	return zw.Close()
}

// stylesXML: the fonts of an official document (宋体 body, 黑体 headings).
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>` +
	`</w:styles>`
