package demo

import "context"

// seedFieldwork adds the demo records of the fieldwork part.
func seedFieldwork(ctx context.Context, w *World) error { return nil }
