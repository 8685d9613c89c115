package match

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/http/httpguts"
)

func TestRouterPrecedence(t *testing.T) {
	routes := []Rule{
		{Path: "/"},        // 0
		{Path: "/orders/"}, // 1
		{Methods: []string{"GET"}, Path: "/orders/{id}"},                                          // 2
		{Methods: []string{"GET"}, Path: "/orders/{$}"},                                           // 3
		{Methods: []string{"POST"}, Path: "/orders"},                                              // 4
		{Methods: []string{"POST"}, Path: "/orders", Headers: map[string]string{"X-Beta": "1"}},   // 5
		{Host: "api.example.com", Path: "/"},                                                      // 6
		{Methods: []string{"GET"}, Path: "/orders/{id}", Cookies: map[string]string{"beta": "*"}}, // 7
		{Methods: []string{"GET"}, Path: "/orders/{id}", Query: map[string]string{"v": "2"}},      // 8 overlaps 7?
		{Methods: []string{"HEAD"}, Path: "/orders/{id}"},                                         // 9
		{Path: "/files/{rest...}"},                                                                // 10
		{Methods: []string{"POST"}, Path: "/orders/{id}/items"},                                   // 11
	}
	// Routes 7 and 8 overlap (cookie vs query); drop 8 and check that it is
	// reported.
	var ms []*Matcher
	for i, mc := range routes {
		m, err := Compile(i, mc)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m...)
	}
	_, conflicts := NewRouter(ms)
	if len(conflicts) != 1 || conflicts[0].A.Route != 7 || conflicts[0].B.Route != 8 || conflicts[0].Rel != Overlaps {
		t.Fatalf("conflicts = %+v, want routes 7 and 8 overlapping", conflicts)
	}
	ms = nil
	for i, mc := range routes {
		if i == 8 {
			continue
		}
		m, _ := Compile(i, mc)
		ms = append(ms, m...)
	}
	rt, conflicts := NewRouter(ms)
	if len(conflicts) != 0 {
		t.Fatalf("unexpected conflicts %+v", conflicts)
	}
	tests := []struct {
		method, target string
		header         http.Header
		want           int // route index, -1 for none
	}{
		{"GET", "http://x/", nil, 0},
		{"GET", "http://x/other", nil, 0},
		{"GET", "http://x/orders", nil, 0}, // no redirect to /orders/: the default-ish "/" wins
		{"GET", "http://x/orders/", nil, 3},
		{"POST", "http://x/orders/", nil, 1},
		{"GET", "http://x/orders/7", nil, 2},
		{"HEAD", "http://x/orders/7", nil, 9},
		{"POST", "http://x/orders/7/items", nil, 11},
		{"PUT", "http://x/orders/7/items", nil, 1},
		{"DELETE", "http://x/orders/7", nil, 1},
		{"GET", "http://x/orders/7/items", nil, 1},
		{"POST", "http://x/orders", nil, 4},
		{"POST", "http://x/orders", http.Header{"X-Beta": {"1"}}, 5},
		{"POST", "http://x/orders", http.Header{"X-Beta": {"2"}}, 4},
		{"GET", "http://x/orders/7", http.Header{"Cookie": {"beta=yes"}}, 7},
		{"GET", "http://API.example.com:8080/orders/7", nil, 6},
		{"GET", "http://x/files/a/b/c", nil, 10},
		{"GET", "http://x/files/", nil, 10},
		{"GET", "http://x/orders/a%2Fb", nil, 2},
		{"GET", "http://x/orders/../orders/7", nil, 2},
		{"GET", "http://x//orders//7", nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r, err := http.NewRequest(tt.method, tt.target, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				r.Header[k] = v
			}
			got := -1
			if m := rt.Match(r); m != nil {
				got = m.Route
			}
			if got != tt.want {
				t.Errorf("route = %d, want %d", got, tt.want)
			}
		})
	}
}

// muxPattern is a ServeMux pattern split into the fields a route has.
type muxPattern struct {
	method, host, path string
}

func splitMuxPattern(s string) (muxPattern, bool) {
	var p muxPattern
	rest := s
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		p.method, rest = s[:i], strings.TrimLeft(s[i+1:], " \t")
	}
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return p, false
	}
	p.host, p.path = rest[:i], rest[i:]
	return p, true
}

