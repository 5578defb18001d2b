package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

func (s *Server) apiListOrgans(c *gin.Context) {
	pg, err := pageOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	list, err := s.Store.ListOrgans(c.Request.Context(), a, c.Query("q"), c.Query("kind"), pg)
	apiAnswer(s, c, http.StatusOK, list, err)
}

func (s *Server) apiGetOrgan(c *gin.Context) {
	if id, ok := s.idParam(c, "id"); ok {
		apiRun(s, c, http.StatusOK, id, s.Store.GetOrgan)
	}
}

func (s *Server) apiCreateOrgan(c *gin.Context) {
	apiSave(s, c, http.StatusCreated, s.Store.CreateOrgan)
}

// organsPage lists the court's organs, with a form to add one for those who may.
func (s *Server) organsPage(c *gin.Context) {
	s.renderOrgans(c, http.StatusOK, nil, nil, "")
}

func (s *Server) renderOrgans(c *gin.Context, status int, form, errs map[string]string, flash string) {
	a, _ := actorOf(c)
	pg, _ := pageOf(c)
	list, err := s.Store.ListOrgans(c.Request.Context(), a, c.Query("q"), "", app.Page{Page: pg.Page, Size: 50})
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.renderForm(c, status, "organs.html", "行政机关", gin.H{"Organs": list, "Kinds": app.OrganKinds.Options, "Flash": flash, "Q": c.Query("q"), "Pager": newPager(c, list.Total, pg.Page, 50)}, form, errs)
}

func (s *Server) organsCreateSubmit(c *gin.Context) {
	in := app.OrganInput{Name: c.PostForm("name"), Kind: c.PostForm("kind"), Region: c.PostForm("region")}
	o, err := run(c, in, s.Store.CreateOrgan)
	if err != nil {
		s.formFailed(c, err, func(status int, errs map[string]string) {
			s.renderOrgans(c, status, formValues(c, "name", "kind", "region"), errs, "")
		})
		return
	}
	s.renderOrgans(c, http.StatusOK, nil, nil, "已添加 "+o.Name)
}
