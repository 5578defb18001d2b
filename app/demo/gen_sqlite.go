package demo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteTimeFormat is how the SQLite driver writes a time (its default), so
// that generated time stamps read back like the application's own.
const sqliteTimeFormat = "2006-01-02 15:04:05.999999999-07:00"

// sqliteLoader writes generated rows into a SQLite database file through
// SQLite's C interface: the same library the database/sql driver wraps, on
// a connection of its own, with one prepared INSERT per table bound and
// stepped for every row. The pure-Go driver prepares (parses and compiles)
// a statement again at every Exec and binds a multi-row INSERT's
// parameters in quadratic time; reusing one prepared statement writes a row
// several times faster.
//
// The connection leaves foreign keys unchecked (SQLite's default): the
// generator takes every reference from rows it has just read or written.
//
// SQLite only ever sees C memory (libc's allocator, outside the Go heap, as
// checkptr demands): out receives a new connection or statement, scratch
// holds the text of the row being bound; buf is scratch seen from Go.
type sqliteLoader struct {
	tls     *libc.TLS
	db      uintptr
	stmts   map[string]uintptr
	out     uintptr
	scratch uintptr
	buf     []byte
	stamp   time.Time
	stampS  string
}

// openSQLiteLoader opens the database file at path.
func openSQLiteLoader(path string) (_ *sqliteLoader, err error) {
	l := &sqliteLoader{tls: libc.NewTLS(), stmts: map[string]uintptr{}}
	defer func() {
		if err != nil {
			l.close()
		}
	}()
	if l.out = libc.Xmalloc(l.tls, libc.Tsize_t(unsafe.Sizeof(uintptr(0)))); l.out == 0 {
		return nil, errors.New("gen: out of C memory")
	}
	cpath, err := libc.CString(path)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(l.tls, cpath)
	rc := sqlite3.Xsqlite3_open_v2(l.tls, cpath, l.out, sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_FULLMUTEX, 0)
	l.db = l.pointer()
	if rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("gen: open %s: %s", path, l.errmsg(rc))
	}
	// The application's connections may hold the database for a moment.
	if err := l.exec("PRAGMA busy_timeout = 10000"); err != nil {
		return nil, err
	}
	return l, nil
}

// withoutWAL switches the connection to a rollback journal in memory
// without syncing the file (journal_mode = MEMORY, synchronous = OFF), for
// loading a fresh register: every page the load and the index builds write
// then goes once into the database file, instead of into the WAL, synced at
// each commit, and then copied into the file again by the checkpoints. A
// failed statement still rolls back (the journal is in memory), but a crash
// or a power loss during gen can leave the file corrupt: gen makes a fresh
// register, which is then made again. The store's connections must be
// closed (in WAL mode each holds the file); if another connection still
// has it, SQLite keeps the WAL and so does the load. wal switches the
// connection back to the WAL and the store's synchronous = NORMAL.
func (l *sqliteLoader) withoutWAL() (wal func() error, err error) {
	wal = func() error {
		if err := l.exec("PRAGMA journal_mode = WAL"); err != nil {
			return err
		}
		return l.exec("PRAGMA synchronous = NORMAL")
	}
	// Held by another connection, the file stays in WAL mode ("database is
	// locked", not waited for), and the load goes on in it.
	err = l.exec("PRAGMA busy_timeout = 0; PRAGMA journal_mode = MEMORY")
	if err != nil && !strings.Contains(err.Error(), "locked") {
		return wal, err
	}
	if err := l.exec("PRAGMA busy_timeout = 10000"); err != nil {
		return wal, err
	}
	return wal, l.exec("PRAGMA synchronous = OFF")
}

// pointer is the pointer SQLite left in out.
func (l *sqliteLoader) pointer() uintptr {
	if unsafe.Sizeof(uintptr(0)) == 4 {
		return uintptr(binary.NativeEndian.Uint32(libc.GoBytes(l.out, 4)))
	}
	return uintptr(binary.NativeEndian.Uint64(libc.GoBytes(l.out, 8)))
}

// errmsg describes the connection's last error.
func (l *sqliteLoader) errmsg(rc int32) string {
	if l.db != 0 {
		return libc.GoString(sqlite3.Xsqlite3_errmsg(l.tls, l.db))
	}
	return libc.GoString(sqlite3.Xsqlite3_errstr(l.tls, rc))
}

// exec runs statements without parameters.
func (l *sqliteLoader) exec(q string) error {
	cq, err := libc.CString(q)
	if err != nil {
		return err
	}
	defer libc.Xfree(l.tls, cq)
	if rc := sqlite3.Xsqlite3_exec(l.tls, l.db, cq, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("gen: %s: %s", q, l.errmsg(rc))
	}
	return nil
}

