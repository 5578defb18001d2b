package ops

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"fuyuan/app"
)

// galeraProvider is where Debian's galera-4 puts the wsrep provider; the
// recipe (deploy/galera/60-galera.cnf) names it.
const galeraProvider = "/usr/lib/galera/libgalera_smm.so"

// requireGalera returns the mariadbd program, skipping the test when what a
// Galera node needs is not installed (failing it when
// FUYUAN_TEST_GALERA_REQUIRED=1, as .ci/run sets).
func requireGalera(t testing.TB) string {
	t.Helper()
	var missing []string
	mariadbd := ""
	for _, p := range []string{"mariadbd", "/usr/sbin/mariadbd"} {
		if path, err := exec.LookPath(p); err == nil {
			mariadbd = path
			break
		}
	}
	if mariadbd == "" {
		missing = append(missing, "mariadbd (mariadb-server)")
	}
	for _, p := range []struct{ program, pkg string }{
		{"mariadb-install-db", "mariadb-server"}, {"wsrep_sst_mariabackup", "mariadb-server"},
		{"mariadb-backup", "mariadb-backup"}, {"socat", "socat"}, {"mariadb", "mariadb-client"},
	} {
		if _, err := exec.LookPath(p.program); err != nil {
			missing = append(missing, p.program+" ("+p.pkg+")")
		}
	}
	if _, err := os.Stat(galeraProvider); err != nil {
		missing = append(missing, galeraProvider+" (galera-4)")
	}
	if len(missing) == 0 {
		return mariadbd
	}
	msg := "Galera tests need " + strings.Join(missing, ", ") + ": apt-get install -y galera-4 mariadb-backup socat"
	if os.Getenv("FUYUAN_TEST_GALERA_REQUIRED") == "1" {
		t.Fatal("FUYUAN_TEST_GALERA_REQUIRED=1 but " + msg)
	}
	t.Skip(msg + "; FUYUAN_TEST_GALERA_REQUIRED=1 makes this fail")
	return ""
}

// processUser is mariadbd's --user: root when the test runs as root (as in
// CI; mariadbd refuses root without it), else the test's own user.
func processUser() string {
	if os.Geteuid() == 0 {
		return "--user=root"
	}
	u, err := user.Current()
	if err != nil {
		return "--user=" + strconv.Itoa(os.Geteuid())
	}
	return "--user=" + u.Username
}

// galeraNode is one mariadbd of a test cluster, with its own folder and ports.
type galeraNode struct {
	Name                  string
	Dir                   string
	Port, Gcomm, IST, SST int
	cnf                   string
	mariadbd              string
	cmd                   *exec.Cmd
	out                   *lockedBuffer
	done                  chan struct{}
	starts                int                              // how many times it was started
	logf                  func(format string, args ...any) // the test's log
	startedAt             []int                            // the length of out at each start
	mu                    sync.Mutex
}

// Addr is the node's SQL address.
func (n *galeraNode) Addr() string { return fmt.Sprintf("127.0.0.1:%d", n.Port) }

// DSN is the administrator's DSN on the node, for database name.
func (n *galeraNode) DSN(name string) string {
	c := gomysql.NewConfig()
	c.User, c.Net, c.Addr, c.DBName = "root", "tcp", n.Addr(), name
	c.Timeout = 2 * time.Second
	return c.FormatDSN()
}

// statusDSN is the administrator's DSN for reading the node's state: without
// causal reads, which a node outside the primary component cannot serve.
func (n *galeraNode) statusDSN() string {
	c := gomysql.NewConfig()
	c.User, c.Net, c.Addr = "root", "tcp", n.Addr()
	c.Timeout = 2 * time.Second
	c.Params = map[string]string{"wsrep_sync_wait": "0"}
	return c.FormatDSN()
}

// galera is a three-node cluster on loopback.
type galera struct {
	Nodes       []*galeraNode
	SSTPassword string
}

// galeraPortBase is the first of the 24 ports (base…base+23) the cluster uses
// (node i: SQL base+10i, group communication +1, IST +2, SST +3).
func galeraPortBase(t testing.TB) int {
	t.Helper()
	base := 18200
	if v := os.Getenv("FUYUAN_TEST_GALERA_PORT_BASE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1024 || n > 65000 {
			t.Fatalf("FUYUAN_TEST_GALERA_PORT_BASE=%q: a port number between 1024 and 65000", v)
		}
		base = n
	}
	return base
}

