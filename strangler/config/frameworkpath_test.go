package config

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// frameworkRoute is one registration: the method ("" for any), the
// pattern as the framework reads it, and the pattern as the analyzer
// records it (ServeMux syntax).
type frameworkRoute struct {
	method, native, recorded string
}

// commonRoutes are the registrations every framework's test starts from:
// the root, a collection with and without its trailing slash, a parameter,
// a parameter inside a path with a trailing slash, and two parameters.
// native spells a recorded pattern as the framework registers it.
func commonRoutes(native func(recorded string) string, more ...frameworkRoute) []frameworkRoute {
	var out []frameworkRoute
	for _, r := range [][2]string{
		{"GET", "/"}, {"GET", "/users"}, {"GET", "/users/{id}"}, {"POST", "/users/"},
		{"PUT", "/users/{id}/tags/"}, {"DELETE", "/a/{x}/b/{y}"},
	} {
		out = append(out, frameworkRoute{r[0], native(r[1]), r[1]})
	}
	return append(out, more...)
}

// colonParams spells {name} as :name, as gin and echo write parameters.
func colonParams(p string) string {
	return regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`).ReplaceAllString(p, ":$1")
}

// asRecorded is the spelling of chi and gorilla/mux: the recorded one.
func asRecorded(p string) string { return p }

// routeHeader carries the index of the route a handler was registered for.
const routeHeader = "X-Route"

// routeHandler answers with the route's index in routeHeader.
func routeHandler(i int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { w.Header().Set(routeHeader, strconv.Itoa(i)) }
}

// dispatched is the route a framework handler sent the request to, or -1
// when it answered without one of them (404, 405, a redirect).
func dispatched(h http.Handler, method, path string) int {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, path, nil))
	i, err := strconv.Atoi(w.Header().Get(routeHeader))
	if err != nil {
		return -1
	}
	return i
}

// proxyRouter builds the proxy's router from the matches 'proxy init'
// writes for framework fw. A guard routes to -1: it stays on the monolith.
func proxyRouter(t *testing.T, fw string, routes []frameworkRoute) (*match.Router, []ProxyMatch) {
	t.Helper()
	refs := make([]RouteRef, len(routes))
	for i, r := range routes {
		refs[i] = RouteRef{Method: r.method, Path: r.recorded}
	}
	pms := TranslateRoutes(fw, refs)
	var ms []*match.Matcher
	for i, pm := range pms {
		mc := match.Rule{Path: pm.Path, ExactMethods: pm.ExactMethods}
		if pm.Method != "" {
			mc.Methods = []string{pm.Method}
		}
		m, err := match.Compile(i, mc)
		if err != nil {
			t.Fatalf("match %d %s %s: %v", i, pm.Method, pm.Path, err)
		}
		ms = append(ms, m...)
	}
	rt, conflicts := match.NewRouter(ms)
	if len(conflicts) > 0 {
		t.Fatalf("conflicting routes: %v", conflicts)
	}
	return rt, pms
}

// routed is the route the proxy sends the request to, or -1 for none
// (the default backend, the monolith).
func routed(rt *match.Router, method, path string) int {
	m := rt.Match(httptest.NewRequest(method, path, nil))
	if m == nil {
		return -1
	}
	return m.Route
}

// requestCorpus lists request paths around the routes' patterns: each
// pattern filled in, with and without its trailing slash, one segment
// longer, with empty wildcards, and paths no route names. Only clean
// paths: the proxy redirects the others to their clean form first.
func requestCorpus(routes []frameworkRoute) []string {
	set := map[string]bool{}
	add := func(p string) {
		if p != "" && match.CleanPath(p) == p {
			set[p] = true
		}
	}
	for _, r := range routes {
		for _, fill := range [][2]string{{"v1", "a/b"}, {"", ""}, {"7", "x"}} {
			p := fillPattern(r.recorded, fill[0], fill[1])
			add(p)
			add(p + "/")
			add(strings.TrimSuffix(p, "/"))
			add(strings.TrimSuffix(p, "/") + "/x")
			add(strings.TrimSuffix(p, "/") + "/x/y/")
			if i := strings.LastIndexByte(strings.TrimSuffix(p, "/"), '/'); i > 0 {
				add(p[:i])
				add(p[:i+1])
			}
		}
	}
	for _, p := range []string{"/", "/nope", "/nope/", "/application/", "/image", "/a", "/a/b/c", "/USERS"} {
		add(p)
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// fillPattern replaces {name} with one and {name...} with rest.
func fillPattern(p, one, rest string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			b.WriteString(p)
			return b.String()
		}
		b.WriteString(p[:i])
		switch name := p[i+1 : i+j]; {
		case name == "$":
		case strings.HasSuffix(name, "..."):
			b.WriteString(rest)
		default:
			b.WriteString(one)
		}
		p = p[i+j+1:]
	}
}

// corpusMethods are the methods every corpus path is sent with.
func corpusMethods() []string {
	return []string{"GET", "HEAD", "POST", "PUT", "DELETE"}
}

// assertSameRoutes sends every corpus request to the framework's real
// router and to the proxy's, and fails on every request they send to
// different routes; a proxy guard counts as no route (the monolith).
func assertSameRoutes(t *testing.T, fw string, h http.Handler, routes []frameworkRoute) {
	t.Helper()
	rt, pms := proxyRouter(t, fw, routes)
	corpus := requestCorpus(routes)
	guards, exact := 0, 0
	for _, pm := range pms {
		if pm.Guard {
			guards++
		}
		if pm.ExactMethods {
			exact++
		}
	}
	for _, path := range corpus {
		for _, method := range corpusMethods() {
			want, got := dispatched(h, method, path), -1
			if i := routed(rt, method, path); i >= 0 && !pms[i].Guard {
				got = pms[i].Of
			}
			if want == got {
				continue
			}
			name := func(i int) string {
				if i < 0 {
					return "no route (monolith)"
				}
				r := routes[i]
				return strconv.Quote(r.method+" "+r.native) + " as " + strconv.Quote(FrameworkPath(fw, r.recorded))
			}
			t.Errorf("%s %s: %s routes it to %s, the proxy to %s", method, path, fw, name(want), name(got))
		}
	}
	t.Logf("%s: %d requests (%d paths × %d methods) routed alike by %d routes and %d guards (%d matches keep GET from HEAD)",
		fw, len(corpus)*len(corpusMethods()), len(corpus), len(corpusMethods()), len(routes), guards, exact)
}

func TestFrameworkPath(t *testing.T) {
	tests := []struct{ fw, in, want string }{
		{FrameworkGin, "/", "/{$}"},
		{FrameworkGin, "/users/", "/users/{$}"},
		{FrameworkGin, "/users/{id}", "/users/{id}"},
		{FrameworkGin, "/image/{filepath...}", "/image/{filepath...}"},
		{FrameworkEcho, "api.example.com/", "api.example.com/{$}"},
		{FrameworkEcho, "/static/{any...}", "/static/{any...}"},
		{FrameworkChi, "/a/{id}/", "/a/{id}/{$}"},
		{FrameworkGorilla, "/", "/{$}"},
		{FrameworkHTTPRouter, "/posts/", "/posts/{$}"},
		{FrameworkMacaron, "/", "/{$}"},
		{FrameworkNetHTTP, "/", "/"},
		{FrameworkNetHTTP, "/static/", "/static/"},
		{"", "/", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.fw+" "+tt.in, func(t *testing.T) {
			got := FrameworkPath(tt.fw, tt.in)
			if got != tt.want {
				t.Errorf("FrameworkPath(%q, %q) = %q, want %q", tt.fw, tt.in, got, tt.want)
			}
		})
	}
}

func TestNetHTTPRoutesAlike(t *testing.T) {
	routes := []frameworkRoute{
		{"GET", "/{$}", "/{$}"},
		{"GET", "/users/{id}", "/users/{id}"},
		{"POST", "/users/", "/users/"},
		{"", "/static/", "/static/"},
		{"GET", "/files/{path...}", "/files/{path...}"},
		{"DELETE", "/users/{id}/tags/{tag}", "/users/{id}/tags/{tag}"},
	}
	mux := http.NewServeMux()
	for i, r := range routes {
		pat := r.native
		if r.method != "" {
			pat = r.method + " " + pat
		}
		mux.Handle(pat, routeHandler(i))
	}
	assertSameRoutes(t, FrameworkNetHTTP, mux, routes)
}

// FuzzFrameworkPath: a valid ServeMux pattern stays valid once translated
// for any framework, and translating twice changes nothing more.
func FuzzFrameworkPath(f *testing.F) {
	for _, s := range []string{"/", "/users/", "/users/{id}", "/static/{p...}", "h.example/a/", "/a/{$}", "/x/{id}/"} {
		f.Add(FrameworkEcho, s)
	}
	f.Fuzz(func(t *testing.T, fw, path string) {
		if _, err := match.ParsePath(path); err != nil {
			return
		}
		for _, fw := range []string{fw, FrameworkGin, FrameworkEcho, FrameworkChi, FrameworkGorilla, FrameworkNetHTTP} {
			got := FrameworkPath(fw, path)
			if _, err := match.ParsePath(got); err != nil {
				t.Fatalf("FrameworkPath(%q, %q) = %q: %v", fw, path, got, err)
			}
			if again := FrameworkPath(fw, got); again != got {
				t.Fatalf("FrameworkPath(%q) twice: %q then %q", fw, got, again)
			}
			for _, pm := range TranslateRoutes(fw, []RouteRef{{"GET", path}}) {
				if _, err := match.ParsePath(pm.Path); err != nil {
					t.Fatalf("TranslateRoutes(%q, %q) wrote %q: %v", fw, path, pm.Path, err)
				}
			}
		}
	})
}
