package apptest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync/atomic"
	"testing"

	_ "github.com/glebarez/go-sqlite" // the driver of the second SQLite connection
	"gorm.io/gorm"

	"fuyuan/app"
)

// LoseConflicts returns a transaction hook (Store.SetTxHook) that makes the
// first n attempts of each transaction lose a real conflict after they have
// done their work, and lets later attempts commit:
//
//   - on MariaDB, a deadlock that InnoDB resolves by rolling the attempt back
//     (error 1213, what Galera also answers for a certification failure): a
//     second connection holding many row locks and the attempt lock two rows
//     of a probe table in opposite order;
//   - on SQLite, the SQLITE_BUSY that a second connection gets from the
//     database file while the attempt holds its write lock, returned by the
//     attempt as its own.
//
// hits counts the conflicts it caused.
func LoseConflicts(t testing.TB, s *app.Store, n int) (hook app.TxHook, hits func() int) {
	t.Helper()
	var lose func(tx *gorm.DB) error
	if s.Dialect == app.MySQL {
		lose = mysqlDeadlock(t, s)
	} else {
		lose = sqliteBusy(t, s)
	}
	var caused atomic.Int32
	hook = func(tx *gorm.DB, attempt int) error {
		if attempt > n {
			return nil
		}
		err := lose(tx)
		if err == nil {
			return fmt.Errorf("apptest: attempt %d did not lose its conflict", attempt)
		}
		caused.Add(1)
		return err
	}
	return hook, func() int { return int(caused.Load()) }
}

// sqliteBusy opens a second connection to s's database file that does not
// wait for locks; a write it tries while a transaction of s holds the write
// lock fails with SQLITE_BUSY.
func sqliteBusy(t testing.TB, s *app.Store) func(tx *gorm.DB) error {
	t.Helper()
	var seq int
	var name, path string
	if err := s.SQL().QueryRow("PRAGMA database_list").Scan(&seq, &name, &path); err != nil {
		t.Fatal(err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(0)")
	other, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return func(*gorm.DB) error {
		_, err := other.Exec("BEGIN IMMEDIATE")
		if err == nil {
			other.Exec("ROLLBACK")
		}
		return err
	}
}

// mysqlDeadlock creates a probe table and returns a function that runs, in
// tx, one half of a deadlock whose other half a second connection runs: the
// second connection changes every probe row but the first, tx locks the
// first; then the second connection asks for the first row and tx for the
// second, in whichever order they arrive. InnoDB rolls back the transaction
// of the cycle that changed fewer rows: tx.
func mysqlDeadlock(t testing.TB, s *app.Store) func(tx *gorm.DB) error {
	t.Helper()
	db := s.SQL()
	if _, err := db.Exec("CREATE TABLE IF NOT EXISTS conflict_probe (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT IGNORE INTO conflict_probe (id, n)
		WITH RECURSIVE r (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 500) SELECT i, 0 FROM r`); err != nil {
		t.Fatal(err)
	}
	return func(tx *gorm.DB) error {
		ctx := context.Background()
		other, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer other.Close()
		for _, q := range []string{"SET SESSION innodb_lock_wait_timeout = 10", "BEGIN",
			"UPDATE conflict_probe SET n = n + 1 WHERE id > 1"} {
			if _, err := other.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		defer other.ExecContext(ctx, "ROLLBACK")
		var n int
		if err := tx.Raw("SELECT n FROM conflict_probe WHERE id = 1 FOR UPDATE").Scan(&n).Error; err != nil {
			return err
		}
		waiting := make(chan error, 1)
		go func() {
			_, err := other.ExecContext(ctx, "UPDATE conflict_probe SET n = n + 1 WHERE id = 1")
			waiting <- err
		}()
		err = tx.Exec("UPDATE conflict_probe SET n = n + 1 WHERE id = 2").Error
		if werr := <-waiting; err == nil && werr != nil {
			// The other connection was chosen as the victim: no conflict for tx.
			return nil
		}
		return err
	}
}
