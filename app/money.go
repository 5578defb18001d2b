package app

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in fen (分). JSON carries it in yuan with at most 2 decimals.
type Money int64

// Yuan formats m as yuan with two decimals, e.g. "20000.00".
func (m Money) Yuan() string { return string(m.appendYuan(nil)) }

// appendYuan appends m as Yuan writes it.
func (m Money) appendYuan(b []byte) []byte {
	v := int64(m)
	if v < 0 {
		b, v = append(b, '-'), -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	b = append(b, '.')
	if cents := v % 100; cents >= 0 && cents < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, v%100, 10)
}

// Grouped formats m as people read an amount: yuan with thousands
// separators and two decimals, e.g. "50,000.00". Forms and JSON use Yuan.
func (m Money) Grouped() string {
	s := m.Yuan()
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, cents := s[:len(s)-3], s[len(s)-3:]
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return sign + whole + cents
}

// Float returns the amount in yuan as a float, for spreadsheets.
func (m Money) Float() float64 { return float64(m) / 100 }

// ParseYuan parses "20000", "20000.5" or "20000.50" into fen; more than two
// decimals, a negative amount or more than 10^12 yuan is an error.
func ParseYuan(s string) (Money, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("金额应为不小于 0 的数字（元），最多两位小数")
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" || len(whole) > 12 || !allDigits(whole) || !allDigits(frac) {
		return 0, fmt.Errorf("金额应为不小于 0 的数字（元），最多两位小数")
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("金额应为不小于 0 的数字（元），最多两位小数")
	}
	return Money(w*100 + f), nil
}

// allDigits reports whether s has only the ASCII digits 0–9 (ParseInt alone
// would accept a sign, and "5.-1" would become 4.99).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MarshalJSON writes the amount in yuan as a number.
func (m Money) MarshalJSON() ([]byte, error) { return m.appendYuan(nil), nil }

// UnmarshalJSON reads a yuan amount given as a JSON number (or a numeric string).
func (m *Money) UnmarshalJSON(b []byte) error {
	s := string(b)
	if strings.HasPrefix(s, `"`) {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		s = str
	}
	if strings.ContainsAny(s, "eE") {
		return fmt.Errorf("金额应为不小于 0 的数字（元），最多两位小数")
	}
	v, err := ParseYuan(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Value stores fen as an integer.
func (m Money) Value() (driver.Value, error) { return int64(m), nil }

// Scan reads fen from an integer column.
func (m *Money) Scan(v any) error {
	switch x := v.(type) {
	case int64:
		*m = Money(x)
	case []byte:
		n, err := strconv.ParseInt(string(x), 10, 64)
		if err != nil {
			return err
		}
		*m = Money(n)
	case nil:
		*m = 0
	default:
		return fmt.Errorf("cannot scan %T into Money", v)
	}
	return nil
}
