package strangler

import (
	"bufio"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// This file probes the proxy as a hostile client would, through raw
// sockets, on both serving paths: the fast path (the lane and forward) and
// net/http with ReverseProxy.

// bothPaths runs fn with server.fast_path on and off; fn gets the server
// block to add to its configuration.
func bothPaths(t *testing.T, fn func(t *testing.T, server string)) {
	t.Helper()
	for _, fast := range []bool{true, false} {
		name := "fast_path"
		if !fast {
			name = "net_http"
		}
		t.Run(name, func(t *testing.T) { fn(t, fmt.Sprintf("fast_path: %t", fast)) })
	}
}

// rawExchange sends raw bytes on a new connection to url and reads one
// response. closed then reports whether the proxy closed the connection.
func rawExchange(t *testing.T, url, raw string) (res *http.Response, body string, closed func() bool) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	res, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("read response to %q: %v", raw, err)
	}
	b, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	closed = func() bool {
		// A closed connection reads EOF at once; an open one times out.
		_ = c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		_, err := br.ReadByte()
		return err == io.EOF || (err != nil && !h1.IsTimeout(err))
	}
	return res, string(b), closed
}

func TestClientMistakesDoNotCountAgainstTheBackend(t *testing.T) {
	bothPaths(t, func(t *testing.T, server string) {
		mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
		y := fmt.Sprintf(`backends:
  monolith: {url: %s}
  orders: {url: %s, breaker: {failures: 3, open_for: 1m}}
default: monolith
server: {%s, max_body_bytes: 1KiB}
routes:
  - {name: r, match: {path: /}, to: orders}
`, mono.URL, svc.URL, server)
		reg := prometheus.NewRegistry()
		p, srv := startProxyWith(t, y, Options{Logger: discardLogger(), Registry: reg})
		big := strings.Repeat("x", 2048)
		tests := []struct {
			name, raw  string
			wantStatus int
		}{
			{"malformed chunk", "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
			{"declared length over the limit", "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2048\r\n\r\n" + big, 413},
			{"chunked body over the limit", "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + big + "\r\n0\r\n\r\n", 413},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := counterSum(t, reg, "ficus_proxy_client_errors_total")
				for i := range 5 {
					res, _, closed := rawExchange(t, srv.URL, tt.raw)
					if res.StatusCode != tt.wantStatus {
						t.Fatalf("try %d: status %d, want %d", i, res.StatusCode, tt.wantStatus)
					}
					if !closed() {
						t.Errorf("try %d: the connection stayed open after a broken body", i)
					}
				}
				if got := counterSum(t, reg, "ficus_proxy_client_errors_total") - before; got != 5 {
					t.Errorf("client errors grew by %v, want 5", got)
				}
				if st := p.Table().Backends["orders"].Status(); st.Breaker != "closed" || st.Failures != 0 {
					t.Errorf("breaker %s with %d failures after client mistakes, want closed with none", st.Breaker, st.Failures)
				}
				service, _ := p.windows.snapshot("r")
				if service.Errors != 0 {
					t.Errorf("rollout window counted %d service errors for client mistakes", service.Errors)
				}
				if status, _, b := get(t, testClient(), "GET", srv.URL+"/x", nil, ""); status != 200 || b != "orders" {
					t.Errorf("GET after client mistakes: %d from %q, want 200 from orders", status, b)
				}
			})
		}
	})
}

// echoed sends a request with raw header lines to /echo and returns what
// the backend received.
func echoed(t *testing.T, url, method, target string, lines ...string) echo {
	t.Helper()
	raw := method + " " + target + " HTTP/1.1\r\nHost: a\r\n" + strings.Join(lines, "") + "\r\n"
	res, body, _ := rawExchange(t, url, raw)
	var e echo
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("%d %s: %v", res.StatusCode, body, err)
	}
	return e
}

