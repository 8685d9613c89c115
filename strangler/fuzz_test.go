package strangler

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/http/httpguts"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// FuzzParseConfig feeds the loader arbitrary YAML: it must never panic,
// must either succeed or explain itself with positioned problems, and a
// config it accepts must compile into a table.
func FuzzParseConfig(f *testing.F) {
	y, err := os.ReadFile(filepath.Join("config", "testdata", "example.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(y))
	f.Add("backends:\n  m: {url: http://127.0.0.1:1}\ndefault: m\n")
	f.Add("backends:\n  m: &a {url: http://127.0.0.1:1}\n  n: *a\ndefault: m\nroutes:\n  - {name: r, match: {path: \"/a/{x...}\"}, to: n, weight: 12.5}\n")
	f.Add("routes: [1, 2]\n")
	f.Add("backends: {m: {url: h2c://x:1, timeout: 1m, breaker: {failure_ratio: 2}}}\ndefault: m\nserver: {max_body_bytes: 1MiB}\n")
	f.Add("a: !!binary aGVsbG8=\n")
	f.Add("---\n---\n")
	f.Add("<<: *x\n")
	f.Fuzz(func(t *testing.T, y string) {
		cfg, err := config.Parse("f.yaml", []byte(y))
		if err != nil {
			var ce *config.ConfigError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error %v is not a *ConfigError with problems", err)
			}
			for _, p := range ce.Problems {
				if p.Message == "" || strings.Contains(p.Message, "bug:") {
					t.Fatalf("bad problem %+v", p)
				}
			}
			return
		}
		tb := &tableBuilder{states: map[string]*routeState{}}
		tbl, err := tb.build(cfg, 1, timeZero())
		if err != nil {
			t.Fatalf("valid config does not compile: %v\n%s", err, y)
		}
		tb.discard()
		if tbl.Default == nil {
			t.Fatalf("table without a default backend")
		}
	})
}

// FuzzRouteMatch matches arbitrary requests against a fixed table: matching
// must never panic, and a matched route must really match.
func FuzzRouteMatch(f *testing.F) {
	f.Add("GET", "example.com", "/orders/7", "X-Beta", "1", "beta=1", "v=2")
	f.Add("POST", "h:80", "/orders", "X-Beta", "1", "", "")
	f.Add("HEAD", "", "//a/../files/x%2Fy", "", "", "a=b; beta=x", "v=2&v=3")
	f.Add("GET", "[::1]:8080", "/%zz", "", "", "", "%")
	cfg, err := config.Parse("f.yaml", []byte(`backends: {m: {url: "http://127.0.0.1:1"}}
default: m
routes:
  - {name: a, match: {methods: [GET], path: "/orders/{id}"}, to: m}
  - {name: b, match: {methods: [POST], path: /orders, headers: {X-Beta: "1"}}, to: m}
  - {name: c, match: {path: "/files/{rest...}", cookies: {beta: "*"}}, to: m}
  - {name: d, match: {host: example.com, path: "/", query: {v: "2"}}, to: m}
  - {name: e, match: {path: "/orders/{$}"}, to: m}
`))
	if err != nil {
		f.Fatal(err)
	}
	var ms []*match.Matcher
	for i, rc := range cfg.Routes {
		m, err := match.Compile(i, match.Rule(rc.Match))
		if err != nil {
			f.Fatal(err)
		}
		ms = append(ms, m...)
	}
	rt, _ := match.NewRouter(ms)
	f.Fuzz(func(t *testing.T, method, host, path, hk, hv, cookie, query string) {
		r, err := newFuzzRequest(method, host, path, query)
		if err != nil {
			return
		}
		if hk != "" && httpguts.ValidHeaderFieldName(hk) {
			r.Header.Set(hk, hv)
		}
		if cookie != "" {
			r.Header.Set("Cookie", cookie)
		}
		m := rt.Match(r)
		if m == nil {
			return
		}
		v := match.RequestView{R: r}
		if !m.Match(r.Method, strings.ToLower(match.StripHostPort(r.Host)), match.CleanPath(r.URL.EscapedPath()), &v) {
			t.Fatalf("router returned a matcher that does not match")
		}
	})
}
