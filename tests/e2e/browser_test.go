package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// actionLimit bounds one browser action (a page load, a click, a download)
// on a busy machine; the waits end as soon as the browser answers.
const actionLimit = 90 * time.Second

// env is what a journey runs against: the shared demo server and the
// shared Chromium. Each person of a journey gets a tab in a browser context
// of their own (own cookies, own downloads folder), so journeys running side
// by side never see each other's sessions.
type env struct {
	srv *server
	ctx context.Context // the browser's context
}

// newEnv returns the shared server and browser, both ready.
func newEnv(t *testing.T) *env {
	t.Helper()
	srv := sharedServer(t)
	return &env{srv: srv, ctx: sharedBrowser(t)}
}

var browserProc struct {
	once    sync.Once
	ctx     context.Context
	cancel  func()
	profile string
	err     error
}

// sharedBrowser starts, once for the package, a headless Chromium at
// 1366×768 with a fresh profile in the tests' temporary folder; TestMain
// closes it. One browser with a browser context per person costs a second
// of CPU less per journey than a browser per journey.
func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	requireChromium(t)
	browserProc.once.Do(func() {
		browserProc.profile = filepath.Join(workDir, "chromium-profile")
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromiumPath),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			// Belt and braces: even a request the watcher reports cannot
			// reach another machine.
			chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"),
			// A Chinese browser as on a court PC: Accept-Language zh-CN and
			// date fields showing 年/月/日. On Linux the browser takes its
			// language from LANGUAGE (--lang alone leaves it en-US), and its
			// file names' encoding from LANG: C.UTF-8 is there on every
			// machine, while a zh_CN locale that is not installed would
			// leave ASCII and rename Chinese downloads "download".
			chromedp.Flag("lang", "zh-CN"),
			chromedp.Env("LANG=C.UTF-8", "LANGUAGE=zh_CN:zh"),
			chromedp.UserDataDir(browserProc.profile),
			chromedp.WindowSize(1366, 768),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		browserProc.ctx = ctx
		browserProc.cancel = func() {
			cancel()
			cancelAlloc()
			removeAllRetry(browserProc.profile)
		}
		// The first Do starts the browser; it must not carry a timeout,
		// because the browser lives as long as the context of that call.
		browserProc.err = chromedp.Do(ctx)
	})
	if browserProc.err != nil {
		t.Fatalf("starting Chromium %s: %v", chromiumPath, browserProc.err)
	}
	return browserProc.ctx
}

// closeBrowser stops the shared Chromium, if it was started.
func closeBrowser() {
	if browserProc.cancel != nil {
		browserProc.cancel()
	}
}

// removeAllRetry removes a Chromium profile, whose helper processes may still
// be writing for a moment after the browser exits.
func removeAllRetry(dir string) {
	for range 20 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// tab is one person at the browser, watched for requests that leave the
// machine and for JavaScript errors. Its methods fail the test on anything
// unexpected, so that a journey reads as a list of steps. It closes when the
// test (or subtest) that opened it ends.
type tab struct {
	t         *testing.T
	srv       *server
	ctx       context.Context
	downloads string

	mu       sync.Mutex
	problems []problem
	reported int
	allowed  map[string]bool // document URLs whose 4xx/5xx the test asked for
	dialogs  []string        // texts of confirm/alert dialogs, all accepted
}

// problem is something the browser saw that fails a test.
type problem struct {
	text string
	url  string // for a failed load reported by the network: the URL
}

// open gives a new person a tab in a fresh browser context.
func (e *env) open(t *testing.T) *tab {
	t.Helper()
	b := &tab{t: t, srv: e.srv, downloads: filepath.Join(t.TempDir(), "downloads"), allowed: map[string]bool{}}
	ctx, cancel := chromedp.NewContext(e.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(b.watch))
	b.ctx = ctx
	t.Cleanup(func() {
		b.check()
		cancel()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if err := b.do(chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatalf("setting the viewport: %v", err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllowAndName,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		DownloadPath:     b.downloads,
		EventsEnabled:    new(true),
	}); err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	return b
}

// watch sees every event of the tab, in order. It runs in the tab's event
// loop: it only records, and answers dialogs from another goroutine.
func (b *tab) watch(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil && leavesMachine(ev.Request.URL) {
			b.add(problem{text: "request leaves 127.0.0.1: " + ev.Request.Method + " " + ev.Request.URL})
		}
	case *runtime.EventExceptionThrown:
		b.add(problem{text: "JavaScript exception: " + exceptionText(ev.ExceptionDetails)})
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			b.add(problem{text: "console." + string(ev.Type) + ": " + argsText(ev.Args)})
		}
	case *log.EventEntryAdded:
		// A favicon is fetched by the browser, not the page, and its failure
		// can surface in any tab of the shared browser (another test's server
		// may have gone by then); fuyuan's own favicon is checked by its routes.
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError && !strings.HasSuffix(e.URL, "/favicon.ico") {
			p := problem{text: fmt.Sprintf("browser log (%s): %s %s", e.Source, e.Text, e.URL)}
			if e.Source == log.EntrySourceNetwork {
				p.url = e.URL
			}
			b.add(p)
		}
	case *page.EventJavascriptDialogOpening:
		b.mu.Lock()
		b.dialogs = append(b.dialogs, ev.Message)
		b.mu.Unlock()
		go chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
	}
}

func (b *tab) add(p problem) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, p)
}