// nodeConfig is deploy/galera/60-galera.cnf for node i of a loopback
// cluster: the recipe's [galera] section with this host's addresses and
// ports, plus the server settings a test needs (its folder, small memory).
func nodeConfig(t testing.TB, n *galeraNode, all []*galeraNode, sstPassword string) string {
	t.Helper()
	recipe, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "galera", "60-galera.cnf"))
	if err != nil {
		t.Fatal(err)
	}
	var members []string
	for _, m := range all {
		members = append(members, fmt.Sprintf("127.0.0.1:%d", m.Gcomm))
	}
	// Three nodes on one host each need their own group-communication and
	// IST ports; a node killed by the test is declared gone after 3 s
	// instead of the default 15 (writes on the others wait until then).
	provider := strings.Join([]string{
		"gcache.size=64M",
		fmt.Sprintf("base_port=%d", n.Gcomm),
		fmt.Sprintf("gmcast.listen_addr=tcp://127.0.0.1:%d", n.Gcomm),
		fmt.Sprintf("ist.recv_addr=127.0.0.1:%d", n.IST),
		"evs.keepalive_period=PT0.5S", "evs.inactive_check_period=PT0.5S",
		"evs.suspect_timeout=PT2S", "evs.inactive_timeout=PT3S", "evs.install_timeout=PT3S",
	}, "; ")
	conf := string(recipe)
	for _, r := range [][2]string{
		{"gcomm://10.0.0.11,10.0.0.12,10.0.0.13", "gcomm://" + strings.Join(members, ",")},
		{"wsrep_node_address       = 10.0.0.11", "wsrep_node_address       = 127.0.0.1"},
		{"wsrep_node_name          = db1", "wsrep_node_name          = " + n.Name},
		{`wsrep_provider_options   = "gcache.size=1G"`, `wsrep_provider_options   = "` + provider + `"`},
		{"wsrep_provider           = /usr/lib/galera/libgalera_smm.so", "wsrep_provider           = " + galeraProvider},
		{"CHANGE-THIS-SST-PASSWORD", sstPassword},
	} {
		if !strings.Contains(conf, r[0]) {
			t.Fatalf("deploy/galera/60-galera.cnf no longer has %q; keep this test in step with it", r[0])
		}
		conf = strings.ReplaceAll(conf, r[0], r[1])
	}
	server := fmt.Sprintf(`# written by the ops test for %[1]s
[client]
socket = %[2]s/mysqld.sock

[mysqld]
datadir = %[2]s/data
socket = %[2]s/mysqld.sock
pid-file = %[2]s/mysqld.pid
tmpdir = %[2]s/tmp
port = %[3]d
bind-address = 127.0.0.1
skip-name-resolve
wsrep_sst_receive_address = 127.0.0.1:%[4]d
innodb_buffer_pool_size = 64M
innodb_log_file_size = 32M
innodb_log_buffer_size = 8M
innodb_flush_log_at_trx_commit = 2
performance_schema = OFF
max_connections = 60
key_buffer_size = 1M
aria_pagecache_buffer_size = 8M
thread_cache_size = 8
table_open_cache = 200

[sst]
sst-log-archive = 0
`, n.Name, n.Dir, n.Port, n.SST)
	return server + "\n" + conf
}

// startGalera installs three nodes in temporary folders, bootstraps the
// first with --wsrep-new-cluster and joins the other two by SST from it.
// Every process is killed when the test ends.
func startGalera(t testing.TB, mariadbd string) *galera {
	t.Helper()
	base := galeraPortBase(t)
	g := &galera{SSTPassword: "sst-" + randomHex(8)}
	for i := range 3 {
		n := &galeraNode{
			Name: fmt.Sprintf("node%d", i+1), Dir: t.TempDir(), mariadbd: mariadbd,
			Port: base + 10*i, Gcomm: base + 10*i + 1, IST: base + 10*i + 2, SST: base + 10*i + 3,
			out: &lockedBuffer{}, logf: t.Logf,
		}
		for _, p := range []int{n.Port, n.Gcomm, n.IST, n.SST} {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
			if err != nil {
				t.Fatalf("port %d for %s is taken (FUYUAN_TEST_GALERA_PORT_BASE chooses others): %v", p, n.Name, err)
			}
			l.Close()
		}
		g.Nodes = append(g.Nodes, n)
	}
	// The data folders, in parallel: each mariadb-install-db takes seconds.
	var wg sync.WaitGroup
	errs := make([]error, len(g.Nodes))
	for i, n := range g.Nodes {
		n.cnf = filepath.Join(n.Dir, "my.cnf")
		if err := os.WriteFile(n.cnf, []byte(nodeConfig(t, n, g.Nodes, g.SSTPassword)), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(n.Dir, "tmp"), 0o700); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "mariadb-install-db", "--no-defaults", processUser(),
				"--datadir="+filepath.Join(n.Dir, "data"), "--auth-root-authentication-method=normal",
				"--skip-test-db", "--skip-name-resolve", "--tmpdir="+filepath.Join(n.Dir, "tmp"))
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("mariadb-install-db for %s: %v\n%s", n.Name, err, out)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, n := range g.Nodes {
			n.kill()
		}
		// FUYUAN_TEST_GALERA_LOGS=folder keeps every node's whole output.
		if dir := os.Getenv("FUYUAN_TEST_GALERA_LOGS"); dir != "" {
			for _, n := range g.Nodes {
				if err := os.WriteFile(filepath.Join(dir, n.Name+".log"), []byte(n.out.String()), 0o644); err != nil {
					t.Errorf("FUYUAN_TEST_GALERA_LOGS: %v", err)
				}
			}
		}
		if t.Failed() {
			for _, n := range g.Nodes {
				t.Logf("%s output (last lines):\n%s", n.Name, tail(n.out.String(), 40))
			}
		}
	})

	first := g.Nodes[0]
	if err := first.start(true); err != nil {
		t.Fatal(err)
	}
	first.waitSynced(t, 2*time.Minute, 1)
	// The SST account of the recipe, made once: it replicates to the others.
	root := first.open(t, "")
	for _, q := range []string{
		fmt.Sprintf("CREATE USER 'mariabackup'@'localhost' IDENTIFIED BY '%s'", g.SSTPassword),
		"GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'mariabackup'@'localhost'",
	} {
		if _, err := root.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for i, n := range g.Nodes[1:] {
		if err := n.start(false); err != nil {
			t.Fatal(err)
		}
		n.waitSynced(t, 3*time.Minute, i+2)
	}
	return g
}

