package config

import (
	"fmt"
	"strings"
)

// Framework names, as the analyzer records them on route nodes. They
// repeat the analyzer's Framework names: this package is in the proxy's
// binary, which must not carry the analyzer (cmd/ficus holds the two
// lists to the same values).
const (
	FrameworkNetHTTP = "net/http"
	FrameworkGorilla = "gorilla/mux"
	FrameworkChi     = "chi"
	FrameworkGin     = "gin"
	FrameworkEcho    = "echo"
	// FrameworkHTTPRouter is julienschmidt/httprouter, and the routers
	// apps build over it.
	FrameworkHTTPRouter = "httprouter"
	// FrameworkMacaron is go-macaron, whose tree matches a path exactly
	// and answers HEAD on a GET route only when the app turns AutoHead on.
	FrameworkMacaron = "macaron"
)

// RouteRef is a route as the analyzer records it: its method ("*" or ""
// for any) and its pattern in ServeMux syntax ({id}, {rest...}), perhaps
// after a host.
type RouteRef struct {
	Method, Path string
}

// ProxyMatch is one proxy route 'proxy init' writes for a framework's
// routes: the route itself (Of is its index), or a guard that keeps on the
// monolith requests the route's proxy pattern covers but the framework
// does not send to it. Why says, for a guard, which rule made it.
type ProxyMatch struct {
	Method, Path string
	// ExactMethods keeps a GET match from taking HEAD (MatchConfig's
	// exact_methods): the framework does not answer HEAD on the route.
	ExactMethods bool
	Of           int
	Guard        bool
	Why          string
}

// exactFramework reports whether fw matches paths exactly: a pattern
// ending in a slash names that one path, not a prefix as in ServeMux.
func exactFramework(fw string) bool {
	switch fw {
	case FrameworkGin, FrameworkEcho, FrameworkChi, FrameworkGorilla, FrameworkHTTPRouter, FrameworkMacaron:
		return true
	}
	return false
}

// FrameworkPath spells a route pattern the analyzer recorded for
// framework fw as the proxy path that matches the requests the framework
// sends to that route.
//
// ServeMux, and so the proxy, reads a pattern ending in a slash as a
// prefix: "/" matches every path. gin, echo, chi, gorilla/mux and
// httprouter match such a pattern exactly, so for them the proxy pattern
// ends in {$}: gin's
// GET / becomes /{$}, /users/ becomes /users/{$}. Catch-all wildcards
// (gin's *filepath, echo's and chi's *) are already {name...}, which
// matches the rest of the path, an empty rest included, as they do. echo
// routes' parameters are read by [TranslateRoutes], which knows them all.
// Patterns of net/http and of frameworks not listed are kept as they are.
func FrameworkPath(fw, path string) string {
	if !exactFramework(fw) {
		return path
	}
	host, p := splitHostPath(path)
	switch {
	case strings.HasSuffix(p, "/"):
		p += "{$}"
	}
	return host + p
}

// echoRest spells echo's route pattern p with its last parameter taking
// the rest of the path: echo lets a parameter that ends a route match the
// rest, slashes included (/users/:id matches /users/7/x), as long as no
// route of any method goes on past it (then /users/7/x is not found).
func echoRest(p string, routes []RouteRef) string {
	if !strings.HasSuffix(p, "}") || strings.HasSuffix(p, "...}") || strings.HasSuffix(p, "{$}") {
		return p
	}
	for _, o := range routes {
		if strings.HasPrefix(o.Path, p+"/") {
			return p
		}
	}
	return strings.TrimSuffix(p, "}") + "...}"
}

// splitHostPath separates an optional host from a pattern's path.
func splitHostPath(pattern string) (host, path string) {
	if i := strings.IndexByte(pattern, '/'); i > 0 {
		return pattern[:i], pattern[i:]
	}
	return "", pattern
}

// TranslateRoutes turns the routes the analyzer found for framework fw
// into proxy matches that send each request where the framework does:
// each route's [FrameworkPath], and guards on the monolith for what the
// proxy's ServeMux rules would add.
//
// ServeMux lets GET match HEAD; gin, echo, chi, gorilla/mux, httprouter and
// macaron (without AutoHead) answer HEAD on a GET-only route with 404 or 405
// from their not-found handler, on the monolith. Their GET routes without a HEAD (or any-method) route
// on the same path are written with exact_methods, so that HEAD stays on
// the monolith too.
//
// echo lets a last parameter take the rest of the path (see echoRest),
// but never an empty one (/users/ is not /users/:id): a guard keeps the
// path with the parameter empty on the monolith, unless a route of that
// method names it.
func TranslateRoutes(fw string, routes []RouteRef) []ProxyMatch {
	out := make([]ProxyMatch, 0, len(routes))
	has := map[string]bool{}
	for _, r := range routes {
		has[methodOf(r)+" "+r.Path] = true
	}
	covered := func(method, path string) bool { return has[method+" "+path] || has["* "+path] }
	for i, r := range routes {
		path := FrameworkPath(fw, r.Path)
		if fw == FrameworkEcho {
			path = echoRest(path, routes)
		}
		exact := exactFramework(fw) && methodOf(r) == "GET" && !covered("HEAD", r.Path)
		out = append(out, ProxyMatch{Method: strings.TrimPrefix(methodOf(r), "*"), Path: path, ExactMethods: exact, Of: i})
		if fw == FrameworkEcho && path != FrameworkPath(fw, r.Path) {
			host, p := splitHostPath(r.Path)
			empty := p[:strings.LastIndexByte(p, '/')+1]
			if !covered(methodOf(r), host+empty) {
				out = append(out, ProxyMatch{Method: strings.TrimPrefix(methodOf(r), "*"), Path: host + empty + "{$}", ExactMethods: exact, Of: i, Guard: true,
					Why: fmt.Sprintf("echo does not route %s to %s: it stays on the monolith", empty, r.Path)})
			}
		}
	}
	return out
}

func methodOf(r RouteRef) string {
	if r.Method == "" {
		return "*"
	}
	return strings.ToUpper(r.Method)
}
