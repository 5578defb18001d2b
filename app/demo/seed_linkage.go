package demo

import "context"

// seedLinkage adds the demo records of the linkage part.
func seedLinkage(ctx context.Context, w *World) error { return nil }