// start runs mariadbd on the node's configuration; bootstrap starts a new
// cluster. A node started before continues from the position it recovers.
func (n *galeraNode) start(bootstrap bool) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	args := []string{"--defaults-file=" + n.cnf, processUser()}
	if bootstrap {
		args = append(args, "--wsrep-new-cluster")
	}
	if n.starts > 0 {
		pos, err := n.recoverPosition()
		if err != nil {
			return err
		}
		args = append(args, "--wsrep_start_position="+pos)
	}
	cmd := exec.Command(n.mariadbd, args...)
	cmd.Stdout, cmd.Stderr = n.out, n.out
	cmd.Env = envWithoutFuyuan()
	// Its own process group: the kill reaches the SST helpers too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	n.startedAt = append(n.startedAt, len(n.out.String()))
	fmt.Fprintf(n.out, "=== start %d of %s\n", n.starts+1, n.Name)
	if err := cmd.Start(); err != nil {
		return err
	}
	n.starts++
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	n.cmd, n.done = cmd, done
	return nil
}

// recoverPosition finds the last transaction a node that was killed had
// committed, the way systemd's mariadb.service does before it starts a node
// (galera_recovery: mariadbd --wsrep-recover), so that the node rejoins by
// IST from there instead of by a full copy.
//
// mariadbd prints the position once InnoDB's crash recovery is done and then
// shuts down without another word (notes are off from then on). That
// shutdown usually takes under a second, but once in CI, beside other test
// packages on two busy cores, it had not ended 2 minutes after the position
// was printed. Its output is read as it comes: up to recoverLimit for the
// position, then afterPositionLimit for the exit; a process still there
// then is killed with its process group, its threads' states logged, and
// the test goes on from the position it printed. Whatever that shutdown had
// not yet written is lost with it, which costs nothing: the node's own start
// redoes crash recovery from the same redo log and tc.log (a run with the
// limit at 1 ms rejoined by IST and held every row).
func (n *galeraNode) recoverPosition() (string, error) {
	const (
		recoverLimit       = 3 * time.Minute
		afterPositionLimit = 30 * time.Second
		mark               = "WSREP: Recovered position:"
	)
	cmd := exec.Command(n.mariadbd, "--defaults-file="+n.cnf, processUser(), "--wsrep-recover", "--disable-log-error")
	cmd.Env = envWithoutFuyuan()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	cmd.Stdout, cmd.Stderr = w, w
	fmt.Fprintf(n.out, "=== mariadbd --wsrep-recover of %s\n", n.Name)
	err = cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		return "", fmt.Errorf("mariadbd --wsrep-recover on %s: %v", n.Name, err)
	}
	var out lockedBuffer
	posSeen, eof := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(eof)
		seen := false
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text() + "\n"
			out.Write([]byte(line))
			n.out.Write([]byte(line))
			if !seen && strings.Contains(line, mark) {
				seen = true
				close(posSeen)
			}
		}
		// A line too long for the scanner: the rest is kept as it is, and
		// the pipe is still drained.
		io.Copy(io.MultiWriter(&out, n.out), r)
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() error {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		return <-exited
	}
	var waitErr error
	killedAfterPosition := ""
	select {
	case waitErr = <-exited:
	case <-posSeen:
		select {
		case waitErr = <-exited:
		case <-time.After(afterPositionLimit):
			killedAfterPosition = processThreads(cmd.Process.Pid)
			stop()
		}
	case <-time.After(recoverLimit):
		waitErr = stop()
	}
	// Every writer of the pipe is gone with the process group; a helper
	// that left it must not hold the test.
	select {
	case <-eof:
	case <-time.After(5 * time.Second):
	}
	r.Close()
	o := out.String()
	if waitErr != nil {
		return "", fmt.Errorf("mariadbd --wsrep-recover on %s: %v\n%s", n.Name, waitErr, o)
	}
	i := strings.LastIndex(o, mark)
	if i < 0 {
		return "", fmt.Errorf("mariadbd --wsrep-recover on %s recovered no position:\n%s", n.Name, o)
	}
	pos := strings.TrimSpace(strings.SplitN(o[i+len(mark):], "\n", 2)[0])
	if strings.HasSuffix(pos, ":-1") {
		return "", fmt.Errorf("%s recovered no committed position (%s)", n.Name, pos)
	}
	if killedAfterPosition != "" {
		msg := fmt.Sprintf("mariadbd --wsrep-recover on %s printed position %s but had not exited %s later; killed it and going on from that position. Its threads then:\n%s",
			n.Name, pos, afterPositionLimit, killedAfterPosition)
		fmt.Fprintf(n.out, "=== %s\n", msg)
		if n.logf != nil {
			n.logf("%s", msg)
		}
	}
	return pos, nil
}

