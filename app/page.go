package app

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
