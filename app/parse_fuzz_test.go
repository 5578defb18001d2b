package app

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"
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

// FuzzParseCaseFilter guards the case-list filter parser (GET /cases and the
// case-list export): whatever the query holds, no panic; a 400 names only
// filter parameters; an accepted filter has an allow-listed sort, a known
// status, positive ids, real dates in order and a bounded search term.
func FuzzParseCaseFilter(f *testing.F) {
	for _, s := range [][]string{
		{"", "", "", "", "", "", "", "", "", ""},
		{"open", "行初", "3", "4", "true", "林业", "2025-01-01", "2025-12-31", "false", "-case_no"},
		{"filed' OR '1'='1", "行初' --", "1 OR 1=1", "1;DROP TABLE cases", "yes", "%", "2025-02-30", "0000-00-00", "maybe", "id; DROP TABLE cases"},
		{"closed", "", "-1", "0", "1", "_", "2025-12-31", "2025-01-01", "0", "filed_on DESC"},
		{"", "", "", "", "", "", "", "", "", "(SELECT 1)"},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9])
	}
	known := map[string]bool{"status": true, "case_type": true, "judge_id": true, "organ_id": true, "linkage": true,
		"q": true, "filed_from": true, "filed_to": true, "overdue": true, "due_within": true, "sort": true}
	f.Fuzz(func(t *testing.T, status, caseType, judge, organ, linkage, q, from, to, overdue, sort string) {
		query := map[string]string{"status": status, "case_type": caseType, "judge_id": judge, "organ_id": organ,
			"linkage": linkage, "q": q, "filed_from": from, "filed_to": to, "overdue": overdue, "sort": sort}
		cf, err := ParseCaseFilter(func(k string) string { return query[k] })
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || len(e.Fields) == 0 {
				t.Fatalf("%v: %v is not a 400 naming fields", query, err)
			}
			for field := range e.Fields {
				if !known[field] {
					t.Fatalf("%v: names %q", query, field)
				}
			}
			return
		}
		if _, ok := CaseSorts[cf.Sort]; !ok {
			t.Fatalf("%v: sort %q accepted", query, cf.Sort)
		}
		if cf.Status != "" && cf.Status != StatusOpen && !CaseStatuses.Valid(cf.Status) {
			t.Fatalf("%v: status %q accepted", query, cf.Status)
		}
		if cf.JudgeID < 0 || cf.OrganID < 0 || (judge != "" && cf.JudgeID == 0) || (organ != "" && cf.OrganID == 0) {
			t.Fatalf("%v: ids %d %d accepted", query, cf.JudgeID, cf.OrganID)
		}
		if (from != "" && cf.FiledFrom.IsZero()) || (to != "" && cf.FiledTo.IsZero()) {
			t.Fatalf("%v: a date was dropped", query)
		}
		if !cf.FiledFrom.IsZero() && !cf.FiledTo.IsZero() && cf.FiledTo.Before(cf.FiledFrom) {
			t.Fatalf("%v: dates out of order accepted", query)
		}
		if utf8.RuneCountInString(cf.Q) > 100 {
			t.Fatalf("%v: a %d-character search accepted", query, utf8.RuneCountInString(cf.Q))
		}
		if (linkage != "") != (cf.Linkage != nil) || (overdue != "") != (cf.Overdue != nil) {
			t.Fatalf("%v: flags %v %v", query, cf.Linkage, cf.Overdue)
		}
	})
}
