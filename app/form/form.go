// Package form is the one reader of request input: query strings, posted
// HTML forms and JSON bodies all become Values, and every field is read by
// the same functions, which name each bad field with a reason (in Chinese)
// instead of stopping at the first. It depends on nothing of the domain:
// domain types (dates, money) are read through Parse with their parser.
package form

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problems collects what is wrong with the input, by field (app.Problems).
type Problems interface{ Add(field, why string) }

// Values is a request's input as text, keyed by field name ("plaintiff.name"
// for a nested JSON field).
type Values map[string][]string

// FromURL takes the values of a query string or a posted HTML form.
func FromURL(v url.Values) Values { return Values(v) }

// FromJSON flattens a JSON object into Values. A null value is kept as an
// empty string (it clears an optional field in a patch).
func FromJSON(b []byte, p Problems) Values {
	out := Values{}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		p.Add("_", "请求体应为 JSON 对象")
		return out
	}
	var walk func(prefix string, obj map[string]json.RawMessage)
	walk = func(prefix string, obj map[string]json.RawMessage) {
		for k, raw := range obj {
			key := prefix + k
			var v any
			d := json.NewDecoder(bytes.NewReader(raw))
			d.UseNumber()
			if err := d.Decode(&v); err != nil {
				p.Add(key, "值不是有效的 JSON")
				continue
			}
			switch x := v.(type) {
			case nil:
				out[key] = []string{""}
			case string:
				out[key] = []string{x}
			case json.Number:
				out[key] = []string{x.String()}
			case bool:
				out[key] = []string{strconv.FormatBool(x)}
			case []any:
				list := []string{}
				for _, e := range x {
					switch y := e.(type) {
					case string:
						list = append(list, y)
					case json.Number:
						list = append(list, y.String())
					default:
						p.Add(key, "应为编号数组")
					}
				}
				out[key] = list
			case map[string]any:
				var inner map[string]json.RawMessage
				json.Unmarshal(raw, &inner)
				walk(key+".", inner)
			}
		}
	}
	walk("", obj)
	return out
}

// Has reports whether the field was sent at all.
func (v Values) Has(key string) bool { _, ok := v[key]; return ok }

// Str is the field's first value, trimmed; "" when absent.
func (v Values) Str(key string) string {
	if vs := v[key]; len(vs) > 0 {
		return strings.TrimSpace(vs[0])
	}
	return ""
}

// Text checks a free-text value of at most max characters.
func Text(p Problems, key, s, what string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > max {
		p.Add(key, what+"最多 "+strconv.Itoa(max)+" 个字")
	}
	return s
}

// Required is Text for a text that must be given: an empty one is missing's problem.
func Required(p Problems, key, s, what, missing string, max int) string {
	s = strings.TrimSpace(s)
	if s == "" {
		p.Add(key, missing)
		return s
	}
	return Text(p, key, s, what, max)
}

// ID reads an optional positive record id: 0 when empty; anything else
// that is not a positive whole number is why's problem.
func ID(p Problems, key, s, why string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		p.Add(key, why)
		return 0
	}
	return n
}

// IDs reads a list of positive ids, without duplicates; empty entries are skipped.
func IDs(p Problems, key string, list []string, why string) []int64 {
	out := []int64{}
	seen := map[int64]bool{}
	for _, s := range list {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n := ID(p, key, s, why)
		if n != 0 && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// DistinctIDs keeps the ids of list once each, in their order; one that is
// not positive is why's problem.
func DistinctIDs(p Problems, key string, list []int64, why string) []int64 {
	out := []int64{}
	seen := map[int64]bool{}
	for _, id := range list {
		if id <= 0 {
			p.Add(key, why)
			continue
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// parseBool reads yes/no: true/false, t/f, 1/0, on/off (a checkbox), yes/no, 是/否.
func parseBool(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "t", "true", "on", "yes", "是":
		return true, true
	case "0", "f", "false", "off", "no", "否":
		return false, true
	}
	return false, false
}

// Bool reads an optional yes/no (a list filter): nil when empty.
func Bool(p Problems, key, s, why string) *bool {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	b, ok := parseBool(s)
	if !ok {
		p.Add(key, why)
		return nil
	}
	return &b
}

// Flag reads a yes/no field of a form or body: false when empty.
func Flag(p Problems, key, s, why string) bool {
	if b := Bool(p, key, s, why); b != nil {
		return *b
	}
	return false
}

// Parse reads a value with parse (a date, an amount); the zero value and
// ok=false when empty, why's problem when parse refuses it.
func Parse[T any](p Problems, key, s, why string, parse func(string) (T, error)) (v T, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return v, false
	}
	v, err := parse(s)
	if err != nil {
		p.Add(key, why)
		return v, false
	}
	return v, true
}
