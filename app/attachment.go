package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Attachments 附件: files on a case, a mediation (the signed agreement), a
// letter (the organ's reply), a commitment (proof of fulfilment) or a
// service (the receipt). The type is recognised by content
// (DetectAttachmentType); the file is kept under the system's own name and
// id, its bytes behind AttachmentBlobs (the database by default); it is
// never deleted, only withdrawn with a reason, and every addition and
// withdrawal is audited under entity "attachment". Reading an attachment is
// authorised like reading its owner, through the one visibility rule.

// Attachment owners.
const (
	OwnerCase       = "case"
	OwnerMediation  = "mediation"
	OwnerLetter     = "letter"
	OwnerCommitment = "commitment"
	OwnerService    = "service"
)

// AttachmentOwners are the kinds of record an attachment may belong to, with their labels.
var AttachmentOwners = Enum{"owner", []Option{
	{OwnerCase, "案件材料"}, {OwnerMediation, "调解材料"}, {OwnerLetter, "建议函回复"}, {OwnerCommitment, "履行凭证"},
	{OwnerService, "送达回证"},
}}

// The read actions an attachment's download is authorised under, like its owner's.
const (
	ActionCaseRead    Action = "case:read"
	ActionLetterRead  Action = "letter:read"
	ActionLetterReply Action = "letter:reply"
)

// attachmentActions are the actions of reading an owner of kind and of
// adding (or withdrawing) its attachments.
func attachmentActions(kind string) (read, write Action) {
	switch kind {
	case OwnerMediation:
		return ActionCaseRead, ActionCaseMediate
	case OwnerCommitment:
		return ActionCaseRead, ActionCaseCommit
	case OwnerService:
		return ActionCaseRead, ActionCaseEdit // like recording the service
	case OwnerLetter:
		return ActionLetterRead, ActionLetterReply
	default:
		return ActionCaseRead, ActionCaseEdit
	}
}

// Attachment is one attached file's record; its bytes are kept apart.
type Attachment struct {
	ID        int64  `json:"id" gorm:"primaryKey"`
	CourtCode string `json:"-"`
	OwnerKind string `json:"owner"`
	OwnerID   int64  `json:"owner_id"`
	// Name is the system's own name of the file (附件12.pdf), used for downloads.
	Name string `json:"name"`
	// OriginalName is the name the uploader's file had, cleaned: shown, never used as a path.
	OriginalName   string     `json:"original_name"`
	ContentType    string     `json:"content_type"`
	Size           int64      `json:"size"`
	SHA256         string     `json:"sha256" gorm:"column:sha256"`
	ChunkSize      int        `json:"-"`
	CreatedBy      *int64     `json:"created_by"`
	CreatorName    string     `json:"created_by_name" gorm:"->;-:migration"`
	CreatedAt      time.Time  `json:"created_at"`
	WithdrawnAt    *time.Time `json:"withdrawn_at"`
	WithdrawnBy    *int64     `json:"withdrawn_by"`
	WithdrawerName string     `json:"withdrawn_by_name" gorm:"->;-:migration"`
	WithdrawReason string     `json:"withdraw_reason"`
	Withdrawn      bool       `json:"withdrawn" gorm:"-"`
	// OwnerLabel says what the file is of its owner (调解材料 …), for lists.
	OwnerLabel string `json:"owner_label" gorm:"-"`
	// MayWithdraw says whether the reader may withdraw it (the right to add to its owner); pages show the form.
	MayWithdraw bool `json:"-" gorm:"-"`
}

// TableName is the attachments table.
func (Attachment) TableName() string { return "attachments" }

func (at *Attachment) see() {
	at.Withdrawn = at.WithdrawnAt != nil
	at.OwnerLabel = AttachmentOwners.Label(at.OwnerKind)
}

// Title is how lists and the case file's index name the attachment.
func (at Attachment) Title() string {
	name := at.OriginalName
	if name == "" {
		name = at.Name
	}
	return at.OwnerLabel + "：" + name
}

// SizeLabel is the size for a person: 12.3 KB, 1.5 MB.
func (at Attachment) SizeLabel() string { return SizeLabel(at.Size) }

