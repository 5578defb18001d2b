package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestRowsInsertedOneByOneOnSQLiteAreWhatCreateWrites writes the same audit
// entries (a user and none, JSON before and after, none, and empty) through
// gorm's Create and through the one-row statements that SQLite's audit and
// filings use: the rows read back are the same, NULLs included.
func TestRowsInsertedOneByOneOnSQLiteAreWhatCreateWrites(t *testing.T) {
	s := apptest.MustOpen(t, app.SQLite, app.NewFakeClock(apptest.DefaultNow))
	uid := int64(7)
	at := time.Date(2025, 3, 4, 5, 6, 7, 890_000_000, time.UTC)
	entries := func() []app.AuditEntry {
		return []app.AuditEntry{
			{CourtCode: "粤1803", At: at, UserID: &uid, Username: "leader", Action: "case.create", Entity: "case", EntityID: 1,
				After: json.RawMessage(`{"id":1}`)},
			{CourtCode: "粤1803", At: at, Username: "system", Action: "case.close", Entity: "case", EntityID: 2,
				Before: json.RawMessage(`{"status":"filed"}`), After: json.RawMessage(`null`)},
			{CourtCode: "", At: at, Username: "system", Action: "x", Entity: "y", Before: json.RawMessage{}, After: nil},
		}
	}
	read := func(from, to int64) []string {
		rows, err := s.DB.Raw("SELECT court_code, at, user_id, username, action, entity, entity_id, before_json, after_json,"+
			" typeof(before_json), typeof(after_json), typeof(at) FROM audit_log WHERE id BETWEEN ? AND ? ORDER BY id", from, to).Rows()
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			vals, err := apptest.ScanText(rows)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals))
		}
		return out
	}
	var byCreate, byRows []app.AuditEntry
	err := s.Tx(context.Background(), func(tx *gorm.DB) error {
		byCreate = entries()
		if err := tx.Create(&byCreate).Error; err != nil {
			return err
		}
		byRows = entries()
		return s.InsertAuditRowsSQLite(tx, byRows)
	})
	if err != nil {
		t.Fatal(err)
	}
	for n := range byRows {
		if byRows[n].ID == 0 || n > 0 && byRows[n].ID != byRows[n-1].ID+1 {
			t.Fatalf("the ids set: %+v", byRows)
		}
	}
	want, got := read(byCreate[0].ID, byCreate[2].ID), read(byRows[0].ID, byRows[2].ID)
	if len(want) != 3 || !reflect.DeepEqual(want, got) {
		t.Fatalf("gorm's Create wrote\n%v\none row to a statement\n%v", want, got)
	}
}
