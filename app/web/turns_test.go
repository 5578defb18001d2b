package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// turnsServer is a server without a database whose engine has readTurns with
// the given slots and deadline, and routes that note the "n" of each request
// that gets in; with block=1 the request then waits for release.
type turnsServer struct {
	http    *httptest.Server
	release chan struct{}

	mu                sync.Mutex
	entered           []string // the "n" of each request that got in, in order
	inside, maxInside int
}

func newTurnsServer(t *testing.T, slots int, deadline time.Duration) *turnsServer {
	t.Helper()
	pages, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	srv := &Server{Log: apptest.Quiet(), Clock: app.NewSystemClock(app.Date{}), pages: pages,
		Config: Config{ReadSlots: slots, RequestTimeout: deadline, LongRequestTimeout: time.Minute}}
	ts := &turnsServer{release: make(chan struct{})}
	hold := func(c *gin.Context) {
		ts.mu.Lock()
		ts.entered = append(ts.entered, c.Query("n"))
		ts.inside++
		ts.maxInside = max(ts.maxInside, ts.inside)
		ts.mu.Unlock()
		if c.Query("block") != "" {
			<-ts.release
		}
		ts.mu.Lock()
		ts.inside--
		ts.mu.Unlock()
		c.String(http.StatusOK, "ok")
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(srv.readTurns())
	e.GET("/hold", hold)
	e.GET("/api/v1/hold", hold)
	e.POST("/hold", hold)
	e.GET("/api/v1/reports/hold", hold)
	ts.http = httptest.NewServer(srv.withDeadline(e))
	t.Cleanup(ts.http.Close)
	return ts
}

func (ts *turnsServer) count() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.entered)
}

// waitEntered waits until n requests have got in.
func (ts *turnsServer) waitEntered(t *testing.T, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ts.count() < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d requests got in, want %d", ts.count(), n)
		}
	}
}

type turnsAnswer struct {
	status int
	body   string
}

func (ts *turnsServer) send(method, path string) turnsAnswer {
	req, _ := http.NewRequest(method, ts.http.URL+path, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return turnsAnswer{0, err.Error()}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return turnsAnswer{res.StatusCode, string(b)}
}

// Short reads are served at most ReadSlots at a time, and those that wait
// get in in the order they came; a write and a long request (a report) do
// not wait for a turn.
func TestShortReadsTakeTurnsInTheOrderTheyCame(t *testing.T) {
	ts := newTurnsServer(t, 2, time.Minute)
	var wg sync.WaitGroup
	answers := make([]turnsAnswer, 8)
	get := func(i int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = ts.send("GET", "/hold?block=1&n="+string(rune('0'+i)))
		}()
	}
	get(0)
	get(1)
	ts.waitEntered(t, 2)
	// Six more, each sent once the one before had time to queue.
	for i := 2; i < 8; i++ {
		get(i)
		time.Sleep(50 * time.Millisecond)
	}
	if n := ts.count(); n != 2 {
		t.Fatalf("%d reads got in with 2 slots", n)
	}
	if a := ts.send("POST", "/hold?n=w"); a.status != 200 {
		t.Fatalf("a write while the slots were taken: %d %s", a.status, a.body)
	}
	if a := ts.send("GET", "/api/v1/reports/hold?n=r"); a.status != 200 {
		t.Fatalf("a report while the slots were taken: %d %s", a.status, a.body)
	}
	for n := 4; n < 10; n++ {
		ts.release <- struct{}{}
		ts.waitEntered(t, n+1)
	}
	close(ts.release)
	wg.Wait()
	// 0 and 1 were sent together; the rest one after the other.
	got := strings.Join(ts.entered, "")
	if got != "01wr234567" && got != "10wr234567" {
		t.Errorf("order in: %q, want 01wr234567 (a write and a report at once, the reads in the order sent)", got)
	}
	if ts.maxInside > 2+2 { // two reads, plus the write and the report beside them
		t.Errorf("%d requests inside at once", ts.maxInside)
	}
	for i, a := range answers {
		if a.status != 200 {
			t.Errorf("read %d: %d %s", i, a.status, a.body)
		}
	}
}

// A read that waits past its deadline for a turn is answered 503 "busy" with
// a message in Chinese: JSON for the API, a page for a page.
func TestAReadThatWaitsPastItsDeadlineIsAnswered503Busy(t *testing.T) {
	ts := newTurnsServer(t, 1, 300*time.Millisecond)
	done := make(chan turnsAnswer)
	go func() { done <- ts.send("GET", "/hold?block=1&n=0") }()
	ts.waitEntered(t, 1)

	start := time.Now()
	a := ts.send("GET", "/api/v1/hold?n=1")
	if a.status != 503 {
		t.Fatalf("API read past its deadline: %d %s, want 503", a.status, a.body)
	}
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(a.body), &body); err != nil || body.Error.Code != app.EBUSY || body.Error.Message != "服务器繁忙，请稍后再试" {
		t.Fatalf("API 503 body: %s (%v)", a.body, err)
	}
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Fatalf("answered 503 after %s, before its deadline", took)
	}
	a = ts.send("GET", "/hold?block=1&n=2")
	if a.status != 503 || !strings.Contains(a.body, "服务器繁忙，请稍后再试") || !strings.Contains(a.body, "<html") {
		t.Fatalf("page read past its deadline: %d %.300s, want a 503 page", a.status, a.body)
	}
	ts.release <- struct{}{}
	<-done
	if got := strings.Join(ts.entered, ""); got != "0" {
		t.Fatalf("requests that got in: %q, want only the first", got)
	}
}

func TestIsShortRead(t *testing.T) {
	for _, c := range []struct {
		method, path string
		want         bool
	}{
		{"GET", "/api/v1/cases", true},
		{"GET", "/cases", true},
		{"HEAD", "/cases/12", true},
		{"GET", "/", true},
		{"POST", "/api/v1/cases", false},
		{"PATCH", "/api/v1/cases/1", false},
		{"GET", "/api/v1/cases.xlsx", false},
		{"GET", "/api/v1/reports/monthly", false},
		{"GET", "/reports/monthly", false},
		{"GET", "/api/v1/imports/7", false},
		{"GET", "/cases/3/file.zip", false},
		{"GET", "/static/app.css", false},
		{"GET", "/healthz", false},
		{"GET", "/readyz", false},
	} {
		r := httptest.NewRequest(c.method, c.path, nil)
		if got := isShortRead(r); got != c.want {
			t.Errorf("isShortRead(%s %s) = %v, want %v", c.method, c.path, got, c.want)
		}
	}
}
