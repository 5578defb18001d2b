// Package e2e holds the end-to-end tests of fuyuan: they build the real
// binary, start it on a loopback port with the demo courts (FUYUAN_TODAY
// fixed), and walk each role's journeys in a headless Chromium at 1366×768,
// failing on any request that leaves 127.0.0.1 and on any JavaScript error.
//
//	go test ./tests/e2e
//
// Chromium comes from FUYUAN_TEST_CHROMIUM, else from PATH; without one the
// tests skip, unless FUYUAN_TEST_CHROMIUM_REQUIRED=1 (then they fail).
// Screenshots go to FUYUAN_SCREENSHOTS, else <temp>/fuyuan-screenshots; the
// test log names each file.
//
// A journey is a few lines: e := newEnv(t); b := e.login(t, "judge1"), then
// b.visit, b.follow, b.within(form).fields(...), b.submit, b.see, b.row.
package e2e
