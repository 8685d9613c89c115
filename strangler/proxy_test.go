package strangler

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

func twoBackends(t *testing.T) (mono, svc *upstream, head string) {
	mono, svc = newUpstream(t, "monolith"), newUpstream(t, "orders")
	head = fmt.Sprintf("listen: 127.0.0.1:0\nadmin: 127.0.0.1:1\nbackends:\n  monolith: {url: %s}\n  orders: {url: %s, timeout: 2s}\ndefault: monolith\n", mono.URL, svc.URL)
	return mono, svc, head
}

func TestProxyRoutes(t *testing.T) {
	_, _, head := twoBackends(t)
	_, srv := startProxy(t, head+`routes:
  - name: orders-read
    match: {methods: [GET], path: "/orders/{id}"}
    to: orders
  - name: orders-write
    match: {methods: [POST], path: "/orders", headers: {X-Beta: "1"}}
    to: orders
  - name: beta-cookie
    match: {path: "/beta/", cookies: {beta: "*"}, query: {v: "2"}}
    to: orders
`)
	c := testClient()
	tests := []struct {
		method, path string
		header       http.Header
		want         string
	}{
		{"GET", "/", nil, "monolith"},
		{"GET", "/orders/7", nil, "orders"},
		{"HEAD", "/orders/7", nil, "orders"},
		{"GET", "/orders/7/items", nil, "monolith"},
		{"DELETE", "/orders/7", nil, "monolith"},
		{"POST", "/orders", nil, "monolith"},
		{"POST", "/orders", http.Header{"X-Beta": {"1"}}, "orders"},
		{"GET", "/beta/x?v=2", http.Header{"Cookie": {"beta=1"}}, "orders"},
		{"GET", "/beta/x?v=3", http.Header{"Cookie": {"beta=1"}}, "monolith"},
		{"GET", "/beta/x?v=2", nil, "monolith"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			status, _, got := get(t, c, tt.method, srv.URL+tt.path, tt.header, "")
			if status != http.StatusOK || got != tt.want {
				t.Errorf("got %d from %q, want 200 from %q", status, got, tt.want)
			}
		})
	}
}

func TestWeightSplitWithinThreePercent(t *testing.T) {
	_, _, head := twoBackends(t)
	p, srv := startProxy(t, head+`routes:
  - name: orders-read
    match: {methods: [GET], path: "/orders/{id}"}
    to: orders
    weight: 25
    cohort: header:X-User-ID
`)
	const keys = 10000
	// Every key through the selector, then a sample through the real proxy.
	rt := p.Table().Routes[0]
	toSvc := 0
	for i := range keys {
		r, _ := http.NewRequest("GET", "/orders/1", nil)
		r.Header.Set("X-User-ID", fmt.Sprintf("user-%d", i))
		if rt.selector.Select(r, netip.MustParseAddr("192.0.2.1"), rt).Backend == rt.To {
			toSvc++
		}
	}
	if share := float64(toSvc) / keys * 100; share < 22 || share > 28 {
		t.Errorf("share to orders = %.2f%%, want 25%% ± 3", share)
	}
	c := testClient()
	for i := range 200 {
		key := fmt.Sprintf("user-%d", i)
		_, _, got := get(t, c, "GET", srv.URL+"/orders/1", http.Header{"X-User-Id": {key}}, "")
		want := "monolith"
		if Bucket(key) < 2500 {
			want = "orders"
		}
		if got != want {
			t.Fatalf("key %s (bucket %d) went to %s, want %s", key, Bucket(key), got, want)
		}
	}
}

