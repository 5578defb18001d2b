package app

import (
	"database/sql/driver"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"gorm.io/gorm"
)

// rowInsert is the INSERT of one row of a model, by gorm's schema of it:
// every column gorm's Create writes (all but an auto-increment primary key)
// and the struct fields of their values.
type rowInsert struct {
	sql    string
	cols   []string
	fields [][]int // the index of each column's struct field
	id     []int   // the auto-increment primary key's field (nil: none)
	court  []int   // the field of the column court_code (nil: none)
	table  string
	times  []int // the columns gorm's Create fills in when zero: must be set
}

var rowInserts sync.Map // reflect.Type → *rowInsert

// rowInsertOf is the rowInsert of model (a pointer to a struct), parsed once.
func rowInsertOf(tx *gorm.DB, model any) (*rowInsert, error) {
	t := reflect.TypeOf(model).Elem()
	if ri, ok := rowInserts.Load(t); ok {
		return ri.(*rowInsert), nil
	}
	st := &gorm.Statement{DB: tx}
	if err := st.Parse(model); err != nil {
		return nil, err
	}
	ri := &rowInsert{}
	for _, f := range st.Schema.Fields {
		if f.DBName == "" || !f.Creatable {
			continue
		}
		if f.PrimaryKey && f.AutoIncrement {
			ri.id = f.StructField.Index
			continue
		}
		if f.HasDefaultValue || f.Serializer != nil {
			// (gorm's Create leaves a zero value with a default out)
			return nil, fmt.Errorf("rowInsertOf %s: column %s has a default or a serializer", t, f.DBName)
		}
		if ft := f.FieldType; ft.Implements(reflect.TypeFor[gorm.Valuer]()) ||
			(ft.Kind() == reflect.Slice || ft.Kind() == reflect.Array) && ft.Elem().Kind() != reflect.Uint8 {
			return nil, fmt.Errorf("rowInsertOf %s: column %s is not a plain value", t, f.DBName)
		}
		if f.AutoCreateTime != 0 || f.AutoUpdateTime != 0 {
			ri.times = append(ri.times, len(ri.cols))
		}
		if f.DBName == "court_code" {
			ri.court = f.StructField.Index
		}
		ri.cols = append(ri.cols, f.DBName)
		ri.fields = append(ri.fields, f.StructField.Index)
	}
	ri.table = st.Schema.Table
	ri.sql = "INSERT INTO " + st.Schema.Table + " (" + strings.Join(ri.cols, ", ") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(ri.cols)), ", ") + ")"
	rowInserts.Store(t, ri)
	return ri, nil
}

// insertRowsSQLite writes rows (a slice of structs) one row to a statement
// and sets their auto-increment ids: on SQLite, where a statement of many
// rows costs the square of its values to bind (sqliteStatementValues),
// needs a statement journal and saves no round trip, the cheaper way for a
// plain INSERT. (The driver parses a prepared statement again at each
// execution: an upsert of many SET clauses, case_figure_days', is cheaper
// many rows to a statement.)
// The rows' values are the struct fields' as gorm's Create writes them
// (times and the fields gorm fills in already set); the writes count for
// the case lists' changes as gorm's (wroteTable).
func insertRowsSQLite[T any](s *Store, tx *gorm.DB, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	ri, err := rowInsertOf(tx, new(T))
	if err != nil {
		return err
	}
	ctx := contextOf(tx.Statement)
	stmt, err := tx.Statement.ConnPool.PrepareContext(ctx, ri.sql)
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, len(ri.fields))
	var courts []string
	for n := range rows {
		v := reflect.ValueOf(&rows[n]).Elem()
		for j, idx := range ri.fields {
			args[j] = createValue(v.FieldByIndex(idx).Interface())
		}
		for _, j := range ri.times {
			if v.FieldByIndex(ri.fields[j]).IsZero() {
				return fmt.Errorf("insertRowsSQLite: %s of a row is not set", ri.cols[j])
			}
		}
		res, err := stmt.ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		if ri.court != nil {
			courts = append(courts, v.FieldByIndex(ri.court).String())
		}
		if ri.id != nil {
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			v.FieldByIndex(ri.id).SetInt(id)
		}
	}
	slices.Sort(courts)
	return s.wroteTable(tx, ri.table, slices.Compact(courts))
}

// createValue is a column's value as gorm's Create binds it (Statement.AddVar):
// an empty slice of bytes that is not a []byte (a json.RawMessage) is NULL.
func createValue(v any) any {
	switch v.(type) {
	case driver.Valuer, []byte:
		return v
	}
	if rv := reflect.ValueOf(v); (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && rv.Len() == 0 {
		return nil
	}
	return v
}
