package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
)

// BackupSQLite writes a consistent copy of the SQLite database to path while
// the database stays in use (VACUUM INTO: one read transaction, so writers go
// on), then checks the copy. path must not exist yet.
func (s *Store) BackupSQLite(ctx context.Context, path string) error {
	if s.Dialect != SQLite {
		return fmt.Errorf("backup: the %s database is backed up with mariadb-dump (deploy/backup.sh)", s.Dialect)
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	if err := s.SQL().QueryRowContext(ctx, "SELECT 1").Err(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := s.SQL().ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := CheckSQLiteFile(ctx, path); err != nil {
		return fmt.Errorf("backup: the copy does not check out: %w", err)
	}
	return nil
}

// CheckSQLiteFile opens the SQLite database at path read-only and checks that
// it is intact and is a fuyuan database (it has the migrations table).
func CheckSQLiteFile(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict); err != nil {
		return fmt.Errorf("%s is not a SQLite database: %w", path, err)
	}
	if verdict != "ok" {
		return fmt.Errorf("%s is damaged: %s", path, verdict)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM goose_db_version").Scan(&n); err != nil {
		return fmt.Errorf("%s is not a fuyuan database: %w", path, err)
	}
	return nil
}

// RestoreSQLite replaces the SQLite database at dbPath by the backup at from.
// fuyuan must be stopped. The database it replaces is kept beside it as
// dbPath.before-restore-<time>; the new file is written next to dbPath and
// renamed into place, so a failure halfway leaves the old database as it was.
func RestoreSQLite(ctx context.Context, from, dbPath string, now time.Time) (kept string, err error) {
	if err := CheckSQLiteFile(ctx, from); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	tmp := dbPath + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		kept = dbPath + ".before-restore-" + now.Format("20060102T150405")
		if err := os.Rename(dbPath, kept); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("restore: keep the old database: %w", err)
		}
		// The old database's write-ahead log belongs to it, not to the restored one.
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(dbPath + suffix); err == nil {
				if err := os.Rename(dbPath+suffix, kept+suffix); err != nil {
					return kept, fmt.Errorf("restore: %w", err)
				}
			}
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, fmt.Errorf("restore: %w", err)
	}
	return kept, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// MySQLClientConfig turns a FUYUAN_DSN into an option file for the mariadb
// and mariadb-dump clients ([client] section: user, password, host and port or
// socket), so that scripts need not parse the DSN nor put the password on a
// command line; it also returns the database name.
func MySQLClientConfig(dsn string) (options, database string, err error) {
	cfg, err := gomysql.ParseDSN(dsn)
	if err != nil {
		return "", "", fmt.Errorf("FUYUAN_DSN: %w", err)
	}
	if cfg.DBName == "" {
		return "", "", errors.New("FUYUAN_DSN names no database")
	}
	var b strings.Builder
	b.WriteString("[client]\n")
	fmt.Fprintf(&b, "user=%s\n", optionValue(cfg.User))
	if cfg.Passwd != "" {
		fmt.Fprintf(&b, "password=%s\n", optionValue(cfg.Passwd))
	}
	switch cfg.Net {
	case "unix":
		b.WriteString("protocol=socket\n")
		fmt.Fprintf(&b, "socket=%s\n", optionValue(cfg.Addr))
	default:
		host, port := cfg.Addr, "3306"
		if i := strings.LastIndex(cfg.Addr, ":"); i >= 0 {
			host, port = cfg.Addr[:i], cfg.Addr[i+1:]
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if _, err := strconv.Atoi(port); err != nil {
			return "", "", fmt.Errorf("FUYUAN_DSN: bad port in %q", cfg.Addr)
		}
		b.WriteString("protocol=tcp\n")
		fmt.Fprintf(&b, "host=%s\n", optionValue(host))
		fmt.Fprintf(&b, "port=%s\n", port)
	}
	b.WriteString("default-character-set=utf8mb4\n")
	return b.String(), cfg.DBName, nil
}

// optionValue quotes a value for a MySQL option file.
func optionValue(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(v) + `"`
}
