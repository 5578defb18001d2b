package demo

import "context"

// seedWorkstations adds the demo records of the fieldwork part.
func seedWorkstations(ctx context.Context, w *World) error { return nil }
