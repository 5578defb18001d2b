package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

func (s *Server) apiListProtectionOrders(c *gin.Context) {
	apiCourtList(s, c, workstationOf, s.Store.ListProtectionOrders)
}

// workstationOf reads ?workstation_id of the list of protection orders; 0 when absent.
func workstationOf(c *gin.Context) (int64, error) {
	bad := app.Problems{}
	wsID := queryID(c, "workstation_id", bad)
	return wsID, bad.Err()
}

func (s *Server) apiCreateProtectionOrder(c *gin.Context) {
	var in app.ProtectionOrderInput
	if s.bindDated(c, &in) {
		apiRun(s, c, http.StatusCreated, in, s.Store.CreateProtectionOrder)
	}
}

// protectionOrdersPage lists the court's judicial protection orders and lets
// a judge record one.
func (s *Server) protectionOrdersPage(c *gin.Context) {
	s.renderProtectionOrders(c, formFailure{status: http.StatusOK})
}

func (s *Server) renderProtectionOrders(c *gin.Context, ff formFailure) {
	ctx := c.Request.Context()
	a, _ := actorOf(c)
	wsID, err := workstationOf(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	pg, _ := pageOf(c)
	list, err := s.Store.ListProtectionOrders(ctx, a, wsID, app.Page{Page: pg.Page, Size: 20})
	if err != nil {
		s.renderError(c, err)
		return
	}
	stations, err := s.Store.WorkstationChoices(ctx, a)
	if err != nil {
		s.renderError(c, err)
		return
	}
	data := gin.H{"List": list, "Pager": newPager(c, list.Total, pg.Page, 20), "Workstations": stations,
		"WorkstationID": wsID, "Flash": fieldFlash(c), "DefaultWorkstation": ""}
	if wsID != 0 {
		data["DefaultWorkstation"] = strconv.FormatInt(wsID, 10)
	}
	s.renderForm(c, ff.status, "protection_order_list.html", "司法保护令", data, ff.form, ff.errs)
}

func (s *Server) protectionOrdersCreateSubmit(c *gin.Context) {
	f := newPostedForm(c)
	in := app.ProtectionOrderInput{IssuedOn: f.date("issued_on"), Issuers: app.AgencyList(f.text("issuers")), Area: f.text("area"),
		Content: f.text("content"), WorkstationID: f.id("workstation_id")}
	today := s.Clock.Today()
	err := f.err(func() error { return in.Validate(today) })
	if err == nil {
		_, err = run(c, in, s.Store.CreateProtectionOrder)
	}
	s.fieldFormDone(c, err, "/protection-orders?ok=order", s.renderProtectionOrders, "issued_on", "issuers", "area", "content", "workstation_id")
}
