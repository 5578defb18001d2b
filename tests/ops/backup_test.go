package ops

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// snapshot is every table's row count and a checksum of its rows.
type snapshot map[string]string

// takeSnapshot reads every table of the database behind db: "rows:checksum"
// per table, the checksum over the sorted rows so that it does not depend on
// the order the database returns them in.
func takeSnapshot(t *testing.T, db *sql.DB, tables []string) snapshot {
	t.Helper()
	snap := snapshot{}
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + table) // names come from the schema, not from input
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		var lines []string
		for rows.Next() {
			vals, err := apptest.ScanText(rows)
			if err != nil {
				t.Fatalf("read %s: %v", table, err)
			}
			var b strings.Builder
			for _, v := range vals {
				if v.Valid {
					fmt.Fprintf(&b, "%q,", v.String)
				} else {
					b.WriteString("NULL,")
				}
			}
			lines = append(lines, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		sort.Strings(lines)
		sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		snap[table] = fmt.Sprintf("%d rows, sha256 %s", len(lines), hex.EncodeToString(sum[:8]))
	}
	return snap
}

// compare fails the test for every table whose rows differ.
func (s snapshot) compare(t *testing.T, what string, got snapshot) {
	t.Helper()
	if len(got) != len(s) {
		t.Errorf("%s: %d tables, want %d", what, len(got), len(s))
	}
	for table, want := range s {
		if got[table] != want {
			t.Errorf("%s: table %s has %s, want %s", what, table, got[table], want)
		}
	}
}

// mysqlTables lists the tables of a MariaDB database.
func mysqlTables(t *testing.T, db *sql.DB, name string) []string {
	t.Helper()
	rows, err := db.Query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

// runMariaDB runs SQL with the mariadb client as the administrator of root.
func runMariaDB(t *testing.T, root *gomysql.Config, sqlText string) {
	t.Helper()
	dir := t.TempDir()
	cnf, _, err := app.MySQLClientConfig(root.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "client.cnf"), []byte(cnf), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("mariadb", "--defaults-extra-file="+filepath.Join(dir, "client.cnf"))
	cmd.Stdin = strings.NewReader(sqlText)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mariadb: %v\n%s", err, out)
	}
}

// leastPrivilege sets up a database and its two accounts with
// deploy/mariadb-setup.sql, renamed for this test, and returns the DSNs of
// the application and backup accounts.
func leastPrivilege(t *testing.T, root *gomysql.Config, name string) (appDSN, backupDSN string) {
	t.Helper()
	host, _, _ := net.SplitHostPort(root.Addr)
	if root.Net != "tcp" || host != "127.0.0.1" {
		t.Fatalf("the setup SQL binds its accounts to 127.0.0.1; FUYUAN_TEST_MYSQL_DSN must use tcp(127.0.0.1:…), not %s(%s)", root.Net, root.Addr)
	}
	setup, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "mariadb-setup.sql"))
	if err != nil {
		t.Fatal(err)
	}
	suffix := name[len("fuyuan_ops_"):]
	appUser, backupUser := "fy_app_"+suffix, "fy_bak_"+suffix
	appPw, backupPw := "app-"+randomHex(8), "bak-"+randomHex(8)
	text := string(setup)
	for _, r := range [][2]string{
		{"'fuyuan_backup'@", "'" + backupUser + "'@"},
		{"'fuyuan'@", "'" + appUser + "'@"},
		{"ON fuyuan.*", "ON " + name + ".*"},
		{"EXISTS fuyuan ", "EXISTS " + name + " "},
		{"CHANGE-THIS-PASSWORD", appPw},
		{"CHANGE-THIS-TOO", backupPw},
	} {
		if !strings.Contains(text, r[0]) {
			t.Fatalf("deploy/mariadb-setup.sql no longer has %q; keep this test in step with it", r[0])
		}
		text = strings.ReplaceAll(text, r[0], r[1])
	}
	t.Cleanup(func() {
		runMariaDB(t, root, fmt.Sprintf("DROP USER IF EXISTS '%s'@'127.0.0.1', '%s'@'127.0.0.1'; DROP DATABASE IF EXISTS %s;", appUser, backupUser, name))
	})
	runMariaDB(t, root, text)
	dsn := func(user, pw string) string {
		c := gomysql.NewConfig()
		c.User, c.Passwd, c.Net, c.Addr, c.DBName, c.ParseTime = user, pw, "tcp", root.Addr, name, true
		return c.FormatDSN()
	}
	return dsn(appUser, appPw), dsn(backupUser, backupPw)
}

