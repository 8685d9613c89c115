package config

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// PlannedService is a service of a plan, as [WriteInitConfig] needs it.
type PlannedService struct {
	// Name is the service's name in the plan.
	Name string
	// Routes are the analyzer's route ids, "route:METHOD /pattern".
	Routes []string
}

// InitOptions are the inputs of [WriteInitConfig].
type InitOptions struct {
	// Module names the monolith in the header comment.
	Module string
	// MonolithURL is the default backend's address.
	MonolithURL string
	// Services own routes; Unowned are routes no service claims.
	Services []PlannedService
	Unowned  []string
	// Frameworks names, per route id, the router library that registered
	// it (the analyzer's route nodes say): a route's pattern is written to
	// match what that framework matches (see [TranslateRoutes]).
	Frameworks map[string]string
	// Listen and Admin are the proxy's and the admin API's addresses;
	// empty means 127.0.0.1:8080 and 127.0.0.1:9901.
	Listen, Admin string
}

// routeMatch turns an analyzer route id ("route:GET /orders/{id}", or
// "route:* /healthz" for any method) into a match. It reports false for
// ids it cannot read.
func routeMatch(id string) (MatchConfig, bool) {
	rest, ok := strings.CutPrefix(id, "route:")
	if !ok {
		return MatchConfig{}, false
	}
	method, pattern, ok := strings.Cut(rest, " ")
	if !ok {
		method, pattern = "*", rest
	}
	slash := strings.IndexByte(pattern, '/')
	if slash < 0 {
		return MatchConfig{}, false
	}
	m := MatchConfig{Host: pattern[:slash], Path: pattern[slash:]}
	if method != "*" && method != "" {
		m.Methods = []string{method}
	}
	return m, true
}

// routeKey is how a match is compared with an analyzer route: method and
// pattern, "*" for any method.
func routeKey(m MatchConfig) []string {
	pat := m.Host + m.Path
	if len(m.Methods) == 0 {
		return []string{"route:* " + pat}
	}
	out := make([]string, 0, len(m.Methods))
	for _, meth := range m.Methods {
		out = append(out, "route:"+strings.ToUpper(meth)+" "+pat)
	}
	return out
}

