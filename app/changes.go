package app

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"gorm.io/gorm"

	"fuyuan/app/deadline"
)

// A court's case-list change counter (table case_list_changes, one row per
// court) is raised in the transaction of every change to what that court's
// case list shows: its cases, their counts, mediators and suspensions, the
// names of its organs and judges. A rolled-back change raises nothing; a
// committed one is seen by every instance that shares the database as soon
// as it commits. What an instance keeps in memory of a court's list
// (app/web/pagecache.go) it keeps under the number it read before reading
// it, and asks again at each use (UserBySession reads it with the session).
//
// One row per court, raised only by changes to lists: writers of different
// courts, and writers of anything else (meetings, letters, sessions), never
// wait for each other on it, which on a Galera cluster would make their
// transactions conflict.
//
// The rule is here and nowhere else. A gorm callback (registerListChanges)
// sees every statement the store's connections run through gorm; one that
// changes a row of a table the list shows (listTables) marks its
// transaction. Store.Tx then raises, just before the commit, the counters of
// the courts the transaction said it works in (listCourt: the case services
// say it when they lock the case, the user and organ services with the
// actor's court; a row written through a model with a court_code says it by
// itself) — or every court's counter when it said none, which is never
// stale, only slower. A statement outside Store.Tx (a bulk load, a test
// fixture) raises every court's counter right after it, on its own
// connection or transaction.
//
// Until migration 00060 database triggers (00022) did this. They are gone:
// on a Galera cluster a node once failed to load them after another node was
// killed (every write of that node then answered "Unknown trigger has an
// error in its body: 'Query was empty'", issue 14). A change made in the
// database by hand, without fuyuan, raises nothing now: the cached pages
// expire after a minute (pageCacheTTL), or restart the instances.

// listTables are the tables whose rows a court's case list shows.
var listTables = map[string]bool{
	"cases": true, "case_counts": true, "case_day_counts": true, "case_month_counts": true, "case_mediators": true, "excluded_periods": true,
	"organs": true, "users": true,
}

// listWrite finds the table an INSERT, UPDATE, DELETE or REPLACE writes.
var listWrite = regexp.MustCompile("(?is)^\\s*(?:insert(?:\\s+or\\s+\\w+)?(?:\\s+ignore)?\\s+into|update(?:\\s+or\\s+\\w+)?(?:\\s+ignore)?|delete\\s+from|replace\\s+into)\\s+[`\"]?(\\w+)")

// txLists is what a transaction of Store.Tx has done to case lists, and
// the courts' calendars it has read (courtCalendarTx), which a write to
// holidays in the transaction forgets.
type txLists struct {
	mu        sync.Mutex
	courts    map[string]bool // the courts it said it works in
	written   bool            // a statement changed a row of a list table
	calendars map[string]*deadline.Calendar
	memo      map[string]map[string]any // table → key → what txMemo read
	audit     []AuditEntry              // entries written at the commit (Audit)
}

// txMemo returns what load reads of table under key, reading it once in a
// transaction of Store.Tx until the transaction writes to table (a filing
// checks the same case type, judge and organ as the one before it; an
// import files thousands). Outside Store.Tx it calls load.
func txMemo[T any](tx *gorm.DB, table, key string, load func() (T, error)) (T, error) {
	l := txOf(tx)
	if l == nil {
		return load()
	}
	l.mu.Lock()
	v, ok := l.memo[table][key]
	l.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	got, err := load()
	if err != nil {
		return got, err
	}
	l.mu.Lock()
	if l.memo == nil {
		l.memo = map[string]map[string]any{}
	}
	if l.memo[table] == nil {
		l.memo[table] = map[string]any{}
	}
	l.memo[table][key] = got
	l.mu.Unlock()
	return got, nil
}

// txOf is the state of the Store.Tx transaction db runs in (nil outside one).
func txOf(db *gorm.DB) *txLists {
	if db == nil || db.Statement == nil || db.Statement.Context == nil {
		return nil
	}
	l, _ := db.Statement.Context.Value(txListsKey{}).(*txLists)
	return l
}

type txListsKey struct{}

// listCourt says that the transaction tx changes, if anything, the case
// lists of court (besides any other court it said). Outside Store.Tx it does
// nothing.
func listCourt(tx *gorm.DB, court string) {
	if court == "" || tx == nil || tx.Statement == nil || tx.Statement.Context == nil {
		return
	}
	if l, ok := tx.Statement.Context.Value(txListsKey{}).(*txLists); ok {
		l.mu.Lock()
		if l.courts == nil {
			l.courts = map[string]bool{}
		}
		l.courts[court] = true
		l.mu.Unlock()
	}
}