// fileCases files n cases of the demo court with the real case service.
func fileCases(t *testing.T, dialect, dsn string, n int) {
	t.Helper()
	s, err := app.Open(app.Options{Dialect: dialect, DSN: dsn}, app.SystemClock{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var judge app.User
	if err := s.DB.Where("username = ?", "judge1").Take(&judge).Error; err != nil {
		t.Fatal(err)
	}
	var organ app.Organ
	if err := s.DB.Where("court_code = ?", judge.CourtCode).Order("id").Take(&organ).Error; err != nil {
		t.Fatal(err)
	}
	types := []string{"行初", "行审", "行赔初", "行诉前调"}
	today := s.Clock.Today()
	for i := range n {
		in := app.CaseInput{
			CaseType: types[i%len(types)], Cause: "行政处罚", Domain: "ecology",
			Plaintiff: app.Party{Name: fmt.Sprintf("备份测试原告%02d有限公司", i), Kind: "enterprise"},
			OrganID:   organ.ID, FiledOn: today.AddDays(-i), JudgeID: judge.ID, Linkage: i%3 == 0,
		}
		if _, err := s.CreateCase(ctx, judge.Actor(), in); err != nil {
			t.Fatalf("file case %d: %v", i, err)
		}
	}
}

func TestBackupDropRestoreKeepsEveryRow(t *testing.T) {
	root := requireMySQL(t)
	for _, p := range []string{"mariadb", "mariadb-dump", "gzip", "sha256sum"} {
		requireProgram(t, p)
	}
	name := "fuyuan_ops_" + randomHex(5)
	appDSN, backupDSN := leastPrivilege(t, root, name)
	env := map[string]string{"FUYUAN_DB": "mysql", "FUYUAN_DSN": appDSN}

	// Seed through the least-privileged account: migrations, the demo courts and cases.
	inst := startInstance(t, "fuyuan", env, "-demo")
	fileCases(t, app.MySQL, appDSN, 40)
	hc := plainClient()
	admin, _ := login(t, hc, inst.URL, "admin", "demo12345")
	marker := call(t, hc, "POST", inst.URL+"/api/v1/organs", admin, `{"name": "备份前登记的机关", "kind": "林业局", "region": "清新区"}`)
	if marker.Status != 201 {
		t.Fatalf("create organ: %d %s", marker.Status, marker.Body)
	}

	adminCfg := root.Clone()
	adminCfg.DBName = name
	adminCfg.ParseTime = false
	db, err := sql.Open("mysql", adminCfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := mysqlTables(t, db, name)
	if len(tables) < 10 {
		t.Fatalf("only %d tables: %v", len(tables), tables)
	}
	before := takeSnapshot(t, db, tables)
	var cases int
	if _, err := fmt.Sscanf(before["cases"], "%d rows", &cases); err != nil || cases < 40 {
		t.Fatalf("cases: %s, want at least the 40 filed", before["cases"])
	}
	t.Logf("%d tables; cases %s", len(tables), before["cases"])

	// The backup is taken while fuyuan serves, by the read-only account.
	dir := t.TempDir()
	envFile := filepath.Join(dir, "fuyuan.env")
	writeEnvFile(t, envFile, map[string]string{"FUYUAN_DB": "mysql", "FUYUAN_DSN": appDSN, "FUYUAN_BACKUP_DSN": backupDSN})
	scriptEnv := map[string]string{"FUYUAN_BIN": binPath}
	out, err := runScript(t, scriptEnv, "backup.sh", "-e", envFile, "-d", filepath.Join(dir, "backups"))
	if err != nil {
		t.Fatalf("backup.sh: %v\n%s", err, out)
	}
	backup := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	if !strings.HasPrefix(filepath.Base(backup), "fuyuan-mysql-"+name+"-") || !strings.HasSuffix(backup, ".sql.gz") {
		t.Fatalf("backup.sh printed %q", out)
	}
	for _, f := range []string{backup, backup + ".sha256"} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want 0600", f, err, fi.Mode().Perm())
		}
	}
	before.compare(t, "during the backup", takeSnapshot(t, db, tables))
	if err := inst.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}

	// Disaster: the database is gone.
	if _, err := db.Exec("DROP DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, err = runScript(t, scriptEnv, "restore.sh", "-e", envFile, backup)
	if err != nil {
		t.Fatalf("restore.sh: %v\n%s", err, out)
	}
	// A new connection: the old ones lost their database with the drop.
	if db, err = sql.Open("mysql", adminCfg.FormatDSN()); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	restored := takeSnapshot(t, db, mysqlTables(t, db, name))
	before.compare(t, "after the restore", restored)

	// A database that has tables is only replaced on purpose, and a damaged backup never.
	out, err = runScript(t, scriptEnv, "restore.sh", "-e", envFile, backup)
	if err == nil || !strings.Contains(out, "-y") {
		t.Errorf("restore.sh over a database with tables, without -y: %v\n%s", err, out)
	}
	damaged := filepath.Join(dir, "backups", "fuyuan-mysql-damaged.sql.gz")
	data, _ := os.ReadFile(backup)
	data[len(data)/2] ^= 0xff
	os.WriteFile(damaged, data, 0o600)
	sum, _ := os.ReadFile(backup + ".sha256")
	os.WriteFile(damaged+".sha256", []byte(strings.Replace(string(sum), filepath.Base(backup), filepath.Base(damaged), 1)), 0o600)
	out, err = runScript(t, scriptEnv, "restore.sh", "-e", envFile, "-y", damaged)
	if err == nil || !strings.Contains(out, "sha256") {
		t.Errorf("restore.sh of a damaged backup: %v\n%s", err, out)
	}
	before.compare(t, "after the refused restores", takeSnapshot(t, db, tables))

	// fuyuan starts on the restored database as if nothing happened.
	inst = startInstance(t, "fuyuan after the restore", env)
	admin, _ = login(t, hc, inst.URL, "admin", "demo12345")
	if a := call(t, hc, "GET", fmt.Sprintf("%s/api/v1/organs/%d", inst.URL, idOf(t, marker.Body)), admin, ""); a.Status != 200 || !strings.Contains(a.Body, "备份前登记的机关") {
		t.Errorf("the organ registered before the backup: %d %s", a.Status, a.Body)
	}
	if a := call(t, hc, "GET", inst.URL+"/readyz", "", ""); a.Status != 200 {
		t.Errorf("/readyz: %d", a.Status)
	}
}

func TestSQLiteBackupRestoreKeepsEveryRow(t *testing.T) {
	for _, p := range []string{"gzip", "sha256sum"} {
		requireProgram(t, p)
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	inst := startInstance(t, "fuyuan", map[string]string{"FUYUAN_DATA": data}, "-demo")
	dbPath := filepath.Join(data, "fuyuan.db")
	fileCases(t, app.SQLite, dbPath, 40)
	hc := plainClient()
	admin, _ := login(t, hc, inst.URL, "admin", "demo12345")
	marker := call(t, hc, "POST", inst.URL+"/api/v1/organs", admin, `{"name": "备份前登记的机关", "kind": "林业局", "region": "清新区"}`)
	if marker.Status != 201 {
		t.Fatalf("create organ: %d %s", marker.Status, marker.Body)
	}
	snap := func() snapshot {
		s, err := app.Open(app.Options{Dialect: app.SQLite, DSN: dbPath}, app.SystemClock{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var tables []string
		if err := s.DB.Raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").Scan(&tables).Error; err != nil {
			t.Fatal(err)
		}
		return takeSnapshot(t, s.SQL(), tables)
	}
	before := snap()
	t.Logf("%d tables; cases %s", len(before), before["cases"])

	envFile := filepath.Join(dir, "fuyuan.env")
	writeEnvFile(t, envFile, map[string]string{"FUYUAN_DB": "sqlite", "FUYUAN_DATA": data, "FUYUAN_ADDR": inst.Addr})
	scriptEnv := map[string]string{"FUYUAN_BIN": binPath}
	out, err := runScript(t, scriptEnv, "backup.sh", "-e", envFile, "-d", filepath.Join(dir, "backups"))
	if err != nil {
		t.Fatalf("backup.sh while serving: %v\n%s", err, out)
	}
	backup := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	if !strings.HasSuffix(backup, ".db.gz") {
		t.Fatalf("backup.sh printed %q", out)
	}
	// Restoring under a running fuyuan is refused.
	if out, err := runScript(t, scriptEnv, "restore.sh", "-e", envFile, backup); err == nil || !strings.Contains(out, "stop fuyuan first") {
		t.Errorf("restore.sh while fuyuan serves: %v\n%s", err, out)
	}
	if err := inst.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	// Disaster: the database file is lost.
	for _, f := range []string{dbPath, dbPath + "-wal", dbPath + "-shm"} {
		os.Remove(f)
	}
	if out, err := runScript(t, scriptEnv, "restore.sh", "-e", envFile, backup); err != nil {
		t.Fatalf("restore.sh: %v\n%s", err, out)
	}
	before.compare(t, "after the restore", snap())

	inst = startInstance(t, "fuyuan after the restore", map[string]string{"FUYUAN_DATA": data})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && call(t, hc, "GET", inst.URL+"/readyz", "", "").Status != 200 {
		time.Sleep(100 * time.Millisecond)
	}
	admin, _ = login(t, hc, inst.URL, "admin", "demo12345")
	if a := call(t, hc, "GET", fmt.Sprintf("%s/api/v1/organs/%d", inst.URL, idOf(t, marker.Body)), admin, ""); a.Status != 200 {
		t.Errorf("the organ registered before the backup: %d %s", a.Status, a.Body)
	}
}
