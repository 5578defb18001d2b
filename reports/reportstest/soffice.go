package reportstest

import (
	"context"
	"encoding/csv"
	stdhtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// SofficeRequired reports whether tests that need LibreOffice must run
// (FUYUAN_TEST_SOFFICE_REQUIRED=1, as in CI) instead of skipping.
func SofficeRequired() bool { return os.Getenv("FUYUAN_TEST_SOFFICE_REQUIRED") == "1" }

// Soffice returns the path of LibreOffice's soffice, or skips the test with
// a clear message (fails it when FUYUAN_TEST_SOFFICE_REQUIRED=1).
func Soffice(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if SofficeRequired() {
		t.Fatal("FUYUAN_TEST_SOFFICE_REQUIRED=1 but soffice is not installed (apt-get install libreoffice-calc-nogui)")
	}
	t.Skip("LibreOffice tests skipped: soffice is not installed (apt-get install libreoffice-calc-nogui to run them)")
	return ""
}

// Pdftotext returns the path of poppler's pdftotext, or skips the test with
// a clear message (fails it when FUYUAN_TEST_SOFFICE_REQUIRED=1, as in CI).
func Pdftotext(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err == nil {
		return p
	}
	if SofficeRequired() {
		t.Fatal("FUYUAN_TEST_SOFFICE_REQUIRED=1 but pdftotext is not installed (apt-get install poppler-utils)")
	}
	t.Skip("PDF tests skipped: pdftotext is not installed (apt-get install poppler-utils to run them)")
	return ""
}

// SheetsAsLibreOfficeReadsThem converts an .xlsx with headless LibreOffice to
// one CSV per sheet (cells as LibreOffice shows them) and returns the rows
// of each sheet by name. A file LibreOffice cannot open fails the test.
func SheetsAsLibreOfficeReadsThem(t testing.TB, xlsx []byte, sheets []string) map[string][][]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Field separator ",", quote '"', UTF-8, cells as shown, every sheet (-1).
	dir, out := convert(ctx, t, xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
	result := map[string][][]string{}
	for _, sh := range sheets {
		b, err := os.ReadFile(filepath.Join(dir, "report-"+sh+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice did not write sheet %s: %v\n%s", sh, err, out)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
		if err != nil {
			r := csv.NewReader(strings.NewReader(string(b)))
			r.FieldsPerRecord = -1
			if rows, err = r.ReadAll(); err != nil {
				t.Fatalf("sheet %s: %v", sh, err)
			}
		}
		result[sh] = rows
	}
	return result
}

// PrintedPage is a page of a PDF as pdftotext reads it: its width, its
// text and its words with their boxes, in points.
type PrintedPage struct {
	Width float64
	Text  string
	Words []PrintedWord
}

// PrintedWord is a word of a PrintedPage with its box; the box is about 1.3
// times as tall as the font size.
type PrintedWord struct {
	Text                   string
	XMin, XMax, YMin, YMax float64
}

// Height is the height of the word's box.
func (w PrintedWord) Height() float64 { return w.YMax - w.YMin }

var (
	pdfPage = regexp.MustCompile(`(?s)<page width="([0-9.]+)"[^>]*>(.*?)</page>`)
	pdfWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// PagesAsLibreOfficePrintsThem converts an .xlsx with headless LibreOffice
// to PDF, as a user prints it, and returns its pages as pdftotext (poppler)
// reads them.
func PagesAsLibreOfficePrintsThem(t testing.TB, xlsx []byte) []PrintedPage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir, out := convert(ctx, t, xlsx, "pdf")
	pdftotext := Pdftotext(t)
	html, err := exec.CommandContext(ctx, pdftotext, "-bbox", filepath.Join(dir, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (soffice said %s)", err, out)
	}
	var pages []PrintedPage
	num := func(s string) float64 {
		f, _ := strconv.ParseFloat(s, 64)
		return f
	}
	for _, p := range pdfPage.FindAllStringSubmatch(string(html), -1) {
		page := PrintedPage{Width: num(p[1])}
		var text []string
		for _, w := range pdfWord.FindAllStringSubmatch(p[2], -1) {
			word := PrintedWord{Text: stdhtml.UnescapeString(w[5]), XMin: num(w[1]), YMin: num(w[2]), XMax: num(w[3]), YMax: num(w[4])}
			page.Words = append(page.Words, word)
			text = append(text, word.Text)
		}
		page.Text = strings.Join(text, " ")
		pages = append(pages, page)
	}
	if len(pages) == 0 {
		t.Fatalf("LibreOffice printed no page\n%s", out)
	}
	return pages
}

// Line returns the words printed on the same line as the first word that is
// label, label first, from left to right; nil when no word is label.
func (p PrintedPage) Line(label string) []string {
	for _, w := range p.Words {
		if w.Text != label {
			continue
		}
		var line []PrintedWord
		for _, o := range p.Words {
			if o.YMin < w.YMax && o.YMax > w.YMin && o.XMin >= w.XMin {
				line = append(line, o)
			}
		}
		sort.Slice(line, func(i, j int) bool { return line[i].XMin < line[j].XMin })
		out := make([]string, len(line))
		for i, o := range line {
			out[i] = o.Text
		}
		return out
	}
	return nil
}

// convert writes xlsx as report.xlsx into a fresh directory and converts it
// there with headless LibreOffice (a profile of its own) to filter; it
// returns the directory and what soffice printed. A failure fails the test.
func convert(ctx context.Context, t testing.TB, xlsx []byte, filter string) (dir string, out []byte) {
	t.Helper()
	soffice := Soffice(t)
	dir = t.TempDir()
	in := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(in, xlsx, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", filter, "--outdir", dir, in).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return dir, out
}
