//go:build pprof

// Profiling for performance work only: `go build -tags pprof ./cmd/fuyuan`
// serves net/http/pprof on FUYUAN_PPROF_ADDR (a loopback address). The
// builds courts run never contain it.
package main

import (
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	addr := os.Getenv("FUYUAN_PPROF_ADDR")
	if addr == "" {
		return
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		slog.Error("FUYUAN_PPROF_ADDR must be a loopback address", "addr", addr)
		return
	}
	go func() { slog.Error("pprof", "err", http.ListenAndServe(addr, http.DefaultServeMux)) }()
}
