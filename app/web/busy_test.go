package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// A filing whose transaction keeps losing conflicts until Store.Tx gives up
// answers 503 with the "busy" code and a message in Chinese, never 500, and
// saves nothing: the next filing gets the number the lost ones gave back.
func TestFilingThatCannotCommitForConflictsAnswers503(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		judge := e.as("judge1")
		s.SetTxAttempts(3)
		hook, hits := apptest.LoseConflicts(t, s, 1000)
		s.SetTxHook(hook)
		res := judge.do("POST", "/api/v1/cases", caseBody(e, nil))
		s.SetTxHook(nil)
		if res.Status != 503 {
			t.Fatalf("filing that lost every attempt: %d %s, want 503", res.Status, res.Body)
		}
		var body struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		res.JSON(t, &body)
		if body.Error.Code != app.EBUSY || !strings.Contains(body.Error.Message, "未能保存") {
			t.Fatalf("503 body %s", res.Body)
		}
		if hits() != 3 {
			t.Fatalf("%d attempts lost, want 3", hits())
		}
		if n := caseCount(t, e); n != 0 {
			t.Fatalf("%d cases saved by a filing that answered 503", n)
		}
		res = judge.do("POST", "/api/v1/cases", caseBody(e, nil))
		if res.Status != 201 || !strings.Contains(res.Body, "行赔初1号") {
			t.Fatalf("next filing: %d %s, want 201 with number 1", res.Status, res.Body)
		}
	})
}

// A request whose client went away while it ran is not an internal error:
// no 500 and no "internal error" line in the log, whatever the database
// answered to the cancelled context.
func TestARequestAbandonedByItsClientIsNotAnInternalError(t *testing.T) {
	var logged bytes.Buffer
	srv := &Server{Log: slog.New(slog.NewTextHandler(&logged, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	c.Request = httptest.NewRequest("POST", "/api/v1/cases", nil).WithContext(ctx)
	srv.fail(c, fmt.Errorf("create case: %w", context.Canceled))
	if w.Code == 500 || strings.Contains(logged.String(), "internal error") {
		t.Fatalf("abandoned request: %d, log %s", w.Code, logged.String())
	}
	// The same error while the client still waits is ours to look at.
	logged.Reset()
	w = httptest.NewRecorder()
	c, _ = gin.CreateTestContext(w)
	c.Request = httptest.NewRequest("POST", "/api/v1/cases", nil)
	srv.fail(c, context.Canceled)
	if w.Code != 500 || !strings.Contains(logged.String(), "internal error") {
		t.Fatalf("a cancelled context of our own: %d, log %s", w.Code, logged.String())
	}
}