// SizeLabel formats a byte count for a person.
func SizeLabel(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

// AttachmentUpload is a file to attach, already received in full (spooled
// to a temporary file by the HTTP layer while its hash was computed).
type AttachmentUpload struct {
	Owner   string
	OwnerID int64
	Name    string      // the name the client gave; cleaned, shown, never a path
	File    io.ReaderAt // the file's bytes, read again on each run of the transaction
	Size    int64
	SHA256  string // hex SHA-256 computed while the upload was received; checked again
}

// attachmentOwner is what authorisation reads of an attachment's owner.
type attachmentOwner struct {
	CaseID int64 // the case the owner belongs to (0: a letter without a case)
	Record Record
}

// ownerTx loads the owner kind/id of the court; with lock it locks the
// owning case row (lockCaseTx) so that a reassignment is seen.
func (s *Store) ownerTx(tx *gorm.DB, court, kind string, id int64, lock bool) (attachmentOwner, error) {
	var caseID int64
	switch kind {
	case OwnerCase:
		caseID = id
	case OwnerMediation, OwnerCommitment:
		table, what := "mediations", "调解记录"
		if kind == OwnerCommitment {
			table, what = "commitments", "履行承诺"
		}
		var ids []int64
		if err := tx.Table(table).Where("id = ? AND court_code = ?", id, court).Pluck("case_id", &ids).Error; err != nil {
			return attachmentOwner{}, err
		}
		if len(ids) == 0 {
			return attachmentOwner{}, NotFound(what)
		}
		caseID = ids[0]
	case OwnerService:
		var ids []int64
		if err := tx.Table("services sv").Joins("JOIN cases c ON c.id = sv.case_id").Where("sv.id = ? AND c.court_code = ?", id, court).
			Pluck("sv.case_id", &ids).Error; err != nil {
			return attachmentOwner{}, err
		}
		if len(ids) == 0 {
			return attachmentOwner{}, NotFound("送达记录")
		}
		caseID = ids[0]
	case OwnerLetter:
		var l struct {
			CourtCode string
			DraftedBy int64
			CaseID    *int64
		}
		err := tx.Table("letters").Select("court_code, drafted_by, case_id").Where("id = ? AND court_code = ?", id, court).Take(&l).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return attachmentOwner{}, NotFound("建议函")
		}
		if err != nil {
			return attachmentOwner{}, err
		}
		o := attachmentOwner{Record: Record{Kind: "letter", Court: l.CourtCode, Owner: l.DraftedBy}}
		if l.CaseID != nil {
			o.CaseID = *l.CaseID
		}
		return o, nil
	default:
		return attachmentOwner{}, Invalid("owner", "owner 应为 case、mediation、letter、commitment 或 service")
	}
	var r caseRecord
	var err error
	if lock {
		r, err = s.lockCaseTx(tx, court, caseID)
	} else {
		err = tx.Where("id = ? AND court_code = ?", caseID, court).Take(&r).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			err = NotFound("案件")
		}
	}
	if err != nil {
		return attachmentOwner{}, err
	}
	rec, err := s.caseRecordOfTx(tx, r)
	return attachmentOwner{CaseID: caseID, Record: rec}, err
}

// authorizeOwner decides action on an owner; a store without an Authorizer trusts its caller.
func (s *Store) authorizeOwner(a Actor, action Action, o attachmentOwner) error {
	if s.Authz == nil {
		return nil
	}
	return s.Authz.Authorize(a, action, o.Record)
}

// authorizeAttach decides whether the actor may add attachments of kind to
// the owner o (or withdraw them): one who may not read the owner is told it
// is not found, one who may read it but not add to it is forbidden.
func (s *Store) authorizeAttach(a Actor, kind string, o attachmentOwner) error {
	read, write := attachmentActions(kind)
	if err := s.authorizeOwner(a, read, o); err != nil {
		return NotFound("记录")
	}
	return s.authorizeOwner(a, write, o)
}

// MayAttach reports whether the actor may add attachments of kind to (and
// withdraw them from) the owner with visibility record rec.
func MayAttach(z Authorizer, a Actor, kind string, rec Record) bool {
	if z == nil {
		return true
	}
	_, write := attachmentActions(kind)
	return z.Authorize(a, write, rec) == nil
}

