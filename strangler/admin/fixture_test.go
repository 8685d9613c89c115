package admin

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
)

const testToken = "s3cret"

// fixture is a proxy read from a file, served on 127.0.0.1 with its admin
// API beside it.
type fixture struct {
	p     *strangler.Proxy
	url   string // the proxy
	admin string // the admin API
	file  string
}

// backend answers every request with its name, in the body and in
// X-Backend.
func backend(t *testing.T, name string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Backend", name)
		_, _ = io.WriteString(w, name)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// weightConfig is one weighted route; the route's entry is on line 7.
func weightConfig(mono, svc, weight string) string {
	return fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
server: {shutdown_timeout: 10s}
routes:
  - name: r
    match: {path: "/orders/"}
    to: orders
    weight: %s
    cohort: header:X-User-ID
    fallback: monolith
`, mono, svc, weight)
}

// lifecycleConfig is one route in monolith mode with a five-step rollout.
func lifecycleConfig(mono, svc string) string {
	return fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
rollout: {steps: [1, 5, 25, 50, 100], interval: 1m, min_requests: 5}
routes:
  - name: orders
    match: {path: "/orders/"}
    to: orders
    mode: monolith
    fallback: monolith
`, mono, svc)
}

// start writes y to a file, loads it and serves the proxy and New(p, o);
// o.Gatherer is the proxy's registry when nil.
func start(t *testing.T, y string, o Options) *fixture {
	t.Helper()
	file := filepath.Join(t.TempDir(), "ficus-proxy.yaml")
	if err := os.WriteFile(file, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cfg, err := config.Load(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	p, err := strangler.NewProxy(ctx, cfg, strangler.Options{Logger: slog.New(slog.DiscardHandler), Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	if o.Gatherer == nil {
		o.Gatherer = reg
	}
	proxy := httptest.NewServer(p)
	t.Cleanup(proxy.Close)
	adm := httptest.NewServer(New(p, o))
	t.Cleanup(adm.Close)
	return &fixture{p: p, url: proxy.URL, admin: adm.URL, file: file}
}

// do sends one request to url and returns the status and body.
func do(t *testing.T, method, url, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}
