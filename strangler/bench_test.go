package strangler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// BenchmarkProxy measures one GET through the proxy to a trivial backend,
// over keep-alive connections, with a route, a cohort split and a
// fallback configured (the common production shape).
func BenchmarkProxy(b *testing.B) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("hello, world\n"))
	}))
	defer up.Close()
	_, url, c := benchProxy(b, fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
routes:
  - {name: orders-read, match: {methods: [GET], path: "/orders/{id}"}, to: orders, weight: 50, cohort: header:X-User-ID, fallback: monolith}
`, up.URL, up.URL))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req, _ := http.NewRequest("GET", url+"/orders/1", nil)
		req.Header.Set("X-User-ID", "bench")
		for pb.Next() {
			resp, err := c.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
}

// BenchmarkRouterMatch measures route matching alone.
func BenchmarkRouterMatch(b *testing.B) {
	var ms []*match.Matcher
	for i, mc := range []match.Rule{
		{Methods: []string{"GET"}, Path: "/orders/{id}"},
		{Methods: []string{"POST"}, Path: "/orders", Headers: map[string]string{"X-Beta": "1"}},
		{Path: "/files/{rest...}"},
		{Path: "/api/v1/customers/{id}/addresses/{$}"},
	} {
		m, _ := match.Compile(i, mc)
		ms = append(ms, m...)
	}
	rt, _ := match.NewRouter(ms)
	r, _ := http.NewRequest("GET", "http://x/orders/42", nil)
	b.ReportAllocs()
	for b.Loop() {
		if rt.Match(r) == nil {
			b.Fatal("no match")
		}
	}
}

// BenchmarkShadow measures one GET through a route in shadow mode: the
// client is served by the monolith while a copy goes to the service and is
// compared in the background. Compare with BenchmarkShadowOff, the same
// route in monolith mode.
func BenchmarkShadow(b *testing.B) { benchmarkMode(b, "shadow") }

// BenchmarkShadowOff is BenchmarkShadow's baseline.
func BenchmarkShadowOff(b *testing.B) { benchmarkMode(b, "monolith") }

func benchmarkMode(b *testing.B, mode string) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"prd_1","price_cents":2490,"items":[{"sku":"a","qty":1},{"sku":"b","qty":2}]}`))
	}))
	defer up.Close()
	p, url, c := benchProxy(b, fmt.Sprintf(`backends:
  monolith: {url: %s}
  catalog: {url: %s}
default: monolith
routes:
  - {name: products, match: {methods: [GET], path: "/products/{id}"}, to: catalog, mode: %s}
`, up.URL, up.URL, mode))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := c.Get(url + "/products/1")
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
	b.StopTimer()
	if mode == "shadow" {
		doc := p.Parity()
		if len(doc.Routes) == 1 {
			r := doc.Routes[0]
			b.ReportMetric(float64(r.Compared), "compared")
			b.ReportMetric(float64(r.Dropped["dropped_queue"]), "dropped")
		}
	}
}

// benchProxy serves config y through a proxy on 127.0.0.1 and returns the
// proxy, its URL and a keep-alive client.
func benchProxy(b *testing.B, y string) (*Proxy, string, *http.Client) {
	b.Helper()
	cfg, err := config.Parse("b.yaml", []byte(y))
	if err != nil {
		b.Fatal(err)
	}
	p, err := NewProxy(context.Background(), cfg, Options{Logger: discardLogger(), Registry: prometheus.NewRegistry(), StateFile: "-"})
	if err != nil {
		b.Fatal(err)
	}
	srv := newFront(b, p, cfg.Server, cfg.Server.FastPathEnabled())
	b.Cleanup(func() { srv.Close(); p.Close() })
	return p, srv.URL, &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
}
