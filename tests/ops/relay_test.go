package ops

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// relay is a TCP relay between fuyuan and the database that the tests cut:
// black-holed, the database seems to stop answering (connections stay open,
// nothing comes back); refused, it seems to be down (connections closed, new
// ones refused). Restored, it forwards new connections again.
type relay struct {
	t      *testing.T
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	mode  string // "pass", "blackhole" or "refuse"
	pairs map[*pair]struct{}
}

// pair is one relayed connection.
type pair struct {
	client, up net.Conn
	held       atomic.Bool // black-holed: the client's bytes are swallowed, none come back
}

// newRelay listens on a free loopback port and forwards to target.
func newRelay(t *testing.T, target string) *relay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &relay{t: t, target: target, addr: ln.Addr().String(), ln: ln, mode: "pass", pairs: map[*pair]struct{}{}}
	go r.accept(ln)
	t.Cleanup(func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.ln != nil {
			r.ln.Close()
		}
		for p := range r.pairs {
			p.client.Close()
			if p.up != nil {
				p.up.Close()
			}
		}
	})
	return r
}

func (r *relay) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return // the listener was closed
		}
		r.mu.Lock()
		mode := r.mode
		r.mu.Unlock()
		p := &pair{client: c}
		if mode == "blackhole" {
			p.held.Store(true)
			r.track(p)
			go io.Copy(io.Discard, c)
			continue
		}
		up, err := net.DialTimeout("tcp", r.target, 3*time.Second)
		if err != nil {
			c.Close()
			continue
		}
		p.up = up
		r.track(p)
		go r.pump(p, c, up)
		go r.pump(p, up, c)
	}
}

func (r *relay) track(p *pair) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pairs[p] = struct{}{}
}

// pump copies src to dst until either side ends; while the pair is held it
// swallows what the client sends and ends quietly, leaving the client hanging.
func (r *relay) pump(p *pair, src, dst net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if p.held.Load() {
			if err != nil {
				return
			}
			continue
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil && !p.held.Load() {
				r.drop(p)
				return
			}
		}
		if err != nil {
			if !p.held.Load() {
				r.drop(p)
			}
			return
		}
	}
}

// drop closes both sides of a pair.
func (r *relay) drop(p *pair) {
	r.mu.Lock()
	delete(r.pairs, p)
	r.mu.Unlock()
	p.client.Close()
	if p.up != nil {
		p.up.Close()
	}
}

// blackhole makes the database stop answering: the relay keeps accepting and
// keeps every connection open, but nothing reaches the database any more.
func (r *relay) blackhole() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.mode = "blackhole"
	for p := range r.pairs {
		p.held.Store(true)
		if p.up != nil {
			p.up.Close()
		}
	}
}

// refuse makes the database go away: every connection is closed and new ones are refused.
func (r *relay) refuse() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.mode = "refuse"
	if r.ln != nil {
		r.ln.Close()
		r.ln = nil
	}
	for p := range r.pairs {
		p.held.Store(true)
		p.client.Close()
		if p.up != nil {
			p.up.Close()
		}
		delete(r.pairs, p)
	}
}

// restore brings the database back: connections that were held are closed
// (as a network that comes back resets them) and new ones are forwarded.
func (r *relay) restore() {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for p := range r.pairs {
		if p.held.Load() {
			p.client.Close()
			delete(r.pairs, p)
		}
	}
	if r.ln == nil {
		var err error
		for try := 0; try < 50; try++ {
			if r.ln, err = net.Listen("tcp", r.addr); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			r.t.Fatalf("relay: listen again on %s: %v", r.addr, err)
		}
		go r.accept(r.ln)
	}
	r.mode = "pass"
}
