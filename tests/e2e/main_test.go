package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// today is the fixed "today" of every server the tests start (FUYUAN_TODAY).
const today = "2026-11-25"

var (
	// chromiumPath is the Chromium the tests drive; "" when none was found.
	chromiumPath string
	// binPath is the fuyuan binary that TestMain built; "" without Chromium.
	binPath string
	// workDir holds the binary and the shared server's data; removed at the end.
	workDir string

	shared struct {
		once sync.Once
		srv  *server
		err  error
	}
)

// TestMain builds the real binary once (only when there is a Chromium to
// drive it), runs the tests and stops the shared server.
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	chromiumPath = findChromium()
	if chromiumPath != "" {
		dir, err := os.MkdirTemp("", "fuyuan-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		workDir = dir
		bin, err := buildBinary(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e: building fuyuan:", err)
			return 1
		}
		binPath = bin
	}
	code := m.Run()
	closeBrowser()
	if shared.srv != nil {
		if code != 0 {
			fmt.Fprintf(os.Stderr, "e2e: the last lines of the shared server's log:\n%s\n", shared.srv.logTail(40))
		}
		if err := shared.srv.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: stopping the shared server:", err)
		}
	}
	return code
}

// findChromium returns FUYUAN_TEST_CHROMIUM, else the first Chromium on PATH.
func findChromium() string {
	if p := os.Getenv("FUYUAN_TEST_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(os.Stderr, "e2e: FUYUAN_TEST_CHROMIUM=%s: %v\n", p, err)
			return ""
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// requireChromium skips the test without a Chromium, or fails it when
// FUYUAN_TEST_CHROMIUM_REQUIRED=1 (as in .ci/run).
func requireChromium(t *testing.T) {
	t.Helper()
	if chromiumPath != "" {
		return
	}
	const msg = "no Chromium: install it (apt-get install -y chromium) or set FUYUAN_TEST_CHROMIUM=/path/to/chromium"
	if os.Getenv("FUYUAN_TEST_CHROMIUM_REQUIRED") == "1" {
		t.Fatal(msg + " (FUYUAN_TEST_CHROMIUM_REQUIRED=1)")
	}
	t.Skip(msg)
}

// buildBinary runs `go build -o <dir>/fuyuan ./cmd/fuyuan` from the module root.
func buildBinary(dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "fuyuan")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/fuyuan")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%w\n%s", err, out)
	}
	return bin, nil
}

// moduleRoot is the nearest folder above the working directory with a go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// sharedServer is the demo server most journeys share. Journeys that change
// data use names of their own, so that they never step on each other.
func sharedServer(t *testing.T) *server {
	t.Helper()
	requireChromium(t)
	shared.once.Do(func() {
		shared.srv, shared.err = startServer(filepath.Join(workDir, "shared"))
	})
	if shared.err != nil {
		t.Fatalf("starting the shared demo server: %v", shared.err)
	}
	return shared.srv
}
