package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
	"fuyuan/reports"
)

//go:embed templates static
var assets embed.FS

// page is what every template receives: the user, the navigation, the page's
// own data, and, after a failed form post, what was typed and what was wrong.
type page struct {
	Title  string
	User   app.User
	Court  app.Court
	Today  app.Date
	Nav    []navItem
	Path   string
	Data   any
	Form   map[string]string
	Errors map[string]string
	// Todo is the user's to-do list, on their landing page only.
	Todo *todoBox
	// Unread is the count of the user's unread notifications, in the header.
	Unread int64
	// Conflicts are the bookings a refused slot clashes with (a 409), which
	// the failed form lists above its 仍然安排 confirmation.
	Conflicts []app.BookingConflict

	authz *rbac.Enforcer
}

// Can reports whether the user's role may take the action (for showing buttons).
func (p page) Can(action string) bool {
	return p.authz != nil && p.authz.Allowed(p.User.Actor(), rbac.Action(action))
}

// Val returns what the user typed into a field (after a failed post), else def.
func (p page) Val(name string, def ...any) string {
	if v, ok := p.Form[name]; ok {
		return v
	}
	if len(def) > 0 && def[0] != nil {
		return fmt.Sprint(def[0])
	}
	return ""
}

// Chose reports whether v was among the values posted for a field of
// several (checkboxes, kept comma-joined after a failed post).
func (p page) Chose(name string, v any) bool {
	posted, ok := p.Form[name]
	return ok && slices.Contains(strings.Split(posted, ","), fmt.Sprint(v))
}

// Err returns the error of a field, "" when none.
func (p page) Err(name string) string { return p.Errors[name] }

type navItem struct {
	Href, Label string
	Active      bool
}

// navFor lists the sections the user's role may open.
func (s *Server) navFor(a app.Actor, current string) []navItem {
	items := []struct {
		href, label string
		action      rbac.Action
	}{
		{"/", "工作台", ""},
		{"/cases", "案件", rbac.CaseRead},
		{"/visits", "回访", rbac.VisitRead},
		{"/fast-track", "快审通道", rbac.CaseCreate},
		{"/letters", "建议函", rbac.LetterRead},
		{"/liaison", "联络台", rbac.LetterRead},
		{"/meetings", "会议培训", rbac.MeetingRead},
		{"/circuits", "巡回审判", rbac.CircuitRead},
		{"/calendar", "日程", rbac.CaseRead},
		{"/inspections", "勘验", rbac.InspectionRead},
		{"/workstations", "法官工作室", rbac.WorkstationRead},
		{"/protection-orders", "司法保护令", rbac.ProtectionOrderRead},
		{"/reports", "统计报表", rbac.ReportRead},
		{"/analysis", "分析", rbac.StatsRead},
		{"/white-papers", "白皮书", rbac.ReportRead},
		{"/organs", "行政机关", rbac.OrganWrite},
		{"/admin/users", "用户管理", rbac.UserRead},
		{"/admin/document-templates", "文书模板", rbac.TemplateWrite},
	}
	var out []navItem
	for _, it := range items {
		if it.action != "" && !s.Authz.Allowed(a, it.action) {
			continue
		}
		active := it.href == current || (it.href != "/" && strings.HasPrefix(current, it.href+"/"))
		out = append(out, navItem{it.href, it.label, active})
	}
	return out
}

func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	partials, _ := fs.Glob(assets, "templates/partials/*.html")
	out := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" {
			continue
		}
		files := append([]string{"templates/layout.html"}, partials...)
		files = append(files, n)
		t, err := template.New(base).Funcs(templateFuncs).ParseFS(assets, files...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", base, err)
		}
		out[base] = t
	}
	return out, nil
}

// render writes a page with its data.
func (s *Server) render(c *gin.Context, status int, name, title string, data any) {
	s.renderForm(c, status, name, title, data, nil, nil)
}