func TestClientCannotSendFicusOrAddressHeaders(t *testing.T) {
	spoof := []string{
		"X-Ficus-Shadow: 1\r\n", "X-Ficus-Anything: x\r\n",
		"X_Forwarded_For: 6.6.6.6\r\n", "X_Forwarded_Proto: https\r\n",
		"X-Real-IP: 6.6.6.6\r\n", "Client-IP: 6.6.6.6\r\n", "True-Client-IP: 6.6.6.6\r\n",
	}
	tests := []struct {
		name, trusted string
		wantKept      []string // canonical names that pass
	}{
		{"untrusted peer", "", nil},
		{"trusted peer", "trusted_proxies: [127.0.0.1/32]\n", []string{"X-Real-Ip", "Client-Ip", "True-Client-Ip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bothPaths(t, func(t *testing.T, server string) {
				_, _, head := twoBackends(t)
				_, srv := startProxy(t, head+tt.trusted+"server: {"+server+"}\n")
				e := echoed(t, srv.URL, "GET", "/echo", append(spoof, "X-Keep: 1\r\n")...)
				var got []string
				for k := range e.Header {
					lk := strings.ToLower(k)
					if strings.HasPrefix(lk, "x-ficus") || strings.Contains(lk, "_") || strings.Contains(lk, "ip") {
						got = append(got, k)
					}
				}
				slices.Sort(got)
				want := slices.Clone(tt.wantKept)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("backend got %v, want only %v", got, want)
				}
				if e.Header.Get("X-Keep") != "1" {
					t.Errorf("an ordinary header was dropped")
				}
				if xff := e.Header.Get("X-Forwarded-For"); strings.Contains(xff, "6.6.6.6") {
					t.Errorf("X-Forwarded-For = %q", xff)
				}
			})
		})
	}
}

func TestUncleanPathsAreRedirectedNotForwarded(t *testing.T) {
	bothPaths(t, func(t *testing.T, server string) {
		mono, svc, head := twoBackends(t)
		_, srv := startProxy(t, head+"server: {"+server+"}\nroutes:\n  - {name: admin, match: {path: /api/admin/}, to: orders}\n")
		tests := []struct {
			method, target string
			wantStatus     int
			wantLocation   string
		}{
			{"GET", "/api/admin/../../x", 301, "/x"},
			{"GET", "/api//admin/x?q=1", 301, "/api/admin/x?q=1"},
			{"HEAD", "/a/./b", 301, "/a/b"},
			{"DELETE", "/api/admin/../../x", 308, "/x"},
			{"GET", "/api/admin/%2e%2e", 200, ""}, // escaped dots are a segment, as for ServeMux
		}
		for _, tt := range tests {
			t.Run(tt.method+" "+tt.target, func(t *testing.T) {
				hits := mono.hits.Load() + svc.hits.Load()
				res, _, _ := rawExchange(t, srv.URL, tt.method+" "+tt.target+" HTTP/1.1\r\nHost: a\r\n\r\n")
				if res.StatusCode != tt.wantStatus || res.Header.Get("Location") != tt.wantLocation {
					t.Errorf("got %d to %q, want %d to %q", res.StatusCode, res.Header.Get("Location"), tt.wantStatus, tt.wantLocation)
				}
				if tt.wantStatus != 200 && mono.hits.Load()+svc.hits.Load() != hits {
					t.Errorf("an unclean path reached a backend")
				}
			})
		}
		// What a backend receives is the path that was routed.
		if e := echoed(t, srv.URL, "GET", "/echo?x=1"); e.Path != "/echo" || e.Backend != "monolith" {
			t.Errorf("clean path: %s got %q", e.Backend, e.Path)
		}
	})
}

// scriptedBackend answers /bad-garbage with bytes that are not HTTP and
// /bad-close by closing the connection, both after reading the whole
// request, and everything else with 200. It counts the requests that
// arrive, by path.
type scriptedBackend struct {
	url  string
	mu   sync.Mutex
	hits map[string]int
}

