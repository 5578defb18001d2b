package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

func (s *Server) apiListProtectionOrders(c *gin.Context) {
	pg, err := pageOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	bad := app.Problems{}
	wsID := queryID(c, "workstation_id", bad)
	if err := bad.Err(); err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	list, err := s.Store.ListProtectionOrders(c.Request.Context(), a, wsID, pg)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) apiCreateProtectionOrder(c *gin.Context) {
	var in app.ProtectionOrderInput
	today := s.Clock.Today()
	if !s.bindInput(c, &in, func() error { return in.Validate(today) }) {
		return
	}
	a, _ := actorOf(c)
	po, err := s.Store.CreateProtectionOrder(c.Request.Context(), a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, po)
}

// protectionOrdersPage lists the court's judicial protection orders and lets
// a judge record one.
func (s *Server) protectionOrdersPage(c *gin.Context) {
	s.renderProtectionOrders(c, formFailure{status: http.StatusOK})
}

func (s *Server) renderProtectionOrders(c *gin.Context, ff formFailure) {
	ctx := c.Request.Context()
	a, _ := actorOf(c)
	bad := app.Problems{}
	wsID := queryID(c, "workstation_id", bad)
	if err := bad.Err(); err != nil {
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
		a, _ := actorOf(c)
		_, err = s.Store.CreateProtectionOrder(c.Request.Context(), a, in)
	}
	if err != nil {
		s.renderProtectionOrders(c, s.failedForm(c, err, "issued_on", "issuers", "area", "content", "workstation_id"))
		return
	}
	c.Redirect(http.StatusSeeOther, "/protection-orders?ok=order")
}
