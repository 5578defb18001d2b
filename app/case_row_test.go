package app_test

import (
	"regexp"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// notRead are the columns of the cases table that no read of the case row
// shows: bookkeeping the answers leave out (seq_tail: MariaDB's virtual
// column of the index cases_seq_tail, 00430).
var notRead = map[string]bool{"created_by": true, "updated_at": true, "plaintiff_key": true, "seq_tail": true}

// A column added to the cases table by a migration is read by every list,
// the export and the reports once it has its line in app.CaseRowColumns
// (docs/architecture.md, "Adding a column to the case row"); this test fails
// until it has one (or is named in notRead).
func TestEveryCaseColumnIsInTheCaseRow(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		rows, err := s.DB.Raw("SELECT * FROM cases WHERE 1 = 0").Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, err := rows.Columns()
		rows.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(cols) < 30 {
			t.Fatalf("the cases table has %d columns: %v", len(cols), cols)
		}
		for _, col := range cols {
			if notRead[col] {
				continue
			}
			read := regexp.MustCompile(`\bcases\.` + col + `\b`)
			found := false
			for _, c := range app.CaseRowColumns {
				found = found || read.MatchString(c.SQL)
			}
			if !found {
				t.Errorf("cases.%s is read by no line of app.CaseRowColumns", col)
			}
		}
	})
}

// Each column of the case row has a name of its own, a destination when it
// is read, and a cell when an export shows it.
func TestCaseRowColumnsAreWellFormed(t *testing.T) {
	names, headers := map[string]bool{}, map[string]bool{}
	for _, c := range app.CaseRowColumns {
		if c.Name == "" || names[c.Name] {
			t.Errorf("column %q: no name, or named twice", c.Name)
		}
		names[c.Name] = true
		if (c.SQL == "") != (c.Dest == nil) {
			t.Errorf("column %s: SQL and Dest go together", c.Name)
		}
		if c.SQL == "" && c.Cell == nil {
			t.Errorf("column %s: neither read nor shown", c.Name)
		}
		if c.Header != "" && (c.Cell == nil || c.Width == 0 || headers[c.Header]) {
			t.Errorf("column %s: a header wants a cell, a width and a header of its own", c.Name)
		}
		headers[c.Header] = true
	}
}
