package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Attachments (附件) and the case file (卷宗) as a .zip. An upload is read
// as it streams (no ParseMultipartForm): the small fields into memory, the
// file part into a temporary file while its SHA-256 is computed, so that
// memory stays flat whatever the file's size and the transaction that
// stores it (app.AddAttachment) can be run again after a lost conflict.
// Downloads are written a chunk at a time from the database.

// attachmentBodyCap is the largest upload request body: the file and the
// multipart framing of its form fields.
const attachmentBodyCap = app.MaxAttachmentSize + 1<<20

// isAttachmentUpload reports whether r uploads an attachment, whose body may
// be larger than other uploads'.
func isAttachmentUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && (r.URL.Path == "/api/v1/attachments" || r.URL.Path == "/attachments")
}

// bodyCap is the largest request body r may send.
func (s *Server) bodyCap(r *http.Request) int64 {
	if isAttachmentUpload(r) {
		return max(s.Config.MaxUpload, attachmentBodyCap)
	}
	return s.Config.MaxUpload
}

// receivedFile is an upload read to its end: its form fields, and the file
// in a temporary file (removed by close).
type receivedFile struct {
	fields map[string]string
	file   *os.File
	name   string
	size   int64
	sha256 string
}

func (f *receivedFile) close() {
	if f != nil && f.file != nil {
		f.file.Close()
		os.Remove(f.file.Name())
	}
}

// receiveAttachment reads a multipart attachment upload as it streams.
// before is called with the fields read so far when the file part begins
// (forms send owner and owner_id first), so that a refused owner is
// answered before 20 MiB are read. A file over app.MaxAttachmentSize is
// ETOOLARGE as soon as its bytes pass the limit.
func (s *Server) receiveAttachment(c *gin.Context, before func(fields map[string]string) error) (*receivedFile, error) {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, app.Invalid("file", "请以 multipart/form-data 上传文件（字段名 file）")
	}
	rf := &receivedFile{fields: map[string]string{}}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			rf.close()
			return nil, uploadError(err, app.MaxAttachmentSize)
		}
		name := part.FormName()
		if name != "file" {
			b, err := io.ReadAll(io.LimitReader(part, 1<<10))
			if err != nil {
				rf.close()
				return nil, uploadError(err, app.MaxAttachmentSize)
			}
			rf.fields[name] = strings.TrimSpace(string(b))
			continue
		}
		if rf.file != nil {
			rf.close()
			return nil, app.Invalid("file", "一次只能上传一个文件")
		}
		if err := before(rf.fields); err != nil {
			return nil, err
		}
		if rf.file, err = os.CreateTemp("", "fuyuan-attachment-*"); err != nil {
			return nil, err
		}
		rf.name = part.FileName()
		h := sha256.New()
		n, err := io.CopyBuffer(io.MultiWriter(rf.file, h), io.LimitReader(part, app.MaxAttachmentSize+1), make([]byte, 64<<10))
		if err != nil {
			rf.close()
			return nil, uploadError(err, app.MaxAttachmentSize)
		}
		if n > app.MaxAttachmentSize {
			rf.close()
			return nil, app.Errorf(app.ETOOLARGE, "附件不能超过 %d MB", app.MaxAttachmentSize>>20)
		}
		rf.size, rf.sha256 = n, hex.EncodeToString(h.Sum(nil))
	}
	if rf.file == nil {
		return nil, app.Invalid("file", "请选择要上传的文件")
	}
	return rf, nil
}

// ownerOf reads the owner of an upload's fields: owner and owner_id, or a
// page's target "kind:id".
func ownerOf(fields map[string]string) (string, int64) {
	kind, id := fields["owner"], fields["owner_id"]
	if t := fields["target"]; t != "" {
		kind, id, _ = strings.Cut(t, ":")
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	return kind, n
}

// addAttachment receives an upload and attaches it.
func (s *Server) addAttachment(c *gin.Context) (app.Attachment, string, int64, error) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	var kind string
	var ownerID int64
	rf, err := s.receiveAttachment(c, func(fields map[string]string) error {
		if kind, ownerID = ownerOf(fields); kind == "" {
			return nil // the fields come after the file: decided once it is read
		}
		return s.Store.CheckAttach(ctx, a, kind, ownerID)
	})
	defer rf.close()
	if err != nil {
		return app.Attachment{}, kind, ownerID, err
	}
	kind, ownerID = ownerOf(rf.fields)
	at, err := s.Store.AddAttachment(ctx, a, app.AttachmentUpload{Owner: kind, OwnerID: ownerID, Name: rf.name,
		File: rf.file, Size: rf.size, SHA256: rf.sha256})
	return at, kind, ownerID, err
}

