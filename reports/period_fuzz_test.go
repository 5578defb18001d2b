package reports_test

import (
	"strings"
	"testing"

	"fuyuan/reports"
)

// FuzzParseMonth guards the month of the monthly report (?month=YYYY-MM):
// no panic, and an accepted month is the month written, 1–12, whose period
// runs from its first to its last day.
func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2025-06", "2025-6", "2025-13", "2025-00", "2025-06-01", " 2025-06 ", "2025/06", "１２３４-０６", "2025-06' OR 1=1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := reports.ParseMonth(s)
		if err != nil {
			return
		}
		if m.String() != strings.TrimSpace(s) || m.Month < 1 || m.Month > 12 {
			t.Fatalf("ParseMonth(%q) = %v", s, m)
		}
		p := m.Period()
		if !p.Valid() || p.From.Day != 1 || p.To.AddDays(1).Day != 1 || p.From.Year != m.Year || int(p.To.Month) != m.Month {
			t.Fatalf("ParseMonth(%q): period %v–%v", s, p.From, p.To)
		}
	})
}
