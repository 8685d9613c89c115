package strangler

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// jsonBackend answers every request with a JSON order whose "at" field
// changes on every answer (noise) and whose "status" field is status.
func jsonBackend(t *testing.T, name, status string) *httptest.Server {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Backend", name)
		fmt.Fprintf(w, `{"id":%q,"at":"t%d","status":%q,"items":[{"sku":"x","qty":1}]}`, r.URL.Path, n.Add(1), status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func shadowConfig(mono, svc string) string {
	return fmt.Sprintf(`
backends:
  monolith: {url: %s}
  orders: {url: %s, timeout: 5s}
default: monolith
parity: {timeout: 300ms, queue: 4, workers: 2}
routes:
  - name: orders
    match: {path: "/orders/"}
    to: orders
    mode: shadow
    shadow: {headers: [Content-Type]}
  - name: orders-unsafe
    match: {methods: [POST], path: "/orders/"}
    to: orders
    mode: shadow
`, mono, svc)
}

func TestShadowFindsDifferenceAboveNoise(t *testing.T) {
	mono := jsonBackend(t, "monolith", "open")
	svc := jsonBackend(t, "orders", "OPEN")
	p, srv := startProxy(t, shadowConfig(mono.URL, svc.URL))
	c := testClient()
	for i := range 10 {
		code, body, backend := get(t, c, "GET", fmt.Sprintf("%s/orders/%d", srv.URL, i), nil, "")
		if code != 200 || backend != "monolith" || !strings.Contains(body, `"open"`) {
			t.Fatalf("client got %d from %s: %s", code, backend, body)
		}
	}
	get(t, c, "POST", srv.URL+"/orders/1", nil, `{"qty":1}`)
	// Every copy ends in one outcome: compared, failed or dropped (the
	// queue may drop under load). Wait for all ten, then judge those
	// compared.
	var rp RouteParity
	eventually(t, "an outcome for each of the 10 copies", func() bool {
		for _, r := range p.Parity().Routes {
			if r.Route == "orders" {
				rp = r
			}
		}
		n := rp.Compared + rp.Errors
		for _, d := range rp.Dropped {
			n += d
		}
		return n == 10
	})
	if rp.Compared == 0 || rp.Mismatched != rp.Compared || rp.MismatchRate != 1 {
		t.Fatalf("parity %+v, want every compared copy to differ", rp)
	}
	if len(rp.Paths) == 0 || rp.Paths[0].Path != "$.status" || rp.Paths[0].Mismatches != rp.Compared {
		t.Errorf("paths %+v, want $.status first", rp.Paths)
	}
	for _, ps := range rp.Paths {
		if ps.Path == "$.at" && ps.Class != ClassNoise {
			t.Errorf("noise reported as a mismatch: %+v", ps)
		}
	}
	if len(rp.Samples) == 0 || rp.Samples[0].Diffs[0].A != `"open"` {
		t.Errorf("samples %+v", rp.Samples)
	}
	// POST is not idempotent and the route did not say it is safe.
	for _, r := range p.Parity().Routes {
		if r.Route == "orders-unsafe" && r.Dropped["skipped_unsafe"] != 1 {
			t.Errorf("unsafe POST: %+v", r)
		}
	}
}

func TestShadowFaultsNeverReachClients(t *testing.T) {
	mono := jsonBackend(t, "monolith", "open")
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); hang.Close() })
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		_, _ = w.Write([]byte("\x00\xff<html>oops"))
	}))
	t.Cleanup(garbage.Close)

	tests := []struct {
		name, svc  string
		wantResult func(RouteParity) bool
	}{
		{"hanging service", hang.URL, func(r RouteParity) bool { return r.Errors > 0 && r.Dropped["dropped_queue"] > 0 }},
		{"garbage service", garbage.URL, func(r RouteParity) bool { return r.Mismatched > 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, srv := startProxy(t, shadowConfig(mono.URL, tt.svc))
			c := testClient()
			start := time.Now()
			for i := range 40 {
				code, _, backend := get(t, c, "GET", fmt.Sprintf("%s/orders/%d", srv.URL, i), nil, "")
				if code != 200 || backend != "monolith" {
					t.Fatalf("request %d: %d from %s", i, code, backend)
				}
			}
			// 40 requests against a service that hangs for far longer than
			// the shadow timeout would take 12s if shadowing were inline.
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("40 client requests took %s", d)
			}
			eventually(t, "the fault to be counted", func() bool {
				for _, r := range p.Parity().Routes {
					if r.Route == "orders" && tt.wantResult(r) {
						return true
					}
				}
				return false
			})
		})
	}
}

// TestParityLabelsAndMapsAreBounded shadows responses keyed by the query,
// so that every request differs at a new JSON path: the mismatch metric's
// path label and the parity maps must stay bounded.
func TestParityLabelsAndMapsAreBounded(t *testing.T) {
	keyed := func(name, prefix string) *httptest.Server {
		var n atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Backend", name)
			// The key comes from the query, and the value changes on every
			// call: noise and differences at a new path each time.
			fmt.Fprintf(w, `{%q:%q}`, prefix+r.URL.Query().Get("q"), fmt.Sprint(name, n.Add(1)))
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	mono, svc := keyed("monolith", "m"), keyed("orders", "s")
	reg := prometheus.NewRegistry()
	y := strings.Replace(shadowConfig(mono.URL, svc.URL), "queue: 4, workers: 2", "queue: 512, workers: 2", 1)
	p, srv := startProxyWith(t, y, Options{Logger: discardLogger(), Registry: reg})
	c := testClient()
	const n = maxMetricPaths + 30
	for i := range n {
		get(t, c, "GET", fmt.Sprintf("%s/orders/1?q=%d", srv.URL, i), nil, "")
	}
	eventually(t, "every copy compared", func() bool {
		for _, r := range p.Parity().Routes {
			if r.Route == "orders" {
				return r.Compared+r.Errors == n
			}
		}
		return false
	})
	series := 0
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "ficus_proxy_parity_mismatches_total" {
			series = len(mf.GetMetric())
		}
	}
	if series == 0 || series > maxMetricPaths+1 {
		t.Errorf("%d mismatch series for %d requests, want 1 to %d", series, n, maxMetricPaths+1)
	}

	// The path map and the window hold at most maxPaths paths and parityWindow observations, however many differ.
	pa := newParity(0)
	for i := range maxPaths + 100 {
		key := fmt.Sprintf(`{"k%d":1}`, i)
		a := &exchange{status: 200, header: http.Header{}, body: []byte(key)}
		b := &exchange{status: 200, header: http.Header{}, body: []byte(`{}`)}
		pa.record("r", ParitySample{}, a, b, b, compareOptions{}, nil)
	}
	if rp := pa.routes["r"]; len(rp.window) > parityWindow || len(rp.paths) > maxPaths+1 || len(rp.metricPaths) > maxMetricPaths {
		t.Errorf("maps grew to %d observations, %d paths, %d labels", len(rp.window), len(rp.paths), len(rp.metricPaths))
	}
}
