package web

import (
	"context"
	"fmt"
	"io"

	"fuyuan/app"
)

// Rows of the authorisation matrix for attachments and the case file. Each
// try gets a fresh attachment on a fresh case of judge1 (mediator1 assigned,
// not a linkage case). Reading follows reading the case; a user who may not
// read it gets 404, as another court's user does.

// matrixAttachment attaches a small PDF to a fresh case of judge1.
func matrixAttachment(e *env) int64 {
	k := matrixCase(e, false)
	content := []byte("%PDF-1.4\n% matrix\n")
	at, err := e.Store.AddAttachment(context.Background(), e.Courts.Actor("judge1"), app.AttachmentUpload{
		Owner: app.OwnerCase, OwnerID: k.ID, Name: "matrix.pdf", File: bytesReaderAt(content), Size: int64(len(content))})
	if err != nil {
		e.t.Fatal(err)
	}
	return at.ID
}

func attachmentPath(format string) func(e *env) string {
	return func(e *env) string { return fmt.Sprintf(format, matrixAttachment(e)) }
}

type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func init() {
	// Who may read judge1's case (mediator1 assigned): everyone of 粤1803 but the liaison.
	readers := merge(statuses(404, "liaison1", "admin2", "judge3"))
	// Who may withdraw: the case's judge (case:edit, own); the others who read it are forbidden.
	withdrawers := merge(statuses(200, "judge1"), statuses(404, "liaison1", "admin2", "judge3"))
	addRows(
		// Without a multipart body every user's upload is bad input (who may
		// upload to which owner: TestAttachmentTypeIsCheckedByContent and the owner table test).
		matrixRow{Method: "POST", Route: "/api/v1/attachments", Default: 400},
		matrixRow{Method: "POST", Route: "/attachments", Default: 400},
		matrixRow{Method: "GET", Route: "/api/v1/attachments/:id", Path: attachmentPath("/api/v1/attachments/%d"), Default: 200, Want: readers},
		matrixRow{Method: "GET", Route: "/attachments/:id", Path: attachmentPath("/attachments/%d"), Default: 200, Want: readers},
		matrixRow{Method: "POST", Route: "/api/v1/attachments/:id/withdraw", Path: attachmentPath("/api/v1/attachments/%d/withdraw"),
			Body: func(*env) any { return map[string]string{"reason": "矩阵撤回"} }, Default: 403, Want: withdrawers},
		// A page's form without a reason: the judge gets the form back (400).
		matrixRow{Method: "POST", Route: "/attachments/:id/withdraw", Path: attachmentPath("/attachments/%d/withdraw"),
			Default: 403, Want: merge(withdrawers, statuses(400, "judge1"))},
		readRow("GET", "/api/v1/cases/:id/file.zip", "/api/v1/cases/%d/file.zip"),
		readRow("GET", "/cases/:id/file.zip", "/cases/%d/file.zip"),
	)
}
