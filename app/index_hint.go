package app

// How a statement names the index it reads a table along, on each database:
// the one place that knows MariaDB's FORCE INDEX and SQLite's INDEXED BY and
// NOT INDEXED. Each caller says why its index is named.

// ForcedIndex is table read along index on MariaDB (FORCE INDEX), where the
// optimizer, given two dozen indexes that begin with the court's code,
// chose a worse one or spent most of the statement estimating ranges in
// each; on SQLite, which chooses it by itself, table as it is. table may
// carry an alias ("cases c").
func (s *Store) ForcedIndex(table, index string) string {
	if s.Dialect == MySQL {
		return table + " FORCE INDEX (" + index + ")"
	}
	return table
}

// NamedIndex is table read along index on both databases: FORCE INDEX on
// MariaDB, and on SQLite INDEXED BY, the index it would choose by itself,
// so that preparing the statement (the driver prepares every query afresh)
// does not weigh the table's other indexes each time.
func (s *Store) NamedIndex(table, index string) string {
	if s.Dialect == SQLite {
		return table + " INDEXED BY " + index
	}
	return s.ForcedIndex(table, index)
}

// Unindexed is table read by its rowid or in full on SQLite (NOT INDEXED:
// the rowid is still used), where its planner, having no statistics, would
// walk an index of the court's code, or would weigh every index of the
// table for a join by ids; on MariaDB table as it is.
func (s *Store) Unindexed(table string) string {
	if s.Dialect == SQLite {
		return table + " NOT INDEXED"
	}
	return table
}
