package evidence

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// RouteMatcher finds the graph route that serves a request, the way the
// routers ficus recognizes match: literal segments, {name} (or {name:re})
// for one segment, {name...} for the rest of the path, a trailing slash
// for a subtree. The most specific pattern wins.
type RouteMatcher struct {
	routes []pattern
}

type pattern struct {
	id       string // the route node's id
	method   string // "" for any method
	segs     []string
	rest     bool // the last segment takes the rest of the path
	literals int  // literal segments, for specificity
}

// NewRouteMatcher reads the route nodes of a graph ("route:METHOD
// /pattern"); routes with a host or no path are left out.
func NewRouteMatcher(nodes []analyzer.Node) *RouteMatcher {
	m := &RouteMatcher{}
	for _, n := range nodes {
		if n.Kind != analyzer.KindRoute {
			continue
		}
		if p, ok := parsePattern(n.ID); ok {
			m.routes = append(m.routes, p)
		}
	}
	// Most specific first, so Match returns the first hit.
	slices.SortStableFunc(m.routes, func(a, b pattern) int {
		return cmp.Or(cmp.Compare(b.specificity(), a.specificity()), cmp.Compare(a.id, b.id))
	})
	return m
}

// specificity orders patterns as routers prefer them: more literal
// segments, then no rest wildcard, then more segments, then a method.
func (p pattern) specificity() int {
	s := p.literals<<20 | len(p.segs)<<1
	if !p.rest {
		s |= 1 << 19
	}
	if p.method != "" {
		s |= 1
	}
	return s
}

// parsePattern reads "route:METHOD /a/{b}/c".
func parsePattern(id string) (pattern, bool) {
	method, path, ok := strings.Cut(strings.TrimPrefix(id, "route:"), " ")
	if !ok || !strings.HasPrefix(path, "/") {
		return pattern{}, false
	}
	p := pattern{id: id, method: strings.ToUpper(method)}
	switch p.method {
	case "ANY", "*", "ALL":
		p.method = ""
	}
	path = strings.TrimSuffix(path, "{$}")
	if strings.HasSuffix(path, "/") && len(path) > 1 {
		p.rest = true // a ServeMux subtree: /static/ serves /static/x/y
	}
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "...}") {
			p.rest = true
			break
		}
		if !strings.Contains(s, "{") {
			p.literals++
		}
		p.segs = append(p.segs, s)
	}
	return p, true
}

// Match returns the id of the route serving method and path, or "".
func (m *RouteMatcher) Match(method, path string) string {
	method = strings.ToUpper(method)
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	var segs []string
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	for _, p := range m.routes {
		if p.method != "" && p.method != method && !(p.method == "GET" && method == "HEAD") {
			continue
		}
		if p.matches(segs) {
			return p.id
		}
	}
	return ""
}

func (p pattern) matches(segs []string) bool {
	if len(segs) < len(p.segs) || len(segs) > len(p.segs) && !p.rest {
		return false
	}
	for i, s := range p.segs {
		if strings.Contains(s, "{") {
			continue // a parameter takes any one segment
		}
		if s != segs[i] {
			return false
		}
	}
	return true
}
