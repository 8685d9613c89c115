package h1

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// headLines builds a request head from its lines.
func headLines(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n\r\n" }

// laneHeadWant is what a test expects of a request the lane accepts.
type laneHeadWant struct {
	Method, Path, RawPath, RawQuery, RequestURI, Host string
	Header                                            http.Header
	Close                                             bool
}

type laneCtxKey struct{}

// laneHeadCases are the table of TestParseLaneHead and the seeds of
// FuzzLaneHead; want nil means the lane must hand the head to net/http.
var laneHeadCases = []struct {
	name string
	head string
	want *laneHeadWant
}{
	{"get", headLines("GET /orders/7 HTTP/1.1", "Host: example.com"),
		&laneHeadWant{Method: "GET", Path: "/orders/7", RequestURI: "/orders/7", Host: "example.com", Header: http.Header{}}},
	{"head", headLines("HEAD / HTTP/1.1", "Host: h", "User-Agent: t/1", "Accept: */*"),
		&laneHeadWant{Method: "HEAD", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{"User-Agent": {"t/1"}, "Accept": {"*/*"}}}},
	{"delete", headLines("DELETE /a HTTP/1.1", "Host: h"),
		&laneHeadWant{Method: "DELETE", Path: "/a", RequestURI: "/a", Host: "h", Header: http.Header{}}},
	{"post without body", headLines("POST /a HTTP/1.1", "Host: h", "Content-Length: 0"),
		&laneHeadWant{Method: "POST", Path: "/a", RequestURI: "/a", Host: "h", Header: http.Header{"Content-Length": {"0"}}}},
	{"lowercase method is a token", headLines("get / HTTP/1.1", "Host: h"),
		&laneHeadWant{Method: "get", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{}}},
	{"extension method", headLines("PURGE / HTTP/1.1", "Host: h"),
		&laneHeadWant{Method: "PURGE", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{}}},
	{"repeated keys merge in order", headLines("GET / HTTP/1.1", "Accept: a", "Host: h", "X-Other: 1", "accept: b"),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{"Accept": {"a", "b"}, "X-Other": {"1"}}}},
	{"keys canonicalised", headLines("GET / HTTP/1.1", "host: h", "x-forwarded-for: 192.0.2.1", "CONTENT-TYPE: text/plain", "x_y: 1"),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{"X-Forwarded-For": {"192.0.2.1"}, "Content-Type": {"text/plain"}, "X_y": {"1"}}}},
	{"connection close", headLines("GET / HTTP/1.1", "Host: h", "Connection: Close"),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{"Connection": {"Close"}}, Close: true}},
	{"connection keep-alive", headLines("GET / HTTP/1.1", "Host: h", "connection: keep-alive"),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{"Connection": {"keep-alive"}}}},
	{"values trimmed", headLines("GET / HTTP/1.1", "Host: \t h:80 \t", "X-A: \t a \tb \t", "X-Empty:", "X-Blank: \t "),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "h:80", Header: http.Header{"X-A": {"a \tb"}, "X-Empty": {""}, "X-Blank": {""}}}},
	{"obs-text in values", headLines("GET / HTTP/1.1", "Host: h", "X-Name: caf\xc3\xa9 \x80\xff"),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{"X-Name": {"caf\xc3\xa9 \x80\xff"}}}},
	{"query", headLines("GET /search?q=a+b&x=%20&q=2 HTTP/1.1", "Host: h"),
		&laneHeadWant{Method: "GET", Path: "/search", RawQuery: "q=a+b&x=%20&q=2", RequestURI: "/search?q=a+b&x=%20&q=2", Host: "h", Header: http.Header{}}},
	{"escaped path keeps raw path", headLines("GET /a%2Fb/c HTTP/1.1", "Host: h"),
		&laneHeadWant{Method: "GET", Path: "/a/b/c", RawPath: "/a%2Fb/c", RequestURI: "/a%2Fb/c", Host: "h", Header: http.Header{}}},
	{"path not cleaned", headLines("GET //x/../y/ HTTP/1.1", "Host: h"),
		&laneHeadWant{Method: "GET", Path: "//x/../y/", RequestURI: "//x/../y/", Host: "h", Header: http.Header{}}},
	{"host with port", headLines("OPTIONS / HTTP/1.1", "Host: example.com:8080"),
		&laneHeadWant{Method: "OPTIONS", Path: "/", RequestURI: "/", Host: "example.com:8080", Header: http.Header{}}},
	{"ipv6 host", headLines("GET / HTTP/1.1", "Host: [::1]:8080"),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "[::1]:8080", Header: http.Header{}}},
	// net/http adds Cache-Control: no-cache for a lone Pragma: no-cache
	// (fixPragmaCacheControl); the lane must agree or hand the head over.
	{"pragma no-cache", headLines("GET / HTTP/1.1", "Host: h", "Pragma: no-cache"),
		&laneHeadWant{Method: "GET", Path: "/", RequestURI: "/", Host: "h", Header: http.Header{"Pragma": {"no-cache"}, "Cache-Control": {"no-cache"}}}},

	{"http/1.0", headLines("GET / HTTP/1.0", "Host: h"), nil},
	{"version lower case", headLines("GET / http/1.1", "Host: h"), nil},
	{"version trailing space", headLines("GET / HTTP/1.1 ", "Host: h"), nil},
	{"h2 preface", "PRI * HTTP/2.0\r\n\r\n", nil},
	{"pri method", headLines("PRI / HTTP/1.1", "Host: h"), nil},
	{"absolute form", headLines("GET http://example.com/ HTTP/1.1", "Host: example.com"), nil},
	{"asterisk form", headLines("OPTIONS * HTTP/1.1", "Host: h"), nil},
	{"connect", headLines("CONNECT example.com:443 HTTP/1.1", "Host: example.com:443"), nil},
	{"connect origin form", headLines("CONNECT /x HTTP/1.1", "Host: h"), nil},
	{"bad method", headLines("G(T / HTTP/1.1", "Host: h"), nil},
	{"double space", headLines("GET  / HTTP/1.1", "Host: h"), nil},
	{"no version", headLines("GET /", "Host: h"), nil},
	{"empty request line", headLines("", "Host: h"), nil},
	{"missing host", headLines("GET / HTTP/1.1", "Accept: */*"), nil},
	{"two hosts", headLines("GET / HTTP/1.1", "Host: h", "Host: h"), nil},
	{"empty host", headLines("GET / HTTP/1.1", "Host:  "), nil},
	{"host with space", headLines("GET / HTTP/1.1", "Host: a b"), nil},
	{"host with slash", headLines("GET / HTTP/1.1", "Host: a/b"), nil},
	{"host with at", headLines("GET / HTTP/1.1", "Host: u@h"), nil},
	{"content-length 1", headLines("POST / HTTP/1.1", "Host: h", "Content-Length: 1"), nil},
	{"content-length 00", headLines("POST / HTTP/1.1", "Host: h", "Content-Length: 00"), nil},
	{"two content-lengths", headLines("POST / HTTP/1.1", "Host: h", "Content-Length: 0", "content-length: 0"), nil},
	{"transfer-encoding", headLines("POST / HTTP/1.1", "Host: h", "Transfer-Encoding: chunked"), nil},
	{"expect", headLines("POST / HTTP/1.1", "Host: h", "Content-Length: 0", "Expect: 100-continue"), nil},
	{"upgrade", headLines("GET / HTTP/1.1", "Host: h", "Connection: Upgrade", "Upgrade: websocket"), nil},
	{"upgrade alone", headLines("GET / HTTP/1.1", "Host: h", "upgrade: h2c"), nil},
	{"http2-settings", headLines("GET / HTTP/1.1", "Host: h", "HTTP2-Settings: AAMAAABkAAQAAP__"), nil},
	{"connection upgrade", headLines("GET / HTTP/1.1", "Host: h", "Connection: upgrade"), nil},
	{"connection list", headLines("GET / HTTP/1.1", "Host: h", "Connection: keep-alive, close"), nil},
	{"connection other token", headLines("GET / HTTP/1.1", "Host: h", "Connection: X-Secret"), nil},
	{"obs-fold", headLines("GET / HTTP/1.1", "Host: h", "X-A: a", " b"), nil},
	{"obs-fold tab", headLines("GET / HTTP/1.1", "Host: h", "X-A: a", "\tb"), nil},
	{"leading space first field", headLines("GET / HTTP/1.1", " Host: h"), nil},
	{"space before colon", headLines("GET / HTTP/1.1", "Host: h", "X-A : v"), nil},
	{"space in name", headLines("GET / HTTP/1.1", "Host: h", "X A: v"), nil},
	{"bad name char", headLines("GET / HTTP/1.1", "Host: h", "X@A: v"), nil},
	{"empty name", headLines("GET / HTTP/1.1", "Host: h", ": v"), nil},
	{"no colon", headLines("GET / HTTP/1.1", "Host: h", "X-A"), nil},
	{"control in value", headLines("GET / HTTP/1.1", "Host: h", "X-A: a\x01b"), nil},
	{"nul in value", headLines("GET / HTTP/1.1", "Host: h", "X-A: a\x00b"), nil},
	{"del in value", headLines("GET / HTTP/1.1", "Host: h", "X-A: a\x7fb"), nil},
	{"cr in value", headLines("GET / HTTP/1.1", "Host: h", "X-A: a\rb"), nil},
	{"bare lf after request line", "GET / HTTP/1.1\nHost: h\r\n\r\n", nil},
	{"bare lf between fields", "GET / HTTP/1.1\r\nHost: h\nX-A: b\r\n\r\n", nil},
	{"space in target", headLines("GET /a b HTTP/1.1", "Host: h"), nil},
	{"fragment in target", headLines("GET /a#f HTTP/1.1", "Host: h"), nil},
	{"non-ascii target", headLines("GET /caf\xc3\xa9 HTTP/1.1", "Host: h"), nil},
	{"control in target", headLines("GET /a\x01 HTTP/1.1", "Host: h"), nil},
	{"bad escape in target", headLines("GET /%zz HTTP/1.1", "Host: h"), nil},
}

