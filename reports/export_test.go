package reports

import "time"

// SetLedgerParseLimit changes the time one ledger may spend being read, for
// a test of another rule; the returned function puts it back.
func SetLedgerParseLimit(d time.Duration) (restore func()) {
	old := ledgerParseLimit
	ledgerParseLimit = d
	return func() { ledgerParseLimit = old }
}
