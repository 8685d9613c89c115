package strangler

import (
	"fmt"
	"net/netip"
	"net/textproto"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sony/gobreaker/v2"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// Table is an immutable routing table compiled from one Config. A Proxy
// serves from one Table at a time and swaps it atomically on reload;
// requests in flight finish on the Table they started with.
type Table struct {
	// Config is the configuration the table was built from.
	Config *config.Config
	// Generation counts the tables a Proxy has served, from 1.
	Generation uint64
	// LoadedAt is when the table was built.
	LoadedAt time.Time
	// Routes are in file order.
	Routes []*Route
	// Default serves requests that no route matches.
	Default *Backend
	// Backends by name.
	Backends map[string]*Backend

	router   *match.Router
	trusted  []netip.Prefix
	override string // header stripped before forwarding; "" when disabled
}

// Route is one compiled route of a Table.
type Route struct {
	// Name is the route's name in the configuration.
	Name string
	// Config is the route as written in the file.
	Config config.RouteConfig
	// To, Fallback (nil when none) and Default are the route's backends.
	To, Fallback, Default *Backend
	// selector picks the backend for each request.
	selector selector
	// Line is the route's line in the file (0 when unknown).
	Line int

	cohort config.Cohort
	state  *routeState
}

// Weight returns the live weight in percent, which the admin API may have
// changed from the file's.
func (r *Route) Weight() float64 { return float64(r.state.weight()) * 100 / config.Buckets }

// Mode returns the live lifecycle stage, which the admin API or the
// rollout may have changed from the file's.
func (r *Route) Mode() config.Mode { return r.state.liveMode() }

// WeightOverridden reports whether the admin API set the live weight.
func (r *Route) WeightOverridden() bool { return r.state.overridden() }

// routeState is a route's mutable state. It survives reloads by route name,
// so that an admin change is not lost when the file is reloaded for an
// unrelated reason.
type routeState struct {
	buckets atomic.Int32
	mode    atomic.Value // Mode
	mu      sync.Mutex
	file    int32       // the file's weight when the live weight was last derived
	fileM   config.Mode // the file's mode then
	admin   bool        // the live weight or mode was set through the admin API
	rollout rolloutProgress
}

// rolloutProgress is where a canary route is on its rollout.
type rolloutProgress struct {
	Step      int       `json:"step"`
	StepSince time.Time `json:"step_since,omitzero"`
	// LastRollback says why the route last went back to the monolith.
	LastRollback *Rollback `json:"last_rollback,omitempty"`
}

// Rollback records an automatic or manual return to the monolith.
type Rollback struct {
	At     time.Time   `json:"at"`
	From   config.Mode `json:"from"`
	Weight float64     `json:"weight"`
	Reason string      `json:"reason"`
}

func (s *routeState) weight() int { return int(s.buckets.Load()) }

func (s *routeState) liveMode() config.Mode {
	m, _ := s.mode.Load().(config.Mode)
	return m
}

func (s *routeState) overridden() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.admin
}

// applyFile takes the file's weight and mode, unless an admin change is in
// force and the file's weight and mode for the route have not changed since.
func (s *routeState) applyFile(buckets int, mode config.Mode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.admin && s.file == int32(buckets) && s.fileM == mode {
		return
	}
	if s.fileM != mode || s.liveMode() != mode {
		s.rollout.Step, s.rollout.StepSince = 0, time.Time{}
	}
	s.file, s.fileM, s.admin = int32(buckets), mode, false
	s.buckets.Store(int32(buckets))
	s.mode.Store(mode)
}

func (s *routeState) set(buckets int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.admin = true
	s.buckets.Store(int32(buckets))
}

// setMode changes the live mode and weight together.
func (s *routeState) setMode(m config.Mode, buckets int, progress rolloutProgress) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.admin = true
	s.mode.Store(m)
	s.buckets.Store(int32(buckets))
	s.rollout = progress
}

// startStep starts the clock of the current step.
func (s *routeState) startStep(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rollout.StepSince = now
}

func (s *routeState) progress() rolloutProgress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rollout
}

// tableBuilder compiles a Config, reusing unchanged backends and route
// state from the table it replaces.
type tableBuilder struct {
	old       *Table
	states    map[string]*routeState
	onBreaker func(name string, from, to gobreaker.State)
	created   []*Backend
}

func (tb *tableBuilder) build(cfg *config.Config, gen uint64, now time.Time) (*Table, error) {
	t := &Table{Config: cfg, Generation: gen, LoadedAt: now, Backends: map[string]*Backend{}}
	for name, bc := range cfg.Backends {
		if tb.old != nil {
			if ob, ok := tb.old.Backends[name]; ok && reflect.DeepEqual(ob.cfg, bc) {
				t.Backends[name] = ob
				continue
			}
		}
		b, err := newBackend(name, bc, tb.onBreaker)
		if err != nil {
			tb.discard()
			return nil, err
		}
		tb.created = append(tb.created, b)
		t.Backends[name] = b
	}
	t.Default = t.Backends[cfg.Default]
	sel := &weighted{}
	if cfg.OverrideEnabled() {
		sel.OverrideHeader = textproto.CanonicalMIMEHeaderKey(cfg.Override.Header)
		sel.OverrideCookie = cfg.Override.Cookie
		t.override = sel.OverrideHeader
	}
	var all []*match.Matcher
	states := map[string]*routeState{}
	for i, rc := range cfg.Routes {
		co, err := config.ParseCohort(rc.Cohort)
		if err != nil {
			tb.discard()
			return nil, fmt.Errorf("route %s: %w", rc.Name, err)
		}
		st := tb.states[rc.Name]
		if st == nil {
			st = &routeState{}
		}
		st.applyFile(rc.WeightBuckets(), config.Mode(rc.Mode))
		states[rc.Name] = st
		r := &Route{
			Name: rc.Name, Config: rc, To: t.Backends[rc.To], Default: t.Default,
			selector: sel, Line: cfg.RouteLine(i),
			cohort: co, state: st,
		}
		if rc.Fallback != "" {
			r.Fallback = t.Backends[rc.Fallback]
		}
		t.Routes = append(t.Routes, r)
		ms, err := match.Compile(i, match.Rule(rc.Match))
		if err != nil {
			tb.discard()
			return nil, fmt.Errorf("route %s: %w", rc.Name, err)
		}
		all = append(all, ms...)
	}
	rt, conflicts := match.NewRouter(all)
	if len(conflicts) > 0 {
		tb.discard()
		return nil, fmt.Errorf("strangler: routes %s and %s conflict", cfg.Routes[conflicts[0].A.Route].Name, cfg.Routes[conflicts[0].B.Route].Name)
	}
	t.router = rt
	for _, s := range cfg.TrustedProxies {
		p, err := config.ParsePrefix(s)
		if err != nil {
			tb.discard()
			return nil, fmt.Errorf("trusted_proxies: %w", err)
		}
		t.trusted = append(t.trusted, p)
	}
	tb.states = states
	return t, nil
}

// discard releases backends created for a table that will not be used.
func (tb *tableBuilder) discard() {
	for _, b := range tb.created {
		b.close()
	}
	tb.created = nil
}

// route returns the route named name, or nil.
func (t *Table) route(name string) *Route {
	for _, r := range t.Routes {
		if r.Name == name {
			return r
		}
	}
	return nil
}