// leavesMachine reports whether a request URL goes anywhere but this machine.
func leavesMachine(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	switch u.Scheme {
	case "data", "about":
		return false
	case "blob":
		return leavesMachine(u.Opaque)
	case "http", "https", "ws", "wss":
		h := u.Hostname()
		return h != "127.0.0.1" && h != "localhost"
	}
	return true
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", s, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			var str string
			if json.Unmarshal(a.Value, &str) == nil {
				parts = append(parts, str)
			} else {
				parts = append(parts, string(a.Value))
			}
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// check fails the test for every problem seen since the last check. A round
// trip to the page first makes sure that the events sent before it are in.
func (b *tab) check() {
	b.t.Helper()
	b.flush()
	for _, r := range b.takeProblems() {
		b.t.Errorf("%s: %s", b.where(), r)
	}
}

// flush makes a round trip to the page: the events the browser sent before
// the answer have then been seen.
func (b *tab) flush() {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[int]("0"))
}

// takeProblems returns the problems seen since the last call, without the
// failed loads the test asked for.
func (b *tab) takeProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	fresh := b.problems[b.reported:]
	b.reported = len(b.problems)
	var out []string
	for _, p := range fresh {
		if p.url != "" && b.allowed[p.url] {
			continue
		}
		out = append(out, p.text)
	}
	return out
}

// where is the path of the page the tab shows, for messages.
func (b *tab) where() string {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	p, err := chromedp.Run(ctx, chromedp.Evaluate[string]("location.pathname + location.search"))
	if err != nil {
		return "(page unknown)"
	}
	return p
}

// do runs actions with the action time limit.
func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, actionLimit)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// eval runs a JavaScript expression in the page and decodes its value.
func eval[T any](b *tab, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionLimit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("%s: evaluating %.80q: %v", b.where(), expr, err)
	}
	return v
}

// call builds the expression that calls a JavaScript function with JSON arguments.
func call(fn string, args ...any) string {
	enc := make([]string, len(args))
	for i, a := range args {
		j, _ := json.Marshal(a)
		enc[i] = string(j)
	}
	return "(" + fn + ")(" + strings.Join(enc, ", ") + ")"
}

// navigate runs steps that load a page and returns the page's HTTP status
// (of the last response when the server redirected).
func (b *tab) navigate(what string, steps ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	status := b.navigateUnchecked(what, steps...)
	b.check()
	return status
}

// navigateUnchecked is navigate without looking for problems.
func (b *tab) navigateUnchecked(what string, steps ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionLimit)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if resp == nil {
		return 0
	}
	if resp.Status >= 400 {
		// The browser logs a failed load; the caller checks the status itself.
		b.mu.Lock()
		b.allowed[resp.URL] = true
		b.mu.Unlock()
	}
	return resp.Status
}

// load opens a path of the server and returns the status of what it shows.
func (b *tab) load(path string) int64 {
	b.t.Helper()
	return b.navigate("opening "+path, chromedp.Navigate(b.srv.URL+path))
}

// visit opens a path and fails the test unless the page is a 200 with an <h1>.
func (b *tab) visit(path string) {
	b.t.Helper()
	b.wantPage("opening "+path, b.load(path))
}

// wantPage fails the test unless the tab shows a 200 page with a heading.
func (b *tab) wantPage(what string, status int64) {
	b.t.Helper()
	if status != 200 {
		b.t.Fatalf("%s: status %d at %s; the page says: %s", what, status, b.where(), b.summary())
	}
	if strings.TrimSpace(b.textOf("h1")) == "" {
		b.t.Fatalf("%s: the page at %s has no <h1>; it says: %s", what, b.where(), b.summary())
	}
}

