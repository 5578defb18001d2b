package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/app/form"
)

// statusOf is the one table from domain error codes to HTTP statuses.
var statusOf = map[string]int{
	app.EINVALID:      http.StatusBadRequest,
	app.EUNAUTHORIZED: http.StatusUnauthorized,
	app.EFORBIDDEN:    http.StatusForbidden,
	app.EPASSWORD:     http.StatusForbidden,
	app.ENOTFOUND:     http.StatusNotFound,
	app.ECONFLICT:     http.StatusConflict,
	app.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	app.ETOOMANY:      http.StatusTooManyRequests,
	app.EUNAVAILABLE:  http.StatusServiceUnavailable,
	app.EBUSY:         http.StatusServiceUnavailable,
	app.EINTERNAL:     http.StatusInternalServerError,
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

func writeErrorHTTP(w http.ResponseWriter, status int, code, msg string, fields map[string]string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(errorBody{errorDetail{code, msg, fields}})
}

// fail writes err as the JSON error of api.md. Unknown errors are logged in
// full and shown as a generic message.
func (s *Server) fail(c *gin.Context, err error) {
	e := s.asAppError(c, err)
	if len(e.Details) > 0 {
		body := gin.H{"error": errorDetail{e.Code, e.Message, e.Fields}}
		for k, v := range e.Details {
			if k != "error" {
				body[k] = v
			}
		}
		c.AbortWithStatusJSON(statusOf[e.Code], body)
		return
	}
	c.AbortWithStatusJSON(statusOf[e.Code], errorBody{errorDetail{e.Code, e.Message, e.Fields}})
}

// asAppError turns any error into an *app.Error, logging the ones that are ours to fix
// and the authorisation failures.
func (s *Server) asAppError(c *gin.Context, err error) *app.Error {
	var e *app.Error
	if !errors.As(err, &e) && errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil {
		// The client went away (closed the connection) while its request
		// ran: nothing of ours to fix, and nobody reads the answer.
		s.Log.Info("request abandoned by the client", "method", c.Request.Method, "path", c.Request.URL.Path, "request_id", c.GetString("request_id"))
		return &app.Error{Code: app.EUNAVAILABLE, Message: "请求已取消"}
	}
	if !errors.As(err, &e) {
		s.Log.Error("internal error", "err", err, "method", c.Request.Method, "path", c.Request.URL.Path, "request_id", c.GetString("request_id"))
		return &app.Error{Code: app.EINTERNAL, Message: "服务器内部错误，请稍后再试或联系管理员"}
	}
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		e = e.ForView()
	}
	if conflicts, ok := e.Details["conflicts"].([]app.BookingConflict); ok {
		c.Set(bookingConflictsKey, conflicts) // the page of a refused slot lists them
	}
	switch e.Code {
	case app.EFORBIDDEN, app.ENOTFOUND:
		a, _ := actorOf(c)
		s.Log.Warn("access refused", "code", e.Code, "user", a.Username, "court", a.Court, "role", a.Role,
			"method", c.Request.Method, "route", c.FullPath(), "path", c.Request.URL.Path, "ip", c.ClientIP(), "request_id", c.GetString("request_id"))
	case app.EUNAVAILABLE:
		s.Log.Warn("database unavailable", "method", c.Request.Method, "route", c.FullPath(), "path", c.Request.URL.Path, "request_id", c.GetString("request_id"))
	case app.EBUSY:
		s.Log.Warn("busy: gave up", "reason", e.Message, "method", c.Request.Method, "route", c.FullPath(), "path", c.Request.URL.Path, "request_id", c.GetString("request_id"))
	}
	return e
}

// bookingConflictsKey holds the clashes of a refused booking for the page.
const bookingConflictsKey = "booking_conflicts"

// bindJSON decodes the request body into v. Malformed JSON, a wrong type or a
// body over the limit become 400/413 naming the field; it reports success.
func (s *Server) bindJSON(c *gin.Context, v any) bool {
	body := http.MaxBytesReader(c.Writer, c.Request.Body, s.Config.MaxBody)
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		s.fail(c, jsonError(err))
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		s.fail(c, app.Errorf(app.EINVALID, "请求体只能包含一个 JSON 对象"))
		return false
	}
	return true
}

func jsonError(err error) error {
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var synErr *json.SyntaxError
	switch {
	case errors.As(err, &tooBig):
		return app.Errorf(app.ETOOLARGE, "请求体过大（上限 %d KB）", tooBig.Limit/1024)
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return app.Errorf(app.EINVALID, "请求体应为 JSON 对象")
		}
		return app.Invalid(field, fmt.Sprintf("字段 %s 的类型不正确（应为%s）", field, typeName(typeErr.Type.Kind().String())))
	case errors.As(err, &synErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return app.Errorf(app.EINVALID, "请求体不是有效的 JSON")
	}
	// A field's own UnmarshalJSON (dates, money) failed: name the field when the decoder says it.
	msg := err.Error()
	if i := strings.Index(msg, "Go struct field "); i >= 0 {
		rest := msg[i+len("Go struct field "):]
		name, why, _ := strings.Cut(rest, " of type ")
		if dot := strings.LastIndex(name, "."); dot >= 0 {
			name = name[dot+1:]
		}
		_ = why
		return app.Invalid(jsonFieldName(name), "字段 "+jsonFieldName(name)+" 的值不正确："+innerMessage(msg))
	}
	return app.Errorf(app.EINVALID, "请求体不正确：%s", innerMessage(msg))
}

func typeName(kind string) string {
	switch kind {
	case "string":
		return "字符串"
	case "bool":
		return "true 或 false"
	case "int", "int64", "int32", "float64", "uint", "uint64":
		return "数字"
	case "slice":
		return "数组"
	case "struct", "map":
		return "对象"
	}
	return kind
}

func innerMessage(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// jsonFieldName turns a Go field name into its snake_case JSON key (FiledOn → filed_on).
func jsonFieldName(goName string) string {
	var b strings.Builder
	for i, r := range goName {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r + 'a' - 'A')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pageOf reads ?page and ?page_size (default 20, at most 100).
func pageOf(c *gin.Context) (app.Page, error) {
	p := app.Page{Page: 1, Size: 20}
	bad := app.Problems{}
	if v := c.Query("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			bad.Add("page", "页码应为正整数")
		}
		p.Page = n
	}
	if v := c.Query("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			bad.Add("page_size", "每页条数应为 1–100 的整数")
		}
		p.Size = n
	}
	return p, bad.Err()
}

// idParam reads a numeric path id; anything else is "not found".
func (s *Server) idParam(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, app.NotFound("记录"))
		return 0, false
	}
	return id, true
}

// queryBool reads an optional boolean filter ("true"/"false"/"1"/"0"); nil when absent.
func queryBool(c *gin.Context, name string, bad app.Problems) *bool {
	return form.Bool(bad, name, c.Query(name), "应为 true 或 false")
}

// queryID reads an optional positive id filter; 0 when absent.
func queryID(c *gin.Context, name string, bad app.Problems) int64 {
	return form.ID(bad, name, c.Query(name), "应为正整数编号")
}

// queryDate reads an optional YYYY-MM-DD filter.
func queryDate(c *gin.Context, name string, bad app.Problems) app.Date {
	d, _ := form.Parse(bad, name, c.Query(name), "日期格式应为 YYYY-MM-DD", app.ParseDate)
	return d
}
