package web

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/app/form"
)

// bindInput decodes a JSON object into the input struct in field by field, so
// that a value of the wrong type or format is reported under its own JSON
// name; check, the input's own validation, then names the other bad fields.
// It writes the error and reports success.
func (s *Server) bindInput(c *gin.Context, in any, check func() error) bool {
	var raw map[string]json.RawMessage
	if !s.bindJSON(c, &raw) {
		return false
	}
	p := decodeFields(raw, in)
	if len(p) == 0 {
		return true
	}
	addProblems(p, check())
	s.fail(c, p.Err())
	return false
}

// decodeFields sets each field of the struct *in whose JSON name is in raw.
func decodeFields(raw map[string]json.RawMessage, in any) app.Problems {
	p := app.Problems{}
	v := reflect.ValueOf(in).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		msg, ok := raw[name]
		if name == "" || name == "-" || !ok {
			continue
		}
		if err := json.Unmarshal(msg, v.Field(i).Addr().Interface()); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				p.Add(name, "类型不正确（应为"+typeName(typeErr.Type.Kind().String())+"）")
			} else {
				p.Add(name, err.Error())
			}
		}
	}
	return p
}

// addProblems adds the field errors of err (an EINVALID *app.Error) to p;
// the reasons already in p win.
func addProblems(p app.Problems, err error) {
	var e *app.Error
	if errors.As(err, &e) {
		for k, v := range e.Fields {
			p.Add(k, v)
		}
	}
}

// postedForm reads a page's form into typed values, noting every value that
// cannot be read under the input's name.
type postedForm struct {
	c *gin.Context
	p app.Problems
}

func newPostedForm(c *gin.Context) *postedForm { return &postedForm{c: c, p: app.Problems{}} }

func (f *postedForm) text(name string) string { return f.c.PostForm(name) }

func (f *postedForm) date(name string) app.Date { return postedDate(f.c, name, f.p) }

// minute reads a time input on day (formMinute).
func (f *postedForm) minute(name string, day app.Date) app.Minute {
	return formMinute(f.c, name, day, f.p)
}

func (f *postedForm) number(name string) int {
	n, _ := form.Parse(f.p, name, f.c.PostForm(name), "请填写整数", strconv.Atoi)
	return n
}

func (f *postedForm) id(name string) int64 { return postedID(f.c, name, f.p) }

func (f *postedForm) ids(name string) []int64 {
	var out []int64
	for _, v := range f.c.PostFormArray(name) {
		if n := form.ID(f.p, name, v, "请从列表中选择"); n != 0 {
			out = append(out, n)
		}
	}
	return out
}

// postedID reads an optional positive id from a posted form; 0 when empty or bad.
func postedID(c *gin.Context, name string, bad app.Problems) int64 {
	return form.ID(bad, name, c.PostForm(name), "请从列表中选择")
}

// postedDate reads an optional YYYY-MM-DD date from a posted form.
func postedDate(c *gin.Context, name string, bad app.Problems) app.Date {
	d, _ := form.Parse(bad, name, c.PostForm(name), "日期格式应为 YYYY-MM-DD，且为真实存在的日期", app.ParseDate)
	return d
}

func (f *postedForm) checked(name string) bool {
	switch f.c.PostForm(name) {
	case "1", "true", "on":
		return true
	}
	return false
}

// err is nil when every value could be read; else the unreadable fields
// together with what check (the input's own validation) finds wrong.
func (f *postedForm) err(check func() error) error {
	if len(f.p) == 0 {
		return nil
	}
	addProblems(f.p, check())
	return f.p.Err()
}

// fieldFlashes are the messages shown after a successful form post (the
// page is reached by redirect, with ?ok=<key>).
var fieldFlashes = map[string]string{
	"opened": "已设立工作室。现在可以在下方登记它的服务记录。",
	// For a user who may set up workstations but not log their services (the admin).
	"opened_elsewhere": "已设立工作室。它的服务记录由法官、调解员在本页登记。",
	"saved":            "已保存工作室信息。",
	"service":          "已登记服务记录，下方的统计数字已随之更新。",
	"circuit":          "已登记巡回审判，日历中已标出。",
	"inspection":       "已登记勘验记录。",
	"order":            "已登记司法保护令。",
}

func fieldFlash(c *gin.Context) string { return fieldFlashes[c.Query("ok")] }

// formFailure is what a page shows after a failed post: the values typed and
// the reasons, with the status of the error.
type formFailure struct {
	status int
	form   map[string]string
	errs   map[string]string
}

// failedForm turns a service error into a formFailure keeping the named inputs.
func (s *Server) failedForm(c *gin.Context, err error, names ...string) formFailure {
	e := s.asAppError(c, err)
	return formFailure{status: statusOf[e.Code], form: formValues(c, names...), errs: fieldsOrMessage(e)}
}