func (s *Server) apiAddAttachment(c *gin.Context) {
	at, _, _, err := s.addAttachment(c)
	apiAnswer(s, c, http.StatusCreated, at, err)
}

// downloadAttachment answers the file (API and pages alike), streamed from the
// database a chunk at a time.
func (s *Server) downloadAttachment(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		s.failAuto(c, app.NotFound("附件"))
		return
	}
	at, err := run(c, id, s.Store.ReadAttachment)
	if err != nil {
		s.failAuto(c, err)
		return
	}
	setDownload(c, at.Name)
	c.Header("Content-Type", at.ContentType)
	c.Header("Content-Length", strconv.FormatInt(at.Size, 10))
	c.Status(http.StatusOK)
	if err := s.Store.CopyAttachment(c.Request.Context(), c.Writer, at); err != nil {
		s.abortDownload(c, err)
	}
}

// abortDownload ends a download whose bytes could not all be written: the
// status is sent already, so the connection is cut and the client sees an
// incomplete file, not a short one.
func (s *Server) abortDownload(c *gin.Context, err error) {
	if c.Request.Context().Err() == nil {
		s.Log.Error("download failed", "err", err, "path", c.Request.URL.Path, "request_id", c.GetString("request_id"))
	}
	panic(http.ErrAbortHandler)
}

func (s *Server) apiWithdrawAttachment(c *gin.Context) {
	if id, ok := s.idParam(c, "id"); ok {
		apiStep(s, c, id, s.bindJSON, http.StatusOK, s.Store.WithdrawAttachment)
	}
}

// attachmentSubmit is the upload form of the case and letter pages; it goes
// back to the owner's page.
func (s *Server) attachmentSubmit(c *gin.Context) {
	at, kind, ownerID, err := s.addAttachment(c)
	if err == nil {
		kind, ownerID = at.OwnerKind, at.OwnerID
	}
	s.attachmentStepDone(c, kind, ownerID, "attachment", err)
}

func (s *Server) attachmentWithdrawSubmit(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(c, app.NotFound("附件"))
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	before, err := s.Store.ReadAttachment(ctx, a, id)
	if err != nil {
		s.renderError(c, err)
		return
	}
	_, err = s.Store.WithdrawAttachment(ctx, a, id, app.WithdrawInput{Reason: c.PostForm("reason")})
	s.attachmentStepDone(c, before.OwnerKind, before.OwnerID, "withdraw", err)
}

