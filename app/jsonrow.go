package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The pure-Go SQLite driver spends more time per column than SQLite spends
// per row: it asks for each column's type, declared type and text, and
// parses every DATETIME. Rows read in bulk (the case list's pages and the
// export) are therefore selected on SQLite as one json_array() of their
// columns and decoded here into the same destinations rows.Scan fills on
// MariaDB.

// scanJSONRow decodes row, a flat JSON array such as SQLite's json_array()
// makes, into dest, one pointer per element, in order. The pointers are
// those ScanCases passes to rows.Scan (CaseRowColumns' Dest): *string, *int, *int64, *bool, *Date,
// *time.Time and, for columns that may be NULL, **string, **int, **int64
// and **Money.
func scanJSONRow(row string, dest ...any) error {
	p := jsonArray{s: row}
	if !p.next('[') {
		return p.fail("[")
	}
	for i, d := range dest {
		if i > 0 && !p.next(',') {
			return p.fail(",")
		}
		v, null, err := p.value()
		if err != nil {
			return err
		}
		if err := assignJSON(d, v, null); err != nil {
			return fmt.Errorf("row element %d: %w", i, err)
		}
	}
	if !p.next(']') {
		return p.fail("]")
	}
	return nil
}

// jsonArray reads the elements of a flat JSON array: strings, numbers,
// true, false and null.
type jsonArray struct {
	s   string
	pos int
}

func (p *jsonArray) skipSpace() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

// next consumes c after any spaces, reporting whether it was there.
func (p *jsonArray) next(c byte) bool {
	p.skipSpace()
	if p.pos < len(p.s) && p.s[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

func (p *jsonArray) fail(want string) error {
	return fmt.Errorf("row: want %s at byte %d of %q", want, p.pos, p.s)
}

// value returns the next element: a string's text, a number's or a literal's
// spelling, or null.
func (p *jsonArray) value() (v string, null bool, err error) {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return "", false, p.fail("a value")
	}
	if p.s[p.pos] == '"' {
		return p.str()
	}
	start := p.pos
	for p.pos < len(p.s) && strings.IndexByte(",] \t\r\n", p.s[p.pos]) < 0 {
		p.pos++
	}
	v = p.s[start:p.pos]
	if v == "" {
		return "", false, p.fail("a value")
	}
	return v, v == "null", nil
}

// str reads a string, returning a part of the row when it has no escapes.
func (p *jsonArray) str() (string, bool, error) {
	p.pos++ // the opening quote
	start := p.pos
	end := strings.IndexByte(p.s[start:], '"')
	if end < 0 {
		return "", false, p.fail(`"`)
	}
	if esc := strings.IndexByte(p.s[start:start+end], '\\'); esc >= 0 {
		p.pos = start + esc
		return p.escaped(start)
	}
	p.pos = start + end + 1
	return p.s[start : start+end], false, nil
}

// escaped reads the rest of a string that has escapes, from start.
func (p *jsonArray) escaped(start int) (string, bool, error) {
	var b strings.Builder
	b.WriteString(p.s[start:p.pos])
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		p.pos++
		switch {
		case c == '"':
			return b.String(), false, nil
		case c != '\\':
			b.WriteByte(c)
		case p.pos >= len(p.s):
			return "", false, p.fail("an escape")
		default:
			e := p.s[p.pos]
			p.pos++
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", false, p.fail("four hex digits")
				}
				if utf16.IsSurrogate(r) {
					r2 := utf8.RuneError
					if strings.HasPrefix(p.s[p.pos:], `\u`) {
						p.pos += 2
						if low, ok := p.hex4(); ok {
							r2 = low
						}
					}
					r = utf16.DecodeRune(r, r2)
				}
				b.WriteRune(r)
			default:
				return "", false, p.fail("an escape")
			}
		}
	}
	return "", false, p.fail(`"`)
}

func (p *jsonArray) hex4() (rune, bool) {
	if p.pos+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[p.pos:p.pos+4], 16, 16)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(n), true
}

var errNull = errors.New("NULL where a value is needed")

