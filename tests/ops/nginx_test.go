package ops

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
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
)

// proxy is nginx running the site file of deploy/nginx in front of backends.
type proxy struct {
	HTTPS  string       // https://127.0.0.1:port
	HTTP   string       // http://127.0.0.1:port (redirects to HTTPS)
	Client *http.Client // trusts the proxy's self-signed certificate
	dir    string
}

// startNginx runs Debian's nginx as a child process with deploy/nginx/fuyuan.conf,
// changed only where a test must differ from a server: loopback ports instead
// of 80 and 443, the backends' ports, and files in a temporary folder.
func startNginx(t *testing.T, nginx string, backends ...string) *proxy {
	t.Helper()
	if len(backends) != 2 {
		t.Fatalf("the site file has two backends, not %d", len(backends))
	}
	dir := t.TempDir()
	site, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "nginx", "fuyuan.conf"))
	if err != nil {
		t.Fatal(err)
	}
	httpAddr, httpsAddr := freeAddr(t), freeAddr(t)
	conf := string(site)
	for _, r := range [][2]string{
		{"server 127.0.0.1:8081 ", "server " + backends[0] + " "},
		{"server 127.0.0.1:8082 ", "server " + backends[1] + " "},
		{"    listen 80;\n", "    listen " + httpAddr + ";\n"},
		{"    listen [::]:80;\n", ""},
		{"    listen 443 ssl http2;\n", "    listen " + httpsAddr + " ssl http2;\n"},
		{"    listen [::]:443 ssl http2;\n", ""},
		{"/etc/ssl/fuyuan/", dir + "/"},
		{"/var/log/nginx/", dir + "/"},
	} {
		if !strings.Contains(conf, r[0]) {
			t.Fatalf("deploy/nginx/fuyuan.conf no longer has %q; keep this test in step with it", r[0])
		}
		conf = strings.ReplaceAll(conf, r[0], r[1])
	}
	pool := writeSelfSigned(t, filepath.Join(dir, "fuyuan.crt"), filepath.Join(dir, "fuyuan.key"))
	if err := os.WriteFile(filepath.Join(dir, "fuyuan.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // workers may then use the temporary folder
	}
	main := fmt.Sprintf(`%s
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 256; }
http {
    access_log %[2]s/access.log;
    client_body_temp_path %[2]s/client_body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
    default_type application/octet-stream;
    include %[2]s/fuyuan.conf;
}
`, user, dir)
	confPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(nginx, "-t", "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log")).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	out := &lockedBuffer{}
	cmd := exec.Command(nginx, "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log"), "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Logf("nginx output:\n%s\nerror.log:\n%s", out.String(), log)
		}
	})
	p := &proxy{HTTPS: "https://" + httpsAddr, HTTP: "http://" + httpAddr, dir: dir,
		Client: &http.Client{
			Timeout:       30 * time.Second,
			Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", httpsAddr, time.Second)
		if err == nil {
			c.Close()
			return p
		}
		select {
		case err := <-done:
			t.Fatalf("nginx exited: %v\n%s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not listen on %s: %v", httpsAddr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// writeSelfSigned writes a self-signed certificate for 127.0.0.1 and its key,
// like the example of deploy/README.md, and returns a pool that trusts it.
func writeSelfSigned(t *testing.T, certPath, keyPath string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "fuyuan.court.internal", Organization: []string{"清新区人民法院"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"fuyuan.court.internal", "localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}

// cluster is two fuyuan instances on one fresh MariaDB database behind nginx.
type cluster struct {
	A, B  *instance
	Proxy *proxy
	DB    *database
}

// startCluster starts both instances at the same moment (they migrate the
// empty database in turn) and nginx in front of them.
func startCluster(t *testing.T) *cluster {
	t.Helper()
	root := requireMySQL(t)
	nginx := requireNginx(t)
	db := freshDatabase(t, root)
	env := map[string]string{
		"FUYUAN_DB": "mysql", "FUYUAN_DSN": db.DSN(""), "FUYUAN_ADMIN_PASSWORD": adminPassword,
		"FUYUAN_TRUSTED_PROXIES": "127.0.0.1",
	}
	a := launchInstance(t, "instance A", env)
	b := launchInstance(t, "instance B", env)
	for _, i := range []*instance{a, b} {
		if err := i.waitHealthy(3 * time.Minute); err != nil {
			t.Fatalf("%s: %v\n%s", i.Name, err, i.logTail(40))
		}
	}
	return &cluster{A: a, B: b, DB: db, Proxy: startNginx(t, nginx, a.Addr, b.Addr)}
}

func TestTwoInstancesBehindNginx(t *testing.T) {
	c := startCluster(t)
	hc := plainClient()
	px := c.Proxy

	t.Run("plain HTTP is sent to HTTPS", func(t *testing.T) {
		a := call(t, plainClient(), "GET", px.HTTP+"/login", "", "")
		if a.Status != 301 || !strings.HasPrefix(a.Header.Get("Location"), "https://") {
			t.Errorf("http://…/login: %d Location %q", a.Status, a.Header.Get("Location"))
		}
	})

	t.Run("one session serves on both instances", func(t *testing.T) {
		cookie, a := login(t, px.Client, px.HTTPS, "admin", adminPassword)
		setCookie := a.Header.Get("Set-Cookie")
		for _, attr := range []string{"Secure", "HttpOnly", "SameSite=Lax"} {
			if !strings.Contains(setCookie, attr) {
				t.Errorf("session cookie through nginx lacks %s: %s", attr, setCookie)
			}
		}
		if hsts := a.Header.Values("Strict-Transport-Security"); len(hsts) != 1 || !strings.HasPrefix(hsts[0], "max-age=") {
			t.Errorf("HSTS through nginx: %q, want one max-age (fuyuan's own is replaced by nginx's)", hsts)
		}
		if !strings.Contains(a.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("fuyuan's CSP lost through nginx: %v", a.Header)
		}
		for _, base := range []string{c.A.URL, c.B.URL} {
			if a := call(t, hc, "GET", base+"/api/v1/me", cookie, ""); a.Status != 200 || !strings.Contains(a.Body, `"username":"admin"`) {
				t.Errorf("GET %s/api/v1/me with the cookie from nginx: %d %s", base, a.Status, a.Body)
			}
		}
		for range 6 {
			if a := call(t, px.Client, "GET", px.HTTPS+"/api/v1/me", cookie, ""); a.Status != 200 {
				t.Errorf("GET /api/v1/me through nginx: %d", a.Status)
			}
		}
		// nginx passes its request id on, so both logs name the same request.
		if id := a.Header.Get("X-Request-Id"); len(id) != 32 || !strings.Contains(c.A.out.String()+c.B.out.String(), id) {
			t.Errorf("request id %q of nginx not in fuyuan's logs", id)
		}
		// Logging out on B ends the session on A too.
		if a := call(t, hc, "POST", c.B.URL+"/api/v1/logout", cookie, ""); a.Status != 200 {
			t.Fatalf("logout on B: %d", a.Status)
		}
		if a := call(t, hc, "GET", c.A.URL+"/api/v1/me", cookie, ""); a.Status != 401 {
			t.Errorf("the session on A after logging out on B: %d, want 401", a.Status)
		}
	})

	t.Run("the client address is nginx's word, not the browser's", func(t *testing.T) {
		a := call(t, px.Client, "POST", px.HTTPS+"/api/v1/login", "", `{"username": "nobody-here", "password": "wrong-password"}`)
		if a.Status != 401 {
			t.Fatalf("login: %d", a.Status)
		}
		req, _ := http.NewRequest("POST", px.HTTPS+"/api/v1/login", strings.NewReader(`{"username": "spoofer", "password": "wrong-password"}`))
		req.Header.Set("X-Forwarded-For", "198.51.100.77")
		res, err := px.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		var ip string
		if err := c.DB.DB.QueryRow("SELECT client_ip FROM login_attempts WHERE username = 'spoofer'").Scan(&ip); err != nil {
			t.Fatal(err)
		}
		if ip != "127.0.0.1" {
			t.Errorf("a browser's X-Forwarded-For reached fuyuan: client recorded as %s", ip)
		}
	})

	t.Run("login failures are counted across instances", func(t *testing.T) {
		create := call(t, hc, "POST", c.A.URL+"/api/v1/users", mustLogin(t, hc, c.A.URL, "admin"),
			`{"username": "locked1", "password": "locked-password-1", "name": "被锁用户", "role": "judge"}`)
		if create.Status != 201 {
			t.Fatalf("create user: %d %s", create.Status, create.Body)
		}
		bases := []string{c.A.URL, c.B.URL}
		for i := range 5 {
			a := call(t, hc, "POST", bases[i%2]+"/api/v1/login", "", `{"username": "locked1", "password": "wrong-password"}`)
			if a.Status != 401 {
				t.Fatalf("failure %d: %d", i+1, a.Status)
			}
		}
		for _, base := range bases {
			if a := call(t, hc, "POST", base+"/api/v1/login", "", `{"username": "locked1", "password": "locked-password-1"}`); a.Status != 429 {
				t.Errorf("the right password on %s after 5 failures spread over both: %d, want 429", base, a.Status)
			}
		}
	})

	t.Run("a role change on A is enforced on B within 5 s", func(t *testing.T) {
		admin := mustLogin(t, hc, c.A.URL, "admin")
		create := call(t, hc, "POST", c.A.URL+"/api/v1/users", admin,
			`{"username": "clerk1", "password": "clerk-password-1", "name": "书记员", "role": "judge"}`)
		if create.Status != 201 {
			t.Fatalf("create user: %d %s", create.Status, create.Body)
		}
		id := idOf(t, create.Body)
		c.release(t, "clerk1")
		clerk, _ := login(t, px.Client, px.HTTPS, "clerk1", "clerk-password-1")
		if a := call(t, hc, "GET", c.B.URL+"/api/v1/users", clerk, ""); a.Status != 403 {
			t.Fatalf("judge clerk1 lists users on B: %d", a.Status)
		}
		// Promoted on A: B lets the new admin in at the next login.
		if a := call(t, hc, "PATCH", fmt.Sprintf("%s/api/v1/users/%d", c.A.URL, id), admin, `{"role": "admin"}`); a.Status != 200 {
			t.Fatalf("promote on A: %d %s", a.Status, a.Body)
		}
		took := eventually(t, 5*time.Second, "the promotion on B", func() string {
			cookie, a := tryLogin(hc, c.B.URL, "clerk1", "clerk-password-1")
			if a != 200 {
				return fmt.Sprintf("login %d", a)
			}
			if a := call(t, hc, "GET", c.B.URL+"/api/v1/users", cookie, ""); a.Status != 200 {
				return fmt.Sprintf("GET /api/v1/users %d", a.Status)
			}
			return ""
		})
		t.Logf("promotion enforced on B after %s", took.Round(time.Millisecond))
		// Demoted on A: B refuses at once, the old session and a new one alike.
		before, _ := login(t, hc, c.B.URL, "clerk1", "clerk-password-1")
		if a := call(t, hc, "PATCH", fmt.Sprintf("%s/api/v1/users/%d", c.A.URL, id), admin, `{"role": "liaison"}`); a.Status != 200 {
			t.Fatalf("demote on A: %d %s", a.Status, a.Body)
		}
		took = eventually(t, 5*time.Second, "the demotion on B", func() string {
			if a := call(t, hc, "GET", c.B.URL+"/api/v1/users", before, ""); a.Status == 200 {
				return "the old session still lists users"
			}
			cookie, st := tryLogin(hc, c.B.URL, "clerk1", "clerk-password-1")
			if st != 200 {
				return fmt.Sprintf("login %d", st)
			}
			if a := call(t, hc, "GET", c.B.URL+"/api/v1/users", cookie, ""); a.Status != 403 {
				return fmt.Sprintf("a new session lists users: %d", a.Status)
			}
			return ""
		})
		t.Logf("demotion enforced on B after %s", took.Round(time.Millisecond))
	})

	t.Run("a policy change is enforced on both within 5 s", func(t *testing.T) {
		admin := mustLogin(t, hc, c.A.URL, "admin")
		if a := call(t, hc, "POST", c.A.URL+"/api/v1/users", admin, `{"username": "judge9", "password": "judge-password-9", "name": "法官九", "role": "judge"}`); a.Status != 201 {
			t.Fatalf("create judge: %d %s", a.Status, a.Body)
		}
		c.release(t, "judge9")
		judge, _ := login(t, hc, c.B.URL, "judge9", "judge-password-9")
		organsAs := func(base string) int { return call(t, hc, "GET", base+"/api/v1/organs", judge, "").Status }
		if organsAs(c.A.URL) != 200 || organsAs(c.B.URL) != 200 {
			t.Fatal("a judge cannot list organs to begin with")
		}
		// The policy lives in the database: one change there reaches every instance.
		rule := []any{"p", "judge", "*", "organ", "read", "all"}
		if _, err := c.DB.DB.Exec("DELETE FROM casbin_rule WHERE ptype = ? AND v0 = ? AND v1 = ? AND v2 = ? AND v3 = ? AND v4 = ?", rule...); err != nil {
			t.Fatal(err)
		}
		took := eventually(t, 5*time.Second, "revoking organ:read", func() string {
			if a, b := organsAs(c.A.URL), organsAs(c.B.URL); a != 403 || b != 403 {
				return fmt.Sprintf("A %d, B %d", a, b)
			}
			return ""
		})
		t.Logf("revocation enforced on both after %s", took.Round(time.Millisecond))
		if _, err := c.DB.DB.Exec("INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES (?, ?, ?, ?, ?, ?)", rule...); err != nil {
			t.Fatal(err)
		}
		eventually(t, 5*time.Second, "granting organ:read again", func() string {
			if a, b := organsAs(c.A.URL), organsAs(c.B.URL); a != 200 || b != 200 {
				return fmt.Sprintf("A %d, B %d", a, b)
			}
			return ""
		})
	})

	t.Run("running numbers stay unique across instances", func(t *testing.T) {
		admin := mustLogin(t, hc, c.A.URL, "admin")
		organ := call(t, hc, "POST", c.A.URL+"/api/v1/organs", admin, `{"name": "清远市清新区林业局", "kind": "林业局", "region": "清新区"}`)
		judgeUser := call(t, hc, "POST", c.A.URL+"/api/v1/users", admin, `{"username": "filer1", "password": "filer-password-1", "name": "立案法官", "role": "judge"}`)
		if organ.Status != 201 || judgeUser.Status != 201 {
			t.Fatalf("organ %d %s, judge %d %s", organ.Status, organ.Body, judgeUser.Status, judgeUser.Body)
		}
		c.release(t, "filer1")
		judge, _ := login(t, px.Client, px.HTTPS, "filer1", "filer-password-1")
		const n = 45
		bases := []struct {
			url string
			hc  *http.Client
		}{{c.A.URL, hc}, {c.B.URL, hc}, {px.HTTPS, px.Client}}
		numbers := make([]string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b := bases[i%len(bases)]
				body := fmt.Sprintf(`{"case_type": "行初", "cause": "行政处罚", "domain": "生态", "plaintiff": {"name": "并发原告%02d", "kind": "individual"}, "organ_id": %d, "filed_on": "2025-06-02", "judge_id": %d}`,
					i, idOf(t, organ.Body), idOf(t, judgeUser.Body))
				a, err := tryCall(b.hc, "POST", b.url+"/api/v1/cases", judge, body)
				if err != nil || a.Status != 201 {
					t.Errorf("file case %d at %s: %v %d %s", i, b.url, err, a.Status, a.Body)
					return
				}
				var created struct {
					CaseNo string `json:"case_no"`
				}
				json.Unmarshal([]byte(a.Body), &created)
				numbers[i] = created.CaseNo
			}()
		}
		wg.Wait()
		seen := map[string]bool{}
		for i := 1; i <= n; i++ {
			seen[fmt.Sprintf("（2025）粤1803行初%d号", i)] = false
		}
		for _, no := range numbers {
			if done, ok := seen[no]; !ok || done {
				t.Errorf("case number %q is not one of 1…%d, or came twice", no, n)
			}
			seen[no] = true
		}
		for no, done := range seen {
			if !done {
				t.Errorf("case number %s was skipped", no)
			}
		}

		// Each instance keeps case lists in memory; a case filed on B is
		// in A's next answer all the same.
		total := func(base string) (int, string) {
			a := call(t, hc, "GET", base+"/api/v1/cases?status=filed", judge, "")
			var l struct {
				Total int `json:"total"`
				Items []struct {
					CaseNo string `json:"case_no"`
				} `json:"items"`
			}
			if err := json.Unmarshal([]byte(a.Body), &l); a.Status != 200 || err != nil || len(l.Items) == 0 {
				t.Fatalf("GET %s/api/v1/cases: %d %s", base, a.Status, a.Body)
			}
			return l.Total, l.Items[0].CaseNo
		}
		for range 2 {
			if got, _ := total(c.A.URL); got != n {
				t.Fatalf("A lists %d filed cases, want %d", got, n)
			}
		}
		body := fmt.Sprintf(`{"case_type": "行初", "cause": "行政处罚", "domain": "生态", "plaintiff": {"name": "后来的原告", "kind": "individual"}, "organ_id": %d, "filed_on": "2025-06-03", "judge_id": %d}`,
			idOf(t, organ.Body), idOf(t, judgeUser.Body))
		filed := call(t, hc, "POST", c.B.URL+"/api/v1/cases", judge, body)
		if filed.Status != 201 {
			t.Fatalf("file on B: %d %s", filed.Status, filed.Body)
		}
		want := fmt.Sprintf("（2025）粤1803行初%d号", n+1)
		if got, first := total(c.A.URL); got != n+1 || first != want {
			t.Errorf("A lists %d filed cases, the newest %s, right after B filed %s", got, first, want)
		}
	})

	t.Run("an upload over the cap is refused at nginx", func(t *testing.T) {
		req, _ := http.NewRequest("POST", px.HTTPS+"/api/v1/imports/cases", &bigReader{left: 40 << 20})
		req.ContentLength = 40 << 20
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		start := time.Now()
		res, err := px.Client.Do(req)
		if err != nil {
			t.Fatalf("40 MiB through nginx: %v", err)
		}
		res.Body.Close()
		if res.StatusCode != 413 || time.Since(start) > 5*time.Second {
			t.Errorf("40 MiB through nginx: %d after %s, want 413 within 5 s", res.StatusCode, time.Since(start))
		}
		if a := call(t, px.Client, "GET", px.HTTPS+"/healthz", "", ""); a.Status != 200 {
			t.Errorf("/healthz after the upload: %d", a.Status)
		}
	})

	for _, i := range []*instance{c.A, c.B} {
		if !i.running() {
			t.Errorf("%s exited: %v", i.Name, i.err)
		}
	}
}

// mustLogin logs in with the password the cluster's accounts share.
// release lets a user the admin just created work without first changing
// the password the admin chose (that rule is tested in app/web); these tests
// are about the instances, not about first logins.
func (c *cluster) release(t *testing.T, username string) {
	t.Helper()
	if _, err := c.DB.DB.Exec("UPDATE users SET must_change_password = FALSE WHERE username = ?", username); err != nil {
		t.Fatal(err)
	}
}

func mustLogin(t testing.TB, hc *http.Client, base, username string) string {
	t.Helper()
	cookie, _ := login(t, hc, base, username, adminPassword)
	return cookie
}

// tryLogin logs in and returns the cookie and the status.
func tryLogin(hc *http.Client, base, username, password string) (string, int) {
	a, err := tryCall(hc, "POST", base+"/api/v1/login", "", fmt.Sprintf(`{"username": %q, "password": %q}`, username, password))
	if err != nil {
		return "", 0
	}
	for _, c := range (&http.Response{Header: a.Header}).Cookies() {
		if c.Name == "fuyuan_session" {
			return c.Name + "=" + c.Value, a.Status
		}
	}
	return "", a.Status
}

// bigReader is a body of n bytes.
type bigReader struct{ left int64 }

func (r *bigReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, errors.New("EOF")
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	for i := range p {
		p[i] = 'x'
	}
	r.left -= int64(len(p))
	return len(p), nil
}
