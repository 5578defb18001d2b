package web

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

func (s *Server) apiListWorkstations(c *gin.Context) {
	apiCourtList(s, c, workstationKindOf, s.Store.ListWorkstations)
}

// workstationKindOf reads ?kind of the list of workstations.
func workstationKindOf(c *gin.Context) (string, error) {
	kind := c.Query("kind")
	if kind != "" && !app.WorkstationKinds.Valid(kind) {
		return "", app.Invalid("kind", "工作室类型应为 forest、scenic、mediation_station 或 cross_region_office")
	}
	return kind, nil
}

func (s *Server) apiCreateWorkstation(c *gin.Context) {
	var in app.WorkstationInput
	if s.bindInput(c, &in, in.Validate) {
		apiRun(s, c, http.StatusCreated, in, s.Store.CreateWorkstation)
	}
}

func (s *Server) apiUpdateWorkstation(c *gin.Context) {
	if id, ok := s.idParam(c, "id"); ok {
		apiStep(s, c, id, s.bindFields, http.StatusOK, s.Store.UpdateWorkstation)
	}
}

// workstationDetail is a workstation with its figures, the latest page of its
// service log and its protection orders.
type workstationDetail struct {
	app.Workstation
	Figures          app.WorkstationFigures           `json:"figures"`
	Services         app.List[app.WorkstationService] `json:"services"`
	ProtectionOrders app.List[app.ProtectionOrder]    `json:"protection_orders"`
	PartnerList      []string                         `json:"partner_list"`
}

func (s *Server) loadWorkstationDetail(c *gin.Context, id int64, services app.Page) (workstationDetail, error) {
	ctx := c.Request.Context()
	a, _ := actorOf(c)
	var d workstationDetail
	var err error
	if d.Workstation, err = s.Store.GetWorkstation(ctx, a, id); err != nil {
		return d, err
	}
	if d.Figures, err = s.Store.WorkstationFigures(ctx, a, id); err != nil {
		return d, err
	}
	if d.Services, err = s.Store.ListServices(ctx, a, id, app.ServiceFilter{}, services); err != nil {
		return d, err
	}
	if d.ProtectionOrders, err = s.Store.ListProtectionOrders(ctx, a, id, app.Page{Page: 1, Size: 100}); err != nil {
		return d, err
	}
	d.PartnerList = app.AgencyList(d.Partners).Names()
	if d.PartnerList == nil {
		d.PartnerList = []string{}
	}
	return d, nil
}

func (s *Server) apiGetWorkstation(c *gin.Context) {
	if id, ok := s.idParam(c, "id"); ok {
		d, err := s.loadWorkstationDetail(c, id, app.Page{Page: 1, Size: 50})
		apiAnswer(s, c, http.StatusOK, d, err)
	}
}

func (s *Server) apiListServices(c *gin.Context) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	pg, err := pageOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	bad := app.Problems{}
	f := app.ServiceFilter{Kind: c.Query("kind"), From: queryDate(c, "from", bad), To: queryDate(c, "to", bad)}
	if f.Kind != "" && !app.ServiceKinds.Valid(f.Kind) {
		bad.Add("kind", "服务类型应为 consultation、circuit_hearing、publicity 或 mediation")
	}
	if err := bad.Err(); err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	list, err := s.Store.ListServices(c.Request.Context(), a, id, f, pg)
	apiAnswer(s, c, http.StatusOK, list, err)
}

func (s *Server) apiLogService(c *gin.Context) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	var in app.ServiceInput
	if !s.bindDated(c, &in) {
		return
	}
	a, _ := actorOf(c)
	sv, err := s.Store.LogService(c.Request.Context(), a, id, in)
	apiAnswer(s, c, http.StatusCreated, sv, err)
}

// workstationsPage lists the court's workstations with this year's figures,
// and lets an admin open a new one.
func (s *Server) workstationsPage(c *gin.Context) {
	s.renderWorkstations(c, formFailure{status: http.StatusOK})
}

