package web

import (
	"testing"

	"fuyuan/app"
)

// TestDatesSizesAndAmountsReadOneWayEverywhere (issue 15): one template
// function per thing — a date is 2026-12-06 in tables and facts and
// 2026年12月6日 in running text; a file size is in KB or MB; an amount has
// thousands separators.
func TestDatesSizesAndAmountsReadOneWayEverywhere(t *testing.T) {
	date := templateFuncs["date"].(func(any, ...string) string)
	d := app.NewDate(2026, 12, 6)
	for _, c := range []struct {
		got, want string
	}{
		{date(d), "2026-12-06"},
		{date(&d), "2026-12-06"},
		{date(d, "text"), "2026年12月6日"},
		{date(app.Date{}), ""},
		{date((*app.Date)(nil), "text"), ""},
		{templateFuncs["size"].(func(int64) string)(28123), "28 KB"},
		{templateFuncs["size"].(func(int64) string)(3 << 20), "3.0 MB"},
		{templateFuncs["size"].(func(int64) string)(512), "512 字节"},
		{templateFuncs["yuan"].(func(any) string)(app.Money(5000000)), "50,000.00"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
