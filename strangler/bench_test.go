package strangler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkProxy measures one GET through the proxy to a trivial backend,
// over keep-alive connections, with a route, a cohort split and a
// fallback configured (the common production shape).
func BenchmarkProxy(b *testing.B) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("hello, world\n"))
	}))
	defer up.Close()
	cfg, err := Parse("b.yaml", []byte(fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
routes:
  - {name: orders-read, match: {methods: [GET], path: "/orders/{id}"}, to: orders, weight: 50, cohort: header:X-User-ID, fallback: monolith}
`, up.URL, up.URL)))
	if err != nil {
		b.Fatal(err)
	}
	p, err := NewProxy(context.Background(), cfg, Options{Logger: discardLogger(), Registry: prometheus.NewRegistry()})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	srv := httptest.NewServer(p)
	defer srv.Close()
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req, _ := http.NewRequest("GET", srv.URL+"/orders/1", nil)
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
	var ms []*matcher
	for i, mc := range []MatchConfig{
		{Methods: []string{"GET"}, Path: "/orders/{id}"},
		{Methods: []string{"POST"}, Path: "/orders", Headers: map[string]string{"X-Beta": "1"}},
		{Path: "/files/{rest...}"},
		{Path: "/api/v1/customers/{id}/addresses/{$}"},
	} {
		m, _ := compileMatchers(i, mc)
		ms = append(ms, m...)
	}
	rt, _ := newRouter(ms)
	r, _ := http.NewRequest("GET", "http://x/orders/42", nil)
	b.ReportAllocs()
	for b.Loop() {
		if rt.match(r) == nil {
			b.Fatal("no match")
		}
	}
}
