package strangler

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// seen is what a recording backend received.
type seen struct {
	Method, URI, Host string
	Header            http.Header
}

// recordingBackend records each request and answers as reply says.
func recordingBackend(t *testing.T, reply func(w http.ResponseWriter, r *http.Request)) (*httptest.Server, func() seen) {
	t.Helper()
	var mu sync.Mutex
	var last seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		last = seen{Method: r.Method, URI: r.RequestURI, Host: r.Host, Header: r.Header.Clone()}
		mu.Unlock()
		reply(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() seen { mu.Lock(); defer mu.Unlock(); return last }
}

// exchangeRaw writes a raw request to addr and reads one response,
// with its body and trailers.
func exchangeRaw(t *testing.T, url, raw string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	method, _, _ := strings.Cut(raw, " ")
	res, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	res.Header.Del("Date")
	return res, string(body)
}

// TestForwardMatchesReverseProxy sends the same requests through a proxy
// with the fast path (the lane and forward) and one without (net/http and
// httputil.ReverseProxy), and requires that the backend receives the same
// request and the client the same answer.
func TestForwardMatchesReverseProxy(t *testing.T) {
	reply := func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		switch r.URL.Query().Get("reply") {
		case "trailers":
			h.Set("Trailer", "X-Sum")
			h.Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, "body")
			h.Set("X-Sum", "42")
		case "undeclared-trailer":
			_, _ = io.WriteString(w, "body")
			w.(http.Flusher).Flush()
			h.Set(http.TrailerPrefix+"X-Late", "yes")
		case "early-hints":
			h.Set("Link", "</a.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
			h.Del("Link")
			_, _ = io.WriteString(w, "final")
		case "204":
			w.WriteHeader(http.StatusNoContent)
		case "304":
			h.Set("Etag", `"v1"`)
			w.WriteHeader(http.StatusNotModified)
		case "hop":
			h.Set("Connection", "X-Private")
			h.Set("X-Private", "secret")
			h.Set("Keep-Alive", "timeout=5")
			h.Set("X-Public", "ok")
			_, _ = io.WriteString(w, "hop")
		case "stream":
			h.Set("Content-Type", "text/event-stream")
			for i := range 3 {
				fmt.Fprintf(w, "data: %d\n\n", i)
				w.(http.Flusher).Flush()
			}
		case "404":
			http.NotFound(w, r)
		default:
			h.Set("Content-Type", "text/plain")
			h.Set("Content-Length", "5")
			h.Add("X-Multi", "a")
			h.Add("X-Multi", "b")
			_, _ = io.WriteString(w, "hello")
		}
	}
	plain, plainSeen := recordingBackend(t, reply)
	prefixed, prefixedSeen := recordingBackend(t, reply)
	config := func(fast bool) string {
		return fmt.Sprintf(`backends:
  monolith: {url: %s}
  prefixed: {url: %s/svc}
  renamed: {url: %s, host_header: internal.example}
default: monolith
server: {fast_path: %t}
routes:
  - {name: api, match: {path: "/api/"}, to: prefixed}
  - {name: renamed, match: {path: "/renamed/"}, to: renamed}
`, plain.URL, prefixed.URL, plain.URL, fast)
	}
	_, fast := startProxy(t, config(true))
	_, slow := startProxy(t, config(false))

	tests := []struct {
		name, raw string
		prefixed  bool
	}{
		{"plain GET", "GET /orders/1?a=1&b=2 HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: test/1\r\nAccept: */*\r\n\r\n", false},
		{"no user agent", "GET /x HTTP/1.1\r\nHost: shop.example\r\n\r\n", false},
		{"hop-by-hop request headers", "GET /x HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nProxy-Authorization: Basic eA==\r\nProxy-Connection: keep-alive\r\nTe: trailers, deflate\r\n\r\n", false},
		{"connection-listed header", "GET /x HTTP/1.1\r\nHost: h\r\nConnection: X-Hop\r\nX-Hop: 1\r\n\r\n", false},
		{"spoofed forwarding headers", "GET /x HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Host: evil\r\nX-Forwarded-Proto: https\r\nForwarded: for=6.6.6.6\r\n\r\n", false},
		{"override header dropped", "GET /x HTTP/1.1\r\nHost: h\r\nX-Ficus-Backend: monolith\r\n\r\n", false},
		{"POST without a body", "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", false},
		{"DELETE", "DELETE /x/1 HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"HEAD", "HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"escaped path", "GET /a%2Fb/c?q=%20 HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"semicolon query", "GET /x?a=1;b=2 HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"host header override", "GET /renamed/1 HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"backend path and query", "GET /api/v1/items?page=2 HTTP/1.1\r\nHost: h\r\n\r\n", true},
		{"backend path, escaped", "GET /api/a%2Fb HTTP/1.1\r\nHost: h\r\n\r\n", true},
		{"trailers", "GET /t?reply=trailers HTTP/1.1\r\nHost: h\r\nTe: trailers\r\n\r\n", false},
		{"undeclared trailer", "GET /t?reply=undeclared-trailer HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"early hints", "GET /t?reply=early-hints HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"204", "GET /t?reply=204 HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"304", "GET /t?reply=304 HTTP/1.1\r\nHost: h\r\nIf-None-Match: \"v1\"\r\n\r\n", false},
		{"hop-by-hop response headers", "GET /t?reply=hop HTTP/1.1\r\nHost: h\r\n\r\n", false},
		{"event stream", "GET /t?reply=stream HTTP/1.1\r\nHost: h\r\nAccept: text/event-stream\r\n\r\n", false},
		{"404", "GET /t?reply=404 HTTP/1.1\r\nHost: h\r\n\r\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last := plainSeen
			if tt.prefixed {
				last = prefixedSeen
			}
			wantRes, wantBody := exchangeRaw(t, slow.URL, tt.raw)
			wantSeen := last()
			gotRes, gotBody := exchangeRaw(t, fast.URL, tt.raw)
			gotSeen := last()
			// The client's address differs between the two proxies' connections
			// only in its port, which X-Forwarded-For does not carry.
			if !reflect.DeepEqual(gotSeen, wantSeen) {
				t.Errorf("backend received\n%+v\nwith the fast path, want (ReverseProxy)\n%+v", gotSeen, wantSeen)
			}
			if gotRes.StatusCode != wantRes.StatusCode || gotBody != wantBody {
				t.Errorf("client got %d %q, want %d %q", gotRes.StatusCode, gotBody, wantRes.StatusCode, wantBody)
			}
			if !reflect.DeepEqual(gotRes.Header, wantRes.Header) {
				t.Errorf("client headers\n%v\nwant\n%v", gotRes.Header, wantRes.Header)
			}
			if !reflect.DeepEqual(gotRes.Trailer, wantRes.Trailer) {
				t.Errorf("client trailers %v, want %v", gotRes.Trailer, wantRes.Trailer)
			}
		})
	}
}

// TestOutboundURI checks outboundURI against httputil.ProxyRequest.SetURL.
func TestOutboundURI(t *testing.T) {
	tests := []struct{ target, in string }{
		{"http://b", "/x?q=1"},
		{"http://b/", "/x"},
		{"http://b/api", "/x"},
		{"http://b/api/", "/x"},
		{"http://b/api?k=v", "/x?q=1"},
		{"http://b/api?k=v", "/x"},
		{"http://b/a%2Fb", "/c%2Fd"},
		{"http://b/a%2Fb/", "/c"},
		{"http://b", "/"},
		{"http://b/api", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.target+tt.in, func(t *testing.T) {
			target, err := url.Parse(tt.target)
			if err != nil {
				t.Fatal(err)
			}
			in := httptest.NewRequest("GET", tt.in, nil)
			pr := &httputil.ProxyRequest{In: in, Out: in.Clone(in.Context())}
			pr.SetURL(target)
			want := pr.Out.URL.RequestURI()
			if got := outboundURI(target, in.URL); got != want {
				t.Errorf("outboundURI(%s, %s) = %s, want %s", tt.target, tt.in, got, want)
			}
		})
	}
}
