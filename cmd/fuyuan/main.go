// Command fuyuan serves the court–government linkage case system.
//
//	fuyuan [-demo]          serve (default)
//	fuyuan migrate          apply pending migrations and exit
//	fuyuan gen -cases N     fill the database with N synthetic cases of the demo court
//	fuyuan backup -to FILE  online copy of the SQLite database (deploy/backup.sh)
//	fuyuan restore -from FILE  put a SQLite backup in place (fuyuan stopped)
//	fuyuan client-config -out FILE  mariadb client options for FUYUAN_DSN (deploy/*.sh)
//	fuyuan digest           send today's due reminder digests now and exit
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"fuyuan/app"
	"fuyuan/app/demo"
	"fuyuan/app/mail"
	"fuyuan/app/web"
	"fuyuan/rbac"
)

// config is read from the environment (api.md) and flags.
type config struct {
	Addr           string
	Data           string
	DB             string
	DSN            string
	Demo           bool
	CourtCode      string
	CourtName      string
	AdminPassword  string
	Today          app.Date
	TrustedProxies []string
	RequestTimeout time.Duration
	// SMTP is the court's mail server (FUYUAN_SMTP_*); DigestAt the daily digest's time (FUYUAN_DIGEST_AT).
	SMTP     mail.Config
	DigestAt time.Duration
	// BaseURL is where the digest's links point (FUYUAN_BASE_URL).
	BaseURL     string
	NoListCache bool // FUYUAN_LIST_CACHE=off: every case list read from the database (benchmarks)
	ReadSlots   int  // FUYUAN_READ_SLOTS: short reads served at once (0: two a core)
}

func loadConfig() (config, error) {
	c := config{
		Addr:          envOr("FUYUAN_ADDR", "127.0.0.1:8080"),
		Data:          envOr("FUYUAN_DATA", "./data"),
		DB:            envOr("FUYUAN_DB", app.SQLite),
		DSN:           os.Getenv("FUYUAN_DSN"),
		Demo:          truthy(os.Getenv("FUYUAN_DEMO")),
		CourtCode:     envOr("FUYUAN_COURT_CODE", demo.CourtCode),
		CourtName:     os.Getenv("FUYUAN_COURT_NAME"),
		AdminPassword: os.Getenv("FUYUAN_ADMIN_PASSWORD"),
		NoListCache:   strings.EqualFold(os.Getenv("FUYUAN_LIST_CACHE"), "off"),
	}
	if c.CourtName == "" {
		c.CourtName = "人民法院"
		if c.CourtCode == demo.CourtCode {
			c.CourtName = demo.CourtName
		}
	}
	c.SMTP = mail.Config{Addr: os.Getenv("FUYUAN_SMTP_ADDR"), From: os.Getenv("FUYUAN_SMTP_FROM"), User: os.Getenv("FUYUAN_SMTP_USER"),
		Password: os.Getenv("FUYUAN_SMTP_PASSWORD"), TLS: os.Getenv("FUYUAN_SMTP_TLS")}
	c.BaseURL = os.Getenv("FUYUAN_BASE_URL")
	at, err := parseClockTime(envOr("FUYUAN_DIGEST_AT", "07:30"))
	if err != nil {
		return c, fmt.Errorf("FUYUAN_DIGEST_AT: %w", err)
	}
	c.DigestAt = at
	if v := os.Getenv("FUYUAN_TODAY"); v != "" {
		d, err := app.ParseDate(v)
		if err != nil {
			return c, fmt.Errorf("FUYUAN_TODAY=%q: %w", v, err)
		}
		c.Today = d
	}
	if v := os.Getenv("FUYUAN_TRUSTED_PROXIES"); v != "" {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				c.TrustedProxies = append(c.TrustedProxies, p)
			}
		}
	}
	if v := os.Getenv("FUYUAN_REQUEST_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 500*time.Millisecond || d > 10*time.Minute {
			return c, fmt.Errorf("FUYUAN_REQUEST_TIMEOUT=%q: a duration between 500ms and 10m, e.g. 4s", v)
		}
		c.RequestTimeout = d
	}
	if v := os.Getenv("FUYUAN_READ_SLOTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1024 {
			return c, fmt.Errorf("FUYUAN_READ_SLOTS=%q: a whole number from 1 to 1024, e.g. 4", v)
		}
		c.ReadSlots = n
	}
	if c.DB != app.SQLite && c.DB != app.MySQL {
		return c, fmt.Errorf("FUYUAN_DB=%q: use sqlite or mysql", c.DB)
	}
	if c.DB == app.MySQL && c.DSN == "" {
		return c, errors.New("FUYUAN_DB=mysql needs FUYUAN_DSN=user:pass@tcp(host:3306)/db?parseTime=true")
	}
	return c, nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func truthy(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], log); err != nil {
		log.Error("fuyuan stopped", "err", err)
		fmt.Fprintln(os.Stderr, "fuyuan:", err)
		stop()
		os.Exit(1)
	}
}

