package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	gomysql "github.com/go-sql-driver/mysql"
	"github.com/pressly/goose/v3"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"fuyuan/migrations"
)

// Dialects.
const (
	SQLite = "sqlite"
	MySQL  = "mysql"
)

// Store is fuyuan's domain services over one database. Every method is scoped
// to the acting user's court and writes its audit trail in the same transaction.
type Store struct {
	DB      *gorm.DB
	Dialect string
	Clock   Clock
	Log     *slog.Logger
	// Authz decides, inside the case services' transactions, whether the
	// actor may take an action on the locked case (nil: the caller is trusted).
	Authz Authorizer
	// Blobs keeps the bytes of attachments; nil keeps them in the database (DBBlobs).
	Blobs AttachmentBlobs

	txHook     atomic.Pointer[TxHook] // SetTxHook
	txAttempts atomic.Int32           // how many times Tx tries a transaction: TxAttempts when 0
	txRetries  atomic.Int64           // attempts redone since Open
	serial     serialLocks            // this instance's filings, one court's at a time (filingLock)

	// migrateDSN is the MySQL DSN migrations connect with: without the read
	// timeout, which a migration's one statement over a million cases
	// (an index built, a table filled) can outlast without anything wrong.
	migrateDSN string

	background sync.Mutex // one piece of background work at a time (InBackground)

	passwordCost int       // bcrypt cost of new password hashes
	dummyOnce    sync.Once // dummyHash is made at first use, at passwordCost
	dummyHash    []byte
}

// SQLiteIdleConns is how many connections a SQLite store keeps open (and
// opens at most).
const SQLiteIdleConns = 8

// Options says which database to open.
type Options struct {
	Dialect string // SQLite (default) or MySQL
	DSN     string // MySQL DSN; for SQLite, the database file path

	// PasswordCost is the bcrypt cost of new password hashes: BcryptCost
	// when 0. Only tests lower it (apptest): under the race detector one
	// hash at cost 10 takes most of a second. The server never sets it.
	PasswordCost int
}

// SQLiteDSN is the DSN for a SQLite file: WAL, foreign keys, busy timeout, and
// immediate transactions so that concurrent writers queue instead of failing.
func SQLiteDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	// No _time_format: the driver stops reading the DSN at it, so _txlock
	// would be ignored; its default write format is the same "sqlite" format.
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Open opens the database, without migrating it.
func Open(opts Options, clock Clock, log *slog.Logger) (*Store, error) {
	return open(opts, clock, log, false)
}

// WithoutReadTimeout opens s's database again, its MySQL connections without
// the read timeout (as the migrations' are), for maintenance of which one
// statement over every case can outlast it on a loaded machine: the recount
// at the end of fuyuan gen and fuyuan recount (case_search_counts' GROUP BY
// over 1,000,000 cases took 38 s on MariaDB at load 14, and gen failed on
// the 30 s timeout). On SQLite, which has no such timeout, it is s itself.
// done closes what it opened.
func (s *Store) WithoutReadTimeout() (u *Store, done func(), err error) {
	if s.Dialect != MySQL {
		return s, func() {}, nil
	}
	u, err = open(Options{Dialect: MySQL, DSN: s.migrateDSN, PasswordCost: s.passwordCost}, s.Clock, s.Log, true)
	if err != nil {
		return nil, nil, err
	}
	u.Authz, u.Blobs = s.Authz, s.Blobs
	return u, func() { u.Close() }, nil
}

