package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"fuyuan/app/demo"
)

// generate fills the configured database with n synthetic cases of the demo court.
func generate(ctx context.Context, cfg config, log *slog.Logger, n int) error {
	if n <= 0 || n > 50_000_000 {
		return fmt.Errorf("gen -cases: give a number from 1 to 50000000")
	}
	store, err := openStore(cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	if _, err := store.Migrate(ctx); err != nil {
		return err
	}
	start := time.Now()
	err = demo.Generate(ctx, store, demo.GenOptions{Cases: n, Progress: func(done, total int) {
		el := time.Since(start).Seconds()
		fmt.Fprintf(os.Stderr, "\r%d / %d cases  (%.0f cases/s)", done, total, float64(done)/el)
	}})
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Printf("generated %d cases in %.1f s (%.0f cases/s)\n", n, el.Seconds(), float64(n)/el.Seconds())
	return nil
}
