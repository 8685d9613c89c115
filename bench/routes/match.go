package main

import "strings"

// routeKey is a route as matching compares it: the method (`*` for any)
// and the path with every parameter spelled alike.
type routeKey struct{ method, path string }

func (k routeKey) String() string { return k.method + " " + k.path }

// keyOf normalizes a method and a path.
func keyOf(method, path string) routeKey {
	return routeKey{normMethod(method), normPath(path)}
}

// normMethod spells "any method" one way: ficus writes `*`, a truth file
// ANY, a baseline an empty method.
func normMethod(m string) string {
	m = strings.ToUpper(strings.TrimSpace(m))
	if m == "" || m == "ANY" {
		return "*"
	}
	return m
}

// normPath spells every router's parameters alike: a one-segment
// parameter (`:id`, `{id}`, `{id:[0-9]+}`, `<id>`) becomes `{}`, a
// parameter for the rest of the path (`*`, `*path`, `{rest...}`,
// `{path:.*}`) becomes `{...}`, and then goes when it is the last segment:
// `/files/{rest...}`, `/files/*` and `/files/` all match every path below
// /files/, `/files/` being how a ServeMux or a path prefix says it. A
// ServeMux host and `{$}` are dropped, doubled slashes collapsed; a
// trailing slash is kept, since routers tell `/a` and `/a/` apart.
func normPath(p string) string {
	if !strings.HasPrefix(p, "/") {
		if i := strings.Index(p, "/"); i >= 0 {
			p = p[i:] // a ServeMux pattern's host
		} else {
			p = "/" + p
		}
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '/':
			if !strings.HasSuffix(b.String(), "/") {
				b.WriteByte('/')
			}
			i++
		case c == '{':
			end, depth := i, 0
			for ; end < len(p); end++ {
				if p[end] == '{' {
					depth++
				} else if p[end] == '}' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			inner := p[i+1 : min(end, len(p))]
			switch {
			case inner == "$":
			case strings.HasSuffix(inner, "...") || strings.HasSuffix(inner, ":.*") || strings.HasSuffix(inner, ":.+"):
				b.WriteString("{...}")
			default:
				b.WriteString("{}")
			}
			i = end + 1
		case (c == ':' || c == '*' || c == '<') && atSegmentStart(p, i):
			end := i
			for end < len(p) && p[end] != '/' {
				end++
			}
			if c == '*' {
				b.WriteString("{...}")
			} else {
				b.WriteString("{}")
			}
			i = end
		default:
			b.WriteByte(c)
			i++
		}
	}
	out := b.String()
	if strings.HasSuffix(out, "/{...}") {
		out = strings.TrimSuffix(out, "{...}")
	}
	return out
}

func atSegmentStart(p string, i int) bool { return i == 0 || p[i-1] == '/' }

// score is how a set of found routes and tables compares with a truth.
type score struct {
	RoutesTruth, RoutesFound, RoutesRight, RoutesRecalled int
	TablesTruth, TablesFound, TablesRight                 int
	MissedRoutes, FalseRoutes                             []string
	MissedTables, FalseTables                             []string
	// MissedDynamic lists the dynamic truth routes not found.
	MissedDynamic []string
}

// scoreRoutes matches found routes against the truth's static routes. A
// found route is right when the truth has it with the same method, or
// with ANY on the same path (a router may list the methods of an
// any-method registration). A truth route is recalled when a found route
// has its method and path, or, for ANY, any method on its path. A found
// `*` route does not stand for a truth route of one method. Found routes
// matching a dynamic truth route are right but not recalled: those are
// outside recall's denominator.
func (s *score) scoreRoutes(t *Truth, found []routeKey) {
	truth, anyPath := map[routeKey]bool{}, map[string]bool{}
	for _, r := range t.Routes {
		k := keyOf(r.Method, r.Path)
		if k.method == "*" {
			anyPath[k.path] = true
		}
		truth[k] = true
	}
	foundSet, foundPath := map[routeKey]bool{}, map[string]bool{}
	for _, f := range found {
		if foundSet[f] {
			continue
		}
		foundSet[f] = true
		foundPath[f.path] = true
		s.RoutesFound++
		if truth[f] || anyPath[f.path] {
			s.RoutesRight++
		} else {
			s.FalseRoutes = append(s.FalseRoutes, f.String())
		}
	}
	for _, r := range t.Routes {
		k := keyOf(r.Method, r.Path)
		hit := foundSet[k] || (k.method == "*" && foundPath[k.path])
		switch {
		case r.Dynamic && !hit:
			s.MissedDynamic = append(s.MissedDynamic, k.String())
		case r.Dynamic:
		case hit:
			s.RoutesTruth++
			s.RoutesRecalled++
		default:
			s.RoutesTruth++
			s.MissedRoutes = append(s.MissedRoutes, k.String())
		}
	}
}

// scoreTables compares table names, lower-cased.
func (s *score) scoreTables(t *Truth, found []string) {
	truth := map[string]bool{}
	for _, tb := range t.Tables {
		truth[tb.Name] = true
	}
	s.TablesTruth = len(truth)
	seen := map[string]bool{}
	for _, f := range found {
		f = strings.ToLower(f)
		if seen[f] {
			continue
		}
		seen[f] = true
		s.TablesFound++
		if truth[f] {
			s.TablesRight++
		} else {
			s.FalseTables = append(s.FalseTables, f)
		}
	}
	for _, tb := range t.Tables {
		if !seen[tb.Name] {
			s.MissedTables = append(s.MissedTables, tb.Name)
		}
	}
}

func (s score) routeRecall() float64    { return ratio(s.RoutesRecalled, s.RoutesTruth) }
func (s score) routePrecision() float64 { return ratio(s.RoutesRight, s.RoutesFound) }
func (s score) tableRecall() float64    { return ratio(s.TablesRight, s.TablesTruth) }
func (s score) tablePrecision() float64 { return ratio(s.TablesRight, s.TablesFound) }

// ratio is n/d, and 1 when there is nothing to get right (d == 0): an
// app without tables whose tool finds none is right.
func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}
