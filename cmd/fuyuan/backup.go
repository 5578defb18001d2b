package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"fuyuan/app"
)

// backup writes an online copy of the SQLite database to -to.
func backup(ctx context.Context, cfg config, log *slog.Logger, args []string) error {
	to, err := fileFlag("backup", "to", "the file to write the copy to (must not exist)", args)
	if err != nil {
		return err
	}
	if cfg.DB != app.SQLite {
		return errors.New("backup: FUYUAN_DB=mysql is backed up with mariadb-dump; use deploy/backup.sh")
	}
	store, err := openStore(cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	if err := store.BackupSQLite(ctx, to); err != nil {
		return err
	}
	log.Info("backup written", "to", to, "ms", time.Since(start).Milliseconds())
	return nil
}

// restore replaces the SQLite database by a backup; fuyuan must be stopped.
func restore(ctx context.Context, cfg config, log *slog.Logger, args []string) error {
	from, err := fileFlag("restore", "from", "the backup file to restore (written by fuyuan backup)", args)
	if err != nil {
		return err
	}
	if cfg.DB != app.SQLite {
		return errors.New("restore: FUYUAN_DB=mysql is restored with the mariadb client; use deploy/restore.sh")
	}
	if conn, err := net.DialTimeout("tcp", cfg.Addr, time.Second); err == nil {
		conn.Close()
		return fmt.Errorf("restore: something answers on %s — stop fuyuan first", cfg.Addr)
	}
	dbPath := filepath.Join(cfg.Data, "fuyuan.db")
	kept, err := app.RestoreSQLite(ctx, from, dbPath, time.Now())
	if err != nil {
		return err
	}
	log.Info("database restored", "from", from, "to", dbPath, "previous_kept_as", kept)
	return nil
}

// clientConfig writes the mariadb client option file for FUYUAN_DSN to -out
// (mode 0600) and prints the database name, for deploy/backup.sh and restore.sh.
func clientConfig(cfg config, args []string) error {
	out, err := fileFlag("client-config", "out", "the option file to write", args)
	if err != nil {
		return err
	}
	if cfg.DB != app.MySQL {
		return errors.New("client-config: only for FUYUAN_DB=mysql")
	}
	opts, db, err := app.MySQLClientConfig(cfg.DSN)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(opts), 0o600); err != nil {
		return err
	}
	fmt.Println(db)
	return nil
}

// fileFlag parses the one flag of command cmd, -name FILE, which it requires.
func fileFlag(cmd, name, usage string, args []string) (string, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	file := fs.String(name, "", usage)
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if *file == "" {
		return "", fmt.Errorf("%s: -%s FILE is required", cmd, name)
	}
	return *file, nil
}