// renderForm writes a page that may carry a form's typed values and errors.
func (s *Server) renderForm(c *gin.Context, status int, name, title string, data any, form, errs map[string]string) {
	t, ok := s.pages[name]
	if !ok {
		s.Log.Error("missing template", "name", name)
		c.String(http.StatusInternalServerError, "页面模板缺失")
		return
	}
	u := currentUser(c)
	p := page{Title: title, User: u, Today: s.Clock.Today(), Path: c.Request.URL.Path, Data: data, Form: form, Errors: errs, authz: s.Authz}
	if v, ok := c.Get(bookingConflictsKey); ok {
		p.Conflicts, _ = v.([]app.BookingConflict)
	}
	if u.ID != 0 {
		if !u.MustChangePassword { // a held user has nowhere to go but the change form
			p.Nav = s.navFor(u.Actor(), c.Request.URL.Path)
			p.Todo = s.landingTodo(c)
			p.Unread = s.unreadCount(c, u)
		}
		p.Court, _ = s.Store.GetCourt(c.Request.Context(), u.CourtCode)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.Log.Error("render", "template", name, "err", err)
		c.String(http.StatusInternalServerError, "页面渲染失败")
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// renderError shows an error as a page with the right status.
func (s *Server) renderError(c *gin.Context, err error) {
	e := s.asAppError(c, err)
	status := statusOf[e.Code]
	if status == http.StatusUnauthorized {
		c.Redirect(http.StatusSeeOther, "/login")
		c.Abort()
		return
	}
	s.render(c, status, "error.html", "出错了", gin.H{"Status": status, "Message": e.Message, "Fields": e.Fields})
	c.Abort()
}

func notFoundPage() error { return app.Errorf(app.ENOTFOUND, "页面不存在") }

// pager is the paging bar under a list.
type pager struct {
	Page, Pages int
	Total       int64
	Prev, Next  string
}

func newPager(c *gin.Context, total int64, pageNo, size int) pager {
	pages := int(math.Ceil(float64(total) / float64(size)))
	if pages < 1 {
		pages = 1
	}
	link := func(n int) string {
		q := c.Request.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return c.Request.URL.Path + "?" + q.Encode()
	}
	p := pager{Page: pageNo, Pages: pages, Total: total}
	if pageNo > 1 {
		p.Prev = link(pageNo - 1)
	}
	if pageNo < pages {
		p.Next = link(pageNo + 1)
	}
	return p
}

var templateFuncs = template.FuncMap{
	"label": func(enum, code string) string { return enumByName(enum).Label(code) },
	"options": func(enum string) []app.Option {
		return enumByName(enum).Options
	},
	// yuan writes an amount for reading: 50,000.00 (Money.Grouped).
	"yuan": func(m any) string {
		switch v := m.(type) {
		case app.Money:
			return v.Grouped()
		case *app.Money:
			if v == nil {
				return ""
			}
			return v.Grouped()
		case int64:
			return app.Money(v).Grouped()
		}
		return ""
	},
	// date writes a calendar date in the style of its kind of place, the
	// same everywhere: 2026-12-06 in tables, lists, facts and forms (the
	// default); 2026年12月6日 in running text — headings, sentences, the
	// top bar (style "text"). A date not set is "".
	"date": func(v any, style ...string) string {
		var d app.Date
		switch x := v.(type) {
		case app.Date:
			d = x
		case *app.Date:
			if x != nil {
				d = *x
			}
		}
		if len(style) > 0 && style[0] == "text" {
			return d.Chinese()
		}
		return d.String()
	},
	// size writes a file size in KB or MB.
	"size": func(n int64) string {
		switch {
		case n >= 1<<20:
			return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
		case n >= 1<<10:
			return fmt.Sprintf("%.0f KB", math.Ceil(float64(n)/(1<<10)))
		}
		return fmt.Sprintf("%d 字节", n)
	},
	// at writes a moment as court staff read it: Beijing time, to the minute.
	"at": func(v any) string {
		var t time.Time
		switch v := v.(type) {
		case time.Time:
			t = v
		case *time.Time:
			if v != nil {
				t = *v
			}
		}
		if t.IsZero() {
			return ""
		}
		return t.In(app.Shanghai).Format("2006-01-02 15:04")
	},
	"pct":   pct,
	"query": func(v string) string { return url.QueryEscape(v) },
	"add":   func(a, b int) int { return a + b },
	// clock is a moment's time of day in Asia/Shanghai (15:04).
	"clock": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(app.Shanghai).Format("15:04")
	},
	"seq": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	},
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

// enums by the names templates use.
var enumsByName = map[string]app.Enum{
	"role": app.Roles, "status": app.CaseStatuses, "cause": app.Causes, "domain": app.Domains,
	"plaintiff_kind": app.PlaintiffKinds, "method": app.CloseMethods, "judgment_result": app.JudgmentResults,
	"reason": app.ExcludedReasons, "mode": app.MediationModes, "result": app.MediationResults,
	"commitment_kind": app.CommitmentKinds, "letter_kind": app.LetterKinds, "letter_status": app.LetterStatuses,
	"meeting_kind": app.MeetingKinds, "workstation_kind": app.WorkstationKinds, "service_kind": app.ServiceKinds,
	"organ_kind": app.OrganKinds, "head_rank": app.HeadRanks, "appellant": app.Appellants, "appeal_result": app.AppealResults,
	"document_kind": app.DocumentKinds, "service_method": app.ServiceMethods, "party_role": app.PartyRoles,
	"agent_side": app.AgentSides, "agent_kind": app.AgentKinds, "extension_status": app.ExtensionRequestStatuses,
}

func enumByName(name string) app.Enum {
	if e, ok := enumsByName[name]; ok {
		return e
	}
	return app.Enum{Name: name}
}

// pct shows a rate as a percentage with two decimals; a rate with a zero
// denominator (nil) is unknown: "—".
func pct(f *float64) string {
	if f == nil {
		return reports.Unknown
	}
	return fmt.Sprintf("%.2f%%", *f*100)
}