// differential registers patterns in a ServeMux and in a router and checks
// that they accept and reject the same patterns, report the same conflicts,
// and pick the same pattern for every request. It returns false when the
// inputs fall outside what the two are meant to agree on.
func differential(t *testing.T, patterns []string, requests [][3]string) {
	t.Helper()
	mux := http.NewServeMux()
	var ms []*Matcher
	var accepted []string
	for _, s := range patterns {
		mp, ok := splitMuxPattern(s)
		if !ok || mp.host != strings.ToLower(mp.host) || (mp.host != "" && !ValidHost(mp.host)) ||
			(mp.method != "" && !httpguts.ValidHeaderFieldName(mp.method)) || mp.path != CleanPath(mp.path) {
			continue // outside the subset routes can express
		}
		segs, perr := ParsePath(mp.path)
		single := http.NewServeMux()
		muxParseErr := register(single, s)
		if (perr == nil) != (muxParseErr == nil) {
			t.Fatalf("pattern %q: parsePath error %v, ServeMux error %v", s, perr, muxParseErr)
		}
		if perr != nil {
			continue
		}
		m := &Matcher{Route: len(accepted), pat: pattern{method: mp.method, host: mp.host, segs: segs, str: mp.path}}
		conflicting := false
		for _, o := range ms {
			if rel := m.compare(o); rel == equivalent || rel == Overlaps {
				conflicting = true
			}
		}
		muxErr := register(mux, s)
		if conflicting != (muxErr != nil) {
			t.Fatalf("pattern %q after %q: router conflict %v, ServeMux error %v", s, accepted, conflicting, muxErr)
		}
		if conflicting {
			continue
		}
		ms = append(ms, m)
		accepted = append(accepted, s)
	}
	rt, conflicts := NewRouter(ms)
	if len(conflicts) > 0 {
		t.Fatalf("router reports conflicts among accepted patterns: %v", conflicts)
	}
	for _, rq := range requests {
		method, host, p := rq[0], rq[1], rq[2]
		if !strings.HasPrefix(p, "/") || method == "" || !httpguts.ValidHeaderFieldName(method) || method == http.MethodConnect || strings.ContainsAny(host, "/?#@ %") {
			continue
		}
		u, err := url.Parse("http://h" + p)
		if err != nil || u.EscapedPath() != p || CleanPath(p) != p || u.RawQuery != "" || u.Fragment != "" {
			continue
		}
		r := &http.Request{Method: method, Host: host, URL: u, Header: http.Header{}}
		_, muxPat := mux.Handler(r)
		got := ""
		if m := rt.Match(r); m != nil {
			got = accepted[m.Route]
		}
		if got == muxPat {
			continue
		}
		// ServeMux redirects /a to /a/ when only "/a/" matches; the proxy
		// forwards instead. Any other disagreement is a bug.
		if mp, ok := splitMuxPattern(muxPat); ok && muxPat != "" {
			segs, _ := ParsePath(mp.path)
			if !(&pattern{segs: segs}).matchPath(p) {
				continue
			}
		}
		t.Fatalf("%s %s%s: router picked %q, ServeMux %q (patterns %q)", method, host, p, got, muxPat, accepted)
	}
}

func register(mux *http.ServeMux, pat string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	mux.HandleFunc(pat, func(http.ResponseWriter, *http.Request) {})
	return nil
}

func TestPatternsAgreeWithServeMux(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
	}{
		{"basics", []string{"/", "/a", "/a/", "/a/{x}", "/a/{x}/b", "/a/{$}", "/b/{rest...}", "GET /a/{x}", "HEAD /a/c", "POST /a/c"}},
		{"methods", []string{"GET /x", "HEAD /x", "/x", "POST /x/{y}", "GET /x/{y}", "/x/{y}/"}},
		{"hosts", []string{"/", "example.com/", "example.com/a/{x}", "/a/b", "other.org/a/"}},
		{"conflicts", []string{"/a/{x}", "/{y}/b", "GET /c/{x}", "/c/d", "/e/{x}", "/e/{y}", "/f/", "/f/{r...}"}},
		{"escapes", []string{"/a%2Fb/{x}", "/a/{x}", "/%7Bx%7D"}},
	}
	paths := []string{"/", "/a", "/a/", "/a/b", "/a/c", "/a/b/", "/a/b/c", "/b", "/b/", "/b/x/y", "/x", "/x/y", "/x/y/", "/x/y/z",
		"/c/d", "/e/f", "/f/", "/f/g", "/a%2Fb/c", "/%7Bx%7D", "/a/b/b"}
	methods := []string{"GET", "HEAD", "POST", "DELETE"}
	hosts := []string{"", "example.com", "other.org", "x.test"}
	var reqs [][3]string
	for _, m := range methods {
		for _, h := range hosts {
			for _, p := range paths {
				reqs = append(reqs, [3]string{m, h, p})
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { differential(t, tt.patterns, reqs) })
	}
}

func FuzzMatchAgreesWithServeMux(f *testing.F) {
	f.Add("/\n/a/{x}\nGET /a/b\n/a/", "GET", "", "/a/b")
	f.Add("/{x}/b\n/a/{y}\nexample.com/a/", "HEAD", "example.com", "/a/b")
	f.Add("/a/{$}\n/a/{r...}\nPOST /a/", "POST", "", "/a/")
	f.Add("GET /x/{y}\n/x/{y}/\nHEAD /x/z", "HEAD", "h", "/x/z")
	f.Add("/a%2fb/\n/a/{b}", "GET", "", "/a%2Fb/c")
	f.Fuzz(func(t *testing.T, pats, method, host, p string) {
		lines := strings.Split(pats, "\n")
		if len(lines) > 8 {
			lines = lines[:8]
		}
		differential(t, lines, [][3]string{{method, host, p}})
	})
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"/", "/a/{x}", "/a/{x...}", "/a/{$}", "/{", "/a/{x}/{x}", "/a%2Fb", "//a", "/a/../b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		segs, err := ParsePath(s)
		if err != nil {
			return
		}
		if len(segs) == 0 {
			t.Fatalf("parsePath(%q) has no segments", s)
		}
		for i, sg := range segs {
			if (sg.Multi || sg.S == "/" && !sg.Wild) && i != len(segs)-1 {
				t.Fatalf("parsePath(%q): terminal segment %d is not last", s, i)
			}
		}
		// A pattern must match the path it is written as when it has no
		// wildcards that exclude it.
		p := &pattern{segs: segs}
		if !strings.Contains(s, "{") && !strings.Contains(s, "%") && !p.matchPath(s) {
			t.Fatalf("literal pattern %q does not match itself", s)
		}
	})
}
