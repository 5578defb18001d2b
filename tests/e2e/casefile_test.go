package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestJudgeAddsPartiesGeneratesANoticeAndRecordsItsService: judge1 files a
// case, adds a third party and the plaintiff's lawyer, generates an 应诉通知书,
// downloads it, records its direct service, sees it served, and downloads
// the case file with the notice in it. The notice is printed to PDF by
// LibreOffice and rendered to PNG (pdftoppm) beside the screenshots, to be
// looked at; its text names the case, the parties and the court.
func TestJudgeAddsPartiesGeneratesANoticeAndRecordsItsService(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	plaintiff := uniqueMark() + " 太和林果专业合作社"
	judge := e.login(t, "judge1")
	caseNo, _ := judge.fileCase(plaintiff)

	judge.tap("添加原告、第三人或代理人")
	judge.within(`#party-form`).fields("role", "第三人", "name", "清远市清新区太和镇石坎村民委员会", "kind", "企业")
	judge.submit()
	judge.see("当事人已登记", "清远市清新区太和镇石坎村民委员会")
	judge.tap("添加原告、第三人或代理人")
	judge.within(`#party-form`).fields("role", "代理人", "name", "梁志华", "kind", "律师", "side", "原告", "phone", "13902611234")
	judge.submit()
	judge.see("当事人已登记", "梁志华")
	if row := judge.row("梁志华"); !strings.Contains(row, "原告代理人") || !strings.Contains(row, "律师") || !strings.Contains(row, "13902611234") {
		t.Errorf("the agent's row reads %q", row)
	}

	judge.within(`#document-form`).fields("kind", "应诉通知书")
	judge.submit()
	judge.see("文书已生成", "未送达")
	notice, _ := judge.download(`#documents a[href^="/documents/"]`)

	judge.tap("登记送达《应诉通知书》")
	judge.within(`#documents form[action$="/services"]`).fields(
		"recipient", "清远市清新区林业局", "method", "直接送达", "sent_on", today, "served_on", today)
	judge.submit()
	judge.see("送达情况已登记", "清远市清新区林业局：直接送达", today+" 已送达")
	judge.screenshot("case-file-served")

	// The scanned receipt (送达回证) is an attachment of the service.
	receipt := filepath.Join(t.TempDir(), "回证扫描件.png")
	if err := os.WriteFile(receipt, scannedReceipt(), 0o600); err != nil {
		t.Fatal(err)
	}
	judge.tap("上传附件")
	judge.within(`form[action="/attachments"]`).fields("target", "送达回证")
	if err := judge.do(chromedp.SetUploadFiles(chromedp.CSS("#at-file"), []string{receipt})); err != nil {
		t.Fatalf("choosing the receipt: %v", err)
	}
	judge.submit()
	judge.see("回证扫描件")

	zipped, _ := judge.download("#case-file-zip")
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatalf("the case file is not a zip: %v", err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if len(names) < 3 || !strings.Contains(strings.Join(names, " "), "应诉通知书") || !strings.HasSuffix(names[len(names)-1], ".png") {
		t.Errorf("the case file holds %v, want the 应诉通知书", names)
	}

	// An 应诉通知书 is addressed to the defendant and names the plaintiff; the third party is not in it.
	printNotice(t, notice, caseNo, plaintiff, "清远市清新区林业局", "清新区人民法院")
}

// scannedReceipt is a small grey PNG standing for a scanned 送达回证.
func scannedReceipt() []byte {
	img := image.NewGray(image.Rect(0, 0, 40, 56))
	for i := range img.Pix {
		img.Pix[i] = 230
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// printNotice converts the downloaded notice to PDF and PNG pages in the
// screenshot folder and checks the PDF's text.
func printNotice(t *testing.T, docx []byte, want ...string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("FUYUAN_TEST_SOFFICE_REQUIRED") == "1" {
			t.Fatal("soffice is not installed")
		}
		t.Log("soffice is not installed: the notice is not printed")
		return
	}
	dir := os.Getenv("FUYUAN_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "fuyuan-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	in := filepath.Join(work, "应诉通知书.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(work, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, in).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(work, "应诉通知书.pdf")
	text, err := exec.CommandContext(ctx, "pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
			t.Errorf("the printed notice lacks %q:\n%s", w, text)
		}
	}
	png := filepath.Join(dir, "response-notice")
	if out, err := exec.CommandContext(ctx, "pdftoppm", "-png", "-r", "80", pdf, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	if b, err := os.ReadFile(pdf); err == nil {
		os.WriteFile(filepath.Join(dir, "response-notice.pdf"), b, 0o644)
	}
	t.Logf("the printed notice: %s-1.png", png)
}
