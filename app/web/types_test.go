package web

import "fuyuan/app"

type (
	appStore = app.Store
	appClock = app.FakeClock
)