// path is the path (without the query) of the page the tab shows.
func (b *tab) path() string {
	b.t.Helper()
	return eval[string](b, "location.pathname")
}

// summary is the start of the page's text, for failure messages.
func (b *tab) summary() string {
	s := strings.Join(strings.Fields(b.bodyText()), " ")
	if r := []rune(s); len(r) > 400 {
		s = string(r[:400]) + "…"
	}
	return s
}

// bodyText is what the page shows, as the user reads it.
func (b *tab) bodyText() string {
	return eval[string](b, "document.body ? document.body.innerText : ''")
}

// textOf is the visible text of the first element matching a CSS selector
// ("" when there is none).
func (b *tab) textOf(selector string) string {
	b.t.Helper()
	return eval[string](b, call(`function(sel) { var e = document.querySelector(sel); return e ? e.innerText : ""; }`, selector))
}

// count is the number of elements matching a CSS selector.
func (b *tab) count(selector string) int {
	b.t.Helper()
	return eval[int](b, call(`function(sel) { return document.querySelectorAll(sel).length; }`, selector))
}

// attr is an attribute of the first element matching a CSS selector.
func (b *tab) attr(selector, name string) string {
	b.t.Helper()
	return eval[string](b, call(`function(sel, name) { var e = document.querySelector(sel); return e ? (e.getAttribute(name) || "") : ""; }`, selector, name))
}

// see fails the test unless the page shows every one of the texts.
func (b *tab) see(texts ...string) {
	b.t.Helper()
	body := b.bodyText()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			b.t.Fatalf("%s does not show %q; it says: %s", b.where(), s, b.summary())
		}
	}
}

// seeMatch fails the test unless the page shows text matching re, and returns the match.
func (b *tab) seeMatch(re *regexp.Regexp) string {
	b.t.Helper()
	m := re.FindString(b.bodyText())
	if m == "" {
		b.t.Fatalf("%s shows nothing matching %s; it says: %s", b.where(), re, b.summary())
	}
	return m
}

// within makes the form matching a CSS selector the one that fill and
// submit work on (otherwise: the first form with a field of that name).
func (b *tab) within(formSelector string) *tab {
	b.t.Helper()
	msg := eval[string](b, call(`function(sel) {
		var f = document.querySelector(sel);
		if (!f) return "no form matches " + sel;
		document.querySelectorAll("form[data-e2e-form]").forEach(function (x) { x.removeAttribute("data-e2e-form"); });
		f.setAttribute("data-e2e-form", "");
		return "";
	}`, formSelector))
	if msg != "" {
		b.t.Fatalf("%s: %s", b.where(), msg)
	}
	return b
}