// stmt returns the prepared single-row INSERT into rs's table.
func (l *sqliteLoader) stmt(rs *rows) (uintptr, error) {
	if st, ok := l.stmts[rs.table]; ok {
		return st, nil
	}
	q := "INSERT INTO " + rs.table + " (" + rs.cols + ") VALUES (" + strings.TrimSuffix(strings.Repeat("?, ", rs.ncol), ", ") + ")"
	cq, err := libc.CString(q)
	if err != nil {
		return 0, err
	}
	defer libc.Xfree(l.tls, cq)
	if rc := sqlite3.Xsqlite3_prepare_v2(l.tls, l.db, cq, -1, l.out, 0); rc != sqlite3.SQLITE_OK {
		return 0, fmt.Errorf("gen: prepare %s: %s", rs.table, l.errmsg(rc))
	}
	st := l.pointer()
	l.stmts[rs.table] = st
	return st, nil
}

// load writes every row of the batch in one transaction.
func (l *sqliteLoader) load(batch []*rows) (err error) {
	if err := l.exec("BEGIN IMMEDIATE"); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			l.exec("ROLLBACK")
		}
	}()
	for _, rs := range batch {
		st, err := l.stmt(rs)
		if err != nil {
			return err
		}
		for i := 0; i < rs.n; i++ {
			if err := l.bind(st, rs.vals[i*rs.ncol:(i+1)*rs.ncol]); err != nil {
				return fmt.Errorf("gen: insert %s: %w", rs.table, err)
			}
			rc := sqlite3.Xsqlite3_step(l.tls, st)
			sqlite3.Xsqlite3_reset(l.tls, st)
			if rc != sqlite3.SQLITE_DONE {
				return fmt.Errorf("gen: insert %s: %s", rs.table, l.errmsg(rc))
			}
		}
	}
	return l.exec("COMMIT")
}

// timeText is t as the driver writes it; the generator stamps every row
// with the same time, so the text is made once.
func (l *sqliteLoader) timeText(t time.Time) string {
	if l.stampS == "" || !t.Equal(l.stamp) {
		l.stamp, l.stampS = t, t.Format(sqliteTimeFormat)
	}
	return l.stampS
}

// bind binds one row's values to st's parameters. Text is copied into the
// scratch memory and bound without another copy (SQLITE_STATIC): it stays
// put until the row has been stepped. The scratch memory ends in a spare
// byte, so that an empty text points somewhere and is not NULL.
func (l *sqliteLoader) bind(st uintptr, vals []any) error {
	need := 1
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			need += len(x)
		case time.Time:
			need += len(l.timeText(x))
		}
	}
	if need > math.MaxInt32 {
		return errors.New("row too long")
	}
	if need > len(l.buf) {
		size := max(need, 2*len(l.buf), 4096)
		p := libc.Xmalloc(l.tls, libc.Tsize_t(size))
		if p == 0 {
			return errors.New("out of C memory")
		}
		if l.scratch != 0 {
			libc.Xfree(l.tls, l.scratch)
		}
		l.scratch, l.buf = p, libc.GoBytes(p, size)
	}
	off := 0
	text := func(i int32, s string) int32 {
		n := copy(l.buf[off:], s)
		p := l.scratch + uintptr(off)
		off += n
		return sqlite3.Xsqlite3_bind_text(l.tls, st, i, p, int32(n), 0)
	}
	for j, v := range vals {
		i := int32(j + 1)
		var rc int32
		switch x := v.(type) {
		case nil:
			rc = sqlite3.Xsqlite3_bind_null(l.tls, st, i)
		case int:
			rc = sqlite3.Xsqlite3_bind_int64(l.tls, st, i, int64(x))
		case int64:
			rc = sqlite3.Xsqlite3_bind_int64(l.tls, st, i, x)
		case bool:
			b := int64(0)
			if x {
				b = 1
			}
			rc = sqlite3.Xsqlite3_bind_int64(l.tls, st, i, b)
		case string:
			rc = text(i, x)
		case time.Time:
			rc = text(i, l.timeText(x))
		default:
			return fmt.Errorf("value %d: unsupported type %T", j+1, v)
		}
		if rc != sqlite3.SQLITE_OK {
			return errors.New(l.errmsg(rc))
		}
	}
	return nil
}

// close finalizes the statements and closes the connection.
func (l *sqliteLoader) close() error {
	for _, st := range l.stmts {
		sqlite3.Xsqlite3_finalize(l.tls, st)
	}
	l.stmts = nil
	var err error
	if l.db != 0 {
		if rc := sqlite3.Xsqlite3_close_v2(l.tls, l.db); rc != sqlite3.SQLITE_OK {
			err = fmt.Errorf("gen: close: %s", l.errmsg(rc))
		}
		l.db = 0
	}
	for _, p := range []uintptr{l.scratch, l.out} {
		if p != 0 {
			libc.Xfree(l.tls, p)
		}
	}
	l.scratch, l.out, l.buf = 0, 0, nil
	l.tls.Close()
	return err
}
