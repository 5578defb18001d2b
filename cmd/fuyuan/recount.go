package main

import (
	"context"
	"fmt"

	"fuyuan/app"
)

// recount counts every court's cases afresh into case_counts, the totals the
// case list shows, and links every hearing to its case's earlier ones afresh
// (00160). The server keeps them itself; this is for after cases or hearings
// were changed by hand in the database, and it reports what had drifted.
func recount(ctx context.Context, store *app.Store) error {
	// Each count reads every case in one statement: on connections without
	// MySQL's read timeout, which a large register can outlast.
	store, done, err := store.WithoutReadTimeout()
	if err != nil {
		return err
	}
	defer done()
	drift, err := store.CaseCountsDrift(ctx)
	if err != nil {
		return err
	}
	var courts []string
	if err := store.DB.WithContext(ctx).Table("courts").Order("code").Pluck("code", &courts).Error; err != nil {
		return err
	}
	for _, court := range courts {
		if err := store.RecountCases(ctx, court); err != nil {
			return fmt.Errorf("recount %s: %w", court, err)
		}
		// The hearings' links to their cases' earlier hearings (00160).
		n, err := store.RelinkHearings(ctx, court)
		if err != nil {
			return fmt.Errorf("relink the hearings of %s: %w", court, err)
		}
		if n > 0 {
			fmt.Printf("  %s: %d hearings' links had drifted\n", court, n)
		}
	}
	fmt.Printf("recounted the cases of %d courts; %d counts had drifted\n", len(courts), len(drift))
	for _, d := range drift {
		fmt.Println("  " + d)
	}
	return nil
}