// withLists is ctx for one attempt of Store.Tx.
func withLists(ctx context.Context) (context.Context, *txLists) {
	l := &txLists{}
	return context.WithValue(ctx, txListsKey{}, l), l
}

// raiseLists raises, inside tx, the counters of what l says was changed.
func (s *Store) raiseLists(tx *gorm.DB, l *txLists) error {
	l.mu.Lock()
	written := l.written
	courts := make([]string, 0, len(l.courts))
	for c := range l.courts {
		courts = append(courts, c)
	}
	l.mu.Unlock()
	if !written {
		return nil
	}
	if len(courts) == 0 {
		return tx.Exec(s.raiseAllLists()).Error
	}
	// One order of rows, so that two transactions never wait for each
	// other's rows in opposite orders.
	slices.Sort(courts)
	q := "INSERT INTO case_list_changes (court_code, n) VALUES (?, 1)" + listChangesAdd.sql(s.Dialect)
	for _, c := range courts {
		if err := tx.Exec(q, c).Error; err != nil {
			return err
		}
	}
	return nil
}

// raiseAllLists is the statement that raises every court's counter.
func (s *Store) raiseAllLists() string {
	return "INSERT INTO case_list_changes (court_code, n) SELECT code, 1 FROM courts WHERE true" + listChangesAdd.sql(s.Dialect)
}

// listChangesAdd adds to a court's row of case_list_changes.
var listChangesAdd = onConflict{key: []string{"court_code"}, add: []string{"n"}}

// registerListChanges adds to db the callback that sees writes to list
// tables, after every create, update, delete and raw statement.
func (s *Store) registerListChanges(db *gorm.DB) error {
	cb := db.Callback()
	for _, reg := range []func(string, func(*gorm.DB)) error{
		cb.Create().After("gorm:create").Register,
		cb.Update().After("gorm:update").Register,
		cb.Delete().After("gorm:delete").Register,
		cb.Raw().After("gorm:raw").Register,
	} {
		if err := reg("fuyuan:case_list_changes", s.listChanged); err != nil {
			return err
		}
	}
	return nil
}

// listChanged is the callback of registerListChanges.
func (s *Store) listChanged(db *gorm.DB) {
	st := db.Statement
	if db.Error != nil || db.RowsAffected <= 0 || st == nil {
		return
	}
	table := st.Table
	if st.SQL.Len() > 0 {
		if m := listWrite.FindStringSubmatch(st.SQL.String()); m != nil {
			table = m[1]
		} else if st.Schema == nil {
			return // a read
		}
	}
	// A row written through a model says its court itself.
	var courts []string
	if st.Schema != nil && listTables[strings.ToLower(table)] {
		if f := st.Schema.LookUpField("court_code"); f != nil && st.ReflectValue.IsValid() {
			eachRow(st.ReflectValue, func(rv reflect.Value) {
				if v, zero := f.ValueOf(contextOf(st), rv); !zero {
					if c, ok := v.(string); ok {
						courts = append(courts, c)
					}
				}
			})
		}
	}
	if err := s.wroteTable(db, table, courts); err != nil {
		db.AddError(err)
	}
}

// wroteTable is what listChanged does once a statement of db has changed
// rows of table, those of courts (their court_code; none: not known), for
// the callback and for the rows written without gorm (insertRowsSQLite).
func (s *Store) wroteTable(db *gorm.DB, table string, courts []string) error {
	st := db.Statement
	table = strings.ToLower(table)
	l := txOf(db)
	if l != nil {
		l.mu.Lock()
		if table == "holidays" {
			l.calendars = nil
		}
		delete(l.memo, table)
		l.mu.Unlock()
	}
	if !listTables[table] {
		return nil
	}
	if l == nil {
		// Not in Store.Tx: every court, on the same connection or
		// transaction, after the write.
		_, err := st.ConnPool.ExecContext(contextOf(st), s.raiseAllLists())
		return err
	}
	l.mu.Lock()
	l.written = true
	l.mu.Unlock()
	for _, c := range courts {
		listCourt(db, c)
	}
	return nil
}

func contextOf(st *gorm.Statement) context.Context {
	if st.Context != nil {
		return st.Context
	}
	return context.Background()
}

// eachRow calls fn with each struct of rv (a struct or a slice or array of
// them, or pointers to them).
func eachRow(rv reflect.Value, fn func(reflect.Value)) {
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct:
		fn(rv)
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			eachRow(rv.Index(i), fn)
		}
	}
}
