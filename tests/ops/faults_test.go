package ops

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const adminPassword = "ops-admin-password-1"

func TestDatabaseCutAnswers503AndRecovers(t *testing.T) {
	root := requireMySQL(t)
	db := freshDatabase(t, root)
	r := newRelay(t, root.Addr)
	inst := startInstance(t, "fuyuan", map[string]string{
		"FUYUAN_DB": "mysql", "FUYUAN_DSN": db.DSN(r.addr), "FUYUAN_ADMIN_PASSWORD": adminPassword,
	})
	hc := plainClient()
	if a := call(t, hc, "GET", inst.URL+"/readyz", "", ""); a.Status != 200 {
		t.Fatalf("/readyz before the cut: %d", a.Status)
	}
	cookie, _ := login(t, hc, inst.URL, "admin", adminPassword)
	var before []int64
	for i := range 3 {
		a := call(t, hc, "POST", inst.URL+"/api/v1/organs", cookie, fmt.Sprintf(`{"name": "断网前的机关%d", "kind": "林业局", "region": "清新区"}`, i))
		if a.Status != 201 {
			t.Fatalf("create organ: %d %s", a.Status, a.Body)
		}
		before = append(before, idOf(t, a.Body))
	}
	organs := countOrgans(t, hc, inst.URL, cookie)

	for _, cut := range []struct {
		name string
		do   func()
	}{
		{"the database stops answering", r.blackhole},
		{"the database goes away", r.refuse},
	} {
		t.Run(cut.name, func(t *testing.T) {
			cut.do()
			// Every kind of request, at once: each answers 503 within 5 s.
			requests := []struct{ method, path, body string }{
				{"GET", "/readyz", ""},
				{"GET", "/api/v1/me", ""},
				{"GET", "/api/v1/organs", ""},
				{"GET", fmt.Sprintf("/api/v1/organs/%d", before[0]), ""},
				{"POST", "/api/v1/organs", `{"name": "断网时的机关", "kind": "林业局", "region": "清新区"}`},
				{"POST", "/api/v1/login", `{"username": "admin", "password": "` + adminPassword + `"}`},
			}
			var wg sync.WaitGroup
			for _, rq := range requests {
				wg.Add(1)
				go func() {
					defer wg.Done()
					a, err := tryCall(&http.Client{Timeout: 15 * time.Second}, rq.method, inst.URL+rq.path, cookie, rq.body)
					if err != nil {
						t.Errorf("%s %s during the cut: %v after %s", rq.method, rq.path, err, a.Took)
						return
					}
					if a.Status != 503 || a.Took > 5*time.Second {
						t.Errorf("%s %s during the cut: %d after %s, want 503 within 5 s", rq.method, rq.path, a.Status, a.Took)
					}
					if rq.path != "/readyz" && !strings.Contains(a.Body, `"unavailable"`) {
						t.Errorf("%s %s during the cut: body %s", rq.method, rq.path, a.Body)
					}
				}()
			}
			wg.Wait()
			// The process is up and says so.
			if a := call(t, hc, "GET", inst.URL+"/healthz", "", ""); a.Status != 200 || !inst.running() {
				t.Fatalf("/healthz during the cut: %d, running %v", a.Status, inst.running())
			}

			r.restore()
			took := eventually(t, 20*time.Second, "/readyz after the database returned", func() string {
				a, err := tryCall(&http.Client{Timeout: 5 * time.Second}, "GET", inst.URL+"/readyz", "", "")
				if err != nil {
					return err.Error()
				}
				if a.Status != 200 {
					return fmt.Sprint(a.Status)
				}
				return ""
			})
			t.Logf("ready again %s after the database returned", took.Round(time.Millisecond))
			// The session, and every record written before the cut, are intact;
			// the write refused during the cut did not happen.
			for _, id := range before {
				if a := call(t, hc, "GET", fmt.Sprintf("%s/api/v1/organs/%d", inst.URL, id), cookie, ""); a.Status != 200 || !strings.Contains(a.Body, "断网前的机关") {
					t.Errorf("organ %d after the cut: %d %s", id, a.Status, a.Body)
				}
			}
			if n := countOrgans(t, hc, inst.URL, cookie); n != organs {
				t.Errorf("%d organs after the cut, %d before", n, organs)
			}
			if a := call(t, hc, "POST", inst.URL+"/api/v1/organs", cookie, `{"name": "恢复后的机关（`+cut.name+`）", "kind": "林业局", "region": "清新区"}`); a.Status != 201 {
				t.Errorf("write after the cut: %d %s", a.Status, a.Body)
			} else {
				organs++
			}
		})
	}
	if !inst.running() {
		t.Fatalf("fuyuan exited: %v", inst.err)
	}
}

// countOrgans returns the total of GET /api/v1/organs.
func countOrgans(t *testing.T, hc *http.Client, base, cookie string) int {
	t.Helper()
	a := call(t, hc, "GET", base+"/api/v1/organs?page_size=1", cookie, "")
	if a.Status != 200 {
		t.Fatalf("list organs: %d %s", a.Status, a.Body)
	}
	var n int
	if _, err := fmt.Sscanf(a.Body[strings.LastIndex(a.Body, `"total":`):], `"total":%d`, &n); err != nil {
		t.Fatalf("list organs: %s", a.Body)
	}
	return n
}

// idOf returns the "id" of a JSON object.
func idOf(t testing.TB, body string) int64 {
	t.Helper()
	i := strings.Index(body, `"id":`)
	var id int64
	if i < 0 {
		t.Fatalf("no id in %s", body)
	}
	if _, err := fmt.Sscanf(body[i:], `"id":%d`, &id); err != nil {
		t.Fatalf("no id in %s", body)
	}
	return id
}

func TestSIGTERMDrainsInFlightRequests(t *testing.T) {
	inst := startInstance(t, "fuyuan", map[string]string{
		"FUYUAN_DATA": t.TempDir(), "FUYUAN_ADMIN_PASSWORD": adminPassword,
	})
	// A login whose body is still on its way when SIGTERM arrives.
	body := fmt.Sprintf(`{"username": "admin", "password": %q}`, adminPassword)
	conn, err := net.DialTimeout("tcp", inst.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "POST /api/v1/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", inst.Addr, len(body), body[:10])
	time.Sleep(300 * time.Millisecond)
	if err := inst.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// New connections are refused at once, while the request in flight goes on.
	eventually(t, 5*time.Second, "refusing new connections after SIGTERM", func() string {
		c, err := net.DialTimeout("tcp", inst.Addr, time.Second)
		if err != nil {
			return ""
		}
		c.Close()
		return "a new connection was accepted"
	})
	if !inst.running() {
		t.Fatalf("fuyuan exited with a request in flight: %v", inst.err)
	}
	time.Sleep(time.Second)
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatalf("finishing the request: %v", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(b2s(b), `"admin"`) || len(res.Cookies()) == 0 {
		t.Errorf("the request in flight: %d %s", res.StatusCode, b)
	}
	select {
	case <-inst.done:
		if inst.err != nil {
			t.Errorf("fuyuan exited with %v after draining", inst.err)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("fuyuan still running 10 s after its last request")
	}
	if !strings.Contains(inst.out.String(), "shutting down: draining requests") {
		t.Errorf("no shutdown line in the log:\n%s", inst.logTail(10))
	}
}

func b2s(b []byte) string { return string(b) }
