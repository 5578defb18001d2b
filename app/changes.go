package app

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// The change counter (table change_counter, one row) is raised by every
// write the store makes, in the statement's own transaction: a rolled-back
// change raises nothing, a committed one is seen by every instance that
// shares the database as soon as it commits. What an instance keeps in
// memory from the database (the case list's pages, app/web) it keeps under
// the number it read before reading it, and asks again at each use.
//
// The counter is raised by gorm callbacks, so that no write path can forget
// it. Sessions and login attempts are left out: they change at every login
// and show in no list. Writes that bypass the store (the bulk loader of
// `fuyuan gen`, a hand edit in the database) raise nothing themselves;
// `fuyuan gen` and `fuyuan recount` end with a write through the store.

// uncountedTables are the tables whose changes do not raise the counter.
var uncountedTables = map[string]bool{"sessions": true, "login_attempts": true, "change_counter": true}

const raiseChangeCounter = "UPDATE change_counter SET n = n + 1 WHERE id = 1"

// countChanges registers the callbacks that raise the counter.
func countChanges(db *gorm.DB) error {
	cb := db.Callback()
	modelTable := func(db *gorm.DB) string { return db.Statement.Table }
	if err := cb.Create().After("gorm:create").Register("fuyuan:changes", raiseAfter(modelTable)); err != nil {
		return err
	}
	if err := cb.Update().After("gorm:update").Register("fuyuan:changes", raiseAfter(modelTable)); err != nil {
		return err
	}
	if err := cb.Delete().After("gorm:delete").Register("fuyuan:changes", raiseAfter(modelTable)); err != nil {
		return err
	}
	// Exec: the table is read from the statement.
	execTable := func(db *gorm.DB) string { return writtenTable(db.Statement.SQL.String()) }
	return cb.Raw().After("gorm:raw").Register("fuyuan:changes", raiseAfter(execTable))
}

// raiseAfter returns the callback that raises the counter after a statement
// that changed rows of a counted table (which table tells); a failure to
// raise it fails the statement, and so its transaction.
func raiseAfter(table func(*gorm.DB) string) func(*gorm.DB) {
	return func(db *gorm.DB) {
		st := db.Statement
		if db.Error != nil || db.RowsAffected == 0 || st.ConnPool == nil {
			return
		}
		if t := table(db); t == "" || uncountedTables[t] {
			return
		}
		ctx := st.Context
		if ctx == nil {
			ctx = context.Background()
		}
		if _, err := st.ConnPool.ExecContext(ctx, raiseChangeCounter); err != nil {
			db.AddError(err)
		}
	}
}

// writtenTable returns the table an INSERT, REPLACE, UPDATE or DELETE
// statement writes, "" for any other statement.
func writtenTable(sql string) string {
	f := strings.Fields(strings.ToLower(sql))
	if len(f) < 2 {
		return ""
	}
	i := 0
	switch f[0] {
	case "insert", "replace":
		i = 1
		for i < len(f) && (f[i] == "ignore" || f[i] == "or" || f[i] == "replace" || f[i] == "into") {
			i++
		}
	case "update":
		i = 1
	case "delete":
		i = 1
		if f[1] == "from" {
			i = 2
		}
	default:
		return ""
	}
	if i >= len(f) {
		return ""
	}
	t := f[i]
	if j := strings.IndexByte(t, '('); j >= 0 {
		t = t[:j]
	}
	return strings.Trim(t, "`\"")
}
