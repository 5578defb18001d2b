package ops

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"fuyuan/app/apptest/mysqlenv"
)

var (
	// binPath is the fuyuan binary TestMain built.
	binPath string
	// repoRoot is the module's root folder (deploy/ lives there).
	repoRoot string
)

// TestMain builds the fuyuan binary once for every test.
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		fmt.Fprintln(os.Stderr, "ops:", err)
		return 1
	}
	repoRoot = root
	dir, err := os.MkdirTemp("", "fuyuan-ops-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "ops:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binPath = filepath.Join(dir, "fuyuan")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", binPath, "./cmd/fuyuan")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "ops: building fuyuan: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// requireMySQL returns the root DSN of the test MariaDB, skipping the test
// without one (failing it when FUYUAN_TEST_MYSQL_REQUIRED=1).
func requireMySQL(t *testing.T) *gomysql.Config {
	t.Helper()
	return mysqlenv.Config(t)
}

// requireNginx returns the nginx program, skipping the test without one
// (failing it when FUYUAN_TEST_NGINX_REQUIRED=1).
func requireNginx(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"nginx", "/usr/sbin/nginx"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("FUYUAN_TEST_NGINX_REQUIRED") == "1" {
		t.Fatal("FUYUAN_TEST_NGINX_REQUIRED=1 but nginx is not installed (apt-get install -y nginx)")
	}
	t.Skip("nginx tests skipped: nginx is not installed (apt-get install -y nginx); FUYUAN_TEST_NGINX_REQUIRED=1 makes this fail")
	return ""
}

// requireProgram fails the test when a program the deploy scripts call is missing.
func requireProgram(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed; deploy/README.md lists what a server needs", name)
	}
}

// database is a fresh MariaDB database for one test, dropped at its end.
type database struct {
	Name string
	root *gomysql.Config // the server's administrator, on this database
	DB   *sql.DB         // administrator connection to it
}

// freshDatabase creates an empty database named fuyuan_ops_<random>.
func freshDatabase(t *testing.T, root *gomysql.Config) *database {
	t.Helper()
	name := "fuyuan_ops_" + randomHex(5)
	admin, err := sql.Open("mysql", root.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
		t.Fatal(err)
	}
	cfg := root.Clone()
	cfg.DBName = name
	cfg.ParseTime = true
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		admin.Exec("DROP DATABASE IF EXISTS " + name)
		admin.Close()
	})
	return &database{Name: name, root: cfg, DB: db}
}

// DSN returns the FUYUAN_DSN of the database for the administrator, reached at addr
// (the server's own address when addr is "").
func (d *database) DSN(addr string) string {
	cfg := d.root.Clone()
	if addr != "" {
		cfg.Net, cfg.Addr = "tcp", addr
	}
	return cfg.FormatDSN()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// instance is a running fuyuan process on a loopback port.
type instance struct {
	Name string
	Addr string // 127.0.0.1:port
	URL  string // http://127.0.0.1:port
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{} // closed when the process has exited
	err  error         // its exit error, once done is closed
}

// startInstance runs `fuyuan args...` with env (FUYUAN_ADDR is added) and
// waits until /healthz answers; it is stopped with SIGTERM when the test ends.
func startInstance(t testing.TB, name string, env map[string]string, args ...string) *instance {
	t.Helper()
	i := launchInstance(t, name, env, args...)
	if err := i.waitHealthy(3 * time.Minute); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, i.logTail(40))
	}
	return i
}

// launchInstance starts the process without waiting for it.
func launchInstance(t testing.TB, name string, env map[string]string, args ...string) *instance {
	t.Helper()
	addr := freeAddr(t)
	i := &instance{Name: name, Addr: addr, URL: "http://" + addr, out: &lockedBuffer{}, done: make(chan struct{})}
	i.cmd = exec.Command(binPath, args...)
	i.cmd.Env = append(envWithoutFuyuan(), "FUYUAN_ADDR="+addr)
	for k, v := range env {
		i.cmd.Env = append(i.cmd.Env, k+"="+v)
	}
	i.cmd.Stdout, i.cmd.Stderr = i.out, i.out
	if err := i.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		i.err = i.cmd.Wait()
		close(i.done)
	}()
	t.Cleanup(func() {
		if err := i.stop(); err != nil {
			t.Logf("%s: %v", name, err)
		}
		if t.Failed() {
			t.Logf("%s log:\n%s", name, i.logTail(30))
		}
	})
	return i
}

