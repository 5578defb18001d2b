package main

import (
	"context"
	"fmt"

	"fuyuan/app"
)

// visits brings the register as it stands in line with "actually resolved"
// (案结事了): the plaintiff keys of cases written without the store, the
// follow-up visits of every resolution that lacks them and the re-filings
// not yet linked. The server does all three itself for what it records; this
// is for closings that were in the register before, bulk loads and hand
// edits. Running it twice creates nothing the second time.
func visits(ctx context.Context, store *app.Store) error {
	r, err := store.ReconcileResolutions(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("created %d follow-up visits, linked %d re-filings, keyed %d plaintiffs\n", r.Visits, r.Refilings, r.Keys)
	return nil
}
