package app

import (
	"testing"
	"time"
)

// FUYUAN_TODAY fixes today and puts the times the store stamps on that day.
func TestSystemClockWithAFixedDayStampsTimesOnThatDay(t *testing.T) {
	fixed := NewDate(2025, time.March, 3)
	c := NewSystemClock(fixed)
	if got := c.Today(); got != fixed {
		t.Fatalf("today: %v", got)
	}
	first := c.Now()
	if got := DateOf(first.In(Shanghai)); got != fixed {
		t.Fatalf("now is on %v, want %v", got, fixed)
	}
	if next := c.Now(); next.Before(first) {
		t.Fatalf("the clock went back: %v then %v", first, next)
	}
	real := NewSystemClock(Date{})
	if d := time.Since(real.Now()); d < 0 || d > time.Second {
		t.Fatalf("the real clock is off by %v", d)
	}
}