// fillJS sets a field as a person would: text, date, number, textarea; a
// select by option value or label; a checkbox on or off; a radio or one of
// several checkboxes by value or label. A multiple select takes labels or
// values separated by commas. Only visible fields can be filled.
const fillJS = `function(name, value) {
	var sel = '[name="' + CSS.escape(name) + '"]';
	var shown = function (e) { return !!e && !e.closest("[hidden]") && e.getClientRects().length > 0; };
	var visible = function (e) {
		// A styled checkbox may hide itself behind its label.
		return shown(e) || ((e.type === "checkbox" || e.type === "radio") && e.labels && e.labels.length > 0 && shown(e.labels[0]));
	};
	var some = function (f) { return Array.prototype.some.call(f.querySelectorAll(sel), visible); };
	var form = document.querySelector("form[data-e2e-form]");
	if (!form || !some(form)) {
		form = Array.prototype.filter.call(document.querySelectorAll("form"), some)[0];
		if (!form) return "no visible field named " + name;
		document.querySelectorAll("form[data-e2e-form]").forEach(function (x) { x.removeAttribute("data-e2e-form"); });
		form.setAttribute("data-e2e-form", "");
	}
	var els = Array.prototype.filter.call(form.querySelectorAll(sel), visible);
	if (!els.length) return "no visible field named " + name + " in the form";
	var fire = function (e) {
		e.dispatchEvent(new Event("input", {bubbles: true}));
		e.dispatchEvent(new Event("change", {bubbles: true}));
	};
	var label = function (e) {
		if (e.labels && e.labels.length) return e.labels[0].innerText.trim();
		return (e.text || "").trim();
	};
	var pick = function (list, v) {
		return list.filter(function (o) { return o.value === v; })[0] ||
			list.filter(function (o) { return label(o) === v; })[0] ||
			list.filter(function (o) { return label(o).indexOf(v) >= 0; })[0];
	};
	var names = function (list) { return list.map(function (o) { return o.value + "=" + label(o); }).join(", "); };
	var el = els[0];
	if (el.type === "checkbox" && els.length === 1) {
		var on = !/^(|0|false|off|no|否)$/i.test(value);
		if (el.checked !== on) { el.checked = on; fire(el); }
		return "";
	}
	if (el.type === "checkbox" || el.type === "radio") {
		var hit = pick(els, value);
		if (!hit) return "no choice " + value + " for " + name + " (there are: " + names(els) + ")";
		hit.checked = true; fire(hit);
		return "";
	}
	if (el.tagName === "SELECT") {
		var opts = Array.prototype.slice.call(el.options);
		var wanted = el.multiple ? value.split(",") : [value];
		if (el.multiple) opts.forEach(function (o) { o.selected = false; });
		for (var i = 0; i < wanted.length; i++) {
			var o = pick(opts, wanted[i].trim());
			if (!o) return "no option " + wanted[i] + " for " + name + " (there are: " + names(opts) + ")";
			o.selected = true;
			if (!el.multiple) el.value = o.value;
		}
		fire(el);
		return "";
	}
	el.focus();
	el.value = value;
	fire(el);
	if (el.value !== value) return "field " + name + " did not take " + value + " (it holds " + el.value + ")";
	return "";
}`

// fill sets the field named name (see fillJS) in the current form.
func (b *tab) fill(name, value string) *tab {
	b.t.Helper()
	if msg := eval[string](b, call(fillJS, name, value)); msg != "" {
		b.t.Fatalf("%s: filling %s=%q: %s", b.where(), name, value, msg)
	}
	return b
}

// fields fills several fields in order: name, value, name, value …
func (b *tab) fields(kv ...string) *tab {
	b.t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		b.fill(kv[i], kv[i+1])
	}
	return b
}

// markSubmitJS marks the submit button of the current form (else of the
// only form in <main>), after the browser's own checks of the form.
const markSubmitJS = `function() {
	var form = document.querySelector("form[data-e2e-form]");
	if (!form) {
		var all = document.querySelectorAll("main form");
		if (all.length !== 1) return "no form chosen, and the page has " + all.length + " forms in <main>";
		form = all[0];
	}
	if (!form.noValidate && !form.checkValidity()) {
		var bad = Array.prototype.filter.call(form.elements, function (e) { return e.willValidate && !e.checkValidity(); });
		return "the browser refuses the form: " + bad.map(function (e) { return e.name + ": " + e.validationMessage; }).join("; ");
	}
	var btn = form.querySelector('button[type=submit], input[type=submit], button:not([type])');
	if (!btn) return "the form has no submit button";
	document.querySelectorAll("[data-e2e-click]").forEach(function (x) { x.removeAttribute("data-e2e-click"); });
	btn.setAttribute("data-e2e-click", "");
	return "";
}`

// submit clicks the current form's submit button and fails the test unless
// a 200 page with a heading comes back (after any redirect).
func (b *tab) submit() {
	b.t.Helper()
	b.wantPage("submitting the form", b.submitStatus())
}

// submitStatus clicks the current form's submit button and returns the
// status of the page that comes back.
func (b *tab) submitStatus() int64 {
	b.t.Helper()
	if msg := eval[string](b, call(markSubmitJS)); msg != "" {
		b.t.Fatalf("%s: submitting: %s", b.where(), msg)
	}
	return b.navigate("submitting the form on "+b.where(), chromedp.Click(chromedp.CSS("[data-e2e-click]")))
}

