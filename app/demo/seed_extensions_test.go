package demo

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// The leader of the demo has extension requests to decide on the to-do list.
func TestDemoLeaderHasExtensionRequestsToDecide(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		clock.Set(time.Date(2026, 5, 20, 9, 0, 0, 0, app.Shanghai))
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		for _, step := range []func(context.Context, *World) error{seedPlatform, seedWorkstations, seedCases, seedExtensionRequests} {
			if err := step(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		items, err := s.Todo(ctx, w.Actor("leader"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range items {
			if it.Kind == app.TodoExtensionRequest {
				n++
			}
		}
		if n != 2 {
			t.Errorf("the leader's extension requests: %d, want 2 (%+v)", n, items)
		}
	})
}