func TestParseLaneHead(t *testing.T) {
	ctx := context.WithValue(context.Background(), laneCtxKey{}, "lane")
	for _, tc := range laneHeadCases {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := parseLaneHead(ctx, []byte(tc.head), "192.0.2.1:4321")
			if ok != (tc.want != nil) {
				t.Fatalf("parseLaneHead(%q) ok = %v, want %v", tc.head, ok, tc.want != nil)
			}
			if !ok {
				return
			}
			got := &laneHeadWant{Method: r.Method, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery,
				RequestURI: r.RequestURI, Host: r.Host, Header: r.Header, Close: r.Close}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseLaneHead(%q) (-want +got):\n%s", tc.head, diff)
			}
			if r.ContentLength != 0 || r.Body != http.NoBody || r.RemoteAddr != "192.0.2.1:4321" ||
				r.Proto != "HTTP/1.1" || r.ProtoMajor != 1 || r.ProtoMinor != 1 || r.Context() != ctx {
				t.Errorf("ContentLength %d, Body %T, RemoteAddr %q, Proto %q %d.%d, ctx %v: want 0, NoBody, the given address, HTTP/1.1 and ctx",
					r.ContentLength, r.Body, r.RemoteAddr, r.Proto, r.ProtoMajor, r.ProtoMinor, r.Context())
			}
		})
	}
}