// processThreads describes what each thread of process pid waits in (name,
// state, kernel wait channel), from /proc; with gdb installed, also each
// thread's stack, one line a thread, innermost function first (unnamed
// frames left out).
func processThreads(pid int) string {
	var b strings.Builder
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", pid))
	for _, task := range tasks {
		comm, _ := os.ReadFile(filepath.Join(task, "comm"))
		wchan, _ := os.ReadFile(filepath.Join(task, "wchan"))
		stat, _ := os.ReadFile(filepath.Join(task, "stat"))
		state := ""
		if i := strings.LastIndexByte(string(stat), ')'); i >= 0 {
			if f := strings.Fields(string(stat[i+1:])); len(f) > 0 {
				state = f[0]
			}
		}
		fmt.Fprintf(&b, "  %s %s %s %s\n", filepath.Base(task), strings.TrimSpace(string(comm)), state, wchan)
	}
	gdb, err := exec.LookPath("gdb")
	if err != nil {
		return b.String()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stacks, _ := exec.CommandContext(ctx, gdb, "-p", strconv.Itoa(pid), "-batch", "-ex", "thread apply all bt").CombinedOutput()
	var thread string
	var frames []string
	flush := func() {
		if thread != "" {
			fmt.Fprintf(&b, "  %s: %s\n", thread, strings.Join(frames, " < "))
		}
		thread, frames = "", nil
	}
	for _, line := range strings.Split(string(stacks), "\n") {
		switch {
		case strings.HasPrefix(line, "Thread "):
			flush()
			thread = strings.TrimSuffix(line, ":")
		case strings.HasPrefix(line, "#") && thread != "":
			// "#3  0x… in name (args) at file" or "#0  name (args) at file"
			f := strings.Fields(line)
			if len(f) > 3 && f[2] == "in" {
				f = f[3:]
			} else if len(f) > 1 {
				f = f[1:]
			}
			if len(f) > 0 && f[0] != "??" {
				name, _, _ := strings.Cut(f[0], "(")
				frames = append(frames, name)
			}
		}
	}
	flush()
	return b.String()
}

// kill sends SIGKILL to the node's process group and waits for it to end.
func (n *galeraNode) kill() {
	n.mu.Lock()
	cmd, done := n.cmd, n.done
	n.mu.Unlock()
	if cmd == nil {
		return
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
	}
}

// running reports whether mariadbd runs.
func (n *galeraNode) running() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.done == nil {
		return false
	}
	select {
	case <-n.done:
		return false
	default:
		return true
	}
}

