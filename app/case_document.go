package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/docx"
)

// ActionTemplateWrite replaces the court's document templates (admin).
const ActionTemplateWrite Action = "template:write"

// MaxTemplateSize is the largest template upload.
const MaxTemplateSize = 5 << 20

// Document is a document generated for a case from the court's template.
type Document struct {
	ID     int64  `json:"id" gorm:"primaryKey"`
	CaseID int64  `json:"case_id"`
	Kind   string `json:"kind"`
	// Number is the document's own number where its kind has one.
	Number      string    `json:"number,omitempty"`
	Content     []byte    `json:"-"`
	CreatedBy   *int64    `json:"created_by"`
	CreatorName string    `json:"created_by_name" gorm:"->;-:migration"`
	CreatedAt   time.Time `json:"created_at"`
	// Services are the document's service records.
	Services []DocumentService `json:"services" gorm:"-"`
}

// TableName is the documents table.
func (Document) TableName() string { return "documents" }

// Title is the document's name in Chinese.
func (d Document) Title() string { return DocumentKinds.Label(d.Kind) }

// FileName is the name a download of the document carries.
func (d Document) FileName() string {
	return fmt.Sprintf("%s-%d.docx", d.Title(), d.ID)
}

// documentTemplate is a court's own template of a kind.
type documentTemplate struct {
	ID         int64 `gorm:"primaryKey"`
	CourtCode  string
	Kind       string
	Content    []byte
	UploadedBy *int64
	UploadedAt time.Time
}

func (documentTemplate) TableName() string { return "document_templates" }

// DocumentTemplate describes a kind's template (GET /document-templates).
type DocumentTemplate struct {
	Kind         string   `json:"kind"`
	Label        string   `json:"label"`
	Placeholders []string `json:"placeholders"`
	// Uploaded says the court replaced the default; UploadedAt when.
	Uploaded   bool       `json:"uploaded"`
	UploadedAt *time.Time `json:"uploaded_at,omitempty"`
}

// DocumentTemplates lists every kind's template in force for the actor's court.
func (s *Store) DocumentTemplates(ctx context.Context, a Actor) ([]DocumentTemplate, error) {
	var own []documentTemplate
	if err := s.DB.WithContext(ctx).Where("court_code = ?", a.Court).Find(&own).Error; err != nil {
		return nil, s.Err(err)
	}
	byKind := map[string]documentTemplate{}
	for _, t := range own {
		byKind[t.Kind] = t
	}
	out := []DocumentTemplate{}
	for _, o := range DocumentKinds.Options {
		t := DocumentTemplate{Kind: o.Code, Label: o.Label}
		content := DefaultTemplate(o.Code)
		if u, ok := byKind[o.Code]; ok {
			content, t.Uploaded = u.Content, true
			at := u.UploadedAt
			t.UploadedAt = &at
		}
		names, _ := docx.Placeholders(content)
		t.Placeholders = append([]string{}, names...)
		out = append(out, t)
	}
	return out, nil
}

// TemplateFile returns the template in force for a kind: the court's own or the default.
func (s *Store) TemplateFile(ctx context.Context, a Actor, kind string) ([]byte, error) {
	return s.templateTx(s.DB.WithContext(ctx), a.Court, kind)
}

func (s *Store) templateTx(tx *gorm.DB, court, kind string) ([]byte, error) {
	if !DocumentKinds.Valid(kind) {
		return nil, NotFound("文书模板")
	}
	var t documentTemplate
	if err := tx.Where("court_code = ? AND kind = ?", court, kind).Limit(1).Find(&t).Error; err != nil {
		return nil, s.Err(err)
	}
	if t.ID != 0 {
		return t.Content, nil
	}
	return DefaultTemplate(kind), nil
}

// CheckTemplate checks an uploaded template: a .docx whose placeholders are all known.
func CheckTemplate(content []byte) ([]string, error) {
	names, err := docx.Placeholders(content)
	switch {
	case errors.Is(err, docx.ErrTooLarge):
		return nil, Invalid("file", "模板解压后过大（可能是压缩炸弹），请上传正常的 .docx 文件")
	case err != nil:
		return nil, Invalid("file", "模板应为 Word 文档（.docx）")
	}
	var unknown []string
	for _, n := range names {
		if !KnownPlaceholder(n) {
			unknown = append(unknown, "{{"+n+"}}")
		}
	}
	if len(unknown) > 0 {
		return nil, Invalid("file", "模板含有未知的占位符："+strings.Join(unknown, "、")+"；可用的占位符见本页列表")
	}
	return names, nil
}

