package app

import (
	"testing"
)

var numberTypes = []string{"行初", "行审", "行赔初", "行诉前调", "行审复", "行终"}

func TestParseCaseNoMatchesTheLongestTypeFirst(t *testing.T) {
	tests := []struct {
		in   string
		want CaseNo
	}{
		{"（2025）粤1803行初12号", CaseNo{2025, "粤1803", "行初", 12}},
		{"（2025）粤1803行审复3号", CaseNo{2025, "粤1803", "行审复", 3}},
		{"（2025）粤1803行审3号", CaseNo{2025, "粤1803", "行审", 3}},
		{"（2024）粤1803行赔初1号", CaseNo{2024, "粤1803", "行赔初", 1}},
		{"（2026）粤1881行诉前调120号", CaseNo{2026, "粤1881", "行诉前调", 120}},
		{" (2025)粤1803行初12号 ", CaseNo{2025, "粤1803", "行初", 12}},
	}
	for _, tt := range tests {
		got, err := ParseCaseNo(tt.in, numberTypes)
		if err != nil || got != tt.want {
			t.Errorf("ParseCaseNo(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseCaseNoRejectsMalformedNumbers(t *testing.T) {
	for _, in := range []string{
		"", "2025粤1803行初12号", "（2025）粤1803行初12", "（2025）粤1803行初号", "（25）粤1803行初12号",
		"（2025）粤1803行初012号", "（2025）粤1803行初0号", "（2025）粤1803民初12号", "（2025）行初12号",
		"（２０２５）粤1803行初12号", "（2025）粤1803行初1234567890号", "（0999）粤1803行初1号",
	} {
		if n, err := ParseCaseNo(in, numberTypes); err == nil {
			t.Errorf("ParseCaseNo(%q) = %+v, want an error", in, n)
		}
	}
}

func TestFormatCaseNoUsesFullWidthBrackets(t *testing.T) {
	if got := FormatCaseNo(2025, "粤1803", "行初", 12); got != "（2025）粤1803行初12号" {
		t.Fatalf("got %q", got)
	}
}

func FuzzParseCaseNo(f *testing.F) {
	for _, s := range []string{"（2025）粤1803行初12号", "(2024)粤1881行审复7号", "（2025）粤1803行赔初1号", "（）号", "(9999)x行终999999999号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCaseNo(s, numberTypes)
		if err != nil {
			return
		}
		if n.Seq < 1 || n.Year < 1900 || n.Year > 2999 || n.Court == "" || n.Type == "" {
			t.Fatalf("ParseCaseNo(%q) = %+v: out of range", s, n)
		}
		again, err := ParseCaseNo(n.String(), numberTypes)
		if err != nil || again != n {
			t.Fatalf("round trip of %q: %q → %+v, %v", s, n.String(), again, err)
		}
	})
}