// laneHeadView is what the lane and net/http must agree on.
type laneHeadView struct {
	Method, URL, RequestURI, Host, Proto string
	Header                               http.Header
	Close                                bool
	ContentLength                        int64
}

func laneViewOf(r *http.Request) laneHeadView {
	return laneHeadView{Method: r.Method, URL: r.URL.String(), RequestURI: r.RequestURI, Host: r.Host, Proto: r.Proto,
		Header: r.Header.Clone(), Close: r.Close, ContentLength: r.ContentLength}
}

// stdHeadServer is a net/http server fed one connection per head: what it
// would do with a head the lane hands over.
type stdHeadServer struct {
	q    *connQueue
	seen chan laneHeadView
}

func newStdHeadServer(tb testing.TB) *stdHeadServer {
	s := &stdHeadServer{q: newConnQueue(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}), seen: make(chan laneHeadView, 1)}
	srv := &http.Server{ErrorLog: log.New(io.Discard, "", 0), Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.seen <- laneViewOf(r)
	})}
	go func() { _ = srv.Serve(s.q) }()
	tb.Cleanup(func() { _ = srv.Close() })
	return s
}

// serve sends head to the server and returns the request its handler saw,
// or false when the server answered without calling it.
func (s *stdHeadServer) serve(tb testing.TB, head []byte) (laneHeadView, bool) {
	c, sc := net.Pipe()
	defer c.Close()
	if !s.q.push(sc) {
		tb.Fatal("net/http server is closed")
	}
	_ = c.SetDeadline(time.Now().Add(10 * time.Second)) // a safeguard against a hang, not an assertion
	go func() { _, _ = c.Write(head) }()
	// The status line is enough: the handler has reported before the
	// server answers. The body is left unread; closing c ends it.
	if _, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil {
		tb.Fatalf("net/http server answered %q with %v", head, err)
	}
	select {
	case v := <-s.seen:
		return v, true
	default:
		return laneHeadView{}, false
	}
}