// SaveTemplate replaces the court's template of a kind with an uploaded .docx (template:write).
func (s *Store) SaveTemplate(ctx context.Context, a Actor, kind string, content []byte) (DocumentTemplate, error) {
	if err := s.authorizeCourt(a, ActionTemplateWrite); err != nil {
		return DocumentTemplate{}, err
	}
	if !DocumentKinds.Valid(kind) {
		return DocumentTemplate{}, NotFound("文书种类")
	}
	if len(content) > MaxTemplateSize {
		return DocumentTemplate{}, Invalid("file", "模板文件不能超过 5 MiB")
	}
	names, err := CheckTemplate(content)
	if err != nil {
		return DocumentTemplate{}, err
	}
	now := s.Clock.Now().UTC()
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("court_code = ? AND kind = ?", a.Court, kind).Delete(&documentTemplate{}).Error; err != nil {
			return err
		}
		t := documentTemplate{CourtCode: a.Court, Kind: kind, Content: content, UploadedBy: actorID(a), UploadedAt: now}
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
		return s.Audit(tx, a, "template.upload", "document_template", t.ID, nil,
			map[string]any{"kind": kind, "bytes": len(content), "placeholders": names})
	})
	return DocumentTemplate{Kind: kind, Label: DocumentKinds.Label(kind), Placeholders: append([]string{}, names...),
		Uploaded: true, UploadedAt: &now}, err
}

// GenerateDocument fills the court's template of kind from the case's
// records and keeps the result with the case (case:edit). Generating a kind
// again after a correction adds a new document; the earlier stays in the file.
func (s *Store) GenerateDocument(ctx context.Context, a Actor, caseID int64, kind string) (Document, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Document, error) { return s.GenerateDocumentTx(tx, a, caseID, kind) })
}

// GenerateDocumentTx is GenerateDocument inside tx.
func (s *Store) GenerateDocumentTx(tx *gorm.DB, a Actor, caseID int64, kind string) (Document, error) {
	kind = strings.TrimSpace(kind)
	if code, ok := DocumentKinds.Parse(kind); ok {
		kind = code
	} else if kind == "" {
		return Document{}, Invalid("kind", "请选择文书种类")
	} else {
		return Document{}, Invalid("kind", "文书种类不正确："+kind)
	}
	if _, err := s.lockCaseForTx(tx, a, caseID, ActionCaseEdit); err != nil {
		return Document{}, err
	}
	tpl, err := s.templateTx(tx, a.Court, kind)
	if err != nil {
		return Document{}, err
	}
	values, number, err := s.documentValuesTx(tx, a, caseID, kind)
	if err != nil {
		return Document{}, err
	}
	content, err := docx.Fill(tpl, values)
	if err != nil {
		return Document{}, Invalid("kind", "本院的"+DocumentKinds.Label(kind)+"模板无法读取，请管理员重新上传")
	}
	d := Document{CaseID: caseID, Kind: kind, Number: number, Content: content, CreatedBy: actorID(a),
		CreatedAt: s.Clock.Now().UTC()}
	if err := tx.Omit("Services").Create(&d).Error; err != nil {
		return d, err
	}
	d.Services = []DocumentService{}
	return d, s.Audit(tx, a, "case.document", "case", caseID, nil,
		map[string]any{"document_id": d.ID, "kind": kind, "number": number})
}