// AddAttachment attaches a file to a record of the actor's court. The type
// is recognised by content (EINVALID otherwise), a file over
// MaxAttachmentSize is ETOOLARGE; the owner is locked and the actor's right
// to add to it decided inside the transaction, which also writes the bytes
// and the audit entry: nothing is half-saved.
func (s *Store) AddAttachment(ctx context.Context, a Actor, up AttachmentUpload) (Attachment, error) {
	p := Problems{}
	kind := strings.TrimSpace(up.Owner)
	if !AttachmentOwners.Valid(kind) {
		p.Add("owner", "owner 应为 case、mediation、letter、commitment 或 service")
	}
	if up.OwnerID <= 0 {
		p.Add("owner_id", "owner_id 应为记录编号")
	}
	switch {
	case up.Size > MaxAttachmentSize:
		return Attachment{}, Errorf(ETOOLARGE, "附件不能超过 %d MB", MaxAttachmentSize>>20)
	case up.Size <= 0 || up.File == nil:
		p.Add("file", "请选择要上传的文件")
	}
	if err := p.Err(); err != nil {
		return Attachment{}, err
	}
	typ, err := DetectAttachmentType(up.File, up.Size)
	if err != nil {
		return Attachment{}, err
	}
	var out Attachment
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		o, err := s.ownerTx(tx, a.Court, kind, up.OwnerID, true)
		if err != nil {
			return err
		}
		if err := s.authorizeAttach(a, kind, o); err != nil {
			return err
		}
		at := Attachment{CourtCode: a.Court, OwnerKind: kind, OwnerID: up.OwnerID, Name: "附件" + typ.Ext,
			OriginalName: CleanFileName(up.Name, typ.Ext), ContentType: typ.MIME, Size: up.Size, SHA256: up.SHA256,
			ChunkSize: AttachmentChunk, CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
		if err := tx.Create(&at).Error; err != nil {
			return err
		}
		h := sha256.New()
		if err := s.blobs().Put(tx, at.ID, io.TeeReader(io.NewSectionReader(up.File, 0, up.Size), h)); err != nil {
			return err
		}
		sum := hex.EncodeToString(h.Sum(nil))
		if up.SHA256 != "" && sum != up.SHA256 {
			return fmt.Errorf("attachment %d: stored bytes hash %s, received %s", at.ID, sum, up.SHA256)
		}
		at.Name, at.SHA256 = fmt.Sprintf("附件%d%s", at.ID, typ.Ext), sum
		if err := tx.Model(&Attachment{}).Where("id = ?", at.ID).Updates(map[string]any{"name": at.Name, "sha256": sum}).Error; err != nil {
			return err
		}
		at.see()
		out = at
		return s.Audit(tx, a, "attachment.add", "attachment", at.ID, nil, at)
	})
	return out, err
}

// WithdrawInput is the body of POST /attachments/:id/withdraw.
type WithdrawInput struct {
	Reason string `json:"reason"`
}

// WithdrawAttachment withdraws an attachment with a reason: the file stays
// on record (listed as withdrawn, still downloadable) and the withdrawal is
// audited. Withdrawing needs the right to add to the owner; twice is a conflict.
func (s *Store) WithdrawAttachment(ctx context.Context, a Actor, id int64, in WithdrawInput) (Attachment, error) {
	reason := strings.TrimSpace(in.Reason)
	return inTx(ctx, s, func(tx *gorm.DB) (Attachment, error) {
		before, err := s.attachmentTx(tx, a.Court, id)
		if err != nil {
			return Attachment{}, err
		}
		o, err := s.ownerTx(tx, a.Court, before.OwnerKind, before.OwnerID, true)
		if err != nil {
			return Attachment{}, err
		}
		if err := s.authorizeAttach(a, before.OwnerKind, o); err != nil {
			return Attachment{}, err
		}
		switch {
		case reason == "":
			return Attachment{}, Invalid("reason", "请填写撤回理由")
		case utf8.RuneCountInString(reason) > 500:
			return Attachment{}, Invalid("reason", "撤回理由不能超过 500 字")
		}
		if before.Withdrawn {
			return Attachment{}, Conflict("该附件已于 %s 撤回", before.WithdrawnAt.In(Shanghai).Format("2006-01-02 15:04"))
		}
		res := tx.Exec("UPDATE attachments SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ? AND withdrawn_at IS NULL",
			s.Clock.Now().UTC(), actorID(a), reason, id)
		if err := changedOne(res, Conflict("该附件刚被他人撤回，请刷新后查看")); err != nil {
			return Attachment{}, err
		}
		out, err := s.attachmentTx(tx, a.Court, id)
		if err != nil {
			return Attachment{}, err
		}
		return out, s.Audit(tx, a, "attachment.withdraw", "attachment", id, before, out)
	})
}

