package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// FuzzPageOf guards the list-paging parser: whatever ?page and ?page_size
// hold, it never panics, and what it accepts is a page 1–1,000,000 of 1–100
// rows whose offset is a non-negative number; anything else is a 400 naming
// the bad parameter.
func FuzzPageOf(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""}, {"1", "20"}, {"2", "100"}, {"0", "20"}, {"-1", "20"}, {"1", "0"}, {"1", "101"},
		{"1000000", "100"}, {"1000001", "1"}, {"99999999999999999999", "1"}, {"1 OR 1=1", "20"},
		{"1;DROP TABLE users", "20"}, {"0x10", "1e2"}, {"+5", "+5"}, {" 1", "20 "}, {"１", "２０"},
		{"9223372036854775807", "100"}, {"1", "-9223372036854775808"},
	} {
		f.Add(seed[0], seed[1])
	}
	gin.SetMode(gin.ReleaseMode)
	f.Fuzz(func(t *testing.T, page, size string) {
		q := url.Values{}
		if page != "" {
			q.Set("page", page)
		}
		if size != "" {
			q.Set("page_size", size)
		}
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequest("GET", "/api/v1/users?"+q.Encode(), nil)
		p, err := pageOf(c)
		if err != nil {
			var e *app.Error
			if app.ErrorCode(err) != app.EINVALID {
				t.Fatalf("page=%q page_size=%q: %v is not a 400", page, size, err)
			}
			e = err.(*app.Error)
			for field := range e.Fields {
				if field != "page" && field != "page_size" {
					t.Fatalf("page=%q page_size=%q: names field %q", page, size, field)
				}
			}
			if len(e.Fields) == 0 {
				t.Fatalf("page=%q page_size=%q: a 400 naming no field", page, size)
			}
			return
		}
		if p.Page < 1 || p.Page > 1_000_000 || p.Size < 1 || p.Size > 100 {
			t.Fatalf("page=%q page_size=%q accepted as %+v", page, size, p)
		}
		if off := p.Offset(); off < 0 || off > 100_000_000 {
			t.Fatalf("page=%q page_size=%q: offset %d", page, size, off)
		}
		if page == "" && p.Page != 1 || size == "" && p.Size != 20 {
			t.Fatalf("defaults: %+v", p)
		}
	})
}

// FuzzStatsPeriod guards the period parser of /stats (?from&to): whatever
// they hold, no panic; a 400 names only from and to; an accepted period is
// two real dates in order, defaulting to this year up to today.
func FuzzStatsPeriod(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""}, {"2025-01-01", "2025-06-30"}, {"2025-06-30", "2025-01-01"}, {"", "2024-03-31"}, {"2025-07-02", ""},
		{"2025-02-30", "x"}, {"2025-01-01' OR 1=1", "2025-12-31"}, {" 2025-01-01 ", "2025-12-31 "}, {"1899-12-31", "3000-01-01"},
	} {
		f.Add(seed[0], seed[1])
	}
	today := app.MustDate("2025-07-01")
	f.Fuzz(func(t *testing.T, from, to string) {
		q := map[string]string{"from": from, "to": to}
		p, err := statsPeriod(func(k string) string { return q[k] }, today)
		if err != nil {
			e, ok := err.(*app.Error)
			if !ok || e.Code != app.EINVALID || len(e.Fields) == 0 {
				t.Fatalf("from=%q to=%q: %v is not a 400 naming fields", from, to, err)
			}
			for field := range e.Fields {
				if field != "from" && field != "to" {
					t.Fatalf("from=%q to=%q: names %q", from, to, field)
				}
			}
			return
		}
		if !p.Valid() {
			t.Fatalf("from=%q to=%q accepted as %v–%v", from, to, p.From, p.To)
		}
		if strings.TrimSpace(to) == "" && p.To != today {
			t.Fatalf("from=%q: the period ends %v, not today", from, p.To)
		}
		if strings.TrimSpace(from) != "" && p.From.String() != strings.TrimSpace(from) {
			t.Fatalf("from=%q became %v", from, p.From)
		}
	})
}