// open connects to the node as the administrator; the connection is closed
// when the test ends.
func (n *galeraNode) open(t testing.TB, name string) *sql.DB {
	t.Helper()
	db, err := sql.Open("mysql", n.DSN(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// status reads wsrep status variables of the node.
func (n *galeraNode) status(ctx context.Context, db *sql.DB, names ...string) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range names {
		var v string
		if err := db.QueryRowContext(ctx, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = ?", strings.ToUpper(name)).Scan(&v); err != nil {
			return nil, err
		}
		out[name] = v
	}
	return out, nil
}

// waitSynced waits until the node is Synced in a primary cluster of size
// nodes, or fails the test when limit passes or mariadbd exits.
func (n *galeraNode) waitSynced(t testing.TB, limit time.Duration, size int) time.Duration {
	t.Helper()
	took, err := n.synced(limit, size)
	if err != nil {
		t.Fatalf("%v\n%s", err, tail(n.out.String(), 60))
	}
	return took
}

// synced waits until the node is Synced in a primary cluster of size nodes
// and returns how long that took; it gives up when limit passes or mariadbd exits.
func (n *galeraNode) synced(limit time.Duration, size int) (time.Duration, error) {
	start := time.Now()
	db, err := sql.Open("mysql", n.statusDSN())
	if err != nil {
		return 0, err
	}
	defer db.Close()
	last := "no answer"
	for time.Since(start) < limit {
		if !n.running() {
			return 0, fmt.Errorf("%s exited while starting", n.Name)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		st, err := n.status(ctx, db, "wsrep_local_state_comment", "wsrep_ready", "wsrep_cluster_status", "wsrep_cluster_size")
		cancel()
		switch {
		case err != nil:
			last = err.Error()
		case st["wsrep_local_state_comment"] == "Synced" && st["wsrep_ready"] == "ON" &&
			st["wsrep_cluster_status"] == "Primary" && st["wsrep_cluster_size"] == strconv.Itoa(size):
			return time.Since(start), nil
		default:
			last = fmt.Sprint(st)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s not synced in a cluster of %d within %s: %s", n.Name, size, limit, last)
}

// sinceStart is what the node wrote since its last start.
func (n *galeraNode) sinceStart() string {
	n.mu.Lock()
	at := n.startedAt[len(n.startedAt)-1]
	n.mu.Unlock()
	return n.out.String()[at:]
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// galeraFiling is one writer's filing: what it sent and what came back.
type galeraFiling struct {
	Status int
	Body   string
	CaseNo string
	ID     int64
	Err    error
}

// galeraFuyuan is fuyuan on a three-node cluster: instance A on node1, B on
// node2, node3 used by neither; an organ and writers judges, each logged in
// on A or B in turn (accounts made on A log in on B: the session and the user
// are read through node2).
type galeraFuyuan struct {
	*galera
	A, B     *instance
	OrganID  int64
	JudgeIDs []int64
	Cookies  []string
}

func startGaleraFuyuan(t testing.TB, writers int) *galeraFuyuan {
	t.Helper()
	mariadbd := requireGalera(t)
	began := time.Now()
	g := startGalera(t, mariadbd)
	t.Logf("three nodes synced after %s", time.Since(began).Round(time.Second))
	if _, err := g.Nodes[0].open(t, "").Exec("CREATE DATABASE fuyuan CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
		t.Fatal(err)
	}
	env := func(n *galeraNode) map[string]string {
		// The recipe's request timeout: a write that was waiting while the
		// cluster declared a killed node gone still has time for its retries.
		// Behind a proxy on loopback, as deploy/fuyuan.env.example has it:
		// the password guesses come from addresses of their own.
		return map[string]string{"FUYUAN_DB": "mysql", "FUYUAN_DSN": n.DSN("fuyuan"), "FUYUAN_ADMIN_PASSWORD": adminPassword,
			"FUYUAN_REQUEST_TIMEOUT": "10s", "FUYUAN_TRUSTED_PROXIES": "127.0.0.1"}
	}
	// The first instance migrates the empty database; the second starts on
	// the migrated one (deploy/README.md: GET_LOCK is per node on Galera).
	f := &galeraFuyuan{galera: g}
	f.A = startInstance(t, "instance A on node1", env(g.Nodes[0]))
	f.B = startInstance(t, "instance B on node2", env(g.Nodes[1]))
	hc := plainClient()
	admin := mustLogin(t, hc, f.A.URL, "admin")
	organ := call(t, hc, "POST", f.A.URL+"/api/v1/organs", admin, `{"name": "清远市清新区自然资源局", "kind": "自然资源局", "region": "清新区"}`)
	if organ.Status != 201 {
		t.Fatalf("create organ: %d %s", organ.Status, organ.Body)
	}
	f.OrganID = idOf(t, organ.Body)
	for w := range writers {
		u := call(t, hc, "POST", f.A.URL+"/api/v1/users", admin, fmt.Sprintf(`{"username": "galera%d", "password": "galera-password-%d", "name": "法官%d", "role": "judge"}`, w, w, w))
		if u.Status != 201 {
			t.Fatalf("create judge %d: %d %s", w, u.Status, u.Body)
		}
		base := f.instances()[w%2].URL
		cookie, _ := login(t, hc, base, fmt.Sprintf("galera%d", w), fmt.Sprintf("galera-password-%d", w))
		// A password the admin chose is replaced at the first login.
		change := fmt.Sprintf(`{"old_password": "galera-password-%d", "new_password": %q}`, w, galeraPassword(w))
		if a := call(t, hc, "POST", base+"/api/v1/me/password", cookie, change); a.Status != 204 {
			t.Fatalf("judge %d changes the password: %d %s", w, a.Status, a.Body)
		}
		f.JudgeIDs = append(f.JudgeIDs, idOf(t, u.Body))
		f.Cookies = append(f.Cookies, cookie)
	}
	return f
}

// galeraPassword is judge w's own password.
func galeraPassword(w int) string { return fmt.Sprintf("galera-own-password-%d", w) }

func (f *galeraFuyuan) instances() []*instance { return []*instance{f.A, f.B} }

// fileBody is the body of writer w's filing k of 行初 on filedOn.
func (f *galeraFuyuan) fileBody(w, k int, filedOn string) string {
	return fmt.Sprintf(`{"case_type": "行初", "cause": "行政处罚", "domain": "生态", "plaintiff": {"name": "集群原告%d-%02d", "kind": "individual"}, "organ_id": %d, "filed_on": %q, "judge_id": %d}`,
		w, k, f.OrganID, filedOn, f.JudgeIDs[w])
}

func TestGaleraCluster(t *testing.T) {
	began := time.Now()
	const writers, perWriter = 8, 25
	f := startGaleraFuyuan(t, writers)
	g, a, b, instances := f.galera, f.A, f.B, f.instances()
	n3 := g.Nodes[2]
	hc := plainClient()
	cookies, judgeIDs, organID := f.Cookies, f.JudgeIDs, f.OrganID
	t.Run("a migration's index changes beside writes to the parent table: every node applies both", func(t *testing.T) {
		ddlBesideWrites(t, g, 20)
	})

	var (
		filings  = make([][]galeraFiling, writers)
		progress = make(chan int, writers*perWriter)
		others   sync.Mutex // mediations and closings that did not answer as they should
		otherBad []string
		mediated int
		closed   int
		busy     int     // mediations and closings that lost every attempt: 503, nothing saved
		savedIDs []int64 // the cases whose mediation answered 201
	)
	wrong := func(format string, args ...any) {
		others.Lock()
		otherBad = append(otherBad, fmt.Sprintf(format, args...))
		others.Unlock()
	}
	// Node 3, which neither instance uses, is killed a quarter of the way
	// through and started again at half way, while the writers go on.
	var rejoin sync.WaitGroup
	rejoin.Add(1)
	var (
		killedAt, restartedAt, rejoinedAfter time.Duration
		restartErr                           error
	)
	go func() {
		defer rejoin.Done()
		loadStart := time.Now()
		done := 0
		for done < writers*perWriter/4 {
			done += <-progress
		}
		n3.kill()
		killedAt = time.Since(loadStart)
		for done < writers*perWriter/2 {
			done += <-progress
		}
		if restartErr = n3.start(false); restartErr != nil {
			return
		}
		restartedAt = time.Since(loadStart)
		rejoinedAfter, restartErr = n3.synced(3*time.Minute, 3)
	}()

	load := time.Now()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := plainClient()
			for k := range perWriter {
				// Each writer's requests alternate between the instances, so
				// both nodes take filings from every writer.
				base := instances[(w+k)%2].URL
				ans, err := tryCall(client, "POST", base+"/api/v1/cases", cookies[w], f.fileBody(w, k, "2025-06-02"))
				f := galeraFiling{Status: ans.Status, Body: ans.Body, Err: err}
				if err == nil && ans.Status == 201 {
					var created struct {
						ID     int64  `json:"id"`
						CaseNo string `json:"case_no"`
					}
					json.Unmarshal([]byte(ans.Body), &created)
					f.ID, f.CaseNo = created.ID, created.CaseNo
				}
				filings[w] = append(filings[w], f)
				progress <- 1
				if f.ID == 0 {
					continue
				}
				// Every other case is mediated through the other instance,
				// and every fifth closed there.
				other := instances[(w+k+1)%2].URL
				if k%2 == 0 {
					m, err := tryCall(client, "POST", fmt.Sprintf("%s/api/v1/cases/%d/mediations", other, f.ID), cookies[w],
						`{"held_on": "2025-06-05", "mode": "onsite", "location": "清新区法院调解室", "participants": "原告、被告代理人", "result": "continuing", "notes": "集群测试"}`)
					switch {
					case err == nil && m.Status == 201:
						others.Lock()
						mediated++
						savedIDs = append(savedIDs, f.ID)
						others.Unlock()
					case err == nil && m.Status == 503 && strings.Contains(m.Body, `"busy"`):
						others.Lock()
						busy++
						others.Unlock()
					default:
						wrong("mediation of case %d: %v %d %s", f.ID, err, m.Status, m.Body)
					}
				}
				if k%5 == 4 {
					c, err := tryCall(client, "POST", fmt.Sprintf("%s/api/v1/cases/%d/close", other, f.ID), cookies[w],
						`{"closed_on": "2025-06-20", "method": "withdrawal"}`)
					switch {
					case err == nil && c.Status == 200:
						others.Lock()
						closed++
						others.Unlock()
					case err == nil && c.Status == 503 && strings.Contains(c.Body, `"busy"`):
						others.Lock()
						busy++
						others.Unlock()
					default:
						wrong("closing case %d: %v %d %s", f.ID, err, c.Status, c.Body)
					}
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(load)
	rejoin.Wait()
	if restartErr != nil {
		t.Fatalf("starting node3 again: %v", restartErr)
	}
	t.Logf("%d filings, %d mediations, %d closings in %s; node3 killed at %s, started again at %s, synced %s later",
		writers*perWriter, mediated, closed, took.Round(time.Millisecond), killedAt.Round(time.Millisecond),
		restartedAt.Round(time.Millisecond), rejoinedAfter.Round(time.Millisecond))

	t.Run("200 concurrent filings through two nodes: 200 × 201, numbers distinct and consecutive", func(t *testing.T) {
		statuses := map[int]int{}
		seen := map[string]bool{}
		for w := range writers {
			for k, f := range filings[w] {
				statuses[f.Status]++
				if f.Err != nil || f.Status != 201 {
					t.Errorf("writer %d filing %d: %v %d %s", w, k, f.Err, f.Status, f.Body)
					continue
				}
				if seen[f.CaseNo] {
					t.Errorf("case number %s given twice", f.CaseNo)
				}
				seen[f.CaseNo] = true
			}
		}
		t.Logf("answers: %v", statuses)
		for i := 1; i <= writers*perWriter; i++ {
			if no := fmt.Sprintf("（2025）粤1803行初%d号", i); !seen[no] {
				t.Errorf("case number %s was not given", no)
			}
			delete(seen, fmt.Sprintf("（2025）粤1803行初%d号", i))
		}
		for no := range seen {
			t.Errorf("case number %s is not one of 1…%d", no, writers*perWriter)
		}
		for _, s := range otherBad {
			t.Error(s)
		}
		// A mediation or closing that lost every attempt answered 503
		// ("busy") and saved nothing: the database holds exactly those that
		// answered 201 and 200.
		db := g.Nodes[0].open(t, "fuyuan")
		var inDB, closedInDB int
		if err := db.QueryRow("SELECT COUNT(*) FROM mediations").Scan(&inDB); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow("SELECT COUNT(*) FROM cases WHERE status = 'closed'").Scan(&closedInDB); err != nil {
			t.Fatal(err)
		}
		if inDB != mediated || closedInDB != closed {
			t.Errorf("the database holds %d mediations and %d closed cases; %d and %d answered as saved", inDB, closedInDB, mediated, closed)
			for _, id := range savedIDs {
				var n int
				db.QueryRow("SELECT COUNT(*) FROM mediations WHERE case_id = ?", id).Scan(&n)
				if n == 1 {
					continue
				}
				var status string
				var version int
				db.QueryRow("SELECT status, version FROM cases WHERE id = ?", id).Scan(&status, &version)
				rows, _ := db.Query("SELECT id, action, at, LEFT(COALESCE(after_json, ''), 300) FROM audit_log WHERE entity = 'case' AND entity_id = ? ORDER BY id", id)
				var audit []string
				for rows.Next() {
					var aid int64
					var action, at, after string
					rows.Scan(&aid, &action, &at, &after)
					audit = append(audit, fmt.Sprintf("%d %s %s %s", aid, action, at, after))
				}
				rows.Close()
				t.Errorf("case %d: mediation answered 201, %d mediation rows; case status %s version %d; audit:\n%s", id, n, status, version, strings.Join(audit, "\n"))
			}
		}
		t.Logf("%d mediations and closings answered 503 (lost every attempt, nothing saved)", busy)
	})

	t.Run("reads through another node see what was just written", func(t *testing.T) {
		// A session made on A (node1) serves at once on B (node2), and a case
		// filed on B is in A's very next list: wsrep_sync_wait of the recipe.
		list := func(base, cookie string) (int, string) {
			ans := call(t, hc, "GET", base+"/api/v1/cases?status=filed", cookie, "")
			var l struct {
				Total int `json:"total"`
				Items []struct {
					CaseNo string `json:"case_no"`
				} `json:"items"`
			}
			if err := json.Unmarshal([]byte(ans.Body), &l); ans.Status != 200 || err != nil || len(l.Items) == 0 {
				t.Fatalf("GET %s/api/v1/cases: %d %s", base, ans.Status, ans.Body)
			}
			return l.Total, l.Items[0].CaseNo
		}
		total, _ := list(a.URL, cookies[0])
		for i := range 20 {
			cookie, st := tryLogin(hc, a.URL, "galera1", galeraPassword(1))
			if st != 200 {
				t.Fatalf("login on A: %d", st)
			}
			if me := call(t, hc, "GET", b.URL+"/api/v1/me", cookie, ""); me.Status != 200 {
				t.Errorf("round %d: a session made on A, at once on B: %d %s", i, me.Status, me.Body)
			}
			body := fmt.Sprintf(`{"case_type": "行初", "cause": "行政处罚", "domain": "生态", "plaintiff": {"name": "因果读原告%02d", "kind": "individual"}, "organ_id": %d, "filed_on": "2025-06-03", "judge_id": %d}`,
				i, organID, judgeIDs[1])
			filed := call(t, hc, "POST", b.URL+"/api/v1/cases", cookie, body)
			if filed.Status != 201 {
				t.Fatalf("round %d: file on B: %d %s", i, filed.Status, filed.Body)
			}
			var created struct {
				CaseNo string `json:"case_no"`
			}
			json.Unmarshal([]byte(filed.Body), &created)
			got, first := list(a.URL, cookie)
			if got != total+1 || first != created.CaseNo {
				t.Errorf("round %d: A lists %d filed cases, the newest %s, right after B filed %s (want %d)", i, got, first, created.CaseNo, total+1)
			}
			total++
		}
	})

	t.Run("concurrent password guesses through two nodes stop at the limit", func(t *testing.T) {
		guessesAcrossNodes(t, f, 20, 20)
	})

	t.Run("a node cut off from the others: its instance answers 503, then serves again", func(t *testing.T) {
		// node2 leaves the group (as behind a broken network link) and is
		// no longer part of the primary component: it refuses queries.
		root2, err := sql.Open("mysql", g.Nodes[1].statusDSN())
		if err != nil {
			t.Fatal(err)
		}
		defer root2.Close()
		if _, err := root2.Exec("SET GLOBAL wsrep_provider_options = 'gmcast.isolate=1'"); err != nil {
			t.Fatal(err)
		}
		cut := true
		defer func() {
			if cut {
				root2.Exec("SET GLOBAL wsrep_provider_options = 'gmcast.isolate=0'")
			}
		}()
		eventually(t, 30*time.Second, "node2 out of the primary component", func() string {
			st, err := g.Nodes[1].status(context.Background(), root2, "wsrep_cluster_status")
			if err != nil || st["wsrep_cluster_status"] == "Primary" {
				return fmt.Sprint(st, err)
			}
			return ""
		})
		for _, path := range []string{"/api/v1/me", "/api/v1/cases?status=filed", "/readyz"} {
			if ans := call(t, hc, "GET", b.URL+path, cookies[1], ""); ans.Status != 503 {
				t.Errorf("GET %s on B while node2 is cut off: %d %s, want 503", path, ans.Status, ans.Body)
			}
		}
		filed := call(t, hc, "POST", b.URL+"/api/v1/cases", cookies[1], f.fileBody(1, 99, "2025-06-04"))
		if filed.Status != 503 {
			t.Errorf("filing on B while node2 is cut off: %d %s, want 503", filed.Status, filed.Body)
		}
		if ans := call(t, hc, "GET", a.URL+"/api/v1/me", cookies[0], ""); ans.Status != 200 {
			t.Errorf("A on node1 while node2 is cut off: %d %s", ans.Status, ans.Body)
		}
		if _, err := root2.Exec("SET GLOBAL wsrep_provider_options = 'gmcast.isolate=0'"); err != nil {
			t.Fatal(err)
		}
		cut = false
		g.Nodes[1].waitSynced(t, 2*time.Minute, 3)
		eventually(t, 30*time.Second, "B serving again", func() string {
			if ans := call(t, hc, "GET", b.URL+"/api/v1/cases?status=filed", cookies[1], ""); ans.Status != 200 {
				return fmt.Sprintf("%d %s", ans.Status, ans.Body)
			}
			return ""
		})
	})

	// The instances stop, so that the nodes hold still for the comparison.
	for _, i := range instances {
		if !i.running() {
			t.Errorf("%s exited: %v", i.Name, i.err)
		}
		if err := i.stop(); err != nil {
			t.Errorf("%s: %v", i.Name, err)
		}
	}

	t.Run("no 500 in either instance's log", func(t *testing.T) {
		for _, i := range instances {
			log := i.out.String()
			for _, line := range strings.Split(log, "\n") {
				if strings.Contains(line, `"status":500`) || strings.Contains(line, `"internal error"`) || strings.Contains(line, `"panic"`) {
					t.Errorf("%s: %s", i.Name, line)
				}
			}
			retried, gaveUp := retriesLogged(i)
			most := mostAttempts(log)
			t.Logf("%s: %d requests answered 503; %d transactions retried, %d given up, at most %d attempts for one",
				i.Name, strings.Count(log, `"status":503`), retried, gaveUp, most)
		}
	})

	t.Run("no node's appliers in conflict", func(t *testing.T) { noApplierConflict(t, g) })

	t.Run("the killed node rejoined by IST and holds every row", func(t *testing.T) {
		if n3.starts != 2 {
			t.Fatalf("node3 was started %d times, want 2", n3.starts)
		}
		n3.waitSynced(t, 3*time.Minute, 3)
		// The SST script hears from the donor that IST will do, and the
		// node receives the write-sets it missed.
		again := n3.sinceStart()
		var missed int
		if i := strings.Index(again, "WSREP: Receiving IST: "); i >= 0 {
			fmt.Sscanf(again[i:], "WSREP: Receiving IST: %d writesets", &missed)
		}
		if !strings.Contains(again, "'xtrabackup_ist' received from donor: Running IST") || missed == 0 {
			t.Errorf("node3 did not catch up by IST after its restart:\n%s", tail(again, 60))
		}
		t.Logf("node3 caught up by IST on %d write-sets", missed)
		dbs := make([]*sql.DB, len(g.Nodes))
		for i, n := range g.Nodes {
			dbs[i] = n.open(t, "fuyuan")
		}
		tables := mysqlTables(t, dbs[0], "fuyuan")
		if len(tables) < 20 {
			t.Fatalf("only %d tables: %v", len(tables), tables)
		}
		want := takeSnapshot(t, dbs[0], tables)
		t.Logf("node1: cases %s, audit_log %s", want["cases"], want["audit_log"])
		var cases int
		if _, err := fmt.Sscanf(want["cases"], "%d rows", &cases); err != nil || cases < writers*perWriter {
			t.Errorf("node1 holds %s cases, want at least %d", want["cases"], writers*perWriter)
		}
		for i, n := range g.Nodes[1:] {
			want.compare(t, n.Name+" against node1", takeSnapshot(t, dbs[i+1], tables))
		}
	})
	t.Logf("the whole test took %s", time.Since(began).Round(time.Second))
}

// guessesAcrossNodes sends n wrong passwords for one account at the same
// moment, half through A (node1) and half through B (node2), as an attacker
// behind a load balancer would, in rounds of a new account each: exactly
// app.MaxAccountFailures reach the password check (401; more break the
// lock, fewer lock the account before its limit; the others are refused,
// 429), and the right password is refused afterwards on both instances.
// Each round comes from an address of its own (X-Forwarded-For), so that
// the address's limit (app.MaxClientFailures) stays out of it.
func guessesAcrossNodes(t *testing.T, f *galeraFuyuan, rounds, n int) {
	hc := plainClient()
	admin := mustLogin(t, hc, f.A.URL, "admin")
	login := func(client *http.Client, base, from, username, password string) (int, error) {
		req, err := http.NewRequest("POST", base+"/api/v1/login", strings.NewReader(fmt.Sprintf(`{"username": %q, "password": %q}`, username, password)))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", from)
		res, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, nil
	}
	var broken int
	for r := range rounds {
		username, password, from := fmt.Sprintf("guessed%d", r), fmt.Sprintf("guessed-password-%d", r), fmt.Sprintf("203.0.113.%d", r+1)
		if u := call(t, hc, "POST", f.A.URL+"/api/v1/users", admin, fmt.Sprintf(`{"username": %q, "password": %q, "name": "被猜者%d", "role": "judge"}`, username, password, r)); u.Status != 201 {
			t.Fatalf("create %s: %d %s", username, u.Status, u.Body)
		}
		statuses := make([]int, n)
		var ready, done sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			ready.Add(1)
			done.Add(1)
			go func() {
				defer done.Done()
				base, client := f.instances()[i%2].URL, plainClient()
				// A connection made beforehand: the guesses leave together.
				tryCall(client, "GET", base+"/healthz", "", "")
				ready.Done()
				<-start
				st, err := login(client, base, from, username, fmt.Sprintf("guess-%02d-wrong", i))
				if err != nil {
					t.Errorf("%s guess %d: %v", username, i, err)
				}
				statuses[i] = st
			}()
		}
		ready.Wait()
		close(start)
		done.Wait()
		checked := map[string]int{}
		for i, st := range statuses {
			switch st {
			case 401:
				checked[f.instances()[i%2].Name]++
			case 429:
			default:
				t.Errorf("%s guess %d got %d", username, i, st)
			}
		}
		if total := checked[f.A.Name] + checked[f.B.Name]; total != app.MaxAccountFailures {
			broken++
			t.Errorf("%s: %d wrong passwords at once through two nodes: %d reached the password check (%v), want %d",
				username, n, total, checked, app.MaxAccountFailures)
		}
		for _, i := range f.instances() {
			if st, err := login(hc, i.URL, from, username, password); st != 429 {
				t.Errorf("%s: the right password on %s after the guesses: %d %v, want 429", username, i.Name, st, err)
			}
		}
	}
	t.Logf("%d rounds of %d wrong passwords at once: %d reached the password check more or less often than the limit", rounds, n, broken)
}
