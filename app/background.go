package app

import "context"

// Background work of a server — the month-end archive of the monthly
// reports, the day's reminder sweep — runs one piece at a time, each on
// one goroutine where it would use more (Background), so that it leaves
// the machine's other cores to requests: on the first start of a day or a
// month on a register of a million cases it is seconds of CPU, and a
// request that came meanwhile passed its deadline (docs/benchmarks.md).

// backgroundKey is the key of the context value of InBackground.
type backgroundKey struct{}

// InBackground runs fn as background work: once the store's background
// work already running is done, with a context Background reports on.
func (s *Store) InBackground(ctx context.Context, fn func(context.Context) error) error {
	s.background.Lock()
	defer s.background.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	return fn(context.WithValue(ctx, backgroundKey{}, true))
}

// Background reports whether ctx is that of background work (InBackground):
// its parts that may run at once run one after the other.
func Background(ctx context.Context) bool {
	b, _ := ctx.Value(backgroundKey{}).(bool)
	return b
}

// Go runs fn on a goroutine of its own, or, in background work
// (Background), right away on the caller's, so that the parts of that work
// which may run at once run one after the other.
func Go(ctx context.Context, fn func()) {
	if Background(ctx) {
		fn()
		return
	}
	go fn()
}
