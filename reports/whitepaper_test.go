package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
	"fuyuan/reports/reportstest"
)

// whitePaperText converts the .docx to PDF with LibreOffice and returns the
// PDF's text, page by page (a file LibreOffice cannot open fails the test).
// With FUYUAN_WHITE_PAPER_PDF set, the PDF is also copied there to be looked at.
func whitePaperText(t *testing.T, doc []byte) []string {
	t.Helper()
	soffice := reportstest.Soffice(t)
	pdftotext := reportstest.Pdftotext(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "white-paper.docx")
	if err := os.WriteFile(in, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, in).CombinedOutput()
	pdf := filepath.Join(dir, "white-paper.pdf")
	if _, serr := os.Stat(pdf); err != nil || serr != nil {
		t.Fatalf("LibreOffice did not convert the white paper: %v %v\n%s", err, serr, out)
	}
	if keep := os.Getenv("FUYUAN_WHITE_PAPER_PDF"); keep != "" {
		b, _ := os.ReadFile(pdf)
		os.WriteFile(keep, b, 0o644)
	}
	text, err := exec.CommandContext(ctx, pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(string(text), "\f")
}

// TestWhitePaperOpensInLibreOfficeWithTheFiguresOfStatsAndKeepsTheChiefsChapters
// is issue 16's white-paper line: LibreOffice converts the .docx to PDF;
// its chapters hold the figures of /stats for the year, per organ and per
// region, a native chart; the chief's 存在问题 and 意见建议 survive regeneration.
func TestWhitePaperOpensInLibreOfficeWithTheFiguresOfStatsAndKeepsTheChiefsChapters(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct, _, _ := accountabilityYear(t, s, clock)
		ctx := context.Background()
		leader := ct.Actor("leader")
		problems := "一是部分行政机关负责人出庭“出庭不出声”；\n二是败诉案件集中在山林权属领域。"
		suggestions := "建议将负责人出庭应诉情况纳入法治政府建设考核。"
		if _, err := s.SaveWhitePaper(ctx, leader, 2025, app.WhitePaperInput{Problems: problems, Suggestions: suggestions}); err != nil {
			t.Fatal(err)
		}
		gen := func() []byte {
			chapters, err := s.GetWhitePaper(ctx, leader, 2025)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := reports.WhitePaper(ctx, s, "粤1803", 2025, clock.Today(), chapters, &b); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
		first, again := gen(), gen()
		if !bytes.Equal(first, again) {
			t.Error("the same records gave a different document")
		}
		zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
		if err != nil {
			t.Fatal(err)
		}
		charts := 0
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, "word/charts/chart") {
				charts++
			}
		}
		if charts < 1 {
			t.Error("the white paper has no chart")
		}
		pages := whitePaperText(t, again)
		all := strings.Join(pages, "\n")
		flat := strings.Join(strings.Fields(all), "")
		p := reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}
		st, err := reports.Stats(ctx, s, "粤1803", p, clock.Today())
		if err != nil {
			t.Fatal(err)
		}
		organs, _ := reports.CaseFiguresBy(ctx, s, "粤1803", p, clock.Today(), "organ")
		regions, _ := reports.CaseFiguresBy(ctx, s, "粤1803", p, clock.Today(), "region")
		want := []string{"行政审判白皮书（2025年）", "一、基本情况", "二、行政机关败诉情况", "三、负责人出庭应诉情况", "四、案件特点",
			"五、“两书三会”工作情况", "六、行政争议实质化解", "七、存在问题", "八、意见建议", "2023—2025年新收与审结案件",
			"共受理行政诉讼案件" + strconv.FormatInt(st.NewCases, 10) + "件", "审结" + strconv.FormatInt(st.Closed, 10) + "件",
			"行政机关败诉" + strconv.FormatInt(st.OrganLost, 10) + "件，败诉率" + reports.Percent(st.OrganLossRate),
			"出庭应诉率" + reports.Percent(st.HeadAppearanceRate), "服判息诉率" + reports.Percent(st.AcceptanceRate),
			"法定审限内结案率" + reports.Percent(st.ClosedWithinLimitRate),
			"出庭“出庭不出声”", "二是败诉案件集中在山林权属领域", "纳入法治政府建设考核"}
		for _, w := range want {
			if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
				t.Errorf("the white paper never says %q", w)
			}
		}
		// The tables per organ and per region: each row's 败诉率 and 出庭应诉率.
		for _, tab := range []reports.FigureTable{organs, regions} {
			for _, r := range append(tab.Rows, reports.FigureRow{Label: "全院合计", CaseFigures: tab.Total}) {
				row := r.Label + strconv.FormatInt(r.Closed, 10) + strconv.FormatInt(r.OrganLost, 10) + reports.Percent(r.OrganLossRate)
				if !strings.Contains(flat, row) {
					t.Errorf("no row %q in the losses table by %s", row, tab.By)
				}
				row = r.Label + strconv.FormatInt(r.HearingCases, 10) + strconv.FormatInt(r.HeadAppearedCases, 10) + reports.Percent(r.HeadAppearanceRate)
				if !strings.Contains(flat, row) {
					t.Errorf("no row %q in the appearance table by %s", row, tab.By)
				}
			}
		}
		if len(pages) < 3 {
			t.Errorf("the white paper printed on %d pages", len(pages))
		}
	})
}