func TestRampIsStable(t *testing.T) {
	_, _, head := twoBackends(t)
	p, _ := startProxy(t, head+`routes:
  - name: r
    match: {path: "/"}
    to: orders
    weight: 0
    cohort: cookie:uid
`)
	rt := p.Table().Routes[0]
	side := func(key string) bool {
		r, _ := http.NewRequest("GET", "/", nil)
		r.AddCookie(&http.Cookie{Name: "uid", Value: key})
		return rt.selector.Select(r, netip.MustParseAddr("192.0.2.1"), rt).Backend == rt.To
	}
	moved := map[string]bool{}
	for _, w := range []float64{0, 1, 5, 10, 25, 50, 75, 99.99, 100} {
		if err := p.SetWeight("r", w); err != nil {
			t.Fatal(err)
		}
		n := 0
		for i := range 2000 {
			key := fmt.Sprintf("k%d", i)
			s := side(key)
			if moved[key] && !s {
				t.Fatalf("key %s moved back to the default at weight %g", key, w)
			}
			// The same key always lands on the same side at one weight.
			if side(key) != s {
				t.Fatalf("key %s is not stable at weight %g", key, w)
			}
			if s {
				moved[key] = true
				n++
			}
		}
		if w == 100 && n != 2000 || w == 0 && n != 0 {
			t.Fatalf("weight %g sent %d of 2000 keys", w, n)
		}
	}
}