// documentValuesTx computes every placeholder's value for a case, and the
// number of the document of kind where its kind has one.
func (s *Store) documentValuesTx(tx *gorm.DB, a Actor, caseID int64, kind string) (map[string]string, string, error) {
	c, err := s.getCaseTx(tx, a.Court, caseID)
	if err != nil {
		return nil, "", err
	}
	parties, err := s.partiesOfTx(tx, c)
	if err != nil {
		return nil, "", err
	}
	var courtName string
	if err := tx.Table("courts").Select("name").Where("code = ?", a.Court).Row().Scan(&courtName); err != nil {
		return nil, "", err
	}
	names := func(ps []CaseParty) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return strings.Join(out, "、")
	}
	today := s.Clock.Today()
	v := map[string]string{
		"法院": courtName, "案号": c.CaseNo, "案由": c.Cause, "立案日期": c.FiledOn.Chinese(),
		"承办法官": c.JudgeName, "审限届满日": c.DeadlineView.DeadlineOn.Chinese(),
		"原告": names(parties.Plaintiffs), "被告": c.OrganName, "第三人": names(parties.ThirdParties),
		"诉讼请求": parties.Claims, "结案日期": c.ClosedOn.Chinese(), "日期": DocumentDate(today),
		"被诉行为文号": parties.ChallengedAct.Number, "被诉行为日期": parties.ChallengedAct.Date.Chinese(),
		"被诉行为内容": parties.ChallengedAct.Content,
	}
	all := []string{v["原告"], v["被告"]}
	if v["第三人"] != "" {
		all = append(all, v["第三人"])
	}
	v["各方当事人"] = strings.Join(all, "、")
	act := c.OrganName
	if parties.ChallengedAct == (ChallengedAct{}) {
		act = ""
	}
	if n := parties.ChallengedAct.Number; n != "" {
		act += "作出的" + n
	}
	if d := parties.ChallengedAct.Date; !d.IsZero() {
		act += "（" + d.Chinese() + "）"
	}
	if t := parties.ChallengedAct.Content; t != "" {
		act += "：" + t
	}
	v["被诉行政行为"] = act
	// The head of a ruling: each party on its line, each agent under its side.
	agentsOf := func(side string) []string {
		var out []string
		for _, ag := range parties.Agents {
			if ag.Side == side {
				out = append(out, "委托诉讼代理人："+ag.Name+"，"+agentKindText(ag.Kind)+"。")
			}
		}
		return out
	}
	var head []string
	for _, p := range parties.Plaintiffs {
		head = append(head, "原告："+p.Name+"。")
	}
	head = append(head, agentsOf("plaintiff")...)
	head = append(head, "被告："+c.OrganName+"。")
	head = append(head, agentsOf("defendant")...)
	for _, p := range parties.ThirdParties {
		head = append(head, "第三人："+p.Name+"。")
	}
	head = append(head, agentsOf("third_party")...)
	v["当事人"] = strings.Join(head, "\n")
	var agents []string
	for _, ag := range parties.Agents {
		line := ag.Name + "（" + AgentSides.Label(ag.Side) + "代理人，" + agentKindText(ag.Kind)
		if ag.Phone != "" {
			line += "，电话" + ag.Phone
		}
		agents = append(agents, line+"）")
	}
	v["代理人"] = strings.Join(agents, "、")

	var hearing Hearing
	if err := tx.Where("case_id = ?", caseID).Order("starts_at DESC, id DESC").Limit(1).Find(&hearing).Error; err != nil {
		return nil, "", err
	}
	if hearing.ID != 0 {
		v["开庭时间"] = hearing.StartsAt.Date().Chinese() + hearing.StartsAt.Clock()
		v["开庭地点"] = hearing.Room
	} else {
		v["开庭时间"], v["开庭地点"] = "　　年　　月　　日　　时　　分", "本院　　　法庭"
	}
	var med Mediation
	if err := tx.Where("case_id = ? AND agreement <> ''", caseID).Order("held_on DESC, id DESC").Limit(1).Find(&med).Error; err != nil {
		return nil, "", err
	}
	v["调解内容"] = med.Agreement
	var kinds []string
	if err := tx.Model(&Document{}).Where("case_id = ?", caseID).Order("id").Pluck("kind", &kinds).Error; err != nil {
		return nil, "", err
	}
	var titles []string
	for _, k := range kinds {
		if t := DocumentKinds.Label(k); !containsString(titles, t) && k != "service_receipt" {
			titles = append(titles, t)
		}
	}
	for i, t := range titles {
		titles[i] = "《" + t + "》一份"
	}
	v["送达文书"] = strings.Join(titles, "、")
	v["受送达人"] = ""
	var replyDays int
	if err := tx.Table("courts").Select("letter_reply_days").Where("code = ?", a.Court).Row().Scan(&replyDays); err != nil {
		return nil, "", err
	}
	v["回复期限"] = fmt.Sprintf("%d日", replyDays)

	number := ""
	switch kind {
	case "mediation_statement", "withdrawal_ruling":
		number = c.CaseNo
	case "pre_judgment", "coordination", "judicial":
		var l struct {
			LetterNo    *string
			Problems    string
			Suggestions string
		}
		if err := tx.Table("letters").Select("letter_no, problems, suggestions").
			Where("case_id = ? AND court_code = ? AND kind = ? AND status <> ?", caseID, a.Court, kind, "withdrawn").
			Order("id DESC").Limit(1).Scan(&l).Error; err != nil {
			return nil, "", err
		}
		v["建议问题"], v["建议内容"] = l.Problems, l.Suggestions
		if l.LetterNo != nil {
			number = *l.LetterNo
		}
	}
	if !documentNumbered(kind) {
		number = ""
	}
	v["文书编号"] = number
	if number == "" {
		v["文书编号"] = c.CaseNo
	}
	return v, number, nil
}