// nameChars are what route names may not contain.
func nameChars() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9]+`) }

// routeName derives a route name from its service and id: orders.get-orders-id.
func routeName(service string, m MatchConfig, bad *regexp.Regexp) string {
	method := "any"
	if len(m.Methods) > 0 {
		method = strings.ToLower(m.Methods[0])
	}
	path := strings.Trim(bad.ReplaceAllString(strings.ToLower(m.Host+m.Path), "-"), "-")
	if path == "" {
		path = "root"
	}
	svc := strings.Trim(bad.ReplaceAllString(strings.ToLower(service), "-"), "-")
	name := svc + "." + method + "-" + path
	if svc == "" {
		name = method + "-" + path
	}
	if len(name) > 63 {
		sum := sha256.Sum256([]byte(name))
		name = name[:54] + "-" + hex.EncodeToString(sum[:4])
	}
	return name
}

// InitResult counts what WriteInitConfig wrote: the routes it wrote, and
// the routes it left to the default backend, the monolith (each named in
// a "# not written" comment of the file with the reason).
type InitResult struct {
	Written, LeftOut int
}

// WriteInitConfig writes a proxy configuration with every route of the
// plan, grouped by the service that owns it, each on the monolith (mode
// monolith, weight 0), with a placeholder backend per service. The result
// passes [Parse] once the placeholders are left as they are.
func WriteInitConfig(w io.Writer, o InitOptions) (InitResult, error) {
	var res InitResult
	bw := bufio.NewWriter(w)
	bad := nameChars()
	used := map[string]bool{}
	unique := func(n string) string {
		base := n
		for i := 2; used[n]; i++ {
			suffix := fmt.Sprintf("-%d", i)
			n = base[:min(len(base), 63-len(suffix))] + suffix // names stay within 63
		}
		used[n] = true
		return n
	}
	mono := o.MonolithURL
	if mono == "" {
		mono = "http://127.0.0.1:9001"
	}
	fmt.Fprintf(bw, "# ficus proxy configuration for %s, written by 'ficus proxy init'.\n", orUnknown(o.Module))
	fmt.Fprintf(bw, "# Every route starts on the monolith. Set each service's url, then move a\n")
	fmt.Fprintf(bw, "# route on with 'ficus proxy promote ROUTE': monolith → shadow → canary →\n")
	fmt.Fprintf(bw, "# service → retired. Fields are described in docs/proxy.md.\n")
	listen, adminAddr := o.Listen, o.Admin
	if listen == "" {
		listen = defaultListen
	}
	if adminAddr == "" {
		adminAddr = DefaultAdmin
	}
	fmt.Fprintf(bw, "listen: %s\nadmin: %s\n", strconv.Quote(listen), strconv.Quote(adminAddr))
	fmt.Fprintf(bw, "default: monolith\n\nbackends:\n  monolith:\n    url: %s\n", strconv.Quote(mono))
	services := make([]PlannedService, 0, len(o.Services))
	for _, s := range o.Services {
		if len(s.Routes) > 0 {
			services = append(services, s)
		}
	}
	backendNames := map[string]string{}
	backendUsed := map[string]bool{"monolith": true}
	for _, s := range services {
		b := strings.Trim(bad.ReplaceAllString(strings.ToLower(s.Name), "-"), "-")
		if b == "" || b == "monolith" {
			b = "svc-" + b
		}
		// two services may spell alike once cleaned (_matrix, matrix):
		// each still needs a backend of its own
		for base, i := b, 2; backendUsed[b]; i++ {
			b = fmt.Sprintf("%s-%d", base, i)
		}
		backendUsed[b] = true
		backendNames[s.Name] = b
		fmt.Fprintf(bw, "  %s:\n    url: %s  # placeholder: the extracted %s service's address\n", b, strconv.Quote("http://"+b+".invalid:8080"), s.Name)
	}
	fmt.Fprintf(bw, "\nroutes:\n")
	if len(services) == 0 && len(o.Unowned) == 0 {
		fmt.Fprintf(bw, "  []\n")
	}
	var all []string
	for _, s := range services {
		all = append(all, s.Routes...)
	}
	all = append(all, o.Unowned...)
	table := translateRoutes(all, o.Frameworks)
	// the routes to write, each with its guards, and those left out
	guardsOf := map[string][]MatchConfig{}
	for _, g := range table.guards {
		m, _ := routeMatch(proxyKey(g.pm.Method, g.pm.Path))
		m.ExactMethods = g.pm.ExactMethods
		guardsOf[g.id] = append(guardsOf[g.id], m)
	}
	var es []initEntry
	entryOf := map[string]int{}
	for _, id := range all {
		if _, dup := entryOf[id]; dup {
			continue // listed twice (two services, or one and unowned): written once
		}
		if m, ok := table.match(id); ok && !slices.Contains(m.Methods, http.MethodConnect) {
			entryOf[id] = len(es)
			es = append(es, initEntry{id: id, m: m, guards: guardsOf[id]})
		}
	}
	losers := overlapLosers(es)
	describe := func(e initEntry) string { return strings.TrimPrefix(e.id, "route:") }
	written := map[string]bool{}
	writeMatch := func(m MatchConfig) {
		fmt.Fprintf(bw, "    match: {")
		if len(m.Methods) > 0 {
			fmt.Fprintf(bw, "methods: [%s], ", m.Methods[0])
		}
		if m.ExactMethods {
			fmt.Fprintf(bw, "exact_methods: true, ")
		}
		if m.Host != "" {
			fmt.Fprintf(bw, "host: %s, ", strconv.Quote(m.Host))
		}
		fmt.Fprintf(bw, "path: %s}\n", strconv.Quote(m.Path))
	}
	route := func(service, backend, id string) {
		m, ok := table.match(id)
		if !ok {
			fmt.Fprintf(bw, "  # skipped %q: not a route id\n", id)
			res.LeftOut++
			return
		}
		name, _ := routeMatch(id)
		if slices.Contains(m.Methods, http.MethodConnect) {
			fmt.Fprintf(bw, "  # not written: %s: the proxy does not tunnel CONNECT; its requests stay on the monolith\n", strings.TrimPrefix(id, "route:"))
			res.LeftOut++
			return
		}
		if written[id] {
			fmt.Fprintf(bw, "  # %s: written above, under the service listed first\n", strings.TrimPrefix(id, "route:"))
			return
		}
		written[id] = true
		if _, err := match.ParsePath(m.Path); err != nil {
			// a pattern the proxy cannot say ({hash}.svg, a path that is
			// not clean): the default backend keeps its requests
			fmt.Fprintf(bw, "  # not written: %s as %s: %v; its requests stay on the monolith, the default (write a route by hand to move them)\n", strings.TrimPrefix(id, "route:"), strconv.Quote(m.Host+m.Path), err)
			res.LeftOut++
			return
		}
		if w, ok := losers[entryOf[id]]; ok {
			fmt.Fprintf(bw, "  # not written: %s as %s: it overlaps %s (some requests match both, neither more specific), which the proxy cannot tell apart; its requests stay on the monolith, the default (write a route by hand to move them)\n", strings.TrimPrefix(id, "route:"), strconv.Quote(m.Host+m.Path), describe(es[w]))
			res.LeftOut++
			return
		}
		if table.translated(id) != id {
			fmt.Fprintf(bw, "  # %s matches %s as the proxy pattern %s\n", o.Frameworks[id], strings.TrimPrefix(id, "route:"), m.Host+m.Path)
		}
		fmt.Fprintf(bw, "  - name: %s\n", unique(routeName(service, name, bad)))
		writeMatch(m)
		res.Written++
		fmt.Fprintf(bw, "    to: %s\n    mode: monolith\n    weight: 0\n", backend)
		if backend != "monolith" {
			fmt.Fprintf(bw, "    fallback: monolith\n")
		}
	}
	for _, s := range services {
		ids := append([]string(nil), s.Routes...)
		sort.Strings(ids)
		fmt.Fprintf(bw, "\n  # service %s: %d routes\n", s.Name, len(ids))
		for _, id := range ids {
			route(s.Name, backendNames[s.Name], id)
		}
	}
	if len(o.Unowned) > 0 {
		ids := append([]string(nil), o.Unowned...)
		sort.Strings(ids)
		fmt.Fprintf(bw, "\n  # no planned service owns these %d routes: they stay on the monolith\n", len(ids))
		for _, id := range ids {
			route("monolith", "monolith", id)
		}
	}
	if len(table.guards) > 0 {
		fmt.Fprintf(bw, "\n  # guards: requests these patterns take that the framework does not route\n")
		fmt.Fprintf(bw, "  # to the route they guard; they stay on the monolith (docs/proxy.md)\n")
		for _, g := range table.guards {
			m, _ := routeMatch(proxyKey(g.pm.Method, g.pm.Path))
			m.ExactMethods = g.pm.ExactMethods
			if !validPath(m.Path) {
				continue // its route was not written either
			}
			if _, ok := losers[entryOf[g.id]]; ok {
				continue // left out with its route
			}
			if rm, ok := table.match(g.id); !ok || !validPath(rm.Path) {
				continue // its route was not written
			}
			name, _ := routeMatch(g.id)
			fmt.Fprintf(bw, "  # %s\n  - name: %s\n", g.pm.Why, unique(routeName("guard", name, bad)))
			writeMatch(m)
			fmt.Fprintf(bw, "    to: monolith\n    mode: monolith\n    weight: 0\n")
		}
	}
	return res, bw.Flush()
}

// validPath reports whether the proxy can match path at all.
func validPath(path string) bool {
	_, err := match.ParsePath(path)
	return err == nil
}

func orUnknown(s string) string {
	if s == "" {
		return "the monolith"
	}
	return s
}

// Drift is how a configuration's routes differ from the routes the
// monolith serves now.
type Drift struct {
	// Added are route ids the monolith serves that no route matches
	// exactly: new since the configuration was written.
	Added []string `json:"added"`
	// Removed are configuration routes whose method and pattern the
	// monolith no longer serves.
	Removed []DriftRoute `json:"removed"`
	// Unwritable are route ids the monolith serves that no route
	// matches and that no route could: a pattern the proxy cannot match,
	// a CONNECT route, or one that overlaps a configured route with
	// neither more specific (proxy init leaves such routes out). Their
	// requests stay on the default backend; they are no drift.
	Unwritable []string `json:"unwritable,omitempty"`
}

// DriftRoute is a configuration route in a [Drift].
type DriftRoute struct {
	Name  string `json:"name"`
	Route string `json:"route"`
	Line  int    `json:"line,omitempty"`
	// Hint, when set, says how to fix the route: the monolith still serves
	// it, but the route's pattern takes more than its framework routes.
	Hint string `json:"hint,omitempty"`
}

// Empty reports whether there is no drift.
func (d Drift) Empty() bool { return len(d.Added) == 0 && len(d.Removed) == 0 }

// FindDrift compares cfg's routes with the analyzer's route ids, each
// translated for the framework that registered it (frameworks maps id to
// framework, as the analyzer's route nodes say; see [TranslateRoutes]). A
// route matches an id when its method (or any method) and path pattern
// are the translation's; routes with other conditions (headers, query)
// still count by method and pattern. The guards 'proxy init' writes are
// not drift. A route written with the id's untranslated pattern is
// removed drift with a hint: it takes requests its framework does not
// route to it.
func FindDrift(cfg *Config, routeIDs []string, frameworks map[string]string) Drift {
	table := translateRoutes(routeIDs, frameworks)
	want := map[string]string{} // translated key → id
	untranslated := map[string]string{}
	for _, id := range routeIDs {
		k := table.translated(id)
		want[k] = id
		if k != id {
			untranslated[id] = k
		}
	}
	guards := map[string]bool{}
	for _, g := range table.guards {
		guards[proxyKey(g.pm.Method, g.pm.Path)] = true
	}
	covered := map[string]bool{}
	d := Drift{Added: []string{}, Removed: []DriftRoute{}}
	for i, r := range cfg.Routes {
		for _, k := range routeKey(r.Match) {
			if id, ok := want[k]; ok {
				covered[id] = true
				continue
			}
			if guards[k] {
				continue
			}
			dr := DriftRoute{Name: r.Name, Route: strings.TrimPrefix(k, "route:"), Line: cfg.RouteLine(i)}
			if tk, ok := untranslated[k]; ok {
				dr.Hint = fmt.Sprintf("%s matches this route exactly: write it as %s", frameworks[k], strings.TrimPrefix(tk, "route:"))
				covered[k] = true // served still: the fix is the pattern, not a new route
			}
			d.Removed = append(d.Removed, dr)
		}
	}
	var configured []*match.Matcher
	for i, r := range cfg.Routes {
		if ms, err := match.Compile(i, match.Rule(r.Match)); err == nil {
			configured = append(configured, ms...)
		}
	}
	for _, id := range routeIDs {
		if covered[id] {
			continue
		}
		if m, ok := table.match(id); ok && !writable(m, configured) {
			d.Unwritable = append(d.Unwritable, id)
			continue
		}
		d.Added = append(d.Added, id)
	}
	sort.Strings(d.Added)
	sort.Strings(d.Unwritable)
	return d
}

// writable reports whether a route with match m could join the
// configured routes: the proxy can match its pattern and method, and it
// overlaps none of them with neither more specific.
func writable(m MatchConfig, configured []*match.Matcher) bool {
	if slices.Contains(m.Methods, http.MethodConnect) {
		return false
	}
	mine, err := match.Compile(-1, match.Rule(m))
	if err != nil {
		return false
	}
	_, conflict := firstConflict(configured, mine)
	return !conflict
}