func TestOverrideHeader(t *testing.T) {
	_, _, head := twoBackends(t)
	route := `routes:
  - name: r
    match: {path: "/x"}
    to: orders
    weight: 0
    fallback: monolith
`
	tests := []struct {
		name   string
		extra  string
		header http.Header
		want   string
	}{
		{"forces the target", "", http.Header{"X-Ficus-Backend": {"orders"}}, "orders"},
		{"forces the default", "override: {header: X-Side}\n", http.Header{"X-Side": {"monolith"}}, "monolith"},
		{"cookie", "override: {cookie: side}\n", http.Header{"Cookie": {"side=orders"}}, "orders"},
		{"unknown name is ignored", "", http.Header{"X-Ficus-Backend": {"billing"}}, "monolith"},
		{"disabled", "override: {enabled: false}\n", http.Header{"X-Ficus-Backend": {"orders"}}, "monolith"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := startProxy(t, head+tt.extra+route)
			_, _, got := get(t, testClient(), "GET", srv.URL+"/x", tt.header, "")
			if got != tt.want {
				t.Errorf("went to %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOverrideHeaderIsNotForwarded(t *testing.T) {
	_, _, head := twoBackends(t)
	_, srv := startProxy(t, head+"routes:\n  - {name: r, match: {path: /echo}, to: orders, weight: 0}\n")
	_, body, _ := get(t, testClient(), "GET", srv.URL+"/echo", http.Header{"X-Ficus-Backend": {"orders"}}, "")
	var e echo
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatal(err, body)
	}
	if e.Backend != "orders" || e.Header.Get("X-Ficus-Backend") != "" {
		t.Errorf("backend %s saw override header %q", e.Backend, e.Header.Get("X-Ficus-Backend"))
	}
}

func fallbackRoute(extra string) string {
	return `routes:
  - name: r
    match: {path: "/"}
    to: orders
    fallback: monolith
` + extra
}

func TestFallback(t *testing.T) {
	tests := []struct {
		name         string
		setup        func(svc *upstream)
		method       string
		body         string
		header       http.Header
		wantStatus   int
		wantBackend  string
		wantSvcHits  int64 // -1: do not check
		wantMonoHits int64
	}{
		{"5xx GET falls back", func(s *upstream) { s.status.Store(503) }, "GET", "", nil, 200, "monolith", 1, 1},
		{"5xx PUT with body falls back", func(s *upstream) { s.status.Store(500) }, "PUT", "payload", nil, 200, "monolith", 1, 1},
		{"5xx POST is not replayed", func(s *upstream) { s.status.Store(500) }, "POST", "payload", nil, 500, "orders", 1, 0},
		{"5xx POST with idempotency key falls back", func(s *upstream) { s.status.Store(502) }, "POST", "payload", http.Header{"Idempotency-Key": {"k1"}}, 200, "monolith", 1, 1},
		{"timeout GET falls back", func(s *upstream) { s.delay.Store(int64(5 * time.Second)) }, "GET", "", nil, 200, "monolith", 1, 1},
		{"timeout POST is 504", func(s *upstream) { s.delay.Store(int64(5 * time.Second)) }, "POST", "x", nil, 504, "", 1, 0},
		{"connection refused POST falls back", func(s *upstream) { s.Close() }, "POST", "payload", nil, 200, "monolith", -1, 1},
		{"healthy 4xx is passed through", func(s *upstream) { s.status.Store(404) }, "GET", "", nil, 404, "orders", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
			y := fmt.Sprintf("backends:\n  monolith: {url: %s}\n  orders: {url: %s, timeout: 300ms}\ndefault: monolith\n", mono.URL, svc.URL)
			_, srv := startProxy(t, y+fallbackRoute(""))
			tt.setup(svc)
			status, _, backend := get(t, testClient(), tt.method, srv.URL+"/x", tt.header, tt.body)
			if status != tt.wantStatus || backend != tt.wantBackend {
				t.Errorf("got %d from %q, want %d from %q", status, backend, tt.wantStatus, tt.wantBackend)
			}
			if tt.wantSvcHits >= 0 {
				eventually(t, "service hits", func() bool { return svc.hits.Load() == tt.wantSvcHits })
			}
			if got := mono.hits.Load(); got != tt.wantMonoHits {
				t.Errorf("monolith hits = %d, want %d", got, tt.wantMonoHits)
			}
		})
	}
}

func TestFallbackReplaysBody(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\n  orders: {url: %s}\ndefault: monolith\n", mono.URL, svc.URL)
	_, srv := startProxy(t, y+"routes:\n  - {name: r, match: {path: /echo}, to: orders, fallback: monolith}\n")
	svc.Close()
	payload := strings.Repeat("body-", 1000)
	_, body, _ := get(t, testClient(), "PUT", srv.URL+"/echo", nil, payload)
	var e echo
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatal(err, body)
	}
	if e.Backend != "monolith" || e.Body != payload {
		t.Errorf("fallback %s got body of %d bytes, want %d", e.Backend, len(e.Body), len(payload))
	}
}

func TestLargeBodyBeyondReplayLimitIsNotReplayedAfterSend(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\n  orders: {url: %s}\ndefault: monolith\nserver: {replay_body_bytes: 1KiB}\n", mono.URL, svc.URL)
	_, srv := startProxy(t, y+fallbackRoute(""))
	svc.status.Store(503)
	status, _, backend := get(t, testClient(), "PUT", srv.URL+"/x", nil, strings.Repeat("x", 4096))
	if status != 503 || backend != "orders" || mono.hits.Load() != 0 {
		t.Errorf("got %d from %s (monolith hits %d); a body over the replay limit must not be replayed", status, backend, mono.hits.Load())
	}
}

// TestFallbackWhenServiceKilledMidLoad kills the service while GETs are
// flowing: every GET must still succeed.
func TestFallbackWhenServiceKilledMidLoad(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\n  orders: {url: %s, timeout: 2s}\ndefault: monolith\n", mono.URL, svc.URL)
	_, srv := startProxy(t, y+fallbackRoute(""))
	c := testClient()
	var failed, done atomic.Int64
	var wg sync.WaitGroup
	const workers, perWorker = 8, 150
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				req, _ := http.NewRequest("GET", fmt.Sprintf("%s/orders/%d-%d", srv.URL, w, i), nil)
				resp, err := c.Do(req)
				if err != nil || resp.StatusCode != 200 {
					failed.Add(1)
					if err == nil {
						resp.Body.Close()
					}
					continue
				}
				resp.Body.Close()
				done.Add(1)
			}
		})
	}
	eventually(t, "some requests", func() bool { return done.Load() > workers*perWorker/4 })
	svc.CloseClientConnections()
	svc.Close()
	wg.Wait()
	if n := failed.Load(); n != 0 {
		t.Errorf("%d of %d GETs failed while the service died", n, workers*perWorker)
	}
	if mono.hits.Load() == 0 {
		t.Errorf("monolith never served a fallback")
	}
}

