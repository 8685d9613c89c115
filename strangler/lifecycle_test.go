package strangler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler/config"
)

// fakeClock is an injected clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fileProxy is a proxy whose config (and so its state file) lives in dir.
type fileProxy struct {
	p    *Proxy
	url  string
	file string
}

// startFileProxy writes y to dir/ficus-proxy.yaml and serves it on
// 127.0.0.1. Stop it with the returned
// function (a test may restart the proxy on the same directory).
func startFileProxy(t *testing.T, dir, y string, opts Options) (*fileProxy, func()) {
	t.Helper()
	file := filepath.Join(dir, "ficus-proxy.yaml")
	if _, err := os.Stat(file); err != nil {
		writeFile(t, file, y)
	}
	cfg, err := config.Load(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Logger == nil {
		opts.Logger = discardLogger()
	}
	if opts.Registry == nil {
		opts.Registry = prometheus.NewRegistry()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p, err := NewProxy(ctx, cfg, opts)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	srv := newFront(t, p, cfg.Server, true)
	stop := func() {
		srv.Close()
		p.Close()
		cancel()
	}
	t.Cleanup(stop)
	return &fileProxy{p: p, url: srv.URL, file: file}, stop
}

func lifecycleConfig(mono, svc string, extra string) string {
	return fmt.Sprintf(`
backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
rollout: {steps: [1, 5, 25, 50, 100], interval: 1m, min_requests: 5}
routes:
  - name: orders
    match: {path: "/orders/"}
    to: orders
    mode: monolith
    cohort: header:X-User
    fallback: monolith
%s`, mono, svc, extra)
}

// TestLifecycleChangesAndRestart walks a route through its stages (the
// admin API's answers to the same steps are tested in package admin) and
// checks that a restart resumes where it was.
func TestLifecycleChangesAndRestart(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	dir := t.TempDir()
	fp, stop := startFileProxy(t, dir, lifecycleConfig(mono.URL, svc.URL, ""), Options{})

	steps := []struct {
		name       string
		change     func() (RouteStatus, error)
		wantErr    error
		wantMode   config.Mode
		wantWeight float64
	}{
		{"promote to shadow", func() (RouteStatus, error) { return fp.p.Promote("orders") }, nil, config.ModeShadow, 0},
		{"no parity evidence: refused", func() (RouteStatus, error) { return fp.p.Promote("orders") }, ErrParityGate, "", 0},
		{"promote to canary by force", func() (RouteStatus, error) { return fp.p.PromoteWith("orders", PromoteOptions{Force: true}) }, nil, config.ModeCanary, 1},
		{"bad mode", func() (RouteStatus, error) { return fp.p.SetMode("orders", "beta", ReasonAdmin) }, config.ErrBadMode, "", 0},
		{"unknown route", func() (RouteStatus, error) { return fp.p.Promote("nope") }, ErrUnknownRoute, "", 0},
		{"set service", func() (RouteStatus, error) { return fp.p.SetMode("orders", config.ModeService, ReasonAdmin) }, nil, config.ModeService, 100},
		{"rollback", func() (RouteStatus, error) { return fp.p.Rollback("orders", "pager") }, nil, config.ModeMonolith, 0},
		{"to canary", func() (RouteStatus, error) { return fp.p.SetMode("orders", config.ModeCanary, ReasonAdmin) }, nil, config.ModeCanary, 1},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			rs, err := s.change()
			if !errors.Is(err, s.wantErr) {
				t.Fatalf("error %v, want %v", err, s.wantErr)
			}
			if err != nil {
				return
			}
			if rs.Mode != s.wantMode || rs.Weight != s.wantWeight {
				t.Errorf("mode %s weight %g, want %s %g", rs.Mode, rs.Weight, s.wantMode, s.wantWeight)
			}
		})
	}
	rs := fp.p.Routes().Routes[0]
	if rs.Rollout == nil || rs.Rollout.LastRollback == nil || rs.Rollout.LastRollback.Reason != "pager" {
		t.Errorf("last rollback not recorded: %+v", rs.Rollout)
	}

	// A restart resumes where the route was.
	stop()
	fp2, _ := startFileProxy(t, dir, "", Options{})
	if rs := fp2.p.Routes().Routes[0]; rs.Mode != config.ModeCanary || rs.Weight != 1 || rs.Rollout.LastRollback == nil {
		t.Errorf("after restart: %+v", rs)
	}
	code, _, backend := get(t, testClient(), "GET", fp2.url+"/orders/1", map[string][]string{"X-User": {"u"}}, "")
	if code != 200 || backend == "" {
		t.Errorf("request after restart: %d from %q", code, backend)
	}
}

func TestFileChangeWinsOverStaleState(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	dir := t.TempDir()
	fp, stop := startFileProxy(t, dir, lifecycleConfig(mono.URL, svc.URL, ""), Options{})
	if _, err := fp.p.SetMode("orders", config.ModeShadow, ReasonAdmin); err != nil {
		t.Fatal(err)
	}
	stop()
	y := strings.Replace(lifecycleConfig(mono.URL, svc.URL, ""), "mode: monolith", "mode: service", 1)
	writeFile(t, fp.file, y)
	fp2, _ := startFileProxy(t, dir, "", Options{})
	if m := fp2.p.Routes().Routes[0].Mode; m != config.ModeService {
		t.Errorf("mode %s, want the file's service", m)
	}
}