// waitHealthy polls /healthz until 200, the process exits or limit passes.
func (i *instance) waitHealthy(limit time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if res, err := client.Get(i.URL + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		select {
		case <-i.done:
			return fmt.Errorf("exited before answering /healthz: %v", i.err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("no answer on %s/healthz within %s", i.URL, limit)
}

// running reports whether the process is still running.
func (i *instance) running() bool {
	select {
	case <-i.done:
		return false
	default:
		return true
	}
}

// stop sends SIGTERM and waits for the process to end (kills it after 45 s).
func (i *instance) stop() error {
	if !i.running() {
		return nil
	}
	if err := i.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case <-i.done:
		return i.err
	case <-time.After(45 * time.Second):
		i.cmd.Process.Kill()
		<-i.done
		return errors.New("did not stop within 45 s of SIGTERM; killed")
	}
}

// logTail returns the last n lines the process wrote.
func (i *instance) logTail(n int) string {
	lines := strings.Split(strings.TrimRight(i.out.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// freeAddr asks the kernel for a free loopback address.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// envWithoutFuyuan is the test's environment without FUYUAN_* variables.
func envWithoutFuyuan() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "FUYUAN_") {
			env = append(env, kv)
		}
	}
	return env
}

// lockedBuffer collects a process's output safely across goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// answer is a finished HTTP exchange.
type answer struct {
	Status int
	Body   string
	Header http.Header
	Took   time.Duration
}

// call sends one request with an optional session cookie and JSON body; a
// transport error fails the test.
func call(t testing.TB, hc *http.Client, method, url, cookie string, body string) answer {
	t.Helper()
	a, err := tryCall(hc, method, url, cookie, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return a
}

// tryCall is call that returns the transport error.
func tryCall(hc *http.Client, method, url, cookie string, body string) (answer, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return answer{}, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	start := time.Now()
	res, err := hc.Do(req)
	if err != nil {
		return answer{Took: time.Since(start)}, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{Status: res.StatusCode, Body: string(b), Header: res.Header, Took: time.Since(start)}, nil
}

// plainClient is an HTTP client that follows no redirects.
func plainClient() *http.Client {
	return &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login logs username in at base and returns the session cookie ("name=value").
func login(t testing.TB, hc *http.Client, base, username, password string) (string, answer) {
	t.Helper()
	a := call(t, hc, "POST", base+"/api/v1/login", "", fmt.Sprintf(`{"username": %q, "password": %q}`, username, password))
	if a.Status != 200 {
		t.Fatalf("login %s at %s: %d %s", username, base, a.Status, a.Body)
	}
	for _, c := range (&http.Response{Header: a.Header}).Cookies() {
		if c.Name == "fuyuan_session" {
			return c.Name + "=" + c.Value, a
		}
	}
	t.Fatalf("login %s at %s: no session cookie in %v", username, base, a.Header)
	return "", a
}

// eventually polls check every 100 ms until it returns "" or limit passes;
// it returns how long that took, or fails the test with the last complaint.
func eventually(t *testing.T, limit time.Duration, what string, check func() string) time.Duration {
	t.Helper()
	start := time.Now()
	var last string
	for time.Since(start) < limit {
		if last = check(); last == "" {
			return time.Since(start)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: not within %s: %s", what, limit, last)
	return 0
}

// runScript runs a deploy script with env added to the test's environment.
func runScript(t *testing.T, env map[string]string, script string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(repoRoot, "deploy", script), args...)
	cmd.Env = envWithoutFuyuan()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// writeEnvFile writes a systemd-style environment file for the deploy scripts.
func writeEnvFile(t *testing.T, path string, env map[string]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# written by the ops tests\n")
	for k, v := range env {
		fmt.Fprintf(&b, "%s=%s\n", k, v)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}