func TestBreakerOpensAndCloses(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	y := fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s, breaker: {failures: 3, open_for: 300ms}}
default: monolith
`, mono.URL, svc.URL)
	p, srv := startProxy(t, y+fallbackRoute(""))
	c := testClient()
	orders := p.Table().Backends["orders"]
	svc.status.Store(500)
	for range 3 {
		if status, _, b := get(t, c, "GET", srv.URL+"/x", nil, ""); status != 200 || b != "monolith" {
			t.Fatalf("got %d from %s, want a fallback", status, b)
		}
	}
	if got := orders.Status().Breaker; got != "open" {
		t.Fatalf("breaker = %s after 3 failures, want open", got)
	}
	hits := svc.hits.Load()
	for range 5 {
		if _, _, b := get(t, c, "GET", srv.URL+"/x", nil, ""); b != "monolith" {
			t.Fatalf("open breaker: served by %s", b)
		}
	}
	if svc.hits.Load() != hits {
		t.Errorf("an open breaker let requests through to the service")
	}
	svc.status.Store(0)
	eventually(t, "breaker to close", func() bool {
		_, _, b := get(t, c, "GET", srv.URL+"/x", nil, "")
		return b == "orders" && orders.Status().Breaker == "closed"
	})
}

func TestBreakerOpenWithoutFallbackIs503(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\n  orders: {url: %s, breaker: {failures: 2, open_for: 1m}}\ndefault: monolith\n", mono.URL, svc.URL)
	_, srv := startProxy(t, y+"routes:\n  - {name: r, match: {path: /}, to: orders}\n")
	svc.status.Store(500)
	c := testClient()
	for range 2 {
		get(t, c, "GET", srv.URL+"/", nil, "")
	}
	if status, _, _ := get(t, c, "GET", srv.URL+"/", nil, ""); status != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503 from the open breaker", status)
	}
}

func TestActiveHealthCheck(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	y := fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s, health: {path: /healthz, interval: 20ms, unhealthy_after: 2, healthy_after: 2}, breaker: {enabled: false}}
default: monolith
`, mono.URL, svc.URL)
	p, srv := startProxy(t, y+fallbackRoute(""))
	orders := p.Table().Backends["orders"]
	c := testClient()
	if _, _, b := get(t, c, "GET", srv.URL+"/x", nil, ""); b != "orders" {
		t.Fatalf("healthy service: served by %s", b)
	}
	svc.status.Store(503) // health endpoint and traffic fail
	eventually(t, "unhealthy", func() bool { return !orders.Healthy() })
	if st := orders.Status(); !strings.Contains(st.HealthCheck, "503") {
		t.Errorf("health check status %q should name the failure", st.HealthCheck)
	}
	hits := svc.hits.Load()
	if _, _, b := get(t, c, "GET", srv.URL+"/x", nil, ""); b != "monolith" {
		t.Errorf("unhealthy service: served by %s", b)
	}
	if svc.hits.Load() != hits {
		t.Errorf("traffic went to an unhealthy backend")
	}
	svc.status.Store(0)
	eventually(t, "healthy again", orders.Healthy)
}

func TestForwardedHeaders(t *testing.T) {
	_, _, head := twoBackends(t)
	tests := []struct {
		name       string
		trusted    string
		header     http.Header
		wantFor    string
		wantProto  string
		wantClient string
	}{
		{"untrusted peer: spoofed headers replaced", "",
			http.Header{"X-Forwarded-For": {"6.6.6.6"}, "X-Forwarded-Proto": {"https"}, "Forwarded": {"for=6.6.6.6"}},
			"127.0.0.1", "http", "127.0.0.1"},
		{"trusted peer: chain extended", "trusted_proxies: [127.0.0.1/32]\n",
			http.Header{"X-Forwarded-For": {"203.0.113.9, 10.0.0.1"}, "X-Forwarded-Proto": {"https"}},
			"203.0.113.9, 10.0.0.1, 127.0.0.1", "https", "10.0.0.1"},
		{"trusted peer and hops", "trusted_proxies: [127.0.0.1, 10.0.0.0/8]\n",
			http.Header{"X-Forwarded-For": {"203.0.113.9, 10.0.0.1"}},
			"203.0.113.9, 10.0.0.1, 127.0.0.1", "http", "203.0.113.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := startProxy(t, head+tt.trusted)
			_, body, _ := get(t, testClient(), "GET", srv.URL+"/echo", tt.header, "")
			var e echo
			if err := json.Unmarshal([]byte(body), &e); err != nil {
				t.Fatal(err, body)
			}
			if got := e.Header.Get("X-Forwarded-For"); got != tt.wantFor {
				t.Errorf("X-Forwarded-For = %q, want %q", got, tt.wantFor)
			}
			if got := e.Header.Get("X-Forwarded-Proto"); got != tt.wantProto {
				t.Errorf("X-Forwarded-Proto = %q, want %q", got, tt.wantProto)
			}
			if tt.trusted == "" && e.Header.Get("Forwarded") != "" {
				t.Errorf("Forwarded from an untrusted peer was passed on")
			}
			r, _ := http.NewRequest("GET", "/", nil)
			r.RemoteAddr = "127.0.0.1:5555"
			r.Header = tt.header
			cfg := parseConfig(t, head+tt.trusted)
			var prefixes []netip.Prefix
			for _, s := range cfg.TrustedProxies {
				pf, _ := config.ParsePrefix(s)
				prefixes = append(prefixes, pf)
			}
			if _, _, client := clientAddr(r, prefixes); client.String() != tt.wantClient {
				t.Errorf("client = %s, want %s", client, tt.wantClient)
			}
		})
	}
}

