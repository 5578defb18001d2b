package reports

import (
	"context"
	"time"

	"fuyuan/app"
)

// SetLedgerParseLimit changes the time one ledger may spend being read, for
// a test of another rule; the returned function puts it back.
func SetLedgerParseLimit(d time.Duration) (restore func()) {
	old := ledgerParseLimit
	ledgerParseLimit = d
	return func() { ledgerParseLimit = old }
}

// SetLedgerBatch changes how many rows the import files at once; the
// returned function puts it back.
func SetLedgerBatch(n int) (restore func()) {
	old := ledgerBatch
	ledgerBatch = n
	return func() { ledgerBatch = old }
}

// CaseFiguresOfPeriods is the tables of several periods (each with its own
// as-of day) and dimensions read in one pass, as the monthly report reads
// its four periods: for the tests, against CaseFiguresBy one at a time.
func CaseFiguresOfPeriods(ctx context.Context, s *app.Store, court string, ps []Period, asOf []app.Date, bys []string) ([]FigureTable, error) {
	reqs := make([]figureRequest, len(ps))
	for i, p := range ps {
		reqs[i] = figureRequest{figurePeriod{p, asOf[i]}, bys[i]}
	}
	return caseFigureTables(ctx, s, court, reqs)
}
