package app

// SetMaxSearchNumbers sets how many cases found by their number the search
// names by id, and returns a func that restores it.
func SetMaxSearchNumbers(n int) (restore func()) {
	was := maxSearchNumbers
	maxSearchNumbers = n
	return func() { maxSearchNumbers = was }
}
