package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// reportsView is what /reports shows.
type reportsView struct {
	Period     reports.Period
	Figures    reports.Figures
	Methods    []methodRow
	LastMonth  reports.Month
	Months     []reports.Month
	Archive    []reports.Archived
	Archived   int64 // the version just generated, highlighted
	MayArchive bool  // the user may download archived files
	Judges     []app.Staff
	Organs     []app.Organ
	Flash      string
}

// methodRow is one closing method with its count and share.
type methodRow struct {
	Code, Label string
	N           int64
	Share       *float64 // nil when nothing was closed
}

func methodRows(f reports.Figures) []methodRow {
	var out []methodRow
	for _, code := range reports.LitigationMethods() {
		out = append(out, methodRow{code, app.CloseMethods.Label(code), f.ClosedByMethod[code], reports.Rate(f.ClosedByMethod[code], f.Closed)})
	}
	return out
}

// reportsPage is /reports: the figures of a period, the monthly report of
// any month (the last twelve as links), the archive, and the case-list export.
func (s *Server) reportsPage(c *gin.Context) {
	s.renderReports(c, http.StatusOK, nil, nil)
}

func (s *Server) renderReports(c *gin.Context, status int, form, errs map[string]string) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	today := s.Clock.Today()
	v := reportsView{LastMonth: reports.MonthOf(today).Add(-1)}
	for i := 1; i <= 12; i++ {
		v.Months = append(v.Months, reports.MonthOf(today).Add(-i))
	}
	p, err := statsPeriod(c.Query, today)
	if err != nil {
		e := s.asAppError(c, err)
		if errs == nil {
			errs = map[string]string{}
		}
		for k, msg := range e.Fields {
			errs[k] = msg
		}
		p = reports.YearToDate(today)
		if status == http.StatusOK {
			status = http.StatusBadRequest
		}
	}
	v.Period = p
	if s.Authz.Allowed(a, rbac.StatsRead) {
		if v.Figures, err = reports.Stats(ctx, s.Store, a.Court, p, today); err != nil {
			s.renderError(c, err)
			return
		}
		v.Methods = methodRows(v.Figures)
	}
	if v.Archive, err = reports.ListArchive(ctx, s.Store, a.Court, 120); err != nil {
		s.renderError(c, err)
		return
	}
	vis, _ := s.caseVisibility(c)
	v.MayArchive = vis.Whole()
	v.Archived, _ = strconv.ParseInt(c.Query("archived"), 10, 64)
	if v.Archived > 0 {
		for _, arch := range v.Archive {
			if arch.ID == v.Archived {
				v.Flash = fmt.Sprintf("已生成 %s 月度报表第 %d 版并归档（SHA-256 %s…）", arch.Month, arch.Version, arch.SHA256[:12])
			}
		}
	}
	if s.Authz.Allowed(a, rbac.StaffRead) {
		v.Judges, _ = s.Store.ListStaff(ctx, a, app.RoleJudge)
	}
	if s.Authz.Allowed(a, rbac.OrganRead) {
		organs, err := s.Store.ListOrgans(ctx, a, "", "", app.Page{Page: 1, Size: 100})
		if err == nil {
			v.Organs = organs.Items
		}
	}
	s.renderForm(c, status, "report_index.html", "统计报表", v, form, errs)
}

// reportsArchiveSubmit generates and archives the report of a month on demand (leader).
func (s *Server) reportsArchiveSubmit(c *gin.Context) {
	month := c.PostForm("month")
	form := map[string]string{"month": month}
	m, err := s.reportMonth(month)
	if err == nil && month == "" {
		err = app.Invalid("month", "请选择月份")
	}
	if err != nil {
		e := s.asAppError(c, err)
		s.renderReports(c, statusOf[e.Code], form, fieldsOrMessage(e))
		return
	}
	a, _ := actorOf(c)
	arch, err := reports.Archive(c.Request.Context(), s.Store, a, m)
	if err != nil {
		e := s.asAppError(c, err)
		s.renderReports(c, statusOf[e.Code], form, fieldsOrMessage(e))
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/reports?archived=%d#archive", arch.ID))
}

// importView is what /reports/import shows.
type importView struct {
	Headers  []string
	Imported int
	Errors   []reports.RowError
	MaxRows  int
	MaxMB    int64
}

func (s *Server) importPage(c *gin.Context) {
	s.renderForm(c, http.StatusOK, "import_cases.html", "导入案件台账", s.newImportView(), nil, nil)
}

func (s *Server) newImportView() importView {
	return importView{Headers: reports.LedgerHeaders, MaxRows: reports.MaxLedgerRows, MaxMB: s.Config.MaxUpload >> 20}
}

// importSubmit imports an uploaded ledger and shows the outcome: the count,
// or every bad row in a table (nothing imported).
func (s *Server) importSubmit(c *gin.Context) {
	v := s.newImportView()
	res, err := s.importUpload(c)
	if err != nil {
		e := s.asAppError(c, err)
		s.renderForm(c, statusOf[e.Code], "import_cases.html", "导入案件台账", v, nil, fieldsOrMessage(e))
		return
	}
	v.Imported, v.Errors = res.Imported, res.Errors
	status := http.StatusOK
	if len(res.Errors) > 0 {
		status = http.StatusBadRequest
	}
	s.renderForm(c, status, "import_cases.html", "导入案件台账", v, nil, nil)
}
