package app

import (
	"math/big"
	"strings"
	"testing"
)

// FuzzParseDate guards that ParseDate never panics, accepts only real dates
// written YYYY-MM-DD (surrounding blanks aside) and that what it accepts
// round-trips through String.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2025-07-01", " 2025-07-01 ", "2024-02-29", "2025-02-29", "2025-02-30", "2025-13-01",
		"2025-00-10", "2025-1-1", "25-07-01", "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01",
		"2025/07/01", "2025-07-01T00:00:00Z", "2025-07-01' OR '1'='1", "", "-", "２０２５-０７-０１",
		"+2025-07-01", "2025-07-01\x00", "0000-00-00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("ParseDate(%q) failed but returned %v", s, d)
			}
			return
		}
		if got := d.String(); got != strings.TrimSpace(s) {
			t.Fatalf("ParseDate(%q) = %s, not the input", s, got)
		}
		if d.Year < 1900 || d.Year > 2999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
			t.Fatalf("ParseDate(%q) = %+v, out of range", s, d)
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("round trip of %q: %v %v", s, again, err)
		}
		if NewDate(d.Year, d.Month, d.Day) != d {
			t.Fatalf("ParseDate(%q) = %+v is not a real date", s, d)
		}
	})
}

// FuzzParseYuan guards that ParseYuan never panics and that whatever it
// accepts is exactly the decimal amount written, in fen, never negative.
func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{
		"0", "20000", "20000.5", "20000.50", "0.01", "999999999999.99", "1000000000000", "-1", "+1",
		"1.234", "1e3", "0x10", "1_000", ".5", "5.", "5.-1", "5.+1", "5.-", " 12.30 ", "１２", "NaN",
		"1 OR 1=1", "", ".", "00012.3", "9223372036854775807",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseYuan(s)
		if err != nil {
			if m != 0 {
				t.Fatalf("ParseYuan(%q) failed but returned %d", s, m)
			}
			return
		}
		if m < 0 {
			t.Fatalf("ParseYuan(%q) = %d, negative", s, m)
		}
		want, ok := new(big.Rat).SetString(strings.TrimSpace(s))
		if !ok {
			t.Fatalf("ParseYuan(%q) = %d, but the input is not a decimal number", s, m)
		}
		fen := new(big.Rat).Mul(want, big.NewRat(100, 1))
		if !fen.IsInt() || fen.Num().Int64() != int64(m) || !fen.Num().IsInt64() {
			t.Fatalf("ParseYuan(%q) = %d fen, want %s", s, m, fen.RatString())
		}
		again, err := ParseYuan(m.Yuan())
		if err != nil || again != m {
			t.Fatalf("round trip of %q through %q: %d %v", s, m.Yuan(), again, err)
		}
	})
}
