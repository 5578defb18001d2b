package demo

import "context"

// seedCases adds the demo records of the case part.
func seedCases(ctx context.Context, w *World) error { return nil }
