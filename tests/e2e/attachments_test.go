package e2e

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestJudgeUploadsAScannedReceiptAndDownloadsTheCaseFile: judge1 files a
// case, is refused an HTML page renamed .pdf, uploads a scanned receipt
// (PNG) and a paper by mistake, withdraws the mistake with a reason (it
// stays listed, withdrawn), and downloads the case file: a zip whose
// 卷宗目录 lists the receipt, followed by the receipt itself.
func TestJudgeUploadsAScannedReceiptAndDownloadsTheCaseFile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	judge := e.login(t, "judge1")
	caseNo, casePath := judge.fileCase(uniqueMark() + " 石潭镇林场")
	dir := t.TempDir()
	put := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	upload := func(file string) int64 {
		t.Helper()
		judge.tap("上传附件")
		judge.within(`form[action="/attachments"]`).fields("target", "本案")
		if err := judge.do(chromedp.SetUploadFiles(chromedp.CSS("#at-file"), []string{file})); err != nil {
			t.Fatalf("choosing %s: %v", file, err)
		}
		return judge.submitStatus()
	}

	if status := upload(put("伪装的文件.pdf", []byte("<!DOCTYPE html><html><body>not a pdf</body></html>"))); status != 400 {
		t.Errorf("an HTML page renamed .pdf: %d, want 400", status)
	}
	judge.see("附件未上传", "只能上传 PDF、OFD、JPEG、PNG、DOCX 或 XLSX 文件")
	if judge.count(`#attachments details[open] form[action="/attachments"]`) != 1 {
		t.Errorf("the refused upload's form is not shown open")
	}
	judge.screenshot("attachments-refused")
	judge.visit(casePath)

	receipt := receiptScan()
	if status := upload(put("送达回证扫描件.png", receipt)); status != 200 {
		t.Fatalf("uploading the receipt: %d; the page says: %s", status, judge.summary())
	}
	judge.see("附件已上传，已收入卷宗", "送达回证扫描件.png")
	if status := upload(put("误传的起诉状.pdf", []byte("%PDF-1.4\n% a paper of another case\n"))); status != 200 {
		t.Fatalf("uploading the mistake: %d", status)
	}
	judge.see("误传的起诉状.pdf")

	judge.mark("撤回", "误传的起诉状.pdf")
	if err := judge.do(chromedp.Click(chromedp.CSS("[data-e2e-click]"))); err != nil {
		t.Fatalf("opening the withdrawal: %v", err)
	}
	judge.within(`#attachments tr.attachment:last-child form`).fields("reason", "系另案材料，误传")
	judge.submit()
	judge.see("附件已撤回", "系另案材料，误传")
	if r := judge.row("误传的起诉状.pdf"); !strings.Contains(r, "已撤回") || !strings.Contains(r, "系另案材料，误传") {
		t.Errorf("the withdrawn attachment's row reads %q", r)
	}
	if r := judge.row("送达回证扫描件.png"); !strings.Contains(r, "有效") {
		t.Errorf("the receipt's row reads %q", r)
	}
	judge.screenshot("attachments-case-page")

	zipped, name := judge.download("#case-file-zip")
	if !strings.HasSuffix(name, ".zip") || !strings.Contains(name, "卷宗") {
		t.Errorf("the case file downloads as %q", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatalf("the case file does not open: %v", err)
	}
	if len(zr.File) != 2 || zr.File[0].Name != "00-卷宗目录.html" || !strings.Contains(zr.File[1].Name, "送达回证扫描件") {
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		t.Fatalf("the case file holds %v, want the index and the receipt (not the withdrawn paper)", names)
	}
	index, got := string(readEntry(t, zr.File[0])), readEntry(t, zr.File[1])
	if !strings.Contains(index, caseNo) || !strings.Contains(index, zr.File[1].Name) || strings.Contains(index, "误传") {
		t.Errorf("the index does not list the receipt under %s alone:\n%s", caseNo, index)
	}
	if !bytes.Equal(got, receipt) {
		t.Errorf("the receipt in the case file differs from the upload")
	}
	// The index as the judge opens it, beside the screenshots.
	shot := filepath.Join(os.TempDir(), "fuyuan-screenshots")
	if d := os.Getenv("FUYUAN_SCREENSHOTS"); d != "" {
		shot = d
	}
	if err := os.MkdirAll(shot, 0o755); err == nil {
		os.WriteFile(filepath.Join(shot, "case-file-index.html"), []byte(index), 0o644)
	}
}

func readEntry(t *testing.T, f *zip.File) []byte {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// receiptScan is a PNG standing for a scanned 送达回证: a form with ruled
// lines and a red seal.
func receiptScan() []byte {
	const w, h = 420, 594
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{246, 244, 238, 255}
			if (y-80)%48 == 0 && y > 60 && y < 520 && x > 30 && x < w-30 || (x == 30 || x == w-30 || x == 150) && y > 80 && y < 512 {
				c = color.RGBA{60, 60, 60, 255}
			}
			if dx, dy := x-320, y-450; dx*dx+dy*dy > 44*44 && dx*dx+dy*dy < 50*50 {
				c = color.RGBA{200, 30, 30, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
