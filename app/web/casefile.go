package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// caseFileRoutes registers the case file's routes: parties, the challenged
// act, document templates, generated documents and their service.
func (s *Server) caseFileRoutes(api, site *gin.RouterGroup) {
	api.POST("/cases/:id/parties", s.can(rbac.CaseEdit), s.apiAddParty)
	api.DELETE("/parties/:id", s.can(rbac.CaseEdit), s.apiRemoveParty)
	api.PUT("/cases/:id/challenged-act", s.can(rbac.CaseEdit), s.apiSetChallengedAct)
	api.GET("/document-templates", s.can(rbac.CaseRead), s.apiListTemplates)
	api.GET("/document-templates/:kind/file.docx", s.can(rbac.CaseRead), s.templateFile)
	api.PUT("/document-templates/:kind", s.can(rbac.TemplateWrite), s.apiSaveTemplate)
	api.GET("/cases/:id/documents", s.can(rbac.CaseRead), s.apiListDocuments)
	api.POST("/cases/:id/documents", s.can(rbac.CaseEdit), s.apiGenerateDocument)
	api.GET("/documents/:id/file.docx", s.can(rbac.CaseRead), s.documentFile)
	api.POST("/documents/:id/services", s.can(rbac.CaseEdit), s.apiRecordService)

	site.POST("/cases/:id/parties", s.can(rbac.CaseEdit), s.partySubmit)
	site.POST("/parties/:id/delete", s.can(rbac.CaseEdit), s.partyRemoveSubmit)
	site.POST("/cases/:id/challenged-act", s.can(rbac.CaseEdit), s.actSubmit)
	site.POST("/cases/:id/documents", s.can(rbac.CaseEdit), s.documentSubmit)
	site.GET("/documents/:id/file.docx", s.can(rbac.CaseRead), s.documentFile)
	site.POST("/documents/:id/services", s.can(rbac.CaseEdit), s.serviceSubmit)
	site.GET("/admin/document-templates", s.can(rbac.TemplateWrite), s.templatesPage)
	site.POST("/admin/document-templates/:kind", s.can(rbac.TemplateWrite), s.templateSubmit)
	site.GET("/admin/document-templates/:kind/file.docx", s.can(rbac.TemplateWrite), s.templateFile)
}

// documentFor loads a document and authorises action on its case.
func (s *Server) documentFor(c *gin.Context, action rbac.Action) (app.Document, app.CaseRef, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return app.Document{}, app.CaseRef{}, false
	}
	a, _ := actorOf(c)
	d, err := s.Store.GetDocument(c.Request.Context(), a, id)
	if err != nil {
		s.failAuto(c, err)
		return d, app.CaseRef{}, false
	}
	ref, err := s.Store.GetCaseRef(c.Request.Context(), d.CaseID)
	if err != nil {
		s.failAuto(c, err)
		return d, ref, false
	}
	return d, ref, s.authorize(c, action, rbac.CaseObject(ref))
}

// partyFor loads the case of a party row and authorises action on it.
func (s *Server) partyFor(c *gin.Context, action rbac.Action) (int64, app.CaseRef, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return 0, app.CaseRef{}, false
	}
	a, _ := actorOf(c)
	caseID, err := s.Store.PartyCase(c.Request.Context(), a, id)
	if err != nil {
		s.failAuto(c, err)
		return 0, app.CaseRef{}, false
	}
	ref, err := s.Store.GetCaseRef(c.Request.Context(), caseID)
	if err != nil {
		s.failAuto(c, err)
		return 0, ref, false
	}
	return id, ref, s.authorize(c, action, rbac.CaseObject(ref))
}

