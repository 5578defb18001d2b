package app

import (
	"sync"
	"time"
)

// Clock is where "now" and "today" come from. Production uses SystemClock;
// FUYUAN_TODAY and tests fix the date or move time by hand.
type Clock interface {
	Now() time.Time
	Today() Date
}

// SystemClock is the real clock; Today is decided in Asia/Shanghai unless
// FixedToday is set (FUYUAN_TODAY, for tests and demos). A clock made by
// NewSystemClock with a fixed day also moves Now by whole days, so that the
// times it stamps (a letter returned, a reminder raised, a document made)
// fall on that day as well, while still running forward at the real pace.
type SystemClock struct {
	FixedToday Date
	// Shift is added to the real time: whole days from the real date (in
	// Asia/Shanghai) to FixedToday when the clock was made.
	Shift time.Duration
}

// NewSystemClock returns the real clock, or with fixed set (not zero) a
// clock whose today is fixed and whose Now is on that day.
func NewSystemClock(fixed Date) SystemClock {
	c := SystemClock{FixedToday: fixed}
	if !fixed.IsZero() {
		c.Shift = time.Duration(fixed.DaysSince(DateOf(time.Now().In(Shanghai)))) * 24 * time.Hour
	}
	return c
}

// Now returns the current time, moved by Shift.
func (c SystemClock) Now() time.Time { return time.Now().Add(c.Shift) }

// Today returns the court's date today.
func (c SystemClock) Today() Date {
	if !c.FixedToday.IsZero() {
		return c.FixedToday
	}
	return DateOf(time.Now().In(Shanghai))
}

// FakeClock is a clock that tests move by hand.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a FakeClock set to t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{now: t} }

// Now returns the clock's time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Today returns the clock's date in Asia/Shanghai.
func (c *FakeClock) Today() Date { return DateOf(c.Now().In(Shanghai)) }

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set puts the clock at t.
func (c *FakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