// assignJSON stores the element v (null if null) in d.
func assignJSON(d any, v string, null bool) error {
	switch d := d.(type) {
	case *Date:
		if null {
			return d.Scan(nil)
		}
		return d.Scan(v)
	case **string:
		*d = nil
		if !null {
			text := v // a copy of its own: v itself stays on the stack
			*d = &text
		}
		return nil
	case **int64:
		return assignNullable(d, v, null, parseInt[int64])
	case **int:
		return assignNullable(d, v, null, parseInt[int])
	case **Money:
		return assignNullable(d, v, null, parseInt[Money])
	}
	if null {
		return errNull
	}
	var err error
	switch d := d.(type) {
	case *string:
		*d = v
	case *int64:
		*d, err = parseInt[int64](v)
	case *int:
		*d, err = parseInt[int](v)
	case *bool:
		*d, err = parseBool(v)
	case *time.Time:
		*d, err = parseSQLiteTime(v)
	default:
		err = fmt.Errorf("cannot store a JSON value in %T", d)
	}
	return err
}

func assignNullable[T any](d **T, v string, null bool, parse func(string) (T, error)) error {
	*d = nil
	if null {
		return nil
	}
	x, err := parse(v)
	if err != nil {
		return err
	}
	*d = &x
	return nil
}

func parseInt[T ~int | ~int64](v string) (T, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	return T(n), err
}

