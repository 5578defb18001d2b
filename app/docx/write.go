package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"time"
)

// Align is a paragraph's alignment.
type Align string

// Alignments.
const (
	Left    Align = "left"
	Center  Align = "center"
	Right   Align = "right"
	Justify Align = "both"
)

// Para is a paragraph of a written document.
type Para struct {
	Text   string
	Align  Align
	Bold   bool
	Size   int  // half-points; 0 is the body's 16 pt (三号)
	Indent bool // the first line indented by two characters
	Font   string
	// SpaceBefore is extra space above, in twentieths of a point.
	SpaceBefore int
}

// Table is a bordered table of label/value rows.
type Table struct {
	Rows [][]string
	// Widths are the columns' widths in twentieths of a point.
	Widths []int
}

// Block is a Para or a Table.
type Block any

// Body fonts: 仿宋 for the text and 宋体 for titles, as court documents use;
// LibreOffice substitutes a CJK serif where these are not installed.
const (
	BodyFont  = "仿宋"
	TitleFont = "宋体"
)

// Write writes a one-section A4 document of the blocks.
func Write(blocks []Block) []byte {
	var body strings.Builder
	for _, b := range blocks {
		switch b := b.(type) {
		case Para:
			writePara(&body, b)
		case Table:
			writeTable(&body, b)
		}
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` + body.String() +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>` +
		`</w:sectPr></w:body></w:document>`
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	add := func(name, content string) {
		// A fixed time keeps the bytes of the same input the same.
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		w.Write([]byte(content))
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`+
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`+
		`</Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>`+
		`</Relationships>`)
	add("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`+
		`</Relationships>`)
	add("word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults>`+
		`<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="`+BodyFont+`" w:cs="Times New Roman"/>`+
		`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>`+
		`<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault>`+
		`</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`)
	add(documentPart, doc)
	zw.Close()
	return out.Bytes()
}

func writePara(b *strings.Builder, p Para) {
	b.WriteString("<w:p><w:pPr>")
	if p.SpaceBefore > 0 {
		fmt.Fprintf(b, `<w:spacing w:before="%d" w:line="560" w:lineRule="exact"/>`, p.SpaceBefore)
	}
	if p.Indent {
		b.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="640"/>`)
	}
	if p.Align != "" {
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, p.Align)
	}
	b.WriteString("</w:pPr>")
	if p.Text != "" {
		b.WriteString("<w:r>")
		b.WriteString(runProps(p))
		fmt.Fprintf(b, `<w:t xml:space="preserve">%s</w:t>`, escapeValue(p.Text))
		b.WriteString("</w:r>")
	}
	b.WriteString("</w:p>")
}

func runProps(p Para) string {
	var b strings.Builder
	b.WriteString("<w:rPr>")
	if p.Font != "" {
		fmt.Fprintf(&b, `<w:rFonts w:eastAsia="%s"/>`, p.Font)
	}
	if p.Bold {
		b.WriteString("<w:b/>")
	}
	if p.Size > 0 {
		fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, p.Size, p.Size)
	}
	b.WriteString("</w:rPr>")
	return b.String()
}

func writeTable(b *strings.Builder, t Table) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="8" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, w := range t.Widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, row := range t.Rows {
		b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="900"/></w:trPr>`)
		for i, cell := range row {
			w := 0
			if i < len(t.Widths) {
				w = t.Widths[i]
			}
			span := ""
			if i == len(row)-1 && len(row) < len(t.Widths) {
				rest := 0
				for _, x := range t.Widths[i:] {
					rest += x
				}
				w = rest
				span = fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, len(t.Widths)-i)
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s<w:vAlign w:val="center"/></w:tcPr>`, w, span)
			align := Left
			if i%2 == 0 && len(row) > 1 {
				align = Center
			}
			writePara(b, Para{Text: cell, Align: align, Size: 28})
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}