func (s *Server) renderWorkstations(c *gin.Context, ff formFailure) {
	a, _ := actorOf(c)
	pg, _ := pageOf(c)
	list, err := s.Store.ListWorkstations(c.Request.Context(), a, "", app.Page{Page: pg.Page, Size: 50})
	if err != nil {
		s.renderError(c, err)
		return
	}
	var services, people int64
	for _, w := range list.Items {
		services += w.ServicesThisYear
		people += w.PeopleThisYear
	}
	s.renderForm(c, ff.status, "workstation_list.html", "法官工作室", gin.H{
		"Workstations": list, "Pager": newPager(c, list.Total, pg.Page, 50), "Flash": fieldFlash(c),
		"Year": s.Clock.Today().Year, "Services": services, "People": people,
	}, ff.form, ff.errs)
}

// workstationFormInput reads the workstation form of a page.
func workstationFormInput(f *postedForm) app.WorkstationInput {
	kind, name, place := f.text("kind"), f.text("name"), f.text("place")
	partners := app.AgencyList(f.text("partners"))
	opened := f.date("opened_on")
	return app.WorkstationInput{Kind: &kind, Name: &name, Place: &place, Partners: &partners, OpenedOn: &opened}
}

var workstationFields = []string{"kind", "name", "place", "partners", "opened_on"}

func (s *Server) workstationsCreateSubmit(c *gin.Context) {
	f := newPostedForm(c)
	in := workstationFormInput(f)
	err := f.err(in.Validate)
	var w app.Workstation
	if err == nil {
		w, err = run(c, in, s.Store.CreateWorkstation)
	}
	s.fieldFormDone(c, err, fmt.Sprintf("/workstations/%d?ok=opened", w.ID), s.renderWorkstations, workstationFields...)
}

// workstationPage shows one workstation: what and where it is, its figures,
// its service log (with a form for judges) and its protection orders.
func (s *Server) workstationPage(c *gin.Context) {
	s.renderWorkstation(c, "", formFailure{status: http.StatusOK})
}

// renderWorkstation shows the page; failed names the form ("service" or
// "edit") whose post failed, so that only that form shows ff's values and errors.
func (s *Server) renderWorkstation(c *gin.Context, failed string, ff formFailure) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	pg, _ := pageOf(c)
	d, err := s.loadWorkstationDetail(c, id, app.Page{Page: pg.Page, Size: 20})
	if err != nil {
		s.renderError(c, err)
		return
	}
	flash := fieldFlash(c)
	if a, _ := actorOf(c); c.Query("ok") == "opened" && !s.Authz.Allowed(a, rbac.ServiceWrite) {
		flash = fieldFlashes["opened_elsewhere"]
	}
	s.renderForm(c, ff.status, "workstation_page.html", d.Name, gin.H{
		"W": d, "Failed": failed, "Flash": flash, "Pager": newPager(c, d.Services.Total, pg.Page, 20),
	}, ff.form, ff.errs)
}

func (s *Server) workstationUpdateSubmit(c *gin.Context) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	f := newPostedForm(c)
	in := workstationFormInput(f)
	err := f.err(in.Validate)
	if err == nil {
		a, _ := actorOf(c)
		_, err = s.Store.UpdateWorkstation(c.Request.Context(), a, id, in)
	}
	s.fieldFormDone(c, err, fmt.Sprintf("/workstations/%d?ok=saved", id), s.workstationFailed("edit"), workstationFields...)
}

// workstationFailed shows the workstation page again after its form failed
// ("service" or "edit").
func (s *Server) workstationFailed(failed string) func(*gin.Context, formFailure) {
	return func(c *gin.Context, ff formFailure) { s.renderWorkstation(c, failed, ff) }
}

func (s *Server) serviceLogSubmit(c *gin.Context) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	f := newPostedForm(c)
	in := app.ServiceInput{Kind: f.text("kind"), HeldOn: f.date("held_on"), People: f.number("people"), Notes: f.text("notes")}
	today := s.Clock.Today()
	err := f.err(func() error { return in.Validate(today) })
	if err == nil {
		a, _ := actorOf(c)
		_, err = s.Store.LogService(c.Request.Context(), a, id, in)
	}
	s.fieldFormDone(c, err, fmt.Sprintf("/workstations/%d?ok=service#log", id), s.workstationFailed("service"), "kind", "held_on", "people", "notes")
}
