package app

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// AuditEntry is one change in the audit trail: who, when, what before and after.
type AuditEntry struct {
	ID        int64           `json:"id" gorm:"primaryKey"`
	CourtCode string          `json:"-"`
	At        time.Time       `json:"at"`
	UserID    *int64          `json:"user_id"`
	Username  string          `json:"user"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  int64           `json:"entity_id"`
	Before    json.RawMessage `json:"before" gorm:"column:before_json"`
	After     json.RawMessage `json:"after" gorm:"column:after_json"`
}

// TableName is the audit table.
func (AuditEntry) TableName() string { return "audit_log" }

// Audit writes one audit entry inside tx; before or after may be nil.
func (s *Store) Audit(tx *gorm.DB, a Actor, action, entity string, id int64, before, after any) error {
	e := AuditEntry{
		CourtCode: a.Court, At: s.Clock.Now().UTC(), Username: a.Username,
		Action: action, Entity: entity, EntityID: id,
		Before: marshalOrNull(before), After: marshalOrNull(after),
	}
	if a.UserID != 0 {
		uid := a.UserID
		e.UserID = &uid
	}
	if e.Username == "" {
		e.Username = "system"
	}
	// In Store.Tx the entries are written a hundred at a time (a hundred
	// rows to a statement, on SQLite one: insertRowsSQLite), in the order
	// they were made, the last ones just before the commit.
	if l := txOf(tx); l != nil {
		l.mu.Lock()
		l.audit = append(l.audit, e)
		full := len(l.audit) >= auditBatch
		l.mu.Unlock()
		if full {
			return s.flushAudit(tx, l)
		}
		return nil
	}
	return tx.Create(&e).Error
}

const auditBatch = 100

// flushAudit writes the audit entries of a transaction of Store.Tx.
func (s *Store) flushAudit(tx *gorm.DB, l *txLists) error {
	l.mu.Lock()
	entries := l.audit
	l.audit = nil
	l.mu.Unlock()
	if len(entries) == 0 {
		return nil
	}
	if s.Dialect == SQLite {
		return insertRowsSQLite(s, tx, entries)
	}
	return tx.CreateInBatches(entries, auditBatch).Error
}

func marshalOrNull(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}

// AuditTrail lists the audit entries of one record of the actor's court, oldest first.
func (s *Store) AuditTrail(ctx context.Context, a Actor, entity string, id int64) ([]AuditEntry, error) {
	var items []AuditEntry
	err := s.DB.WithContext(ctx).Where("court_code = ? AND entity = ? AND entity_id = ?", a.Court, entity, id).
		Order("id").Limit(1000).Find(&items).Error
	if items == nil {
		items = []AuditEntry{}
	}
	return items, s.Err(err)
}
