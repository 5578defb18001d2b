package reports

import "time"

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
