package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// serveUntilReady runs `fuyuan` with the given environment until /readyz answers 200.
func serveUntilReady(t *testing.T, env map[string]string, args ...string) (addr string, stop func() error) {
	t.Helper()
	addr = freeAddr(t)
	env["FUYUAN_ADDR"] = addr
	env["FUYUAN_REQUEST_TIMEOUT"] = "60s" // the race detector on a busy machine is slow
	for k, v := range env {
		t.Setenv(k, v)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	deadline := time.Now().Add(180 * time.Second) // seeding the demo under -race, beside other packages' tests
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("fuyuan stopped before it was ready: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatal("fuyuan not ready within 180 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return addr, func() error { cancel(); return <-done }
}

func login(t *testing.T, addr, user, pw string) int {
	t.Helper()
	res, err := http.Post("http://"+addr+"/api/v1/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, user, pw)))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestFirstStartCreatesTheCourtAndItsAdmin(t *testing.T) {
	data := t.TempDir()
	addr, stop := serveUntilReady(t, map[string]string{
		"FUYUAN_DATA": data, "FUYUAN_DB": "sqlite", "FUYUAN_DEMO": "",
		"FUYUAN_COURT_CODE": "粤1802", "FUYUAN_COURT_NAME": "清城区人民法院", "FUYUAN_ADMIN_PASSWORD": "first-admin-pw",
	})
	if got := login(t, addr, "admin", "first-admin-pw"); got != 200 {
		t.Fatalf("admin login: %d", got)
	}
	if got := login(t, addr, "judge1", "demo12345"); got != 401 {
		t.Fatalf("no demo accounts without -demo: judge1 got %d", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	// The server hashes passwords at bcrypt cost 10 or more (the test stores
	// of apptest use a lower one; this is the server's own).
	s, err := app.Open(app.Options{Dialect: app.SQLite, DSN: filepath.Join(data, "fuyuan.db")}, app.SystemClock{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var hash string
	if err := s.DB.Table("users").Select("password_hash").Where("username = ?", "admin").Scan(&hash).Error; err != nil {
		t.Fatal(err)
	}
	if cost, err := bcrypt.Cost([]byte(hash)); err != nil || cost < 10 {
		t.Errorf("the admin's password hash: cost %d (%v), want bcrypt at 10 or more", cost, err)
	}
	if held := adminHeld(t, s); held {
		t.Errorf("an admin whose password came from FUYUAN_ADMIN_PASSWORD must change it at first login")
	}
}

// adminHeld reads whether the first admin must change the password at first login.
func adminHeld(t *testing.T, s *app.Store) bool {
	t.Helper()
	var held bool
	if err := s.DB.Table("users").Select("must_change_password").Where("username = ?", "admin").Scan(&held).Error; err != nil {
		t.Fatal(err)
	}
	return held
}

// TestFirstAdminWithARandomPasswordMustChangeIt: without FUYUAN_ADMIN_PASSWORD
// the first admin's password is printed to the log, so the admin is held
// until they choose their own (api.md, POST /me/password).
func TestFirstAdminWithARandomPasswordMustChangeIt(t *testing.T) {
	data := t.TempDir()
	_, stop := serveUntilReady(t, map[string]string{
		"FUYUAN_DATA": data, "FUYUAN_DB": "sqlite", "FUYUAN_DEMO": "", "FUYUAN_ADMIN_PASSWORD": "",
		"FUYUAN_COURT_CODE": "粤1802", "FUYUAN_COURT_NAME": "清城区人民法院",
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	s, err := app.Open(app.Options{Dialect: app.SQLite, DSN: filepath.Join(data, "fuyuan.db")}, app.SystemClock{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !adminHeld(t, s) {
		t.Errorf("an admin whose random password was printed to the log is not made to change it")
	}
}

func TestDemoServesEveryDemoAccount(t *testing.T) {
	addr, stop := serveUntilReady(t, map[string]string{"FUYUAN_DATA": t.TempDir(), "FUYUAN_DB": "sqlite"}, "-demo")
	defer stop()
	for _, u := range []string{"admin", "leader", "judge1", "judge2", "mediator1", "liaison1", "admin2", "judge3"} {
		if got := login(t, addr, u, "demo12345"); got != 200 {
			t.Errorf("demo account %s: login %d", u, got)
		}
	}
}

func TestMySQLStartMigratesAndMigrateTwiceIsANoOp(t *testing.T) {
	dsn := apptest.FreshMySQLDSN(t)
	env := map[string]string{"FUYUAN_DB": "mysql", "FUYUAN_DSN": dsn, "FUYUAN_ADMIN_PASSWORD": "first-admin-pw", "FUYUAN_DEMO": ""}
	addr, stop := serveUntilReady(t, env)
	if got := login(t, addr, "admin", "first-admin-pw"); got != 200 {
		t.Fatalf("admin login on MariaDB: %d", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	out := captureStdout(t, func() {
		if err := run(context.Background(), []string{"migrate"}, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
			t.Fatal(err)
		}
	})
	if !strings.Contains(out, "applied 0 migrations") {
		t.Fatalf("migrate after start: %q", out)
	}
}

func TestMigrateTwiceOnSQLite(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FUYUAN_DATA", dir)
	t.Setenv("FUYUAN_DB", "sqlite")
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	first := captureStdout(t, func() {
		if err := run(context.Background(), []string{"migrate"}, quiet); err != nil {
			t.Fatal(err)
		}
	})
	second := captureStdout(t, func() {
		if err := run(context.Background(), []string{"migrate"}, quiet); err != nil {
			t.Fatal(err)
		}
	})
	if strings.Contains(first, "applied 0 ") || !strings.Contains(second, "applied 0 migrations") {
		t.Fatalf("first %q, second %q", first, second)
	}
	if _, err := os.Stat(filepath.Join(dir, "fuyuan.db")); err != nil {
		t.Fatal(err)
	}
}

func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	fn()
	os.Stdout = old
	w.Close()
	var buf bytes.Buffer
	io.Copy(&buf, r)
	return buf.String()
}

// TestRecountRepairsTheListsCountsAfterAHandEdit: cases changed by hand in
// the database leave the case list's counts behind; `fuyuan recount` reports
// the drift and repairs it.
func TestRecountRepairsTheListsCountsAfterAHandEdit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FUYUAN_DATA", dir)
	t.Setenv("FUYUAN_DB", "sqlite")
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	captureStdout(t, func() {
		if err := run(context.Background(), []string{"gen", "-cases", "300"}, quiet); err != nil {
			t.Fatal(err)
		}
	})
	s, err := app.Open(app.Options{Dialect: app.SQLite, DSN: filepath.Join(dir, "fuyuan.db")}, app.SystemClock{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	// By hand: three filed cases closed without the store.
	if err := s.DB.Exec(`UPDATE cases SET status = 'closed', closed_on = filed_on, close_method = 'withdrawal', days_to_close = 0
		WHERE id IN (SELECT id FROM cases WHERE status = 'filed' ORDER BY id LIMIT 3)`).Error; err != nil {
		t.Fatal(err)
	}
	// And the count of the seqs of one tail (case_seq_tails) set wrong.
	if err := s.DB.Exec(`UPDATE case_seq_tails SET n = n + 1 WHERE tail = (SELECT MIN(tail) FROM case_seq_tails)`).Error; err != nil {
		t.Fatal(err)
	}
	if drift, err := s.CaseCountsDrift(ctx); err != nil || len(drift) == 0 || !strings.Contains(strings.Join(drift, "\n"), "case_seq_tails") ||
		!strings.Contains(strings.Join(drift, "\n"), "case_month_counts") {
		t.Fatalf("after the hand edit: drift %v %v, want some, of case_month_counts and case_seq_tails too", drift, err)
	}
	out := captureStdout(t, func() {
		if err := run(ctx, []string{"recount"}, quiet); err != nil {
			t.Fatal(err)
		}
	})
	if !strings.Contains(out, "counts had drifted") || strings.Contains(out, " 0 counts had drifted") {
		t.Fatalf("recount said %q", out)
	}
	if drift, err := s.CaseCountsDrift(ctx); err != nil || len(drift) > 0 {
		t.Fatalf("after recount: drift %v %v", drift, err)
	}
}