// attachmentSelect reads attachments with the names of who added and withdrew them.
const attachmentSelect = `SELECT a.*, COALESCE(u.name, '') AS creator_name, COALESCE(w.name, '') AS withdrawer_name
FROM attachments a LEFT JOIN users u ON u.id = a.created_by LEFT JOIN users w ON w.id = a.withdrawn_by`

func (s *Store) attachmentTx(tx *gorm.DB, court string, id int64) (Attachment, error) {
	at, err := scanOne[Attachment](tx.Raw(attachmentSelect+" WHERE a.id = ? AND a.court_code = ?", id, court), "附件")
	if err != nil {
		return at, err
	}
	at.see()
	return at, nil
}

// ReadAttachment returns attachment id if the actor may read its owner. An
// attachment the actor may not read is "not found", like another court's:
// a file's existence is not told to those who may not see it.
func (s *Store) ReadAttachment(ctx context.Context, a Actor, id int64) (Attachment, error) {
	db := s.DB.WithContext(ctx)
	at, err := s.attachmentTx(db, a.Court, id)
	if err != nil {
		return at, s.Err(err)
	}
	read, _ := attachmentActions(at.OwnerKind)
	o, err := s.ownerTx(db, a.Court, at.OwnerKind, at.OwnerID, false)
	if err == nil {
		err = s.authorizeOwner(a, read, o)
	}
	if code := ErrorCode(err); code == EFORBIDDEN || code == ENOTFOUND {
		return Attachment{}, NotFound("附件")
	}
	return at, s.Err(err)
}

// CopyAttachment writes the bytes of at (read with ReadAttachment) to w, a chunk at a time.
func (s *Store) CopyAttachment(ctx context.Context, w io.Writer, at Attachment) error {
	return s.blobs().Copy(ctx, w, at.ID, at.Size)
}

// ListAttachments lists the attachments of one record, oldest first, the
// withdrawn included. The caller has authorised reading the record.
func (s *Store) ListAttachments(ctx context.Context, a Actor, kind string, ownerID int64) ([]Attachment, error) {
	items := []Attachment{}
	err := s.DB.WithContext(ctx).Raw(attachmentSelect+" WHERE a.court_code = ? AND a.owner_kind = ? AND a.owner_id = ? ORDER BY a.created_at, a.id",
		a.Court, kind, ownerID).Scan(&items).Error
	if err != nil || len(items) == 0 {
		return items, s.Err(err)
	}
	o, err := s.ownerTx(s.DB.WithContext(ctx), a.Court, kind, ownerID, false)
	may := err == nil && MayAttach(s.Authz, a, kind, o.Record)
	for i := range items {
		items[i].see()
		items[i].MayWithdraw = may && !items[i].Withdrawn
	}
	return items, s.Err(err)
}