func TestCorruptStateStartsOnMonolith(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	dir := t.TempDir()
	y := strings.Replace(lifecycleConfig(mono.URL, svc.URL, ""), "mode: monolith", "mode: service", 1)
	writeFile(t, filepath.Join(dir, "ficus-proxy.state.json"), `{"schema": "ficus.proxy.state/v1", "routes": {`)
	var logs syncBuffer
	fp, _ := startFileProxy(t, dir, y, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if !errors.Is(fp.p.StateError(), ErrCorruptState) {
		t.Errorf("StateError = %v, want ErrCorruptState", fp.p.StateError())
	}
	if rs := fp.p.Routes().Routes[0]; rs.Mode != config.ModeMonolith || rs.Weight != 0 {
		t.Errorf("route %+v, want monolith at 0", rs)
	}
	_, _, backend := get(t, testClient(), "GET", fp.url+"/orders/1", nil, "")
	if backend != "monolith" {
		t.Errorf("served by %s, want monolith", backend)
	}
	if _, err := os.Stat(filepath.Join(dir, "ficus-proxy.state.json.corrupt")); err != nil {
		t.Errorf("corrupt file not kept aside: %v", err)
	}
	if !strings.Contains(logs.String(), "state file is corrupt") {
		t.Errorf("corruption not logged:\n%s", logs.String())
	}
	doc, err := ReadState(filepath.Join(dir, "ficus-proxy.state.json"))
	if err != nil || doc == nil || doc.Routes["orders"].Mode != config.ModeMonolith {
		t.Errorf("fresh state: %+v, %v", doc, err)
	}
}

func TestModeValidation(t *testing.T) {
	base := `
backends: {monolith: {url: "http://127.0.0.1:1"}, orders: {url: "http://127.0.0.1:2"}}
default: monolith
`
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"bad mode", `routes: [{name: r, to: orders, mode: beta}]`, "routes[0].mode"},
		{"bad ignore", `routes: [{name: r, to: orders, shadow: {ignore: [created_at]}}]`, "must start with $"},
		{"falling steps", `rollout: {steps: [5, 1]}`, "rollout.steps[1]"},
		{"bad noise", `parity: {noise: sometimes}`, "parity.noise"},
		{"unknown noise backend", `parity: {noise: "backend:mono2"}`, "unknown backend"},
		{"p99 ratio", `routes: [{name: r, to: orders, rollout: {max_p99_ratio: 0.5}}]`, "threshold"},
		{"good", `routes: [{name: r, to: orders, mode: canary, shadow: {ignore: ["$.items[*].id"], headers: [Content-Type]}}]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("t.yaml", []byte(base+tt.yaml))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
	cfg, err := config.Parse("dir/t.yaml", []byte(base+`routes: [{name: r, to: orders, mode: canary}]`))
	if err != nil {
		t.Fatal(err)
	}
	if w := cfg.Routes[0].Weight; w == nil || *w != 1 {
		t.Errorf("canary weight defaults to the first step, got %v", w)
	}
	if got := cfg.StatePath(); got != "dir/t.state.json" {
		t.Errorf("StatePath = %q", got)
	}
}

// TestModeSurvivesReload: a live mode stays through a reload of an
// unrelated edit, and a promote clears the rollback note before it
// (package admin checks the status page).
func TestModeSurvivesReload(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	y := lifecycleConfig(mono.URL, svc.URL, "")
	fp, _ := startFileProxy(t, t.TempDir(), y, Options{})
	if _, err := fp.p.SetMode("orders", config.ModeShadow, ReasonAdmin); err != nil {
		t.Fatal(err)
	}
	if _, err := fp.p.Rollback("orders", "testing"); err != nil {
		t.Fatal(err)
	}
	if rb := fp.p.Routes().Routes[0].Rollout; rb == nil || rb.LastRollback == nil || rb.LastRollback.Reason != "testing" {
		t.Errorf("rollback not recorded: %+v", rb)
	}
	if _, err := fp.p.Promote("orders"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, fp.file, y+"\n# an unrelated edit\n")
	if err := fp.p.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if m := fp.p.Routes().Routes[0].Mode; m != config.ModeShadow {
		t.Errorf("mode after reload %s, want shadow", m)
	}
	// Promoted since: the rollback note is stale and gone.
	if rb := fp.p.Routes().Routes[0].Rollout; rb != nil && rb.LastRollback != nil {
		t.Errorf("stale rollback note after a promote: %+v", rb.LastRollback)
	}
}

func TestModesRouteRequests(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	svc.status.Store(503)
	tests := []struct {
		mode        config.Mode
		wantBackend string
		wantStatus  int
	}{
		{config.ModeMonolith, "monolith", 200},
		{config.ModeShadow, "monolith", 200},
		{config.ModeService, "monolith", 200}, // the service fails; the fallback serves
		{config.ModeRetired, "orders", 503},   // no fallback once retired
	}
	fp, _ := startFileProxy(t, t.TempDir(), lifecycleConfig(mono.URL, svc.URL, ""), Options{})
	c := testClient()
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			if _, err := fp.p.SetMode("orders", tt.mode, ReasonAdmin); err != nil {
				t.Fatalf("set mode: %v", err)
			}
			code, _, backend := get(t, c, "GET", fp.url+"/orders/1", nil, "")
			if code != tt.wantStatus || backend != tt.wantBackend {
				t.Errorf("got %d from %s, want %d from %s", code, backend, tt.wantStatus, tt.wantBackend)
			}
		})
	}
}
