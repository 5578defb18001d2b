package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// documentFor loads a document and authorises action on its case.
func (s *Server) documentFor(c *gin.Context, action rbac.Action) (app.Document, app.CaseRef, bool) {
	return recordOfCase(s, c, action, s.Store.GetDocument, func(d app.Document) int64 { return d.CaseID })
}

// partyCase finds the case of a party row of the user's court (recordFor's caseOf).
func (s *Server) partyCase(c *gin.Context) func(context.Context, int64) (app.CaseRef, error) {
	a, _ := actorOf(c)
	return func(ctx context.Context, id int64) (app.CaseRef, error) {
		caseID, err := s.Store.PartyCase(ctx, a, id)
		if err != nil {
			return app.CaseRef{}, err
		}
		return s.Store.GetCaseRef(ctx, caseID)
	}
}

func (s *Server) apiAddParty(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseEdit, s.bindJSON, http.StatusCreated, s.Store.AddParty)
}

func (s *Server) apiRemoveParty(c *gin.Context) {
	id, _, ok := s.recordFor(c, rbac.CaseEdit, s.partyCase(c))
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
	apiCaseStep(s, c, rbac.CaseEdit, s.bindJSON, http.StatusOK, func(ctx context.Context, a app.Actor, id int64, in app.ActInput) (gin.H, error) {
		act, err := s.Store.SetChallengedAct(ctx, a, id, in)
		return gin.H{"challenged_act": act, "claims": in.Claims}, err
	})
}

func (s *Server) apiListTemplates(c *gin.Context) {
	a, _ := actorOf(c)
	list, err := s.Store.DocumentTemplates(c.Request.Context(), a)
	apiAnswer(s, c, http.StatusOK, list, err)
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
	apiAnswer(s, c, http.StatusOK, t, err)
}

func (s *Server) apiListDocuments(c *gin.Context) {
	if ref, ok := s.caseFor(c, rbac.CaseRead); ok {
		apiRun(s, c, http.StatusOK, ref.ID, s.Store.Documents)
	}
}

// documentInput is the body of POST /cases/:id/documents.
type documentInput struct {
	Kind string `json:"kind"`
}

func (s *Server) apiGenerateDocument(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseEdit, s.bindJSON, http.StatusCreated, func(ctx context.Context, a app.Actor, id int64, in documentInput) (app.Document, error) {
		return s.Store.GenerateDocument(ctx, a, id, in.Kind)
	})
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
	if d, _, ok := s.documentFor(c, rbac.CaseEdit); ok {
		apiStep(s, c, d.ID, s.bindJSON, http.StatusCreated, s.Store.RecordService)
	}
}

// The case page's forms.

func (s *Server) partySubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseEdit, "party", "party", func(app.Problems) app.PartyInput {
		return app.PartyInput{Role: c.PostForm("role"), Side: c.PostForm("side"), Name: c.PostForm("name"),
			Kind: c.PostForm("kind"), Phone: c.PostForm("phone")}
	}, s.Store.AddParty, "role", "side", "name", "kind", "phone")
}

func (s *Server) partyRemoveSubmit(c *gin.Context) {
	id, ref, ok := s.recordFor(c, rbac.CaseEdit, s.partyCase(c))
	if !ok {
		return
	}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "party", "party_removed", app.Problems{}, func() error {
		return s.Store.RemoveParty(c.Request.Context(), a, id)
	})
}

func (s *Server) actSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseEdit, "act", "act", func(p app.Problems) app.ActInput {
		return app.ActInput{Number: c.PostForm("number"), Date: formDate(c, "date", p), Content: c.PostForm("content"),
			Claims: c.PostForm("claims")}
	}, s.Store.SetChallengedAct, "number", "date", "content", "claims")
}

func (s *Server) documentSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseEdit, "document", "document", func(app.Problems) string { return c.PostForm("kind") },
		s.Store.GenerateDocument, "kind")
}

func (s *Server) serviceSubmit(c *gin.Context) {
	d, ref, ok := s.documentFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	stepSubmit(s, c, ref.ID, d.ID, "service", "served", func(p app.Problems) app.DocumentServiceInput {
		return app.DocumentServiceInput{Recipient: c.PostForm("recipient"), Method: c.PostForm("method"),
			SentOn: formDate(c, "sent_on", p), ServedOn: formDate(c, "served_on", p)}
	}, s.Store.RecordService, "recipient", "method", "sent_on", "served_on")
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
