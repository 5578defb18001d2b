package demo

import "context"

// seedReports adds the demo records of the reports part.
func seedReports(ctx context.Context, w *World) error { return nil }