func (s *Server) apiAddParty(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	var in app.PartyInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	p, err := s.Store.AddParty(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func (s *Server) apiRemoveParty(c *gin.Context) {
	id, _, ok := s.partyFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	if err := s.Store.RemoveParty(c.Request.Context(), a, id); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) apiSetChallengedAct(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	var in app.ActInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	act, err := s.Store.SetChallengedAct(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"challenged_act": act, "claims": in.Claims})
}

func (s *Server) apiListTemplates(c *gin.Context) {
	a, _ := actorOf(c)
	list, err := s.Store.DocumentTemplates(c.Request.Context(), a)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

// templateFile downloads the template in force for a kind (the court's or the default).
func (s *Server) templateFile(c *gin.Context) {
	a, _ := actorOf(c)
	b, err := s.Store.TemplateFile(c.Request.Context(), a, c.Param("kind"))
	if err != nil {
		s.failAuto(c, err)
		return
	}
	sendDocx(c, app.DocumentKinds.Label(c.Param("kind"))+"模板.docx", b)
}

func (s *Server) apiSaveTemplate(c *gin.Context) {
	content, err := s.uploadedFile(c, "file")
	if err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	t, err := s.Store.SaveTemplate(c.Request.Context(), a, c.Param("kind"), content)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

func (s *Server) apiListDocuments(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	list, err := s.Store.Documents(c.Request.Context(), a, ref.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) apiGenerateDocument(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	var in struct {
		Kind string `json:"kind"`
	}
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	d, err := s.Store.GenerateDocument(c.Request.Context(), a, ref.ID, in.Kind)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, d)
}

// documentFile downloads a generated document.
func (s *Server) documentFile(c *gin.Context) {
	d, _, ok := s.documentFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	sendDocx(c, d.FileName(), d.Content)
}

// sendDocx sends a .docx as a download named by the system (RFC 5987 for the Chinese name).
func sendDocx(c *gin.Context, name string, b []byte) {
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="document.docx"; filename*=UTF-8''%s`, url.PathEscape(name)))
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b)
}

func (s *Server) apiRecordService(c *gin.Context) {
	d, _, ok := s.documentFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	var in app.DocumentServiceInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	sv, err := s.Store.RecordService(c.Request.Context(), a, d.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, sv)
}

// The case page's forms.

func (s *Server) partySubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	in := app.PartyInput{Role: c.PostForm("role"), Side: c.PostForm("side"), Name: c.PostForm("name"),
		Kind: c.PostForm("kind"), Phone: c.PostForm("phone")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "party", "party", app.Problems{}, func() error {
		_, err := s.Store.AddParty(c.Request.Context(), a, ref.ID, in)
		return err
	}, "role", "side", "name", "kind", "phone")
}

func (s *Server) partyRemoveSubmit(c *gin.Context) {
	id, ref, ok := s.partyFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "party", "party_removed", app.Problems{}, func() error {
		return s.Store.RemoveParty(c.Request.Context(), a, id)
	})
}

func (s *Server) actSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.ActInput{Number: c.PostForm("number"), Date: formDate(c, "date", p), Content: c.PostForm("content"),
		Claims: c.PostForm("claims")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "act", "act", p, func() error {
		_, err := s.Store.SetChallengedAct(c.Request.Context(), a, ref.ID, in)
		return err
	}, "number", "date", "content", "claims")
}

func (s *Server) documentSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "document", "document", app.Problems{}, func() error {
		_, err := s.Store.GenerateDocument(c.Request.Context(), a, ref.ID, c.PostForm("kind"))
		return err
	}, "kind")
}

func (s *Server) serviceSubmit(c *gin.Context) {
	d, ref, ok := s.documentFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.DocumentServiceInput{Recipient: c.PostForm("recipient"), Method: c.PostForm("method"),
		SentOn: formDate(c, "sent_on", p), ServedOn: formDate(c, "served_on", p)}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "service", "served", p, func() error {
		_, err := s.Store.RecordService(c.Request.Context(), a, d.ID, in)
		return err
	}, "recipient", "method", "sent_on", "served_on")
}

// templatesView is the template management page.
type templatesView struct {
	Templates    []app.DocumentTemplate
	Placeholders []app.Placeholder
	Saved        string
}

func (s *Server) templatesPage(c *gin.Context) {
	s.renderTemplates(c, http.StatusOK, nil)
}

func (s *Server) renderTemplates(c *gin.Context, status int, errs map[string]string) {
	a, _ := actorOf(c)
	list, err := s.Store.DocumentTemplates(c.Request.Context(), a)
	if err != nil {
		s.renderError(c, err)
		return
	}
	v := templatesView{Templates: list, Placeholders: app.Placeholders, Saved: app.DocumentKinds.Label(c.Query("saved"))}
	if c.Query("saved") == "" {
		v.Saved = ""
	}
	s.renderForm(c, status, "document_templates.html", "文书模板", v, nil, errs)
}

func (s *Server) templateSubmit(c *gin.Context) {
	kind := c.Param("kind")
	content, err := s.uploadedFile(c, "file")
	if err == nil {
		a, _ := actorOf(c)
		_, err = s.Store.SaveTemplate(c.Request.Context(), a, kind, content)
	}
	if err != nil {
		e := s.asAppError(c, err)
		if e.Code != app.EINVALID && e.Code != app.ETOOLARGE {
			s.renderError(c, err)
			return
		}
		msg := e.Message
		if m, ok := e.Fields["file"]; ok {
			msg = m
		}
		s.renderTemplates(c, statusOf[e.Code], map[string]string{"_": app.DocumentKinds.Label(kind) + "模板未保存：" + msg, "kind": kind})
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/document-templates?saved="+url.QueryEscape(kind))
}