// checkLaneHead parses head, which ends at its first empty line, with the
// lane and, when the lane accepts it, with http.ReadRequest and a net/http
// server: both must take it and see the same request.
func checkLaneHead(t *testing.T, s *stdHeadServer, head []byte) (accepted bool) {
	t.Helper()
	r, ok := parseLaneHead(context.Background(), head, "192.0.2.1:1")
	if !ok {
		return false
	}
	got := laneViewOf(r)
	opt := cmpopts.EquateEmpty()
	std, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(head)))
	if err != nil {
		t.Errorf("lane accepts %q, http.ReadRequest fails: %v", head, err)
	} else {
		want := laneViewOf(std)
		delete(want.Header, "Host") // as net/http's server does
		if diff := cmp.Diff(want, got, opt); diff != "" {
			t.Errorf("lane and http.ReadRequest disagree on %q (-std +lane):\n%s", head, diff)
		}
	}
	want, served := s.serve(t, head)
	if !served {
		t.Errorf("lane accepts %q, net/http's server refuses it", head)
	} else if diff := cmp.Diff(want, got, opt); diff != "" {
		t.Errorf("lane and net/http's server disagree on %q (-server +lane):\n%s", head, diff)
	}
	return true
}

// laneCompleteHead cuts b at its first empty line, adding one if it has none:
// the lane only ever parses a whole head.
func laneCompleteHead(b []byte) []byte {
	b = append(b[:len(b):len(b)], headEnd...)
	return b[:bytes.Index(b, headEnd)+len(headEnd)]
}

func TestLaneHeadAgreesWithNetHTTP(t *testing.T) {
	s := newStdHeadServer(t)
	for _, tc := range laneHeadCases {
		t.Run(tc.name, func(t *testing.T) { checkLaneHead(t, s, []byte(tc.head)) })
	}
	// Heads assembled at random, from a fixed seed: each part is usually
	// one the lane takes and now and then one near its edge. The parts:
	// method, target, version, Host value, field name, field value, line end.
	parts := []struct{ good, odd []string }{
		{[]string{"GET", "HEAD", "POST", "DELETE", "get"}, []string{"PRI", "CONNECT", "G T", "", "GET "}},
		{[]string{"/", "/a?b=c", "/a%2Fb", "//x", "/?", "/a/../b"}, []string{"/%zz", "*", "http://h/", "/a b", "/caf\xc3\xa9", "/#f"}},
		{[]string{"HTTP/1.1"}, []string{"HTTP/1.0", "HTTP/2.0", "http/1.1", "HTTP/1.1 "}},
		{[]string{"h", "h:8080", "[::1]", "example.com"}, []string{"", "a b", "u@h", "h/", "h\x01"}},
		{[]string{"X-A", "x-a", "Accept", "Cookie", "Pragma", "Cache-Control", "Connection", "Content-Length"},
			[]string{"Host", "Transfer-Encoding", "Expect", "Upgrade", "Te", "Trailer", "X A", "", "X@A"}},
		{[]string{"", "0", "close", "keep-alive", "h", " \tpad\t ", "no-cache", "caf\xc3\xa9", "a, b", "Close"},
			[]string{"1", "Upgrade", "a\x01", "100-continue", "chunked", "a\x7f"}},
		{[]string{"\r\n"}, []string{"\n", "\r\n ", "\r\n\t", "\r"}},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(i int) string {
		set := parts[i].good
		if rng.IntN(8) == 0 {
			set = parts[i].odd
		}
		return set[rng.IntN(len(set))]
	}
	accepted, total := 0, 3000
	for range total {
		var b strings.Builder
		b.WriteString(pick(0) + " " + pick(1) + " " + pick(2))
		if rng.IntN(10) > 0 {
			b.WriteString("\r\nHost: " + pick(3))
		}
		for range rng.IntN(4) {
			b.WriteString(pick(6) + pick(4) + ":" + []string{" ", "", "\t"}[rng.IntN(3)] + pick(5))
		}
		if checkLaneHead(t, s, laneCompleteHead([]byte(b.String()))) {
			accepted++
		}
	}
	if accepted < total/10 || accepted == total {
		t.Errorf("lane accepted %d of %d random heads: the generator no longer tests both sides", accepted, total)
	}
}

// FuzzLaneHead checks that parseLaneHead never panics and that whatever it
// accepts, net/http accepts too and reads the same way.
func FuzzLaneHead(f *testing.F) {
	for _, tc := range laneHeadCases {
		f.Add([]byte(tc.head))
	}
	s := newStdHeadServer(f)
	f.Fuzz(func(t *testing.T, head []byte) {
		checkLaneHead(t, s, laneCompleteHead(head))
	})
}
