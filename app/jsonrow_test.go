package app

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Values go through SQLite's json_array() and back unchanged, NULLs
// included, whatever their text holds.
func TestSQLiteJSONRowsReadBackWhatWasStored(t *testing.T) {
	s, err := Open(Options{Dialect: SQLite, DSN: filepath.Join(t.TempDir(), "t.db")}, NewFakeClock(time.Now()), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	texts := []string{"", "（2025）粤1803行初12号", `say "hi"`, `C:\path\`, "a/b", "tab\there\nline\r\x01\x1f\x7f",
		"emoji 😀 and 𠀀", "<&>", "\u2028\u2029"}
	at := time.Date(2026, 11, 26, 3, 49, 57, 900855659, time.UTC)
	for _, text := range texts {
		var row string
		err := s.DB.Raw("SELECT json_array(?, ?, ?, ?, NULL, NULL, ?, ?, ?, NULL, ?)",
			text, int64(-9007199254740993), 1, "2025-03-04", at, 123456, true, "2025-02-28").Row().Scan(&row)
		if err != nil {
			t.Fatal(err)
		}
		var (
			gotText   string
			big       int64
			one       int
			day, none Date
			nullID    *int64
			gotAt     time.Time
			money     *Money
			yes       bool
			nullText  *string
			day2      Date
		)
		if err := scanJSONRow(row, &gotText, &big, &one, &day, &nullID, &none, &gotAt, &money, &yes, &nullText, &day2); err != nil {
			t.Fatalf("%q: %v", row, err)
		}
		if gotText != text || big != -9007199254740993 || one != 1 || day != MustDate("2025-03-04") || nullID != nil ||
			!none.IsZero() || !gotAt.Equal(at) || gotAt.Location() != time.UTC || money == nil || *money != 123456 ||
			!yes || nullText != nil || day2 != MustDate("2025-02-28") {
			t.Fatalf("%q read back as %q %d %d %v %v %v %v %v %v %v %v", row, gotText, big, one, day, nullID, none, gotAt, money, yes, nullText, day2)
		}
	}
}

func TestJSONRowsDecodeEscapesAndRefuseWhatTheyCannotHold(t *testing.T) {
	var a, b string
	var n *int
	if err := scanJSONRow(` [ "\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t" , "plain" , null ] `, &a, &b, &n); err != nil {
		t.Fatal(err)
	}
	if a != "é😀\"\\/\b\f\n\r\t" || b != "plain" || n != nil {
		t.Fatalf("got %q %q %v", a, b, n)
	}
	var x int
	var ok bool
	var f float64
	for _, c := range []struct {
		row  string
		dest []any
	}{
		{`["a"`, []any{&a}},          // unterminated
		{`["a", "b"]`, []any{&a}},    // more elements than destinations
		{`["a"]`, []any{&a, &b}},     // fewer
		{`[null]`, []any{&a}},        // NULL into a string
		{`["x"]`, []any{&x}},         // text into a number
		{`[2]`, []any{&ok}},          // not a boolean
		{`["\q"]`, []any{&a}},        // bad escape
		{`["\u12"]`, []any{&a}},      // short \u
		{`[1.5]`, []any{&f}},         // a destination ScanCases never passes
		{`"a"`, []any{&a}},           // not an array
		{`["a" "b"]`, []any{&a, &b}}, // no comma
		{`[]`, []any{&a}},            // empty
		{`["a",]`, []any{&a, &b}},    // missing value
		{`["abc\`, []any{&a}},        // escape at the end
	} {
		if err := scanJSONRow(c.row, c.dest...); err == nil {
			t.Fatalf("%q was accepted", c.row)
		}
	}
}

// Any text encoded as JSON (encoding/json escapes <, >, &, U+2028 and
// invalid UTF-8 too) decodes to itself.
func FuzzJSONRowStrings(f *testing.F) {
	for _, s := range []string{"", "a", `"\`, "😀", "\x00\x1f", "<tag>&", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		row, err := json.Marshal([]any{s, 7, nil})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		var n int
		var null *string
		if err := scanJSONRow(string(row), &got, &n, &null); err != nil {
			t.Fatalf("%s: %v", row, err)
		}
		if got != s || n != 7 || null != nil {
			t.Fatalf("%s: got %q %d %v", row, got, n, null)
		}
	})
}

// parseDriverTime reads what time.ParseInLocation reads with the driver's
// layout, and leaves everything else to it.
func FuzzParseDriverTime(f *testing.F) {
	for _, s := range []string{"2026-11-26 03:49:57.900855659+00:00", "2025-01-02 10:00:00+08:00", "2025-01-02 10:00:00.5-05:30",
		"2025-02-30 10:00:00+00:00", "2025-13-01 10:00:00+00:00", "2025-01-02 24:00:00+00:00", "2025-01-02 10:00:00.+00:00",
		"2025-01-02 10:00:00.1234567891+00:00", "2025-01-02T10:00:00+00:00", "2025-01-02 10:00:00", "2025-01-02 10:00:00+0800"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := time.ParseInLocation("2006-01-02 15:04:05.999999999-07:00", s, time.UTC)
		got, ok := parseDriverTime(s)
		if !ok {
			return // parseSQLiteTime falls back to time.ParseInLocation
		}
		if err != nil {
			t.Fatalf("%q: read as %v, time.Parse refuses it: %v", s, got, err)
		}
		if !got.Equal(want) || got.Location().String() != want.Location().String() || got.String() != want.String() {
			t.Fatalf("%q: read as %v, time.Parse reads %v", s, got, want)
		}
	})
}

// Dates are written by hand: the same text as fmt and encoding/json give.
func TestDatesAreWrittenAsFmtWritesThem(t *testing.T) {
	for _, d := range []Date{{2025, 3, 4}, {1900, 1, 1}, {9999, 12, 31}, {5, 7, 9}, {12345, 1, 2}, {-1, 1, 1}, {2025, 13, 40}} {
		want := fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
		quoted, _ := json.Marshal(want)
		got, err := d.MarshalJSON()
		if d.String() != want || err != nil || string(got) != string(quoted) {
			t.Fatalf("%#v: String %q, MarshalJSON %s %v, want %q", d, d.String(), got, err, want)
		}
	}
	if got, _ := (Date{}).MarshalJSON(); string(got) != "null" || (Date{}).String() != "" {
		t.Fatalf("the zero date: %s %q", got, Date{}.String())
	}
}