func TestHopByHopHeadersStripped(t *testing.T) {
	_, _, head := twoBackends(t)
	_, srv := startProxy(t, head)
	h := http.Header{"Connection": {"X-Secret, keep-alive"}, "X-Secret": {"s"}, "Keep-Alive": {"timeout=5"}, "Proxy-Authorization": {"x"}, "X-Kept": {"k"}}
	_, body, _ := get(t, testClient(), "GET", srv.URL+"/echo", h, "")
	var e echo
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatal(err, body)
	}
	for _, k := range []string{"X-Secret", "Keep-Alive", "Proxy-Authorization"} {
		if e.Header.Get(k) != "" {
			t.Errorf("hop-by-hop header %s reached the backend", k)
		}
	}
	if e.Header.Get("X-Kept") != "k" {
		t.Errorf("end-to-end header lost")
	}
}

func TestHostHeader(t *testing.T) {
	mono := newUpstream(t, "monolith")
	tests := []struct{ hostHeader, want string }{{"", "shop.example.com"}, {"internal.svc", "internal.svc"}}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			y := fmt.Sprintf("backends:\n  monolith: {url: %s, host_header: %q}\ndefault: monolith\n", mono.URL, tt.hostHeader)
			_, srv := startProxy(t, y)
			req, _ := http.NewRequest("GET", srv.URL+"/echo", nil)
			req.Host = "shop.example.com"
			resp, err := testClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e echo
			_ = json.NewDecoder(resp.Body).Decode(&e)
			if e.Host != tt.want {
				t.Errorf("backend saw Host %q, want %q", e.Host, tt.want)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	mono := newUpstream(t, "monolith")
	y := fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {max_body_bytes: 1KiB}\n", mono.URL)
	_, srv := startProxy(t, y)
	c := testClient()
	if status, _, _ := get(t, c, "POST", srv.URL+"/", nil, strings.Repeat("x", 2048)); status != http.StatusRequestEntityTooLarge {
		t.Errorf("declared oversize body: status %d, want 413", status)
	}
	// A chunked body has no declared length: the limit is enforced while streaming.
	req, _ := http.NewRequest("POST", srv.URL+"/", &slowReader{n: 4096})
	resp, err := c.Do(req)
	if err == nil {
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked oversize body: status %d, want 413", resp.StatusCode)
		}
		resp.Body.Close()
	}
	if status, _, _ := get(t, c, "POST", srv.URL+"/", nil, "small"); status != 200 {
		t.Errorf("small body: status %d", status)
	}
}

// slowReader yields n bytes in small reads, with no declared length.
type slowReader struct{ n int }

func (r *slowReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := min(len(p), 256, r.n)
	for i := range k {
		p[i] = 'x'
	}
	r.n -= k
	return k, nil
}

func TestConnectIsRefused(t *testing.T) {
	_, _, head := twoBackends(t)
	_, srv := startProxy(t, head)
	if status, _, _ := get(t, testClient(), "CONNECT", srv.URL+"/", nil, ""); status != http.StatusMethodNotAllowed {
		t.Errorf("CONNECT: %d, want 405", status)
	}
}
