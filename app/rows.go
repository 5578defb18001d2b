package app

import (
	"errors"

	"gorm.io/gorm"
)

// take reads the one row q selects into a T; no row is NotFound(what), in
// the court's words (行政机关, 用户, 回访 …).
func take[T any](q *gorm.DB, what string) (T, error) {
	var v T
	err := q.Take(&v).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return v, NotFound(what)
	}
	return v, err
}

// scanOne reads the one row of the raw query q into a T; no row is
// NotFound(what).
func scanOne[T any](q *gorm.DB, what string) (T, error) {
	var rows []T
	if err := q.Scan(&rows).Error; err != nil {
		var zero T
		return zero, err
	}
	if len(rows) == 0 {
		var zero T
		return zero, NotFound(what)
	}
	return rows[0], nil
}

// changedOne is the outcome of res, a change of one row guarded by what the
// user saw (its version, or its state): the database's error, or taken when
// it changed no row because another user changed that row first.
func changedOne(res *gorm.DB, taken error) error {
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return taken
	}
	return nil
}
