// Package docx fills named placeholders ({{案号}}) in a .docx template and
// writes the simple documents the default templates are made of, with the
// standard library only (archive/zip and WordprocessingML as text).
//
// Word splits what a user typed into several runs (spell checking, a change
// of formatting, revision marks), so "{{案号}}" may be stored as "{{案"
// and "号}}" in two <w:t> elements. Placeholders are therefore found in the
// text of a whole paragraph, and the replacement is written into the run
// where the placeholder starts; the other runs lose the placeholder's part.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
)

// Limits of a template read from an upload: a .docx is a zip, and a small
// zip may expand to gigabytes (a zip bomb).
const (
	MaxParts     = 500
	MaxExpanded  = 64 << 20 // all parts together, uncompressed
	documentPart = "word/document.xml"
)

// ErrNotDocx says the bytes are not a readable .docx.
var ErrNotDocx = errors.New("not a .docx document")

// ErrTooLarge says the .docx expands beyond MaxExpanded or has more than MaxParts parts.
var ErrTooLarge = errors.New("the .docx expands too large")

type part struct {
	header zip.FileHeader
	data   []byte
}

// read opens a .docx, checking its size as it expands.
func read(b []byte) ([]part, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, ErrNotDocx
	}
	if len(zr.File) > MaxParts {
		return nil, ErrTooLarge
	}
	var parts []part
	var total int64
	hasDoc, hasTypes := false, false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, ErrNotDocx
		}
		data, err := io.ReadAll(io.LimitReader(rc, MaxExpanded-total+1))
		rc.Close()
		if err != nil {
			return nil, ErrNotDocx
		}
		total += int64(len(data))
		if total > MaxExpanded {
			return nil, ErrTooLarge
		}
		switch f.Name {
		case documentPart:
			hasDoc = true
		case "[Content_Types].xml":
			hasTypes = true
		}
		parts = append(parts, part{header: f.FileHeader, data: data})
	}
	if !hasDoc || !hasTypes {
		return nil, ErrNotDocx
	}
	return parts, nil
}

// textPart says whether a part holds text that may carry placeholders.
func textPart(name string) bool {
	if name == documentPart {
		return true
	}
	for _, p := range []string{"word/header", "word/footer"} {
		if strings.HasPrefix(name, p) && strings.HasSuffix(name, ".xml") {
			return true
		}
	}
	return false
}

// tokens of a part: a text element (<w:t …>…</w:t>) or the end of a paragraph.
var tokenRE = regexp.MustCompile(`<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>`)

// placeholderRE is a placeholder in a paragraph's text.
var placeholderRE = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// textNode is a <w:t> of a paragraph: where it is in the part and its text.
type textNode struct {
	start, end int    // the element's bytes in the part
	text       string // its text, unescaped
	at         int    // where the text starts in the paragraph's text
}

// paragraphs groups the text elements of a part by paragraph.
func paragraphs(xml []byte) [][]textNode {
	var out [][]textNode
	var cur []textNode
	at := 0
	for _, m := range tokenRE.FindAllSubmatchIndex(xml, -1) {
		if m[2] < 0 { // </w:p>
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur, at = nil, 0
			continue
		}
		t := html.UnescapeString(string(xml[m[2]:m[3]]))
		cur = append(cur, textNode{start: m[0], end: m[1], text: t, at: at})
		at += len(t)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func joined(p []textNode) string {
	var b strings.Builder
	for _, n := range p {
		b.WriteString(n.text)
	}
	return b.String()
}

// Placeholders lists the names of the placeholders a .docx uses, each once,
// in the order they first appear.
func Placeholders(b []byte) ([]string, error) {
	parts, err := read(b)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var names []string
	for _, p := range parts {
		if !textPart(p.header.Name) {
			continue
		}
		for _, para := range paragraphs(p.data) {
			for _, m := range placeholderRE.FindAllStringSubmatch(joined(para), -1) {
				if !seen[m[1]] {
					seen[m[1]] = true
					names = append(names, m[1])
				}
			}
		}
	}
	return names, nil
}

// Fill returns the .docx with every placeholder replaced by its value; a
// name without a value becomes empty. A value's line breaks become line
// breaks of the document.
func Fill(b []byte, values map[string]string) ([]byte, error) {
	parts, err := read(b)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		data := p.data
		if textPart(p.header.Name) {
			data = fillPart(data, values)
		}
		h := p.header
		h.CompressedSize64, h.UncompressedSize64, h.CRC32 = 0, 0, 0
		h.Method = zip.Deflate
		w, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// fillPart replaces the placeholders of one part.
func fillPart(xml []byte, values map[string]string) []byte {
	type edit struct {
		start, end int
		with       string
	}
	var edits []edit
	for _, para := range paragraphs(xml) {
		text := joined(para)
		ms := placeholderRE.FindAllStringSubmatchIndex(text, -1)
		if len(ms) == 0 {
			continue
		}
		// Each node's new text: its own bytes outside placeholders, plus the
		// whole value of each placeholder that starts in it.
		newText := make([]strings.Builder, len(para))
		node := 0
		mi := 0
		for k := 0; k < len(text); {
			for node+1 < len(para) && para[node+1].at <= k {
				node++
			}
			if mi < len(ms) && k == ms[mi][0] {
				newText[node].WriteString(escapeValue(values[text[ms[mi][2]:ms[mi][3]]]))
				k = ms[mi][1]
				mi++
				continue
			}
			newText[node].WriteString(escapeText(text[k : k+1]))
			k++
		}
		for i, n := range para {
			edits = append(edits, edit{n.start, n.end, `<w:t xml:space="preserve">` + newText[i].String() + `</w:t>`})
		}
	}
	if len(edits) == 0 {
		return xml
	}
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		b.Write(xml[last:e.start])
		b.WriteString(e.with)
		last = e.end
	}
	b.Write(xml[last:])
	return b.Bytes()
}

// escapeText escapes text for a <w:t> element.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// escapeValue escapes a value and turns its line breaks into <w:br/>.
func escapeValue(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(escapeText(s), "\n", `</w:t><w:br/><w:t xml:space="preserve">`)
}

// Text returns the text of a .docx's body, a line per paragraph (for tests and previews).
func Text(b []byte) (string, error) {
	parts, err := read(b)
	if err != nil {
		return "", err
	}
	for _, p := range parts {
		if p.header.Name == documentPart {
			var lines []string
			for _, para := range paragraphs(p.data) {
				lines = append(lines, joined(para))
			}
			return strings.Join(lines, "\n"), nil
		}
	}
	return "", fmt.Errorf("%w: no body", ErrNotDocx)
}
