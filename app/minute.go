package app

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// MinuteLayout is how a wall-clock minute is written in JSON, forms and the database.
const MinuteLayout = "2006-01-02T15:04"

// Minute is a wall-clock minute in Asia/Shanghai (a hearing's start or end).
// It is stored as text in MinuteLayout, whose text order is time order.
type Minute struct{ t time.Time }

// ParseMinute reads "YYYY-MM-DDTHH:MM" (a space instead of the T is accepted, as forms send it).
func ParseMinute(s string) (Minute, error) {
	if len(s) == 16 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	t, err := time.ParseInLocation(MinuteLayout, s, Shanghai)
	if err != nil {
		return Minute{}, fmt.Errorf("时间应为 YYYY-MM-DDTHH:MM 格式，如 2026-03-05T09:30")
	}
	return Minute{t}, nil
}

// MustMinute parses s and panics on error (tests and fixed data).
func MustMinute(s string) Minute {
	m, err := ParseMinute(s)
	if err != nil {
		panic(err)
	}
	return m
}

// IsZero reports whether the minute is unset.
func (m Minute) IsZero() bool { return m.t.IsZero() }

// String is "YYYY-MM-DDTHH:MM", or "" when unset.
func (m Minute) String() string {
	if m.IsZero() {
		return ""
	}
	return m.t.Format(MinuteLayout)
}

// Clock is "HH:MM".
func (m Minute) Clock() string {
	if m.IsZero() {
		return ""
	}
	return m.t.Format("15:04")
}

// Date is the calendar day of the minute.
func (m Minute) Date() Date {
	if m.IsZero() {
		return Date{}
	}
	return DateOf(m.t)
}

// Before reports whether m is earlier than o.
func (m Minute) Before(o Minute) bool { return m.t.Before(o.t) }

// Add returns m moved by d.
func (m Minute) Add(d time.Duration) Minute { return Minute{m.t.Add(d)} }

// MarshalJSON writes "YYYY-MM-DDTHH:MM", or null when unset.
func (m Minute) MarshalJSON() ([]byte, error) {
	if m.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(m.String())
}

// UnmarshalJSON reads "YYYY-MM-DDTHH:MM"; null and "" leave it unset.
func (m *Minute) UnmarshalJSON(b []byte) error {
	return unmarshalJSONText(b, m, ParseMinute, "时间应为 YYYY-MM-DDTHH:MM 格式的字符串")
}

// Value stores the minute as text (NULL when unset).
func (m Minute) Value() (driver.Value, error) {
	if m.IsZero() {
		return nil, nil
	}
	return m.String(), nil
}

// Scan reads a minute stored as text.
func (m *Minute) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		*m = Minute{}
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("cannot scan %T into Minute", v)
	}
	if s == "" {
		*m = Minute{}
		return nil
	}
	p, err := ParseMinute(s)
	if err != nil {
		return fmt.Errorf("bad minute %q in database", s)
	}
	*m = p
	return nil
}

// GormDataType tells gorm the column type.
func (Minute) GormDataType() string { return "string" }
