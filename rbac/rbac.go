// Package rbac is fuyuan's one authorisation decision: casbin (RBAC with
// domains, the domain being the court code) decides which action a role may
// take on which kind of resource, and in which scope; the scope is then
// checked against the record (assigned judge, assigned mediator, linkage
// flag). Default deny; another court's record is "not found".
package rbac

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	"gorm.io/gorm"

	"fuyuan/app"
)

const modelText = `
[request_definition]
r = sub, dom, obj, act, scope

[policy_definition]
p = sub, dom, obj, act, scope

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.sub == p.sub && (p.dom == "*" || r.dom == p.dom) && r.obj == p.obj && r.act == p.act && r.scope == p.scope
`

// Object is the record an action is taken on, as far as authorisation
// cares: what app.Visibility reads of it.
type Object = app.Record

// Action names a domain action: "case:close" is action "close" on kind "case".
type Action = app.Action

// Enforcer holds the casbin enforcer and a cache of its decisions; Reload
// (run every few seconds by Watch) picks up policy changes made by any instance.
type Enforcer struct {
	db    *gorm.DB
	log   *slog.Logger
	mu    sync.Mutex // serialises reloads
	state atomic.Pointer[state]
}

type state struct {
	e     *casbin.SyncedEnforcer
	sig   string
	cache sync.Map // key "role|court|action" → app.Scope (ScopeNone = denied)
}

// New loads the policy from the database.
func New(db *gorm.DB, log *slog.Logger) (*Enforcer, error) {
	en := &Enforcer{db: db, log: log}
	if err := en.Reload(context.Background()); err != nil {
		return nil, err
	}
	return en, nil
}

type rule struct {
	Ptype, V0, V1, V2, V3, V4, V5 string
}

// Reload re-reads the policy table and swaps in a fresh enforcer when it changed.
func (en *Enforcer) Reload(ctx context.Context) error {
	en.mu.Lock()
	defer en.mu.Unlock()
	var rules []rule
	if err := en.db.WithContext(ctx).Table("casbin_rule").Select("ptype, v0, v1, v2, v3, v4, v5").Find(&rules).Error; err != nil {
		return fmt.Errorf("load policy: %w", err)
	}
	lines := make([]string, 0, len(rules))
	for _, r := range rules {
		lines = append(lines, strings.Join([]string{r.Ptype, r.V0, r.V1, r.V2, r.V3, r.V4, r.V5}, ","))
	}
	sort.Strings(lines)
	sig := strings.Join(lines, "\n")
	if cur := en.state.Load(); cur != nil && cur.sig == sig {
		return nil
	}
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return err
	}
	e, err := casbin.NewSyncedEnforcer(m)
	if err != nil {
		return err
	}
	for _, r := range rules {
		if r.Ptype != "p" {
			continue
		}
		if _, err := e.AddPolicy(r.V0, r.V1, r.V2, r.V3, r.V4); err != nil {
			return fmt.Errorf("policy row %v: %w", r, err)
		}
	}
	en.state.Store(&state{e: e, sig: sig})
	return nil
}

// Watch reloads the policy every interval until ctx ends, so that a change
// made on any instance is enforced everywhere within that interval.
func (en *Enforcer) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := en.Reload(ctx); err != nil && ctx.Err() == nil {
				en.log.Warn("policy reload failed", "err", err)
			}
		}
	}
}

// Scope returns the widest scope in which role may take action in court, or
// app.ScopeNone when the policy does not allow it at all. Decisions are
// cached until the policy changes.
func (en *Enforcer) Scope(role, court string, action Action) (app.Scope, error) {
	st := en.state.Load()
	key := role + "|" + court + "|" + string(action)
	if v, ok := st.cache.Load(key); ok {
		return v.(app.Scope), nil
	}
	scope := app.ScopeNone
	for _, sc := range app.ScopesByBreadth {
		ok, err := st.e.Enforce(role, court, action.Kind(), action.Verb(), string(sc))
		if err != nil {
			return app.ScopeNone, fmt.Errorf("enforce %s: %w", key, err)
		}
		if ok {
			scope = sc
			break
		}
	}
	st.cache.Store(key, scope)
	return scope, nil
}

// Visibility is what the actor may reach for action: the records of the
// actor's court within the scope the policy grants (none when it grants none).
func (en *Enforcer) Visibility(a app.Actor, action Action) (app.Visibility, error) {
	scope, err := en.Scope(a.Role, a.Court, action)
	return app.NewVisibility(a, scope), err
}

// Authorize is the one decision: may the actor take action on obj? It answers
// nil, or an *app.Error with code ENOTFOUND (another court's record) or
// EFORBIDDEN (the role or the assignment forbids it).
func (en *Enforcer) Authorize(a app.Actor, action Action, obj Object) error {
	if obj.Court != "" && obj.Court != a.Court {
		return app.NotFound("记录")
	}
	v, err := en.Visibility(a, action)
	if err != nil {
		return err
	}
	if !v.Sees(obj) {
		return app.Forbidden()
	}
	return nil
}

// Allowed reports whether the role may take the action in some scope; pages
// use it to show only the actions a user can take.
func (en *Enforcer) Allowed(a app.Actor, action Action) bool {
	scope, err := en.Scope(a.Role, a.Court, action)
	return err == nil && scope != app.ScopeNone
}

// CaseObject is the authorisation object of a case.
func CaseObject(c app.CaseRef) Object {
	return c.Record()
}
