package app

import "gorm.io/gorm"

// Page is a page request: 1-based page number and page size (1–100).
type Page struct {
	Page int
	Size int
}

// Offset returns the number of rows before the page.
func (p Page) Offset() int { return (p.Page - 1) * p.Size }

// List is one page of items and the total count.
type List[T any] struct {
	Items []T   `json:"items"`
	Total int64 `json:"total"`
}

// pageOf is the one way a list is paged: it counts every row q matches, then
// reads page pg of rows(q), which adds what the count does not need (the
// columns, the joins for names, the order).
func pageOf[T any](q *gorm.DB, pg Page, rows func(q *gorm.DB) *gorm.DB) (List[T], error) {
	out := List[T]{Items: []T{}}
	if err := q.Count(&out.Total).Error; err != nil {
		return out, err
	}
	err := rows(q).Offset(pg.Offset()).Limit(pg.Size).Find(&out.Items).Error
	if out.Items == nil {
		out.Items = []T{}
	}
	return out, err
}

// withinDates keeps the rows of q whose date column col is on or after from
// and on or before to; a zero bound is no bound.
func withinDates(q *gorm.DB, col string, from, to Date) *gorm.DB {
	if !from.IsZero() {
		q = q.Where(col+" >= ?", from)
	}
	if !to.IsZero() {
		q = q.Where(col+" <= ?", to)
	}
	return q
}
