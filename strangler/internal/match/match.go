package match

import (
	"cmp"
	"fmt"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strings"
)

// predKind is what a predicate looks at.
type predKind uint8

const (
	predHeader predKind = iota
	predCookie
	predQuery
)

func (k predKind) String() string {
	return [...]string{"header", "cookie", "query"}[k]
}

// anyValue as a predicate value means "present, with any value".
const anyValue = "*"

// predicate is a header, cookie or query condition. Only the first value of
// a repeated header, cookie or query key is compared, so two predicates on
// the same name with different values never both match.
type predicate struct {
	kind  predKind
	name  string // canonical header name, cookie name or query key
	value string // anyValue for presence
}

func (p predicate) String() string { return fmt.Sprintf("%s %s=%s", p.kind, p.name, p.value) }

// implies reports whether every request matching p also matches q.
func (p predicate) implies(q predicate) bool {
	return p.kind == q.kind && p.name == q.name && (q.value == anyValue || p.value == q.value)
}

// RequestView gives predicates lazy, parse-once access to a request.
type RequestView struct {
	R       *http.Request
	query   url.Values
	queried bool
}

func (v *RequestView) value(p predicate) (string, bool) {
	switch p.kind {
	case predHeader:
		vs := v.R.Header[p.name]
		if len(vs) == 0 {
			return "", false
		}
		return vs[0], true
	case predCookie:
		c, err := v.R.Cookie(p.name)
		if err != nil {
			return "", false
		}
		return c.Value, true
	default:
		if !v.queried {
			v.query, v.queried = v.R.URL.Query(), true
		}
		vs, ok := v.query[p.name]
		if !ok || len(vs) == 0 {
			return "", false
		}
		return vs[0], true
	}
}

func (p predicate) match(v *RequestView) bool {
	got, ok := v.value(p)
	return ok && (p.value == anyValue || got == p.value)
}

// comparePredicates relates the request sets two predicate lists match.
func comparePredicates(a, b []predicate) relationship {
	for _, pa := range a {
		for _, pb := range b {
			if pa.kind == pb.kind && pa.name == pb.name && pa.value != anyValue && pb.value != anyValue && pa.value != pb.value {
				return disjoint
			}
		}
	}
	aImpliesB, bImpliesA := impliesAll(a, b), impliesAll(b, a)
	switch {
	case aImpliesB && bImpliesA:
		return equivalent
	case aImpliesB:
		return moreSpecific
	case bImpliesA:
		return moreGeneral
	}
	return Overlaps
}

// impliesAll reports whether every request matching all of a matches all of b.
func impliesAll(a, b []predicate) bool {
	for _, q := range b {
		if !slices.ContainsFunc(a, func(p predicate) bool { return p.implies(q) }) {
			return false
		}
	}
	return true
}

// Matcher is one method of one route: a ServeMux pattern and predicates.
type Matcher struct {
	Route int // index into the routes it was compiled from
	pat   pattern
	preds []predicate
}

// Describe renders the matcher for messages, like "GET /orders/{id} [header X-Beta=1]".
func (m *Matcher) Describe() string {
	s := m.pat.String()
	if len(m.preds) > 0 {
		parts := make([]string, len(m.preds))
		for i, p := range m.preds {
			parts[i] = p.String()
		}
		s += " [" + strings.Join(parts, ", ") + "]"
	}
	return s
}

// compare relates two matchers by precedence: a host wins over no host,
// then the more specific method and path, then the more specific predicates.
func (m *Matcher) compare(o *Matcher) relationship {
	if m.pat.host != o.pat.host {
		switch {
		case m.pat.host == "":
			return moreGeneral
		case o.pat.host == "":
			return moreSpecific
		}
		return disjoint
	}
	rel := m.pat.comparePathsAndMethods(&o.pat)
	if rel == disjoint {
		return disjoint
	}
	prel := comparePredicates(m.preds, o.preds)
	if prel == disjoint {
		return disjoint
	}
	if rel == equivalent {
		return prel
	}
	return rel
}

// Match reports whether a request with this method, host (lower case,
// no port) and clean path matches.
func (m *Matcher) Match(method, host, path string, v *RequestView) bool {
	if m.pat.host != "" && m.pat.host != host {
		return false
	}
	if !m.pat.matchMethod(method) || !m.pat.matchPath(path) {
		return false
	}
	for _, p := range m.preds {
		if !p.match(v) {
			return false
		}
	}
	return true
}

