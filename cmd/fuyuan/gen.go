package main

import (
	"context"
	"errors"
	"log/slog"
)

// generate fills the database with n synthetic cases of the demo court.
func generate(ctx context.Context, cfg config, log *slog.Logger, n int) error {
	return errors.New("gen is not built yet")
}
