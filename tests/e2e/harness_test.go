package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestHarnessCatchesOutsideRequestsAndScriptErrors proves the watcher on
// pages made to misbehave, served by the test itself on 127.0.0.1: each page
// must produce the problem it is built for, and a clean page none.
func TestHarnessCatchesOutsideRequestsAndScriptErrors(t *testing.T) {
	t.Parallel()
	pages := map[string]struct {
		head, body string
		want       string // in the problem reported; "" = no problem
	}{
		"/clean":     {body: `<h1>好</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">`},
		"/image":     {body: `<img src="http://cdn.example.invalid/logo.png" alt="">`, want: "request leaves 127.0.0.1: GET http://cdn.example.invalid/logo.png"},
		"/font":      {head: `<link rel="stylesheet" href="https://fonts.example.invalid/css?family=Noto">`, want: "request leaves 127.0.0.1"},
		"/exception": {body: `<script src="/throw.js"></script>`, want: "JavaScript exception"},
		"/console":   {body: `<script src="/console.js"></script>`, want: "console.error: 出错"},
		"/inline":    {body: `<script>document.title = "x";</script>`, want: "Content Security Policy"},
		"/missing":   {body: `<script src="/nothing.js"></script>`, want: "404"},
	}
	mux := http.NewServeMux()
	for path, p := range pages {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; script-src 'self'")
			fmt.Fprintf(w, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title>%s</head><body>%s</body></html>`, p.head, p.body)
		})
	}
	mux.HandleFunc("GET /throw.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `undefinedFunction();`)
	})
	mux.HandleFunc("GET /console.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `console.error("出错");`)
	})
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()

	e := &env{srv: &server{URL: ts.URL}, ctx: sharedBrowser(t)}
	b := e.open(t)
	for path, p := range pages {
		b.navigateUnchecked("opening "+path, chromedp.Navigate(ts.URL+path))
		b.flush()
		got := b.takeProblems()
		// The browser may log a failed load a moment after the page settled.
		for deadline := time.Now().Add(5 * time.Second); p.want != "" && !strings.Contains(strings.Join(got, "\n"), p.want) && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
			b.flush()
			got = append(got, b.takeProblems()...)
		}
		switch {
		case p.want == "" && len(got) > 0:
			t.Errorf("%s: the watcher reported %q on a clean page", path, got)
		case p.want != "" && !strings.Contains(strings.Join(got, "\n"), p.want):
			t.Errorf("%s: the watcher reported %q, want a problem with %q", path, got, p.want)
		}
	}
}

// TestTheBrowserIsChineseAsOnACourtPC (issue 15): the tests' Chromium asks
// for Chinese pages (Accept-Language zh-CN) and formats dates in Chinese, so
// the date fields of the pages show 年/月/日 as a court PC's browser does.
func TestTheBrowserIsChineseAsOnACourtPC(t *testing.T) {
	t.Parallel()
	asked := make(chan string, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		select {
		case asked <- r.Header.Get("Accept-Language"):
		default:
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		fmt.Fprint(w, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head><body><h1>日期</h1><input type="date" aria-label="日期"></body></html>`)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	e := &env{srv: &server{URL: ts.URL}, ctx: sharedBrowser(t)}
	b := e.open(t)
	b.navigateUnchecked("opening a page", chromedp.Navigate(ts.URL+"/"))
	if got := <-asked; !strings.HasPrefix(got, "zh-CN") {
		t.Errorf("the browser sends Accept-Language %q, want zh-CN first", got)
	}
	if got := eval[string](b, `navigator.language + " " + Intl.DateTimeFormat().resolvedOptions().locale`); got != "zh-CN zh-CN" {
		t.Errorf("the browser's language and date locale are %q, want zh-CN", got)
	}
}