func agentKindText(kind string) string {
	if kind == "lawyer" {
		return "律师"
	}
	return "公民代理"
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Documents lists the documents of a case of the actor's court with their
// service records, oldest first, without their bytes.
func (s *Store) Documents(ctx context.Context, a Actor, caseID int64) ([]Document, error) {
	out := []Document{}
	err := s.DB.WithContext(ctx).Table("documents").
		Select("documents.id, documents.case_id, documents.kind, documents.number, documents.created_by, documents.created_at, COALESCE(users.name, '') AS creator_name").
		Joins("LEFT JOIN users ON users.id = documents.created_by").
		Where("documents.case_id = ? AND documents.case_id IN (SELECT id FROM cases WHERE court_code = ?)", caseID, a.Court).
		Order("documents.id").Scan(&out).Error
	if err != nil {
		return out, s.Err(err)
	}
	services, err := s.Services(ctx, a, caseID)
	if err != nil {
		return out, err
	}
	for i := range out {
		out[i].Services = []DocumentService{}
		for _, sv := range services {
			if sv.DocumentID == out[i].ID {
				out[i].Services = append(out[i].Services, sv)
			}
		}
	}
	return out, nil
}

// DocumentFile is a generated document with its bytes (the case-file .zip reads these).
type DocumentFile struct {
	Document
	Name  string
	Bytes []byte
}

// CaseDocumentFiles lists a case's generated documents with their bytes,
// oldest first. The caller has authorised reading the case.
func (s *Store) CaseDocumentFiles(ctx context.Context, a Actor, caseID int64) ([]DocumentFile, error) {
	var docs []Document
	err := s.DB.WithContext(ctx).Where("case_id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", caseID, a.Court).
		Order("id").Find(&docs).Error
	out := make([]DocumentFile, 0, len(docs))
	for _, d := range docs {
		out = append(out, DocumentFile{Document: d, Name: d.FileName(), Bytes: d.Content})
	}
	return out, s.Err(err)
}

// GetDocument returns a document of the actor's court with its bytes; the
// caller authorises reading its case (CaseID).
func (s *Store) GetDocument(ctx context.Context, a Actor, id int64) (Document, error) {
	var d Document
	err := s.DB.WithContext(ctx).Where("id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", id, a.Court).
		Limit(1).Find(&d).Error
	if err == nil && d.ID == 0 {
		return d, NotFound("文书")
	}
	return d, s.Err(err)
}

// DocumentItems are the case file items of a case's generated documents
// (the case-file .zip puts them with the attachments in filing order). Their
// bytes are read one document at a time, as the .zip is written.
func (s *Store) DocumentItems(ctx context.Context, a Actor, caseID int64) ([]CaseFileItem, error) {
	var docs []struct {
		Document
		Size int64
	}
	err := s.DB.WithContext(ctx).Table("documents").Select("id, case_id, kind, number, created_at, LENGTH(content) AS size").
		Where("case_id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", caseID, a.Court).
		Order("id").Scan(&docs).Error
	var out []CaseFileItem
	for _, d := range docs {
		title := d.Title()
		if d.Number != "" {
			title += "（" + d.Number + "）"
		}
		out = append(out, CaseFileItem{Title: title, At: d.CreatedAt, Size: d.Size, Ext: ".docx",
			Write: func(ctx context.Context, w io.Writer) error {
				full, err := s.GetDocument(ctx, a, d.ID)
				if err == nil {
					_, err = w.Write(full.Content)
				}
				return err
			}})
	}
	return out, s.Err(err)
}