func newScriptedBackend(t *testing.T) *scriptedBackend {
	t.Helper()
	b := &scriptedBackend{hits: map[string]int{}}
	b.url, _ = rawBackend(t, func(req *http.Request, c net.Conn) bool {
		b.mu.Lock()
		b.hits[req.URL.Path]++
		b.mu.Unlock()
		switch req.URL.Path {
		case "/bad-garbage":
			_ = writeRaw(c, "NOT HTTP AT ALL\r\n\r\n")
			return false
		case "/bad-close":
			return false
		}
		return writeRaw(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
	})
	return b
}

func (b *scriptedBackend) count(path string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hits[path]
}

func TestNoRetryOnceTheBackendHadTheRequest(t *testing.T) {
	tests := []struct {
		name, method, path string
		header             string
		wantArrivals       int
	}{
		{"GET answered with garbage", "GET", "/bad-garbage", "", 1},
		{"DELETE answered with garbage", "DELETE", "/bad-garbage", "", 1},
		{"POST with idempotency key answered with garbage", "POST", "/bad-garbage", "Idempotency-Key: k\r\nContent-Length: 0\r\n", 1},
		{"POST closed without an answer", "POST", "/bad-close", "Content-Length: 0\r\n", 1},
	}
	bothPaths(t, func(t *testing.T, server string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				be := newScriptedBackend(t)
				_, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nserver: {%s}\n", be.url, server))
				// Warm the pool, so that the next request takes a reused connection.
				if res, _, _ := rawExchange(t, srv.URL, "GET /warm HTTP/1.1\r\nHost: a\r\n\r\n"); res.StatusCode != 200 {
					t.Fatalf("warm-up: %d", res.StatusCode)
				}
				res, _, _ := rawExchange(t, srv.URL, tt.method+" "+tt.path+" HTTP/1.1\r\nHost: a\r\n"+tt.header+"\r\n")
				if res.StatusCode != http.StatusBadGateway {
					t.Errorf("status %d, want 502", res.StatusCode)
				}
				if got := be.count(tt.path); got != tt.wantArrivals {
					t.Errorf("the backend received the request %d times, want %d", got, tt.wantArrivals)
				}
			})
		}
	})
}

