package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// startupLimit is how long a server may take to migrate, seed the demo
// courts and answer /healthz on a busy machine.
const startupLimit = 3 * time.Minute

// server is a running fuyuan binary with the demo courts, on a loopback port.
type server struct {
	URL  string // http://127.0.0.1:<port>
	data string
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{} // closed when the process has exited
	err  error         // the process's exit error, once done is closed
}

// startServer starts the binary with FUYUAN_DATA under dir, a free loopback
// port, -demo and FUYUAN_TODAY, and waits until /healthz answers.
func startServer(dir string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		return nil, err
	}
	s := &server{URL: "http://127.0.0.1:" + port, data: data, out: &lockedBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(binPath, "-demo")
	s.cmd.Env = append(envWithoutFuyuan(),
		"FUYUAN_DATA="+data,
		"FUYUAN_ADDR=127.0.0.1:"+port,
		"FUYUAN_TODAY="+today,
		"FUYUAN_REQUEST_TIMEOUT=60s", // a busy CI machine must not turn slow pages into 503s
	)
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	if err := s.waitHealthy(); err != nil {
		s.stop()
		return nil, fmt.Errorf("%w\nserver log:\n%s", err, s.logTail(40))
	}
	return s, nil
}

// waitHealthy polls /healthz until it answers 200, the process dies or
// startupLimit passes.
func (s *server) waitHealthy() error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(startupLimit)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		resp, err := client.Get(s.URL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("fuyuan exited before answering /healthz: %v", s.err)
		case <-tick.C:
		}
	}
	return fmt.Errorf("fuyuan did not answer %s/healthz within %s", s.URL, startupLimit)
}

// stop sends SIGTERM and waits for the process to end (kills it after 20 s).
func (s *server) stop() error {
	select {
	case <-s.done:
		return s.err
	default:
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case <-s.done:
		return s.err
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return errors.New("fuyuan did not stop within 20 s of SIGTERM; killed")
	}
}

// logTail returns the last n lines the server wrote.
func (s *server) logTail(n int) string {
	lines := strings.Split(strings.TrimRight(s.out.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// freePort asks the kernel for a free loopback port, or takes the first
// free one of FUYUAN_E2E_PORTS ("19200-19299") on a machine whose users
// share out the ports.
func freePort() (string, error) {
	if r := os.Getenv("FUYUAN_E2E_PORTS"); r != "" {
		var lo, hi int
		if _, err := fmt.Sscanf(r, "%d-%d", &lo, &hi); err != nil {
			return "", fmt.Errorf("FUYUAN_E2E_PORTS=%q: want from-to: %w", r, err)
		}
		for p := lo; p <= hi; p++ {
			if l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p)); err == nil {
				l.Close()
				return fmt.Sprint(p), nil
			}
		}
		return "", fmt.Errorf("no free port in FUYUAN_E2E_PORTS=%s", r)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

// envWithoutFuyuan is the test's environment without FUYUAN_* variables, so
// that a developer's FUYUAN_DB=mysql never reaches the servers the tests start.
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
