package app

import "gorm.io/gorm"

// SetMaxSearchNumbers sets how many cases found by their number the search
// names by id, and returns a func that restores it.
func SetMaxSearchNumbers(n int) (restore func()) {
	was := maxSearchNumbers
	maxSearchNumbers = n
	return func() { maxSearchNumbers = was }
}

// SetMaxSearchNames sets how many plaintiff names a search sends as a list
// before it no longer sends them (maxSearchNames).
func SetMaxSearchNames(n int) (restore func()) {
	was := maxSearchNames
	maxSearchNames = n
	return func() { maxSearchNames = was }
}

// SetMaxListedNumbers sets how many seqs a search by number may name for
// its cases to be named by id as literals (maxListedNumbers).
func SetMaxListedNumbers(n int) (restore func()) {
	was := maxListedNumbers
	maxListedNumbers = n
	return func() { maxListedNumbers = was }
}

// InsertAuditRowsSQLite writes entries as the audit of a transaction does on
// SQLite (insertRowsSQLite).
func (s *Store) InsertAuditRowsSQLite(tx *gorm.DB, entries []AuditEntry) error {
	return insertRowsSQLite(s, tx, entries)
}

// SetMaxNumberSeqs sets how many seqs a search by digits may name before
// its numbers are matched with LIKE and counted from runs of seqs
// (maxNumberSeqs).
func SetMaxNumberSeqs(n int) (restore func()) {
	was := maxNumberSeqs
	maxNumberSeqs = n
	return func() { maxNumberSeqs = was }
}

// SetSeqTailMod sets the modulus of the tails that countWideTails counts
// (seqTailMod; the index cases_seq_tail holds only 10,000's).
func SetSeqTailMod(n int) (restore func()) {
	was := seqTailMod
	seqTailMod = n
	return func() { seqTailMod = was }
}