// markLinkJS marks the link, button or <summary> whose text is the given
// text (exactly, else containing it): inside the table row that shows
// rowText when that is given, else in <main> first, then anywhere.
const markLinkJS = `function(text, rowText) {
	var match = function (root) {
		var all = root.querySelectorAll("a, button, input[type=submit], summary");
		var said = function (e) { return (e.innerText || e.value || "").trim(); };
		var exact = Array.prototype.filter.call(all, function (e) { return said(e) === text; });
		if (exact.length) return exact[0];
		return Array.prototype.filter.call(all, function (e) { return said(e).indexOf(text) >= 0; })[0];
	};
	var el;
	if (rowText) {
		var row = Array.prototype.filter.call(document.querySelectorAll("main tr"), function (r) { return r.innerText.indexOf(rowText) >= 0; })[0];
		if (!row) return "no table row shows " + rowText;
		el = match(row);
	} else {
		var main = document.querySelector("main");
		el = (main && match(main)) || match(document);
	}
	if (!el) return "no link or button says " + text + (rowText ? " in the row of " + rowText : "");
	document.querySelectorAll("[data-e2e-click]").forEach(function (x) { x.removeAttribute("data-e2e-click"); });
	el.setAttribute("data-e2e-click", "");
	return "";
}`

// mark marks the element markLinkJS finds, failing the test when there is none.
func (b *tab) mark(text, rowText string) {
	b.t.Helper()
	if msg := eval[string](b, call(markLinkJS, text, rowText)); msg != "" {
		b.t.Fatalf("%s: %s; the page says: %s", b.where(), msg, b.summary())
	}
}

// follow clicks the link or button showing text and fails the test unless a
// 200 page with a heading comes back.
func (b *tab) follow(text string) {
	b.t.Helper()
	b.mark(text, "")
	b.wantPage("clicking "+text, b.navigate("clicking "+text+" on "+b.where(), chromedp.Click(chromedp.CSS("[data-e2e-click]"))))
}

// followInRow clicks the link or button showing text in the table row that
// shows rowText, and fails the test unless a 200 page comes back.
func (b *tab) followInRow(rowText, text string) {
	b.t.Helper()
	b.mark(text, rowText)
	b.wantPage("clicking "+text, b.navigate("clicking "+text+" in the row of "+rowText+" on "+b.where(), chromedp.Click(chromedp.CSS("[data-e2e-click]"))))
}

// tap clicks the link, button or <summary> showing text where the click
// loads no page (it opens a folded section, say).
func (b *tab) tap(text string) {
	b.t.Helper()
	b.mark(text, "")
	if err := b.do(chromedp.Click(chromedp.CSS("[data-e2e-click]"))); err != nil {
		b.t.Fatalf("%s: clicking %s: %v", b.where(), text, err)
	}
	b.check()
}

// click clicks the element matching a CSS selector and returns the status of
// the page that loads.
func (b *tab) click(selector string) int64 {
	b.t.Helper()
	if b.count(selector) == 0 {
		b.t.Fatalf("%s: nothing matches %s", b.where(), selector)
	}
	return b.navigate("clicking "+selector+" on "+b.where(), chromedp.Click(chromedp.CSS(selector)))
}

// download clicks the element matching a CSS selector, waits for the browser
// to save the file it starts, and returns the file's bytes and suggested name.
func (b *tab) download(selector string) (data []byte, name string) {
	b.t.Helper()
	if b.count(selector) == 0 {
		b.t.Fatalf("%s: nothing matches %s", b.where(), selector)
	}
	ctx, cancel := context.WithTimeout(b.ctx, actionLimit)
	defer cancel()
	begins := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		b.t.Fatalf("%s: clicking %s: %v", b.where(), selector, err)
	}
	// Other tests' tabs download in the same browser: find this tab's download.
	frame := cdp.FrameID(chromedp.FromContext(b.ctx).Target.TargetID)
	var guid string
	for ev, err := range begins {
		if err != nil {
			b.t.Fatalf("%s: clicking %s started no download: %v; the page says: %s", b.where(), selector, err, b.summary())
		}
		if ev.FrameID == frame {
			guid, name = ev.GUID, ev.SuggestedFilename
			break
		}
	}
	for ev, err := range progress {
		if err != nil {
			b.t.Fatalf("%s: the download of %s did not finish: %v", b.where(), name, err)
		}
		if ev.GUID != guid {
			continue
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			data, err := os.ReadFile(filepath.Join(b.downloads, ev.GUID))
			if err != nil {
				b.t.Fatalf("reading the downloaded %s: %v", name, err)
			}
			b.check()
			return data, name
		case browser.DownloadProgressStateCanceled:
			b.t.Fatalf("%s: the download of %s was cancelled", b.where(), name)
		}
	}
	b.t.Fatalf("%s: the download of %s did not finish", b.where(), name)
	return nil, ""
}

// dialogsSeen are the texts of the dialogs the page opened (all accepted).
func (b *tab) dialogsSeen() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.dialogs...)
}

var (
	shotOnce sync.Once
	shotDir  string
	shotErr  error
)

