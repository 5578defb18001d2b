package demo

import (
	"context"

	"fuyuan/reports"
)

// archivedMonths is how many past months of the demo court have an archived report.
const archivedMonths = 3

// seedReports archives the monthly reports of the last few months, as the
// month-end archiver would have, so that /reports shows an archive. It runs
// last: the reports count every record the other parts seeded.
func seedReports(ctx context.Context, w *World) error {
	this := reports.MonthOf(w.Today)
	for i := archivedMonths; i >= 1; i-- {
		if _, err := reports.ArchiveIfMissing(ctx, w.Store, CourtCode, this.Add(-i)); err != nil {
			return err
		}
	}
	return nil
}
