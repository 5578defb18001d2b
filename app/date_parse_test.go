package app

import (
	"fmt"
	"testing"
	"time"
)

// ParseDate's own reading of YYYY-MM-DD (parseISODate) accepts and rejects
// what time.Parse did before it, over every day of the years at the edges
// of its range and of leap years, and out-of-range months and days.
func TestParseDateIsTimeParse(t *testing.T) {
	old := func(s string) (Date, bool) {
		t, err := time.Parse("2006-01-02", s)
		if err != nil || t.Year() < 1900 || t.Year() > 2999 {
			return Date{}, false
		}
		return DateOf(t), true
	}
	var inputs []string
	for _, y := range []int{0, 1899, 1900, 1904, 2000, 2023, 2024, 2025, 2100, 2400, 2999, 3000, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				inputs = append(inputs, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	inputs = append(inputs, "", "2025-1-01", "2025-01-1", "2025/01/01", "+025-01-01", "2025-01-01T", "２025-01-01", "2025-0a-01", " 2025-01-01 ", "2025-01-01x")
	for _, s := range inputs {
		want, wok := old(s)
		got, err := ParseDate(s)
		if trimmed := s; len(s) > 0 && s[0] == ' ' {
			want, wok = old(trimmed[1 : len(trimmed)-1])
		}
		if (err == nil) != wok || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; time.Parse read %v, %v", s, got, err, want, wok)
		}
	}
}
