package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"time"

	"fuyuan/app"
)

// seedAttachments attaches a few small files the demo makes itself (no
// binary is committed): scanned papers as one-page PDFs and photos as PNGs,
// on judge1's latest open cases, a mediation, a commitment and an organ's
// reply to a letter, and one withdrawn by mistake. Each is dated on its
// record's day, so that the case file lists them in a true filing order.
func seedAttachments(ctx context.Context, w *World) error {
	s := w.Store
	judge := w.Users["judge1"]
	var cases []struct {
		ID      int64
		FiledOn app.Date
		Linkage bool
	}
	err := s.DB.WithContext(ctx).Raw(`SELECT id, filed_on, linkage FROM cases WHERE court_code = ? AND judge_id = ? AND status <> 'closed'
		ORDER BY filed_on DESC, id DESC LIMIT 3`, CourtCode, judge.ID).Scan(&cases).Error
	if err != nil || len(cases) == 0 {
		return err
	}
	type file struct {
		owner   string
		ownerID int64
		name    string
		on      app.Date
		content []byte
	}
	var files []file
	for i, c := range cases {
		files = append(files,
			file{app.OwnerCase, c.ID, "起诉状（扫描件）.pdf", c.FiledOn, scanPDF("Complaint (scan)", c.ID, 1)},
			file{app.OwnerCase, c.ID, "被诉行政处罚决定书.pdf", c.FiledOn, scanPDF("Administrative decision (scan)", c.ID, 2)},
		)
		if i == 0 {
			files = append(files, file{app.OwnerCase, c.ID, "现场照片.png", c.FiledOn.AddDays(9), sitePhoto(c.ID)})
		}
	}
	var med struct {
		ID     int64
		HeldOn app.Date
	}
	s.DB.WithContext(ctx).Raw(`SELECT m.id, m.held_on FROM mediations m JOIN cases c ON c.id = m.case_id
		WHERE c.court_code = ? AND c.judge_id = ? AND m.result = 'success' ORDER BY m.held_on DESC, m.id DESC LIMIT 1`, CourtCode, judge.ID).Scan(&med)
	if med.ID != 0 {
		files = append(files, file{app.OwnerMediation, med.ID, "调解协议（双方签字）.pdf", med.HeldOn, scanPDF("Signed mediation agreement", med.ID, 3)})
	}
	var cm struct {
		ID          int64
		FulfilledOn app.Date
	}
	s.DB.WithContext(ctx).Raw(`SELECT cm.id, cm.fulfilled_on FROM commitments cm JOIN cases c ON c.id = cm.case_id
		WHERE c.court_code = ? AND c.judge_id = ? AND cm.fulfilled_on IS NOT NULL ORDER BY cm.fulfilled_on DESC, cm.id DESC LIMIT 1`, CourtCode, judge.ID).Scan(&cm)
	if cm.ID != 0 {
		files = append(files, file{app.OwnerCommitment, cm.ID, "复绿完成照片.png", cm.FulfilledOn, sitePhoto(cm.ID)})
	}
	var letter struct {
		ID        int64
		RepliedOn app.Date
	}
	s.DB.WithContext(ctx).Raw(`SELECT id, replied_on FROM letters WHERE court_code = ? AND status = 'replied' AND case_id IS NOT NULL
		ORDER BY replied_on DESC, id DESC LIMIT 1`, CourtCode).Scan(&letter)
	if letter.ID != 0 {
		files = append(files, file{app.OwnerLetter, letter.ID, "林业局关于司法建议的回复函.pdf", letter.RepliedOn, scanPDF("Reply of the organ", letter.ID, 4)})
	}
	// One uploaded to the wrong case by mistake and withdrawn: kept on record.
	files = append(files, file{app.OwnerCase, cases[0].ID, "误传的材料.pdf", cases[0].FiledOn.AddDays(1), scanPDF("Uploaded by mistake", cases[0].ID, 5)})

	for i, f := range files {
		actor := w.Actor("judge1")
		if f.owner == app.OwnerLetter {
			actor = w.Actor("liaison1")
		}
		at, err := s.AddAttachment(ctx, actor, app.AttachmentUpload{Owner: f.owner, OwnerID: f.ownerID, Name: f.name,
			File: bytes.NewReader(f.content), Size: int64(len(f.content))})
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		// Filed on its record's day (the demo runs today), minutes apart.
		if f.on.After(w.Today) {
			f.on = w.Today
		}
		on := time.Date(f.on.Year, f.on.Month, f.on.Day, 10, i, 0, 0, app.Shanghai).UTC()
		if err := s.DB.WithContext(ctx).Exec("UPDATE attachments SET created_at = ? WHERE id = ?", on, at.ID).Error; err != nil {
			return err
		}
		if strings.HasPrefix(f.name, "误传") {
			if _, err := s.WithdrawAttachment(ctx, actor, at.ID, app.WithdrawInput{Reason: "误传，应为另一案件的材料"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanPDF is a one-page PDF standing in for a scanned paper: a frame and a
// line of text (in the PDF's standard font, hence not Chinese).
func scanPDF(title string, id int64, n int) []byte {
	text := fmt.Sprintf("fuyuan demo - %s - record %d-%d", title, id, n)
	stream := fmt.Sprintf("q 0.2 w 40 40 515 762 re S Q BT /F1 14 Tf 60 760 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// sitePhoto is a small PNG standing in for a photo: sky, hillside and a red
// stamp-like ring, varied by seed.
func sitePhoto(seed int64) []byte {
	const wd, ht = 240, 160
	img := image.NewRGBA(image.Rect(0, 0, wd, ht))
	hill := 90 + int(seed%30)
	for y := 0; y < ht; y++ {
		for x := 0; x < wd; x++ {
			c := color.RGBA{170, 205, 235, 255}
			if y > hill+(x*x)/(wd*6) {
				c = color.RGBA{60, 130, 70, 255}
			}
			dx, dy := x-190, y-40
			if d := dx*dx + dy*dy; d > 22*22 && d < 26*26 {
				c = color.RGBA{200, 30, 30, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
