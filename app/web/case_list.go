package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// The case list: GET /api/v1/cases (kept in memory, pagecache.go) and the
// list page with its filters, sorting and paging side by side.

func (s *Server) apiListCases(c *gin.Context) {
	pg, f, vis, err := s.casePageRequest(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	// The court's case-list change counter as the session's query read it,
	// before the list: a change committed after it moves it, and the next
	// request reads the list afresh (pagecache.go).
	counter := c.GetInt64("changes")
	user := int64(0) // the court's cases look the same to all who see them all
	if vis.PerUser() {
		user = a.UserID
	}
	key := fmt.Sprintf("%s|%d|%s|%s", vis.Scope, user, s.Clock.Today(), c.Request.URL.RawQuery)
	if body, ok := s.listCache.get(a.Court, counter, key); ok {
		c.Data(http.StatusOK, jsonContentType, body)
		return
	}
	list, err := s.Store.ListCases(ctx, a, vis, f, pg)
	if err != nil {
		s.fail(c, err)
		return
	}
	// json.Marshal's bytes, written without its reflection (app/jsonrow.go);
	// a row is about 800 bytes.
	body := app.AppendCaseListJSON(make([]byte, 0, 64+1024*len(list.Items)), list)
	s.listCache.put(a.Court, counter, key, body)
	c.Data(http.StatusOK, jsonContentType, body)
}

// caseListRequest reads what a list of cases asks (the list, its page, the
// export): the filters of the query and the cases the user may see.
func (s *Server) caseListRequest(c *gin.Context) (app.CaseFilter, app.Visibility, error) {
	f, err := app.ParseCaseFilter(c.Query)
	if err != nil {
		return f, app.Visibility{}, err
	}
	vis, err := s.caseVisibility(c)
	return f, vis, err
}

// casePageRequest is caseListRequest for a page of the list (?page, ?page_size).
func (s *Server) casePageRequest(c *gin.Context) (app.Page, app.CaseFilter, app.Visibility, error) {
	pg, err := pageOf(c)
	if err != nil {
		return pg, app.CaseFilter{}, app.Visibility{}, err
	}
	f, vis, err := s.caseListRequest(c)
	return pg, f, vis, err
}

// jsonContentType is the Content-Type of JSON answers, as gin's c.JSON sets it.
const jsonContentType = "application/json; charset=utf-8"

// casesPage lists the court's cases the user may see, with filters and paging.
func (s *Server) casesPage(c *gin.Context) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	pg, f, vis, err := s.casePageRequest(c)
	var list app.List[app.Case]
	if err == nil {
		list, err = s.Store.ListCases(ctx, a, vis, f, pg)
	}
	var types []app.CaseType
	if err == nil {
		types, err = s.Store.CaseTypes(ctx, a.Court)
	}
	var judges []app.Staff
	if err == nil {
		judges, err = s.Store.ListStaff(ctx, a, app.RoleJudge)
	}
	var organs app.List[app.Organ]
	if err == nil && s.Authz.Allowed(a, rbac.OrganRead) {
		organs, err = s.organChoices(c)
	}
	if err != nil {
		s.renderError(c, err)
		return
	}
	filter := map[string]string{}
	for _, k := range []string{"q", "status", "case_type", "judge_id", "organ_id", "linkage", "overdue", "filed_from", "filed_to", "due_within"} {
		filter[k] = c.Query(k)
	}
	export := url.Values{}
	for k, v := range filter {
		if v != "" {
			export.Set(k, v)
		}
	}
	export.Set("sort", f.Sort)
	s.render(c, http.StatusOK, "case_list.html", "案件", gin.H{
		"Cases": list.Items, "Total": list.Total, "Pager": newPager(c, list.Total, pg.Page, pg.Size),
		"Filter": filter, "Types": types, "Judges": judges, "Organs": organs.Items,
		"Sort": sortLinks(c, f.Sort), "Export": "/reports/cases.xlsx?" + export.Encode(),
		"Filtered": len(export) > 1, "Assigned": vis.Scope == app.ScopeAssigned,
		"MineOpen": vis.Scope == app.ScopeAssigned && c.Request.URL.RawQuery == mineOpenQuery,
	})
}

// sortLink is a sortable column header: where a click leads and which way it is sorted now.
type sortLink struct {
	Href string
	Mark string // "▲", "▼" or ""
}

// sortLinks gives each sortable column its link: ascending first, descending on a second click.
func sortLinks(c *gin.Context, current string) map[string]sortLink {
	out := map[string]sortLink{}
	for _, col := range []string{"case_no", "plaintiff", "filed_on", "status", "deadline_on", "closed_on"} {
		q := c.Request.URL.Query()
		q.Del("page")
		l := sortLink{}
		switch current {
		case col:
			q.Set("sort", "-"+col)
			l.Mark = "▲"
		case "-" + col:
			q.Set("sort", col)
			l.Mark = "▼"
		default:
			q.Set("sort", col)
		}
		l.Href = c.Request.URL.Path + "?" + q.Encode()
		out[col] = l
	}
	return out
}