// Router finds the most specific matcher for a request. Its matchers are in
// an order where each comes before every matcher it is more specific than;
// since overlapping matchers are always comparable (conflicts are rejected
// when the table is built), the first match is the most specific one.
type Router struct {
	matchers []*Matcher
}

// Match returns the most specific matcher for r, or nil.
func (rt *Router) Match(r *http.Request) *Matcher {
	if len(rt.matchers) == 0 {
		return nil
	}
	host := strings.ToLower(StripHostPort(r.Host))
	p := CleanPath(r.URL.EscapedPath())
	v := RequestView{R: r}
	for _, m := range rt.matchers {
		if m.Match(r.Method, host, p, &v) {
			return m
		}
	}
	return nil
}

// StripHostPort returns h without its port.
func StripHostPort(h string) string {
	if !strings.Contains(h, ":") {
		return h
	}
	host, _, err := net.SplitHostPort(h)
	if err != nil {
		return h
	}
	return host
}

// Conflict is a pair of matchers of different routes that neither wins over.
type Conflict struct {
	A, B *Matcher
	Rel  relationship // equivalent or overlaps
}

// Example returns a path both matchers of an overlapping conflict match.
func (c Conflict) Example() string { return examplePath(&c.A.pat, &c.B.pat) }

// NewRouter orders matchers by precedence and reports the pairs that
// conflict. Ties are broken by file order.
func NewRouter(ms []*Matcher) (*Router, []Conflict) {
	n := len(ms)
	before := make([][]int, n) // before[i]: matchers that i must precede
	indeg := make([]int, n)
	var conflicts []Conflict
	for i := range n {
		for j := i + 1; j < n; j++ {
			switch rel := ms[i].compare(ms[j]); rel {
			case moreSpecific:
				before[i] = append(before[i], j)
				indeg[j]++
			case moreGeneral:
				before[j] = append(before[j], i)
				indeg[i]++
			case equivalent, Overlaps:
				if ms[i].Route != ms[j].Route {
					conflicts = append(conflicts, Conflict{ms[i], ms[j], rel})
				}
			}
		}
	}
	// Kahn's algorithm, always taking the earliest ready matcher.
	order := make([]*Matcher, 0, n)
	ready := []int{}
	for i := range n {
		if indeg[i] == 0 {
			ready = append(ready, i)
		}
	}
	for len(ready) > 0 {
		slices.Sort(ready)
		i := ready[0]
		ready = ready[1:]
		order = append(order, ms[i])
		for _, j := range before[i] {
			if indeg[j]--; indeg[j] == 0 {
				ready = append(ready, j)
			}
		}
	}
	return &Router{matchers: order}, conflicts
}

// Rule is a route's match section: every non-empty field must match. The
// configuration's MatchConfig converts to it.
type Rule struct {
	Methods []string
	// ExactMethods makes GET match GET alone, not HEAD too.
	ExactMethods bool
	Host         string
	Path         string
	Headers      map[string]string
	Cookies      map[string]string
	Query        map[string]string
}

// Compile turns a route's match section into one matcher per
// method (or one for all methods). The config must already be valid.
func Compile(route int, mc Rule) ([]*Matcher, error) {
	segs, err := ParsePath(mc.Path)
	if err != nil {
		return nil, err
	}
	var preds []predicate
	add := func(kind predKind, m map[string]string, canon func(string) string) {
		for k, v := range m {
			preds = append(preds, predicate{kind: kind, name: canon(k), value: v})
		}
	}
	add(predHeader, mc.Headers, textproto.CanonicalMIMEHeaderKey)
	add(predCookie, mc.Cookies, func(s string) string { return s })
	add(predQuery, mc.Query, func(s string) string { return s })
	slices.SortFunc(preds, func(a, b predicate) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.name, b.name), cmp.Compare(a.value, b.value))
	})
	methods := mc.Methods
	if len(methods) == 0 {
		methods = []string{""}
	}
	out := make([]*Matcher, 0, len(methods))
	for _, meth := range methods {
		out = append(out, &Matcher{
			Route: route,
			pat: pattern{method: strings.ToUpper(meth), exact: mc.ExactMethods && strings.EqualFold(meth, "GET"),
				host: strings.ToLower(mc.Host), segs: segs, str: mc.Path},
			preds: preds,
		})
	}
	return out, nil
}

// ValidHost reports whether h can be a route's host: ServeMux syntax
// without a port (request ports are ignored when matching).
func ValidHost(h string) bool {
	return h != "" && !strings.ContainsAny(h, "/{}: \t")
}
