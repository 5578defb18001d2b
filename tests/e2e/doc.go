// Package e2e holds the end-to-end tests of fuyuan: they build the real
// binary, start it on a loopback port with the demo courts, and walk each
// role's journeys in a headless Chromium, failing on any request that leaves
// 127.0.0.1 and on any JavaScript error. Run them with `go test ./tests/e2e`;
// without Chromium they skip (see FUYUAN_TEST_CHROMIUM and
// FUYUAN_TEST_CHROMIUM_REQUIRED in README.md).
package e2e
