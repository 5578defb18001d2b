package app

import "testing"

// TestAmountsReadWithThousandsSeparators: pages write 50,000.00, forms and
// JSON keep 50000.00 (issue 15).
func TestAmountsReadWithThousandsSeparators(t *testing.T) {
	for _, c := range []struct {
		fen  Money
		want string
	}{
		{0, "0.00"}, {5, "0.05"}, {99999, "999.99"}, {100000, "1,000.00"}, {5000000, "50,000.00"},
		{123456789, "1,234,567.89"}, {-5000000, "-50,000.00"}, {-99, "-0.99"},
	} {
		if got := c.fen.Grouped(); got != c.want {
			t.Errorf("Money(%d).Grouped() = %q, want %q", int64(c.fen), got, c.want)
		}
	}
	if got := Money(5000000).Yuan(); got != "50000.00" {
		t.Errorf("Yuan() = %q: forms and JSON carry no separators", got)
	}
}
