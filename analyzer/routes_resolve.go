package analyzer

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
	"unicode"
)

// maxPrefixes bounds the prefixes one router may have, against
// combinatorial growth through many call sites.
const maxPrefixes = 32

// routeResolver turns symbolic router facts into concrete route patterns.
type routeResolver struct {
	in   map[origin][]routerVal
	memo map[origin][]string
	fed  map[origin]bool
	busy map[origin]bool
	// fallbacks are the routes of possible mounts that were plain handlers.
	fallbacks []routeReg
}

func newRouteResolver(flows []routerFlow, mounts []routerMount) *routeResolver {
	r := &routeResolver{in: map[origin][]routerVal{}, memo: map[origin][]string{}, fed: map[origin]bool{}, busy: map[origin]bool{}}
	for _, f := range flows {
		r.in[f.to] = append(r.in[f.to], f.from)
	}
	// A mounted router serves below its mount point: the prefix goes to the
	// routers it was made from (found before any mount is added).
	var extra []routerFlow
	for _, m := range mounts {
		if m.fallback != nil && len(r.in[m.child.o]) == 0 {
			r.fallbacks = append(r.fallbacks, *m.fallback)
			continue
		}
		for _, root := range r.roots(m.child.o, map[origin]bool{}) {
			extra = append(extra, routerFlow{to: root, from: routerVal{o: m.parent.o, prefix: joinPath(m.parent.prefix, m.at)}})
		}
	}
	for _, f := range extra {
		r.in[f.to] = append(r.in[f.to], f.from)
	}
	return r
}

// roots follows flows backwards to the origins nothing flows into.
func (r *routeResolver) roots(o origin, seen map[origin]bool) []origin {
	if seen[o] {
		return nil
	}
	seen[o] = true
	in := r.in[o]
	if len(in) == 0 {
		return []origin{o}
	}
	var out []origin
	for _, v := range in {
		out = append(out, r.roots(v.o, seen)...)
	}
	return out
}

// unfedParams reports the router parameters routes are registered on that
// no call in the analyzed packages passes a router, when no other router
// reaches them: those routes are in the graph without the prefix of
// wherever the router comes from.
func (r *routeResolver) unfedParams(regs []routeReg, params map[types.Object]string) []Diagnostic {
	var out []Diagnostic
	seen, done := map[origin]bool{}, map[origin]bool{}
	for _, reg := range regs {
		if seen[reg.at.o] {
			continue
		}
		seen[reg.at.o] = true
		roots := r.roots(reg.at.o, map[origin]bool{})
		if slices.ContainsFunc(roots, func(o origin) bool { _, ok := params[o.obj]; return !ok }) {
			continue // served by some router ficus sees
		}
		for _, root := range roots {
			name := params[root.obj]
			if done[root] {
				continue
			}
			done[root] = true
			out = append(out, Diagnostic{
				Package: reg.pkg, Pos: reg.pos, Kind: DiagRoute,
				Message: "routes registered on router parameter " + name + ", which no call in the analyzed packages passes a router: they are in the graph without its prefix",
				Hint:    "the caller is outside the module (a plugin host, a library user) or calls through a value ficus cannot follow; add the routes to the proxy config with their prefix",
			})
		}
	}
	slices.SortFunc(out, func(a, b Diagnostic) int { return strings.Compare(a.Pos+a.Message, b.Pos+b.Message) })
	return out
}

// prefixes returns every path prefix a router from o can be served under.
func (r *routeResolver) prefixes(o origin) []string {
	ps, _ := r.prefixesFed(o)
	return ps
}

// prefixesFed is prefixes, and whether some router reaches o from a
// place other than a parameter no call feeds (an unused variant of a
// generated helper). Where fed and unfed paths meet, the unfed ones say
// nothing about where the router is served and are left out.
func (r *routeResolver) prefixesFed(o origin) ([]string, bool) {
	if p, ok := r.memo[o]; ok {
		return p, r.fed[o]
	}
	if r.busy[o] {
		return nil, false
	}
	in := r.in[o]
	if len(in) == 0 {
		return []string{""}, !unfedVar(o)
	}
	r.busy[o] = true
	var fed, unfed []string
	for _, v := range in {
		ps, isFed := r.prefixesFed(v.o)
		for _, p := range ps {
			full := joinPath(p, v.prefix)
			list := &unfed
			if isFed {
				list = &fed
			}
			if !slices.Contains(*list, full) && len(*list) < maxPrefixes {
				*list = append(*list, full)
			}
		}
	}
	delete(r.busy, o)
	out := fed
	if len(fed) == 0 {
		out = unfed
	}
	slices.Sort(out)
	r.memo[o], r.fed[o] = out, len(fed) > 0
	return out, len(fed) > 0
}

// unfedVar reports an origin that is a function's parameter or local
// variable nothing flows into.
func unfedVar(o origin) bool {
	v, ok := o.obj.(*types.Var)
	return ok && !v.IsField() && v.Parent() != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}

// resolvedRoute is a route with its final pattern.
type resolvedRoute struct {
	id, name string
	reg      routeReg
}