// attachmentStepDone goes back to the owner's page: the case's (for a case,
// mediation or commitment) or the letter's, with the flash of the step, or
// with its error.
func (s *Server) attachmentStepDone(c *gin.Context, kind string, ownerID int64, step string, err error) {
	a, _ := actorOf(c)
	if kind == app.OwnerLetter && ownerID > 0 {
		if err != nil {
			// The letter page's own fields (reason …) are not this form's: the message only.
			e := s.asAppError(c, err)
			s.letterStepFailed(c, ownerID, &app.Error{Code: e.Code, Message: stepFailure[step] + e.Message})
			return
		}
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/letters/%d?done=%s#attachments", ownerID, step))
		return
	}
	caseID, cerr := int64(0), error(nil)
	if app.AttachmentOwners.Valid(kind) && ownerID > 0 {
		caseID, cerr = s.Store.OwnerCase(c.Request.Context(), a, kind, ownerID)
	}
	if caseID == 0 || cerr != nil || (err != nil && !s.mayReadCaseID(c, caseID)) {
		if err == nil {
			err = cerr
		}
		if err == nil {
			err = app.NotFound("记录")
		}
		s.renderError(c, err)
		return
	}
	if err != nil {
		s.caseStepFailed(c, caseID, step, err)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/cases/%d?done=%s#attachments", caseID, step))
}

// mayReadCaseID reports whether the user may read case id (a failed step
// shows the case page only then).
func (s *Server) mayReadCaseID(c *gin.Context, id int64) bool {
	ok, err := s.caseReadable(c, id)
	return err == nil && ok
}

// caseFileZip answers the case file: its index (卷宗目录) and every document
// and attachment not withdrawn, in filing order, written to the response as
// the zip is made.
func (s *Server) caseFileZip(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	k, err := s.Store.GetCase(ctx, a, ref.ID)
	if err != nil {
		s.failAuto(c, err)
		return
	}
	atts, err := s.Store.CaseAttachments(ctx, a, ref.ID)
	if err != nil {
		s.failAuto(c, err)
		return
	}
	items := s.Store.AttachmentItems(atts)
	docs, err := s.Store.DocumentItems(ctx, a, ref.ID)
	if err != nil {
		s.failAuto(c, err)
		return
	}
	items = append(docs, items...)
	slices.SortStableFunc(items, func(x, y app.CaseFileItem) int { return x.At.Compare(y.At) })
	head := app.CaseFileHead{Court: s.courtName(c), CaseNo: k.CaseNo, Cause: k.Cause, At: s.Clock.Now()}
	setDownload(c, "卷宗-"+k.CaseNo+".zip")
	c.Header("Content-Type", "application/zip")
	c.Status(http.StatusOK)
	if err := app.WriteCaseFile(ctx, c.Writer, head, items); err != nil {
		s.abortDownload(c, err)
	}
}

// uploadTarget is one record of a case the upload form may attach a file to.
type uploadTarget struct {
	Value string // kind:id
	Label string
}

// caseUploadTargets are the records of a case the actor may attach files to:
// the case itself, its mediations and its commitments.
func caseUploadTargets(z app.Authorizer, a app.Actor, k app.Case, mediations []app.Mediation, commitments []app.Commitment, services []app.ServiceTarget) []uploadTarget {
	rec := k.Ref().Record()
	var out []uploadTarget
	if app.MayAttach(z, a, app.OwnerCase, rec) {
		out = append(out, uploadTarget{fmt.Sprintf("case:%d", k.ID), "本案（案件材料）"})
	}
	if app.MayAttach(z, a, app.OwnerService, rec) {
		for _, sv := range services {
			out = append(out, uploadTarget{fmt.Sprintf("service:%d", sv.ID),
				fmt.Sprintf("送达回证：%s 送达 %s（%s）", sv.SentOn, sv.Recipient, app.DocumentKinds.Label(sv.Kind))})
		}
	}
	if app.MayAttach(z, a, app.OwnerMediation, rec) {
		for _, m := range mediations {
			out = append(out, uploadTarget{fmt.Sprintf("mediation:%d", m.ID),
				fmt.Sprintf("调解材料：%s %s（%s）", m.HeldOn, app.MediationModes.Label(m.Mode), app.MediationResults.Label(m.Result))})
		}
	}
	if app.MayAttach(z, a, app.OwnerCommitment, rec) {
		for _, cm := range commitments {
			out = append(out, uploadTarget{fmt.Sprintf("commitment:%d", cm.ID),
				fmt.Sprintf("履行凭证：%s（期限 %s）", app.CommitmentKinds.Label(cm.Kind), cm.DueOn)})
		}
	}
	return out
}

// acceptAttachments is the file input's accept list (a hint to the browser;
// the server checks the content).
var acceptAttachments = func() string {
	var exts []string
	for _, t := range app.AttachmentTypes {
		exts = append(exts, t.Ext)
		if ext, _ := mime.ExtensionsByType(t.MIME); len(ext) > 0 && !slices.Contains(exts, ext[0]) {
			exts = append(exts, ext[0])
		}
	}
	return strings.Join(append(exts, ".jpeg"), ",")
}()