// CaseAttachments lists every attachment of a case's file, oldest first, the
// withdrawn included: the case's own, its mediations' and commitments', and
// those of the letters about it that the actor may read. The caller has
// authorised reading the case.
func (s *Store) CaseAttachments(ctx context.Context, a Actor, caseID int64) ([]Attachment, error) {
	q := `SELECT a.*, COALESCE(u.name, '') AS creator_name, COALESCE(w.name, '') AS withdrawer_name, COALESCE(l.drafted_by, 0) AS letter_drafter
FROM attachments a LEFT JOIN users u ON u.id = a.created_by LEFT JOIN users w ON w.id = a.withdrawn_by
LEFT JOIN letters l ON a.owner_kind = 'letter' AND l.id = a.owner_id
WHERE a.court_code = ? AND (
 (a.owner_kind = 'case' AND a.owner_id = ?)
 OR (a.owner_kind = 'mediation' AND a.owner_id IN (SELECT m.id FROM mediations m WHERE m.case_id = ?))
 OR (a.owner_kind = 'commitment' AND a.owner_id IN (SELECT cm.id FROM commitments cm WHERE cm.case_id = ?))
 OR (a.owner_kind = 'service' AND a.owner_id IN (SELECT sv.id FROM services sv WHERE sv.case_id = ?))
 OR (a.owner_kind = 'letter' AND l.case_id = ?))
ORDER BY a.created_at, a.id`
	var rows []struct {
		Attachment
		LetterDrafter int64
	}
	if err := s.DB.WithContext(ctx).Raw(q, a.Court, caseID, caseID, caseID, caseID, caseID).Scan(&rows).Error; err != nil {
		return nil, s.Err(err)
	}
	items := []Attachment{}
	if len(rows) == 0 {
		return items, nil
	}
	cs, err := s.ownerTx(s.DB.WithContext(ctx), a.Court, OwnerCase, caseID, false)
	if err != nil {
		return nil, s.Err(err)
	}
	for _, r := range rows {
		rec := cs.Record
		if r.OwnerKind == OwnerLetter {
			rec = Record{Kind: "letter", Court: r.CourtCode, Owner: r.LetterDrafter}
			if s.authorizeOwner(a, ActionLetterRead, attachmentOwner{Record: rec}) != nil {
				continue
			}
		}
		r.see()
		r.MayWithdraw = !r.Withdrawn && MayAttach(s.Authz, a, r.OwnerKind, rec)
		items = append(items, r.Attachment)
	}
	return items, nil
}

// OwnerCase is the case the owner kind/ownerID of the actor's court belongs
// to (0 for a letter without one); pages go back to it after a step.
func (s *Store) OwnerCase(ctx context.Context, a Actor, kind string, ownerID int64) (int64, error) {
	o, err := s.ownerTx(s.DB.WithContext(ctx), a.Court, kind, ownerID, false)
	return o.CaseID, s.Err(err)
}

// CheckAttach answers, before an upload is read, whether the actor may add
// an attachment to the owner: its errors are those AddAttachment would give.
// AddAttachment decides again on the locked row.
func (s *Store) CheckAttach(ctx context.Context, a Actor, kind string, ownerID int64) error {
	if !AttachmentOwners.Valid(kind) {
		return Invalid("owner", "owner 应为 case、mediation、letter、commitment 或 service")
	}
	if ownerID <= 0 {
		return Invalid("owner_id", "owner_id 应为记录编号")
	}
	o, err := s.ownerTx(s.DB.WithContext(ctx), a.Court, kind, ownerID, false)
	if err == nil {
		err = s.authorizeAttach(a, kind, o)
	}
	return s.Err(err)
}

// ServiceTarget is a service (送达) of a case that a receipt may be attached to.
type ServiceTarget struct {
	ID        int64
	Kind      string // the served document's kind
	Recipient string
	Method    string
	SentOn    Date
}

// ServiceTargets lists the services of a case of the actor's court, oldest
// first, for the upload form's choice of record.
func (s *Store) ServiceTargets(ctx context.Context, a Actor, caseID int64) ([]ServiceTarget, error) {
	out := []ServiceTarget{}
	err := s.DB.WithContext(ctx).Table("services sv").Select("sv.id, d.kind, sv.recipient, sv.method, sv.sent_on").
		Joins("JOIN documents d ON d.id = sv.document_id").Joins("JOIN cases c ON c.id = sv.case_id").
		Where("sv.case_id = ? AND c.court_code = ?", caseID, a.Court).Order("sv.sent_on, sv.id").Scan(&out).Error
	return out, s.Err(err)
}

// CleanFileName makes a client's file name fit to show: its last path part,
// without control or path characters, at most 80 characters, ending in ext.
// Bidi and other format characters go too (they could make "gpj.exe" look like "exe.jpg"). It is never used as a path.
func CleanFileName(name, ext string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune(`/\:*?"<>|`, r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if e := path.Ext(name); strings.EqualFold(e, ext) || (ext == ".jpg" && strings.EqualFold(e, ".jpeg")) {
		name = strings.TrimSuffix(name, e)
	}
	name = strings.Trim(name, " .")
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80])
	}
	if name == "" {
		name = "附件"
	}
	return name + ext
}
