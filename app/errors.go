package app

import (
	"errors"
	"fmt"
)

// Error codes. The HTTP layer maps each to one status in one table.
const (
	EINVALID      = "invalid"      // bad input: 400
	EUNAUTHORIZED = "unauthorized" // not logged in: 401
	EFORBIDDEN    = "forbidden"    // role or ownership forbids: 403
	// EPASSWORD: the user must change the password an admin set before anything else: 403.
	EPASSWORD    = "password_change_required"
	ENOTFOUND    = "not_found"   // absent, or another court's: 404
	ECONFLICT    = "conflict"    // stale version or a state change not allowed now: 409
	ETOOLARGE    = "too_large"   // request body or upload too large: 413
	ETOOMANY     = "too_many"    // too many attempts: 429
	EUNAVAILABLE = "unavailable" // the database does not answer: 503
	EBUSY        = "busy"        // a write lost to other writers, retried, and still could not commit, or a read that waited its turn (readTurns) past its deadline: 503
	EINTERNAL    = "internal"    // anything else: 500, logged in full
)

// Error is a domain error: a code, a message for a person (in Chinese) and,
// for EINVALID, the bad fields with the reason for each.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
	// Details are further members of the JSON error answer beside "error"
	// (the clashing bookings of a double booking, under "conflicts").
	Details map[string]any
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or EINTERNAL when err is not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// NotFound is the error for an absent record (or another court's).
func NotFound(what string) *Error {
	return Errorf(ENOTFOUND, "%s不存在", what)
}

// Conflict is the error for a change that is not allowed in the record's current state.
func Conflict(format string, args ...any) *Error {
	return Errorf(ECONFLICT, format, args...)
}

// StaleVersion is the error for an edit carrying an outdated version.
func StaleVersion() *Error {
	return Errorf(ECONFLICT, "记录已被他人修改，请刷新后重试")
}

// Forbidden is the error for an action the user's role or assignment forbids.
func Forbidden() *Error {
	return Errorf(EFORBIDDEN, forbiddenMessage)
}

const forbiddenMessage = "您没有执行此操作的权限"

// ForView is the error e says to a user who only tried to look (a GET):
// Forbidden's 执行此操作 becomes 查看此内容; any other error is e.
func (e *Error) ForView() *Error {
	if e.Code != EFORBIDDEN || e.Message != forbiddenMessage {
		return e
	}
	out := *e
	out.Message = "您没有查看此内容的权限"
	return &out
}

// Problems collects field errors while validating input.
type Problems map[string]string

// Add records why field is bad; the first reason for a field wins.
func (p Problems) Add(field, why string) {
	if _, ok := p[field]; !ok {
		p[field] = why
	}
}

// Err returns nil when there are no problems, else an EINVALID *Error naming every field.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "提交的内容有误，请检查标出的字段", Fields: map[string]string(p)}
}

// Invalid returns an EINVALID error for one field.
func Invalid(field, why string) *Error {
	return &Error{Code: EINVALID, Message: why, Fields: map[string]string{field: why}}
}