// screenshot saves a full-page PNG of what the tab shows, at 1366 px wide,
// under $FUYUAN_SCREENSHOTS (else <temp>/fuyuan-screenshots).
func (b *tab) screenshot(name string) {
	b.t.Helper()
	shotOnce.Do(func() {
		shotDir = os.Getenv("FUYUAN_SCREENSHOTS")
		if shotDir == "" {
			shotDir = filepath.Join(os.TempDir(), "fuyuan-screenshots")
		}
		shotErr = os.MkdirAll(shotDir, 0o755)
	})
	if shotErr != nil {
		b.t.Fatalf("screenshot folder: %v", shotErr)
	}
	ctx, cancel := context.WithTimeout(b.ctx, actionLimit)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("%s: screenshot: %v", b.where(), err)
	}
	file := filepath.Join(shotDir, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot of %s: %s", b.where(), file)
}

// row is the text of the first table row in <main> that contains text,
// cells separated by tabs; the test fails when there is none.
func (b *tab) row(text string) string {
	b.t.Helper()
	got := eval[string](b, call(`function(text) {
		var rows = document.querySelectorAll("main tr");
		for (var i = 0; i < rows.length; i++) {
			if (rows[i].innerText.indexOf(text) >= 0) return rows[i].innerText;
		}
		return "";
	}`, text))
	if got == "" {
		b.t.Fatalf("%s: no table row shows %q; the page says: %s", b.where(), text, b.summary())
	}
	return got
}

// fieldError is the error shown next to the field named name ("" when none):
// the .field-error inside the field's .field block.
func (b *tab) fieldError(name string) string {
	b.t.Helper()
	return eval[string](b, call(`function(name) {
		var el = document.querySelector('[name="' + CSS.escape(name) + '"]');
		var box = el && el.closest(".field");
		var err = box && box.querySelector(".field-error");
		return err ? err.innerText.trim() : "";
	}`, name))
}

// value is what the field named name holds in the current page.
func (b *tab) value(name string) string {
	b.t.Helper()
	return eval[string](b, call(`function(name) {
		var el = document.querySelector('[name="' + CSS.escape(name) + '"]');
		return el ? el.value : "";
	}`, name))
}

// auditJS lists what makes the page hard to use: fields without a label,
// a page wider than the window (it scrolls sideways), a page not marked as
// Chinese. Tables may scroll inside their own .table-wrap.
const auditJS = `function() {
	var out = [];
	if (document.documentElement.lang !== "zh-CN") out.push("<html> has lang=" + JSON.stringify(document.documentElement.lang) + ", want zh-CN");
	if (navigator.language !== "zh-CN") out.push("the browser runs in " + navigator.language + ", not zh-CN as on a court PC");
	var over = document.documentElement.scrollWidth - window.innerWidth;
	if (over > 1) out.push("the page is " + over + " px wider than the " + window.innerWidth + " px window");
	document.querySelectorAll("input, select, textarea").forEach(function (e) {
		if (e.type === "hidden" || e.type === "submit" || e.type === "button") return;
		if (!e.getClientRects().length && !(e.labels && e.labels.length)) return;
		var named = (e.labels && e.labels.length) || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || e.title;
		if (!named) out.push("the field " + (e.name || e.id || e.tagName) + " has no label");
	});
	return out;
}`

// audit returns what auditJS finds on the page the tab shows.
func (b *tab) audit() []string {
	b.t.Helper()
	return eval[[]string](b, call(auditJS))
}

// viewport resizes the page, as on a tablet (touch on) or a desktop.
func (b *tab) viewport(width, height int64, touch bool) {
	b.t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	if touch {
		opts = append(opts, chromedp.EmulateTouch)
	}
	if err := b.do(chromedp.EmulateViewport(width, height, opts...)); err != nil {
		b.t.Fatalf("resizing the page to %d×%d: %v", width, height, err)
	}
}

// fact is the value a page's facts list (<dl class="facts">) gives for a
// label ("" when no <dt> says it).
func (b *tab) fact(label string) string {
	b.t.Helper()
	return eval[string](b, call(`function(label) {
		var dts = document.querySelectorAll("main dl.facts dt");
		for (var i = 0; i < dts.length; i++) {
			if (dts[i].innerText.trim() === label) {
				var dd = dts[i].nextElementSibling;
				return dd ? dd.innerText.trim() : "";
			}
		}
		return "";
	}`, label))
}