// ambiguousFraming are heads that front and back ends may frame
// differently; each must get 400 and a closed connection, and never reach
// the backend. Requests before one on the same connection ("/ok") pass.
var ambiguousFraming = []struct {
	name, raw string
}{
	{"Content-Length and Transfer-Encoding", "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
	{"Transfer-Encoding then Content-Length", "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nX-A: b\r\n\r\n0\r\n\r\n"},
	{"obs-fold", "GET /x HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n"},
	{"obs-fold with a tab", "GET /x HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n\ttwo\r\n\r\n"},
	{"after a chunked request", "POST /ok HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n" +
		"GET /x HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n"},
	{"after a request with a body", "POST /ok HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc" +
		"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
}

func TestAmbiguousFramingIsRejected(t *testing.T) {
	bothPaths(t, func(t *testing.T, server string) {
		mono, _, head := twoBackends(t)
		_, srv := startProxy(t, head+"server: {"+server+"}\n")
		for _, tt := range ambiguousFraming {
			t.Run(tt.name, func(t *testing.T) {
				c, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
				if err != nil {
					t.Fatal(err)
				}
				checkRejected(t, c, mono, tt.raw)
			})
		}
		// Well-framed requests on one connection still pass.
		res, _, closed := rawExchange(t, srv.URL, "POST /ok HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n")
		if res.StatusCode != 200 || closed() {
			t.Errorf("a chunked request: %d, closed %v", res.StatusCode, closed())
		}
	})
}

// checkRejected sends raw on c and checks that the last answer is 400,
// that the proxy then closed the connection, and that only the "/ok"
// requests reached mono.
func checkRejected(t *testing.T, c net.Conn, mono *upstream, raw string) {
	t.Helper()
	defer c.Close()
	before := mono.hits.Load()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var last *http.Response
	for {
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			break // the proxy closed the connection
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		last = res
	}
	if last == nil || last.StatusCode != http.StatusBadRequest {
		t.Fatalf("last answer %v, want 400 then a closed connection", last)
	}
	if got, want := mono.hits.Load()-before, int64(strings.Count(raw, "/ok ")); got != want {
		t.Errorf("the backend got %d requests, want %d (the rejected one must not reach it)", got, want)
	}
}

// TestAmbiguousFramingIsRejectedOverTLS: HTTP/1.1 over TLS gets the same
// framing checks as cleartext, and requests still know they came over TLS.
func TestAmbiguousFramingIsRejectedOverTLS(t *testing.T) {
	mono, _, head := twoBackends(t)
	crt, key, pool := writeCert(t, t.TempDir(), "framing")
	r := startServer(t, head+fmt.Sprintf("server: {tls: {cert_file: %s, key_file: %s}}\n", crt, key))
	dial := func(t *testing.T) net.Conn {
		t.Helper()
		c, err := tls.Dial("tcp", strings.TrimPrefix(r.url, "https://"), &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", NextProtos: []string{"http/1.1"}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tt := range ambiguousFraming {
		t.Run(tt.name, func(t *testing.T) { checkRejected(t, dial(t), mono, tt.raw) })
	}
	// A well-framed request is served, over TLS as the backend is told.
	c := dial(t)
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var e echo
	if err := json.NewDecoder(res.Body).Decode(&e); err != nil || res.StatusCode != 200 {
		t.Fatalf("a well-framed request: %d %v", res.StatusCode, err)
	}
	if got := e.Header.Get("X-Forwarded-Proto"); got != "https" || e.Body != "hi" {
		t.Errorf("backend saw X-Forwarded-Proto %q and body %q, want https and hi", got, e.Body)
	}
}

func TestClientHangupCancelsTheBackendRequest(t *testing.T) {
	tests := []struct {
		name, path string
		readFirst  bool // read the first bytes of the answer before hanging up
	}{
		{"quiet event stream", "/events", true},
		{"slow answer", "/slow", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bothPaths(t, func(t *testing.T, server string) {
				cancelled := make(chan string, 1)
				mux := http.NewServeMux()
				wait := func(r *http.Request) {
					select {
					case <-r.Context().Done():
						cancelled <- r.URL.Path
					case <-time.After(20 * time.Second):
					}
				}
				mux.HandleFunc("/events", func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/event-stream")
					_, _ = io.WriteString(w, "data: 1\n\n")
					w.(http.Flusher).Flush()
					wait(r) // then nothing until the client leaves
				})
				mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { wait(r) })
				be := httptest.NewServer(mux)
				t.Cleanup(be.Close)
				p, srv := startProxy(t, fmt.Sprintf("backends:\n  monolith: {url: %s, timeout: 30s}\ndefault: monolith\nserver: {%s}\n", be.URL, server))
				c, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := io.WriteString(c, "GET "+tt.path+" HTTP/1.1\r\nHost: a\r\n\r\n"); err != nil {
					t.Fatal(err)
				}
				if tt.readFirst {
					br := bufio.NewReader(c)
					res, err := http.ReadResponse(br, nil)
					if err != nil {
						t.Fatal(err)
					}
					line, err := bufio.NewReader(res.Body).ReadString('\n')
					if err != nil || line != "data: 1\n" {
						t.Fatalf("first event %q, %v", line, err)
					}
				} else {
					eventually(t, "request in flight", func() bool { return p.active.Load() == 1 })
				}
				c.Close()
				select {
				case <-cancelled:
				case <-time.After(10 * time.Second):
					t.Fatal("the backend request outlived the client by 10s")
				}
				eventually(t, "the proxy to finish the request", func() bool { return p.active.Load() == 0 })
			})
		})
	}
}