func (r *routeResolver) resolve(reg routeReg) []resolvedRoute {
	var out []resolvedRoute
	host, path := "", reg.path
	if reg.fw == fwStd {
		// Only a ServeMux pattern names a host before its path; other
		// routers take a path without its leading slash as relative
		// (gin: Group("users").GET("list") serves /users/list).
		host, path = splitHost(reg.path)
	}
	for _, p := range r.prefixes(reg.at.o) {
		full := normalizePattern(chiJoin(joinPath(p, reg.at.prefix), path, reg.fw), reg.fw)
		if full == "" && reg.fw == fwStd {
			// ServeMux takes no empty pattern: this is a group's own root
			// at the top (routegroup's HandleRoot), which it serves as /
			full = "/"
		}
		name := reg.method + " " + host + full
		out = append(out, resolvedRoute{id: "route:" + name, name: name, reg: reg})
	}
	return out
}

// chiJoin joins a router's prefix and a registered path. chi hands a
// router mounted at /cargos (Route, Mount) the path "/" for a request to
// /cargos itself (Mux.nextRoutePath), so its "/" route is served at the
// mount path, not at /cargos/.
func chiJoin(prefix, path string, fw framework) string {
	if fw == fwChi && path == "/" && prefix != "" && !strings.HasSuffix(prefix, "/") {
		return prefix
	}
	return joinPath(prefix, path)
}

// splitHost separates the host of a ServeMux pattern from its path.
func splitHost(p string) (host, path string) {
	if p == "" || p[0] == '/' {
		return "", p
	}
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, "/"
}

// joinPath joins route path pieces with exactly one slash between them,
// keeping a trailing slash of the last piece.
func joinPath(a, b string) string {
	switch {
	case b == "":
		return a
	case a == "":
		if b[0] != '/' {
			return "/" + b
		}
		return b
	}
	return strings.TrimRight(a, "/") + "/" + strings.TrimLeft(b, "/")
}

// normalizePattern spells a framework's path pattern in Go 1.22 ServeMux
// syntax: :id and {id:[0-9]+} become {id}, *rest becomes {rest...}, a bare
// * becomes {any...}.
func normalizePattern(p string, fw framework) string {
	if fw == fwStd || fw == fwNone {
		return p
	}
	segs := splitSegments(p)
	l := libOf(fw)
	for i, s := range segs {
		segs[i] = l.segment(s)
		if fw == fwGin || fw == fwEcho || fw == fwHTTPRouter || fw == fwMacaron {
			// their wildcard names run to the next slash
			segs[i] = wildcardSegment(segs[i])
		}
	}
	return strings.Join(segs, "/")
}

// wildcardSegment spells the name of a whole-segment wildcard ({name},
// {name...}) as a Go identifier, as ServeMux patterns (and so the proxy)
// require, for the routers whose names run to the next slash (gin, echo,
// httprouter; fiber's :md5.css is md5 and a literal .css, and chi's
// {from}-{to} two parameters, which stay as they are): so
// /custom/:md5.css names "md5.css", a wildcard of the whole segment,
// which becomes {md5_css}.
func wildcardSegment(seg string) string {
	if len(seg) < 3 || seg[0] != '{' || seg[len(seg)-1] != '}' || seg == "{$}" {
		return seg
	}
	name, rest := seg[1:len(seg)-1], ""
	if n, ok := strings.CutSuffix(name, "..."); ok {
		name, rest = n, "..."
	}
	if strings.ContainsAny(name, "{}<>:") {
		return seg // several parameters in one segment: no whole-segment wildcard
	}
	b := []rune(name)
	for i, r := range b {
		if r != '_' && !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			b[i] = '_'
		}
	}
	return "{" + string(b) + rest + "}"
}

// droppedParamPatterns notes a chi or gorilla/mux route whose path
// parameters carry a regular expression ({id:[0-9]+}): the route's
// pattern keeps the parameter, not the expression, since ServeMux
// patterns (and the proxy's routing) cannot say it.
func droppedParamPatterns(reg routeReg, route string) (Diagnostic, bool) {
	if reg.fw != fwChi && reg.fw != fwGorilla {
		return Diagnostic{}, false
	}
	var exprs []string
	for _, seg := range splitSegments(reg.path) {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			if _, re, found := strings.Cut(seg[1:len(seg)-1], ":"); found {
				exprs = append(exprs, strings.TrimSpace(re))
			}
		}
	}
	if len(exprs) == 0 {
		return Diagnostic{}, false
	}
	return Diagnostic{Package: reg.pkg, Pos: reg.pos, Kind: DiagRoute,
		Message: fmt.Sprintf("route %s: its parameters' patterns (%s) are not kept: a route pattern takes any value there", route, strings.Join(exprs, ", ")),
		Hint:    "a proxy configured from this route also sends it values the framework answers with 404 (harmless unless another route serves them); name those paths in their own routes"}, true
}

// splitSegments splits a path at slashes outside braces, so that a
// regular expression such as {p:[a-z/]+} stays one segment.
func splitSegments(p string) []string {
	var segs []string
	depth, start := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case '/':
			if depth == 0 {
				segs = append(segs, p[start:i])
				start = i + 1
			}
		}
	}
	return append(segs, p[start:])
}
