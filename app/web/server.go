// Package web is fuyuan's HTTP layer: gin routes, JSON handlers, the
// html/template pages and the embedded static files. It turns requests into
// calls of app.Store after the one authorisation decision of package rbac.
package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Config is what the HTTP layer needs to know about its deployment.
type Config struct {
	// TrustedProxies are the addresses whose X-Forwarded-For and
	// X-Forwarded-Proto are believed (nginx in front); empty trusts none.
	TrustedProxies []string
	// MaxBody caps a JSON request body.
	MaxBody int64
	// MaxUpload caps an uploaded spreadsheet.
	MaxUpload int64
	// RequestTimeout bounds a request's database work (default 4 s): when the
	// database stops answering, the request gets 503 within this time.
	RequestTimeout time.Duration
	// LongRequestTimeout bounds exports and imports (default 10 min).
	LongRequestTimeout time.Duration
	// NoListCache switches the case list's page cache (pagecache.go) off:
	// every list is read from the database (to measure the database's part).
	NoListCache bool
	// ReadSlots is how many short reads (readTurns) are served at once, the
	// others waiting their turn in the order they came (default two a core).
	ReadSlots int
}

// Server holds the dependencies of every handler; nothing is global.
type Server struct {
	Store  *app.Store
	Authz  *rbac.Enforcer
	Clock  app.Clock
	Log    *slog.Logger
	Config Config

	engine *gin.Engine
	pages  map[string]*template.Template
	// listCache keeps answers of GET /api/v1/cases (pagecache.go).
	listCache *pageCache
	proxies   []netip.Prefix // TrustedProxies, parsed
}

// NewServer builds the server and its routes.
func NewServer(store *app.Store, authz *rbac.Enforcer, log *slog.Logger, cfg Config) (*Server, error) {
	if cfg.MaxBody == 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.MaxUpload == 0 {
		cfg.MaxUpload = 10 << 20
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 4 * time.Second
	}
	if cfg.LongRequestTimeout == 0 {
		cfg.LongRequestTimeout = 10 * time.Minute
	}
	if cfg.ReadSlots <= 0 {
		cfg.ReadSlots = defaultReadSlots()
	}
	proxies, err := parseProxies(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	// The case services decide on the locked row with the same enforcer.
	store.Authz = authz
	s := &Server{Store: store, Authz: authz, Clock: store.Clock, Log: log, Config: cfg, proxies: proxies}
	if !cfg.NoListCache {
		s.listCache = newPageCache(time.Now)
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.HandleMethodNotAllowed = false
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	e.RemoteIPHeaders = []string{"X-Forwarded-For"}
	s.engine = e
	s.routes()
	return s, nil
}

// Handler returns the server's http.Handler: gin behind Go's cross-origin
// (CSRF) protection, which refuses state-changing browser requests from other sites.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"),
			"sec_fetch_site", r.Header.Get("Sec-Fetch-Site"), "peer", r.RemoteAddr)
		writeErrorHTTP(w, http.StatusForbidden, app.EFORBIDDEN, "跨站请求已被拒绝", nil)
	}))
	return s.sameScheme(cop.Handler(s.capBody(s.withDeadline(s.engine))))
}

// sameScheme refuses a state-changing request that came over TLS with an
// Origin of another scheme: an http:// page (which anyone on the network can
// write) posting to the https:// site is another origin. Go's
// CrossOriginProtection compares the host only when the browser sends no
// Sec-Fetch-Site. A plain-http request is left to it: behind a proxy that is
// not trusted, fuyuan cannot tell which scheme the browser used.
func (s *Server) sameScheme(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		switch {
		case r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions,
			origin == "", origin == "null", !s.overTLS(r):
			next.ServeHTTP(w, r)
			return
		}
		if u, err := url.Parse(origin); err != nil || !strings.EqualFold(u.Scheme, "https") {
			s.Log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", origin,
				"sec_fetch_site", r.Header.Get("Sec-Fetch-Site"), "peer", r.RemoteAddr, "reason", "scheme")
			writeErrorHTTP(w, http.StatusForbidden, app.EFORBIDDEN, "跨站请求已被拒绝", nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// capBody refuses every request body over MaxUpload (an attachment's upload:
// bodyCap), whatever the path (even
// one no route matches): at once when its declared length is over, else when
// reading reaches the cap. Routes may cap lower (JSON bodies: MaxBody).
func (s *Server) capBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.bodyCap(r)
		if r.ContentLength > limit {
			s.Log.Warn("request body too large", "method", r.Method, "path", r.URL.Path, "bytes", r.ContentLength)
			writeErrorHTTP(w, http.StatusRequestEntityTooLarge, app.ETOOLARGE, fmt.Sprintf("上传内容过大（上限 %d MB）", limit>>20), nil)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// withDeadline gives every request a context deadline, so that database work
// of a request cannot outlive it: RequestTimeout for ordinary requests,
// LongRequestTimeout for spreadsheet exports and imports.
func (s *Server) withDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := s.Config.RequestTimeout
		if isLongRequest(r.URL.Path) {
			d = s.Config.LongRequestTimeout
		}
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// isLongRequest reports whether path is a report, an export (.xlsx, the
// case file's .zip), an import or an attachment's upload or download, whose
// work may take minutes.
func isLongRequest(path string) bool {
	return strings.HasSuffix(path, ".xlsx") || strings.HasSuffix(path, ".zip") || strings.HasPrefix(path, "/api/v1/attachments") || strings.HasPrefix(path, "/attachments") || strings.HasPrefix(path, "/api/v1/reports/") || strings.HasPrefix(path, "/reports/") ||
		strings.HasPrefix(path, "/api/v1/imports/") || path == "/api/v1/imports"
}

// parseProxies reads trusted proxy addresses and CIDR ranges.
func parseProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, p := range list {
		if strings.Contains(p, "/") {
			pfx, err := netip.ParsePrefix(p)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: %w", p, err)
			}
			out = append(out, pfx.Masked())
			continue
		}
		a, err := netip.ParseAddr(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", p, err)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// Engine exposes the gin engine (tests list its routes).
func (s *Server) Engine() *gin.Engine { return s.engine }

// ListenAndServe serves until ctx ends, then drains in-flight requests.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.Log.Info("shutting down: draining requests")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