func parseBool(v string) (bool, error) {
	switch v {
	case "1", "true":
		return true, nil
	case "0", "false":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: %q", v)
}

// sqliteTimeLayouts are the layouts the SQLite driver reads DATETIME
// columns in (it writes the first), in UTC when they carry no offset.
var sqliteTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

// parseSQLiteTime reads a time as the SQLite driver does.
func parseSQLiteTime(v string) (time.Time, error) {
	if t, ok := parseDriverTime(v); ok {
		return t, nil
	}
	// time.Time.String(), as drivers of old wrote it.
	if i := strings.Index(v, " m="); i > 0 {
		v = v[:i]
	}
	if t, err := time.Parse("2006-01-02 15:04:05.999999999 -0700 MST", v); err == nil {
		return t, nil
	}
	v = strings.TrimSuffix(v, "Z")
	for _, layout := range sqliteTimeLayouts {
		if t, err := time.ParseInLocation(layout, v, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a time: %q", v)
}

// parseDriverTime reads the layout the SQLite driver writes,
// "2006-01-02 15:04:05.999999999-07:00", without time.Parse's generality:
// a list of cases has one per case.
func parseDriverTime(v string) (time.Time, bool) {
	const prefix = len("2006-01-02 15:04:05")
	if len(v) < prefix+len("-07:00") || v[4] != '-' || v[7] != '-' || v[10] != ' ' || v[13] != ':' || v[16] != ':' {
		return time.Time{}, false
	}
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, len(s) > 0
	}
	year, ok1 := num(v[0:4])
	month, ok2 := num(v[5:7])
	day, ok3 := num(v[8:10])
	hour, ok4 := num(v[11:13])
	minute, ok5 := num(v[14:16])
	sec, ok6 := num(v[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return time.Time{}, false
	}
	rest, nsec := v[prefix:], 0
	if rest[0] == '.' {
		i := 1
		for i < len(rest) && i <= 9 && rest[i] >= '0' && rest[i] <= '9' {
			nsec = nsec*10 + int(rest[i]-'0')
			i++
		}
		if i == 1 {
			return time.Time{}, false
		}
		for k := i; k <= 9; k++ {
			nsec *= 10
		}
		rest = rest[i:]
	}
	if len(rest) != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' {
		return time.Time{}, false
	}
	oh, ok1 := num(rest[1:3])
	om, ok2 := num(rest[4:6])
	if !ok1 || !ok2 || oh > 23 || om > 59 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	offset := (oh*60 + om) * 60
	if rest[0] == '-' {
		offset = -offset
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day { // 2025-02-30: time.Date would roll it over, time.Parse refuses it
		return time.Time{}, false
	}
	t = t.Add(-time.Duration(offset) * time.Second)
	if offset != 0 {
		// As time.Parse gives it: the instant in a zone of that offset.
		t = t.In(time.FixedZone("", offset))
	}
	return t, true
}

// The case list's page is written by hand (AppendCaseListJSON) rather than
// by json.Marshal, whose reflection over the 36 fields of every row was a
// tenth of the server's CPU a list request. It writes the bytes json.Marshal
// writes (TestCaseJSONIsWhatJSONMarshalWrites): the fields of Case in their
// order and under their tags, strings escaped as encoding/json escapes them.

// AppendCaseListJSON appends list as json.Marshal writes it.
func AppendCaseListJSON(b []byte, list List[Case]) []byte {
	b = append(b, `{"items":`...)
	if list.Items == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range list.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = list.Items[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, list.Total, 10)
	return append(b, '}')
}

// appendJSON appends c as json.Marshal writes it.
func (c *Case) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, c.ID, 10)
	b = appendJSONField(b, "case_no", c.CaseNo)
	b = appendJSONField(b, "case_type", c.CaseType)
	b = appendJSONField(b, "cause", c.Cause)
	b = appendJSONField(b, "domain", c.Domain)
	b = append(b, `,"plaintiff":{"name":`...)
	b = appendJSONString(b, c.Plaintiff.Name)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, c.Plaintiff.Kind)
	b = append(b, `},"organ_id":`...)
	b = strconv.AppendInt(b, c.OrganID, 10)
	b = appendJSONField(b, "organ_name", c.OrganName)
	b = append(b, `,"filed_on":`...)
	b = c.FiledOn.appendJSON(b)
	b = append(b, `,"judge_id":`...)
	b = strconv.AppendInt(b, c.JudgeID, 10)
	b = appendJSONField(b, "judge_name", c.JudgeName)
	b = append(b, `,"mediator_ids":`...)
	if c.MediatorIDs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, id := range c.MediatorIDs {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, id, 10)
		}
		b = append(b, ']')
	}
	b = append(b, `,"linkage":`...)
	b = strconv.AppendBool(b, c.Linkage)
	b = appendJSONField(b, "linkage_partner", c.LinkagePartner)
	b = append(b, `,"cross_region":`...)
	b = strconv.AppendBool(b, c.CrossRegion)
	b = appendJSONField(b, "region", c.Region)
	b = append(b, `,"workstation_id":`...)
	b = appendJSONIntPtr(b, c.WorkstationID)
	b = append(b, `,"fast_track":`...)
	b = strconv.AppendBool(b, c.FastTrack)
	b = append(b, `,"simplified":`...)
	b = strconv.AppendBool(b, c.Simplified)
	b = append(b, `,"penalty_before":`...)
	b = appendJSONMoney(b, c.PenaltyBefore)
	b = append(b, `,"penalty_after":`...)
	b = appendJSONMoney(b, c.PenaltyAfter)
	b = appendJSONField(b, "status", c.Status)
	b = append(b, `,"deadline_on":`...)
	b = c.DeadlineOn.appendJSON(b)
	b = append(b, `,"days_left":`...)
	b = appendJSONIntPtr(b, c.DaysLeft)
	b = appendJSONField(b, "deadline_flag", c.DeadlineFlag)
	b = append(b, `,"deadline_paused":`...)
	b = strconv.AppendBool(b, c.DeadlinePaused)
	b = append(b, `,"suspended_on":`...)
	b = c.SuspendedOn.appendJSON(b)
	b = append(b, `,"closed_on":`...)
	b = c.ClosedOn.appendJSON(b)
	b = appendJSONField(b, "method", c.Method)
	b = appendJSONField(b, "judgment_result", c.JudgmentResult)
	b = append(b, `,"organ_corrected":`...)
	b = strconv.AppendBool(b, c.OrganCorrected)
	b = append(b, `,"days_to_close":`...)
	b = appendJSONIntPtr(b, c.DaysToClose)
	b = append(b, `,"origin_case_id":`...)
	b = appendJSONIntPtr(b, c.OriginCaseID)
	b = append(b, `,"version":`...)
	b = strconv.AppendInt(b, int64(c.Version), 10)
	b = append(b, `,"created_at":"`...)
	// time.Time's MarshalJSON: RFC 3339 with its nanoseconds.
	b = c.CreatedAt.AppendFormat(b, time.RFC3339Nano)
	return append(b, `"}`...)
}

// appendJSONField appends ,"name": and s as a JSON string.
func appendJSONField(b []byte, name, s string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendJSONString(b, s)
}

func appendJSONIntPtr[T int | int64](b []byte, p *T) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(*p), 10)
}

func appendJSONMoney(b []byte, m *Money) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	return m.appendYuan(b)
}

// appendJSONString appends s quoted as encoding/json quotes a string: <, >
// and & escaped for HTML, invalid UTF-8 as \ufffd, U+2028 and U+2029
// escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
