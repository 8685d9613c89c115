package strangler

import "fmt"

// RouteMatcher is one method of one route, as the proxy matches it.
type RouteMatcher struct {
	// Route is the route's index in the configuration.
	Route int
	// Method is the method, upper-cased as the proxy compares it; "" is
	// any method.
	Method string
	// Host is the host, lower-cased; "" is any host.
	Host string
}

// Precedence is the order in which the proxy tries the matchers of a
// configuration's routes: most specific first, ties by file order. Mesh
// exports use it to reproduce ServeMux precedence on a target that takes
// the first match.
type Precedence struct {
	// Matchers are in the order the proxy tries them.
	Matchers []RouteMatcher
	// before[i][j]: Matchers[i] is more specific than Matchers[j] and some
	// request matches both, so i must be tried first.
	before [][]bool
}

// RoutePrecedence orders the matchers of routes as the proxy's table does.
// The routes must be valid (see [Config.Validate]); conflicting routes are
// an error.
func RoutePrecedence(routes []RouteConfig) (*Precedence, error) {
	var all []*matcher
	for i, rc := range routes {
		ms, err := compileMatchers(i, rc.Match)
		if err != nil {
			return nil, fmt.Errorf("route %s: %w", rc.Name, err)
		}
		all = append(all, ms...)
	}
	rt, conflicts := newRouter(all)
	if len(conflicts) > 0 {
		return nil, fmt.Errorf("strangler: routes %s and %s conflict", routes[conflicts[0].a.route].Name, routes[conflicts[0].b.route].Name)
	}
	p := &Precedence{before: make([][]bool, len(rt.matchers))}
	for i, m := range rt.matchers {
		p.Matchers = append(p.Matchers, RouteMatcher{Route: m.route, Method: m.pat.method, Host: m.pat.host})
		p.before[i] = make([]bool, len(rt.matchers))
		for j, o := range rt.matchers {
			p.before[i][j] = i != j && m.compare(o) == moreSpecific
		}
	}
	return p, nil
}

// MustPrecede reports whether Matchers[i] must be tried before
// Matchers[j]: it is more specific, and some request matches both.
func (p *Precedence) MustPrecede(i, j int) bool { return p.before[i][j] }