// run executes one command; it returns when the command is done or ctx ends.
func run(ctx context.Context, args []string, log *slog.Logger) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	switch cmd {
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		demoFlag := fs.Bool("demo", false, "seed the demo courts into an empty database")
		if err := fs.Parse(args); err != nil {
			return err
		}
		cfg.Demo = cfg.Demo || *demoFlag
		return serve(ctx, cfg, log)
	case "migrate":
		store, err := openStore(cfg, log)
		if err != nil {
			return err
		}
		defer store.Close()
		var n int
		err = store.Exclusive(ctx, "fuyuan.start", 5*time.Minute, func() (err error) {
			n, err = store.Migrate(ctx)
			return err
		})
		if err != nil {
			return err
		}
		v, _ := store.MigrationVersion(ctx)
		fmt.Printf("applied %d migrations; schema version %d\n", n, v)
		return nil
	case "gen":
		fs := flag.NewFlagSet("gen", flag.ContinueOnError)
		n := fs.Int("cases", 10000, "number of synthetic cases to generate")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return generate(ctx, cfg, log, *n)
	case "backup":
		return backup(ctx, cfg, log, args)
	case "restore":
		return restore(ctx, cfg, log, args)
	case "client-config":
		return clientConfig(cfg, args)
	case "recount":
		return withCurrentStore(ctx, cfg, log, recount)
	case "visits":
		return withCurrentStore(ctx, cfg, log, visits)
	case "digest":
		return digestNow(ctx, cfg, log)
	}
	return fmt.Errorf("unknown command %q (serve, migrate, gen, backup, restore, client-config, recount, visits, digest)", cmd)
}

// withCurrentStore runs a maintenance command (recount, visits, digest) on
// the store. It needs the schema this build knows: on an older database it
// says to migrate first instead of failing on a missing column.
func withCurrentStore(ctx context.Context, cfg config, log *slog.Logger, command func(context.Context, *app.Store) error) error {
	store, err := openStore(cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	pending, err := store.SchemaPending(ctx)
	if err != nil {
		return err
	}
	if pending {
		return fmt.Errorf("the database has migrations still to apply: run `fuyuan migrate` (or start the server) first")
	}
	return command(ctx, store)
}

func openStore(cfg config, log *slog.Logger) (*app.Store, error) {
	dsn := cfg.DSN
	if cfg.DB == app.SQLite {
		dsn = filepath.Join(cfg.Data, "fuyuan.db")
	}
	return app.Open(app.Options{Dialect: cfg.DB, DSN: dsn}, app.NewSystemClock(cfg.Today), log)
}

func serve(ctx context.Context, cfg config, log *slog.Logger) error {
	start := time.Now()
	store, err := openStore(cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	// Instances starting together on one MySQL database migrate and seed it in turn.
	err = store.Exclusive(ctx, "fuyuan.start", 5*time.Minute, func() error {
		if _, err := store.Migrate(ctx); err != nil {
			return err
		}
		return firstStart(ctx, cfg, store, log)
	})
	if err != nil {
		return err
	}
	authz, err := rbac.New(store.DB, log)
	if err != nil {
		return err
	}
	go authz.Watch(ctx, 2*time.Second)
	go housekeeping(ctx, store, log)
	mailer, err := newMailer(cfg)
	if err != nil {
		return err
	}
	go reminders(ctx, store, cfg, mailer, log)
	srv, err := web.NewServer(store, authz, log, web.Config{TrustedProxies: cfg.TrustedProxies, RequestTimeout: cfg.RequestTimeout,
		NoListCache: cfg.NoListCache, ReadSlots: cfg.ReadSlots})
	if err != nil {
		return err
	}
	go srv.RunMonthEndArchive(ctx) // the month-end archive of monthly reports (also at start-up when missing)
	log.Info("fuyuan serving", "addr", "http://"+cfg.Addr, "db", cfg.DB, "startup_ms", time.Since(start).Milliseconds())
	return srv.ListenAndServe(ctx, cfg.Addr)
}

// firstStart creates the court and its admin (or the demo courts) in an empty database.
func firstStart(ctx context.Context, cfg config, store *app.Store, log *slog.Logger) error {
	n, err := store.CountCourts(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		if cfg.Demo {
			log.Info("database already has data: demo records not seeded")
		}
		return nil
	}
	if cfg.Demo {
		log.Info("seeding the demo courts", "today", store.Clock.Today().String())
		t := time.Now()
		if err := demo.Seed(ctx, store); err != nil {
			return err
		}
		log.Info("demo courts seeded", "ms", time.Since(t).Milliseconds(), "password", demo.Password)
		return nil
	}
	if _, err := store.EnsureCourt(ctx, cfg.CourtCode, cfg.CourtName); err != nil {
		return err
	}
	pw, seed := cfg.AdminPassword, store.SeedUser
	if pw == "" {
		// A password shown in the log is known to whoever reads it: the admin must replace it.
		seed = store.SeedHeldUser
		b := make([]byte, 12)
		rand.Read(b)
		pw = base64.RawURLEncoding.EncodeToString(b)
		fmt.Fprintf(os.Stderr, "\n  初始管理员账号 admin 的密码（只显示这一次）: %s\n\n", pw)
	} else if why := app.CheckPasswordRules("admin", pw); why != "" {
		return fmt.Errorf("FUYUAN_ADMIN_PASSWORD: %s", why)
	}
	if _, err := seed(ctx, cfg.CourtCode, "admin", "系统管理员", app.RoleAdmin, pw); err != nil {
		return err
	}
	log.Info("court created", "court", cfg.CourtCode, "name", cfg.CourtName, "admin", "admin")
	return nil
}

// housekeeping removes expired sessions and old login attempts every hour.
func housekeeping(ctx context.Context, store *app.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := store.PurgeExpired(ctx); err != nil && ctx.Err() == nil {
			log.Warn("purge sessions", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
