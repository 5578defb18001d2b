package app

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CaseNo is a case number (案号) taken apart: （2025）粤1803行初12号 is year
// 2025, court 粤1803, type 行初 and running number 12.
type CaseNo struct {
	Year  int
	Court string
	Type  string
	Seq   int
}

// String formats the number the official way, with full-width brackets.
func (n CaseNo) String() string { return FormatCaseNo(n.Year, n.Court, n.Type, n.Seq) }

// FormatCaseNo returns the case number （year）court+type+seq号.
func FormatCaseNo(year int, court, caseType string, seq int) string {
	return fmt.Sprintf("（%d）%s%s%d号", year, court, caseType, seq)
}

// ParseCaseNo takes a case number apart using the court's type codes, trying
// the longest code first (行审复 before 行审). Half-width brackets and
// surrounding spaces are accepted; String gives the canonical form back.
func ParseCaseNo(s string, types []string) (CaseNo, error) {
	bad := fmt.Errorf("案号格式应为“（2025）粤1803行初12号”")
	s, ok := cutBracket(strings.TrimSpace(s), "（", "(")
	if !ok || len(s) < 4 {
		return CaseNo{}, bad
	}
	year, err := strconv.Atoi(s[:4])
	if err != nil || !isDigits(s[:4]) || year < 1900 || year > 2999 {
		return CaseNo{}, fmt.Errorf("案号中的年份应为四位数字，如“（2025）”")
	}
	if s, ok = cutBracket(s[4:], "）", ")"); !ok {
		return CaseNo{}, bad
	}
	if !strings.HasSuffix(s, "号") {
		return CaseNo{}, fmt.Errorf("案号应以“号”结尾")
	}
	s = strings.TrimSuffix(s, "号")
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	digits := s[i:]
	if digits == "" || len(digits) > 9 || (len(digits) > 1 && digits[0] == '0') {
		return CaseNo{}, fmt.Errorf("案号中的序号应为不以 0 开头的数字")
	}
	seq, _ := strconv.Atoi(digits)
	if seq < 1 {
		return CaseNo{}, fmt.Errorf("案号中的序号应从 1 开始")
	}
	head := s[:i]
	for _, t := range longestFirst(types) {
		if t == "" || !strings.HasSuffix(head, t) {
			continue
		}
		court := strings.TrimSuffix(head, t)
		if !validCourtCode(court) {
			continue
		}
		return CaseNo{Year: year, Court: court, Type: t, Seq: seq}, nil
	}
	return CaseNo{}, fmt.Errorf("案号中的案件类型不在本院的案件类型字典中")
}

// cutBracket returns s without its leading bracket, full-width or half-width,
// and whether it had one.
func cutBracket(s, full, half string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, full); ok {
		return rest, true
	}
	return strings.CutPrefix(s, half)
}

// longestFirst returns the codes sorted by length, longest first (stable for equal lengths).
func longestFirst(types []string) []string {
	out := append([]string(nil), types...)
	sort.SliceStable(out, func(i, j int) bool {
		return utf8.RuneCountInString(out[i]) > utf8.RuneCountInString(out[j])
	})
	return out
}

// validCourtCode reports whether s can be the court part of a number: not
// empty, without brackets, spaces or 号 (court codes look like 粤1803).
func validCourtCode(s string) bool {
	return s != "" && !strings.ContainsAny(s, "（）() \t号")
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