func open(opts Options, clock Clock, log *slog.Logger, noReadTimeout bool) (*Store, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return clock.Now().UTC() },
		TranslateError:         false,
	}
	var (
		db         *gorm.DB
		migrateDSN string
		err        error
	)
	switch opts.Dialect {
	case "", SQLite:
		opts.Dialect = SQLite
		if dir := filepath.Dir(opts.DSN); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create data folder: %w", err)
			}
		}
		db, err = gorm.Open(sqlite.Open(SQLiteDSN(opts.DSN)), cfg)
	case MySQL:
		dsn, derr := mysqlDSN(opts.DSN)
		if derr == nil && noReadTimeout {
			dsn, derr = withoutReadTimeout(dsn)
		}
		if derr != nil {
			return nil, derr
		}
		db, err = gorm.Open(mysql.Open(dsn), cfg)
		if err == nil {
			migrateDSN, err = withoutReadTimeout(dsn)
		}
	default:
		return nil, fmt.Errorf("unknown database %q (sqlite or mysql)", opts.Dialect)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", opts.Dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if opts.Dialect == SQLite {
		sqlDB.SetMaxOpenConns(SQLiteIdleConns)
		sqlDB.SetMaxIdleConns(SQLiteIdleConns) // a connection runs the pragmas of the DSN when it opens
	} else {
		// Few connections: each is a thread in MariaDB (one per
		// connection, its default), and a request waiting here for a
		// connection costs less than sixteen database threads taking turns
		// on two cores. On the machine of docs/benchmarks.md, 8 instead of
		// 32 halved the case list's p99 under wrk at 16 connections (25 ms
		// to 12 ms) for the same throughput.
		sqlDB.SetMaxOpenConns(8)
		sqlDB.SetMaxIdleConns(8)
		sqlDB.SetConnMaxLifetime(5 * time.Minute)
		// Idle connections left over from before an outage are replaced soon.
		sqlDB.SetConnMaxIdleTime(time.Minute)
	}
	cost := opts.PasswordCost
	if cost == 0 {
		cost = BcryptCost
	}
	s := &Store{DB: db, Dialect: opts.Dialect, Clock: clock, Log: log, passwordCost: cost, migrateDSN: migrateDSN}
	if err := s.registerListChanges(db); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// mysqlDSN adds the settings fuyuan relies on: parsed DATE/DATETIME values in
// UTC, utf8mb4, and timeouts so that a database that stops answering turns
// into an error within seconds instead of a hung request. The dial timeout is
// short; the read and write timeouts bound one network operation of work that
// has no deadline of its own (background jobs), while a request's database
// work is bounded by the request's context deadline (web.Config.RequestTimeout),
// which closes the connection when it passes.
func mysqlDSN(dsn string) (string, error) {
	cfg, err := gomysql.ParseDSN(dsn)
	if err != nil {
		return "", fmt.Errorf("FUYUAN_DSN: %w", err)
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	cfg.Collation = "utf8mb4_bin"
	if cfg.Timeout == 0 {
		cfg.Timeout = 3 * time.Second
	}
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = 30 * time.Second
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = 30 * time.Second
	}
	cfg.MultiStatements = false
	// Arguments are escaped by the driver (utf8mb4, for which it is safe;
	// it refuses to interpolate for the charsets where it is not) instead of
	// a prepare, execute and close on the server for every query: one round
	// trip instead of three. The code keeps its ? placeholders either way.
	cfg.InterpolateParams = true
	return cfg.FormatDSN(), nil
}

// withoutReadTimeout is dsn without its read timeout.
func withoutReadTimeout(dsn string) (string, error) {
	cfg, err := gomysql.ParseDSN(dsn)
	if err != nil {
		return "", err
	}
	cfg.ReadTimeout = 0
	return cfg.FormatDSN(), nil
}

// Close closes the database.
func (s *Store) Close() error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// SQL returns the underlying *sql.DB.
func (s *Store) SQL() *sql.DB {
	sqlDB, _ := s.DB.DB()
	return sqlDB
}

// Ping reports whether the database answers a read of a table within the
// context's deadline. A connection alone is not enough: a Galera node cut
// off from the others' majority still answers pings and SELECT 1, but
// refuses to read tables (error 1047).
func (s *Store) Ping(ctx context.Context) error {
	var one int
	err := s.SQL().QueryRowContext(ctx, "SELECT 1 FROM courts LIMIT 1").Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// migrations is goose's provider of this build's migrations of the store's
// dialect. A migration numbered below one already applied is applied too
// (out of order) instead of refused: branches land their migrations in the
// order they finish, and each migration stands on its own.
//
// On MySQL the provider has connections of its own, without the read
// timeout (migrateDSN); done releases them.
func (s *Store) migrations() (p *goose.Provider, done func(), err error) {
	dialect, embedded, dir := goose.DialectSQLite3, migrations.SQLite, "sqlite"
	db, done := s.SQL(), func() {}
	if s.Dialect == MySQL {
		dialect, embedded, dir = goose.DialectMySQL, migrations.MySQL, "mysql"
		if db, err = sql.Open("mysql", s.migrateDSN); err != nil {
			return nil, nil, err
		}
		done = func() { db.Close() }
	}
	sub, _ := fs.Sub(embedded, dir)
	if p, err = goose.NewProvider(dialect, db, sub, goose.WithAllowOutofOrder(true)); err != nil {
		done()
		return nil, nil, err
	}
	return p, done, nil
}

// Migrate applies every pending migration; it reports how many it applied.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	p, done, err := s.migrations()
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	defer done()
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("migrate: %w", err)
	}
	for _, r := range res {
		// case_figure_days is filled from the cases by the one rule in Go
		// (CaseFigureContribution), not by a second copy of it in SQL:
		// once if any of the migrations that change its measures ran.
		if r.Source != nil && caseFigureDaysMigrations[r.Source.Version] {
			if err := s.recountAllCaseFigures(ctx); err != nil {
				return len(res), fmt.Errorf("migrate: %w", err)
			}
			break
		}
	}
	return len(res), nil
}

