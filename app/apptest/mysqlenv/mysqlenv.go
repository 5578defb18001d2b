// Package mysqlenv is the one rule of the tests that need MariaDB: the
// server is FUYUAN_TEST_MYSQL_DSN's; without it, or when it does not answer,
// the test is skipped, or fails when FUYUAN_TEST_MYSQL_REQUIRED=1 (as in
// CI). It imports nothing of fuyuan, so that the app package's own tests
// can use it as well as apptest and the ops tests.
package mysqlenv

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
)

// Required reports whether the MariaDB tests must run.
func Required() bool { return os.Getenv("FUYUAN_TEST_MYSQL_REQUIRED") == "1" }

// Config is FUYUAN_TEST_MYSQL_DSN's configuration once its server has
// answered a ping; it skips t (or fails it, when Required) otherwise.
func Config(t testing.TB) *gomysql.Config {
	t.Helper()
	dsn := os.Getenv("FUYUAN_TEST_MYSQL_DSN")
	if dsn == "" {
		if Required() {
			t.Fatal("FUYUAN_TEST_MYSQL_REQUIRED=1 but FUYUAN_TEST_MYSQL_DSN is not set")
		}
		t.Skip("MariaDB tests skipped: set FUYUAN_TEST_MYSQL_DSN=root@tcp(127.0.0.1:3306)/test to run them")
	}
	cfg, err := gomysql.ParseDSN(dsn)
	if err != nil {
		t.Fatalf("FUYUAN_TEST_MYSQL_DSN: %v", err)
	}
	db, err := sql.Open("mysql", dsn)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
		db.Close()
	}
	if err != nil {
		if Required() {
			t.Fatalf("MariaDB not reachable at %s: %v", cfg.Addr, err)
		}
		t.Skipf("MariaDB tests skipped: %s not reachable: %v", cfg.Addr, err)
	}
	return cfg
}