// Exclusive runs fn while holding the database-wide lock name, so that
// several instances starting at once on one MySQL database migrate and seed it
// one after the other. SQLite has one instance per file, so fn just runs.
func (s *Store) Exclusive(ctx context.Context, name string, wait time.Duration, fn func() error) error {
	if s.Dialect != MySQL {
		return fn()
	}
	conn, err := s.SQL().Conn(ctx)
	if err != nil {
		return s.Err(err)
	}
	defer conn.Close()
	var got sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, ?)", name, int(wait.Seconds())).Scan(&got); err != nil {
		return s.Err(err)
	}
	if !got.Valid || got.Int64 != 1 {
		return fmt.Errorf("lock %s: not granted within %s", name, wait)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT RELEASE_LOCK(?)", name)
	return fn()
}

// SchemaPending reports whether migrations this build knows are not yet
// applied to the database (a maintenance command then must not run).
func (s *Store) SchemaPending(ctx context.Context) (bool, error) {
	p, done, err := s.migrations()
	if err != nil {
		return false, err
	}
	defer done()
	return p.HasPending(ctx)
}

// MigrationVersion returns the current schema version.
func (s *Store) MigrationVersion(ctx context.Context) (int64, error) {
	p, done, err := s.migrations()
	if err != nil {
		return 0, err
	}
	defer done()
	return p.GetDBVersion(ctx)
}

// wrapDBError turns a database that does not answer into EUNAVAILABLE and
// passes domain errors through; anything else stays as it is (internal).
func (s *Store) wrapDBError(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if isUnavailable(err) {
		return &Error{Code: EUNAVAILABLE, Message: "数据库暂时无法访问，请稍后再试"}
	}
	return err
}

func isUnavailable(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, gomysql.ErrInvalidConn) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		// Too many connections, server shutting down, connection killed;
		// a Galera node outside the primary component ("WSREP has not yet
		// prepared node for application use": cut off from the majority, or
		// still joining) serves again once it is back in the cluster.
		switch me.Number {
		case 1040, 1053, 1927, 1047:
			return true
		}
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "i/o timeout", "broken pipe", "connection reset", "bad connection", "invalid connection", "network is unreachable", "no route to host"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// Err normalises an error from a read outside Tx the same way Tx does.
func (s *Store) Err(err error) error { return s.wrapDBError(err) }

// IsDuplicate reports whether err is a unique-constraint violation.
func IsDuplicate(err error) bool {
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1062
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// NextNumber takes the next running number for (court, kind, year) inside tx.
// The counter row is updated atomically, so concurrent transactions queue on
// it: numbers never repeat and never skip (a rolled-back transaction gives
// its number back).
func (s *Store) NextNumber(tx *gorm.DB, court, kind string, year int) (int, error) {
	return s.NextNumbers(tx, court, kind, year, 1)
}

// NextNumbers takes the next n running numbers for (court, kind, year) at
// once, as n calls of NextNumber would, and returns the first.
func (s *Store) NextNumbers(tx *gorm.DB, court, kind string, year, n int) (int, error) {
	q := "INSERT INTO counters (court_code, kind, year, last) VALUES (?, ?, ?, ?)" +
		onConflict{key: counterKey, add: []string{"last"}}.sql(s.Dialect)
	if err := tx.Exec(q, court, kind, year, n).Error; err != nil {
		return 0, err
	}
	var last int
	err := tx.Raw("SELECT last FROM counters WHERE court_code = ? AND kind = ? AND year = ?", court, kind, year).Scan(&last).Error
	return last - n + 1, err
}

// RaiseNumber makes sure the counter for (court, kind, year) is at least n, for
// numbers given explicitly (imported ledgers, generated data).
func (s *Store) RaiseNumber(tx *gorm.DB, court, kind string, year, n int) error {
	q := "INSERT INTO counters (court_code, kind, year, last) VALUES (?, ?, ?, ?)" +
		onConflict{key: counterKey, raise: []string{"last"}}.sql(s.Dialect)
	return tx.Exec(q, court, kind, year, n).Error
}

// counterKey is the key of a row of counters.
var counterKey = []string{"court_code", "kind", "year"}
