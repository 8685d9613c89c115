package mesh

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// gatewayMethods are the methods an HTTPRoute can match (HTTPMethod).
var gatewayMethods = []string{"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}

// gatewayName is the syntax of hostnames, header and query parameter
// names in an HTTPRoute.
var (
	gatewayHostname  = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
	gatewayParamName = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$")
)

// gwRoute is one route as an HTTPRoute rule, before rendering.
type gwRoute struct {
	route   *exportRoute
	object  string
	hosts   []string
	matches []gwMatch
}

// gwMatch is one HTTPRouteMatch, with what Gateway API precedence reads.
type gwMatch struct {
	prec     int // the proxy's precedence of the ficus rule it comes from
	pathType string
	path     string
	method   string
	headers  []yaml.MapSlice
	query    []yaml.MapSlice
}

// gatewayAPI renders one HTTPRoute per route and one for everything else.
// Gateway API orders matches by its own precedence (hostname, exact path,
// longest prefix, method, header and query counts; regular expressions
// where the implementation puts them, after prefixes and longest first in
// Istio), so the export chooses match types that keep ServeMux's order
// and warns where the two still disagree.
func (m *exportModel) gatewayAPI() ([]yaml.MapSlice, error) {
	defHosts := anyHost(m.opts.Hosts)
	for _, h := range defHosts {
		if !gatewayHostname.MatchString(h) {
			return nil, fmt.Errorf("mesh: gateway-api: --host %q is not a Gateway API hostname: use a DNS name like shop.example.com", h)
		}
	}
	m.warnServiceNames()
	names := nameSet{"ficus-default": true}
	var routes []*gwRoute
	for _, r := range m.routes {
		g := m.gwRoute(r, defHosts)
		if g == nil {
			continue
		}
		g.object = names.take(objectName(r.Name))
		routes = append(routes, g)
	}
	m.checkGatewayOrder(routes)
	var out []yaml.MapSlice
	for _, g := range routes {
		out = append(out, m.httpRoute(g.object, g.route.Name, g.hosts, m.gwRule(g)))
	}
	def := m.backend(m.def)
	rule := kv(
		"matches", []any{kv("path", kv("type", "RegularExpression", "value", "/.*"))},
		"backendRefs", []any{kv("name", def.service, "port", def.port)},
	)
	rule = append(rule, m.gwFilters(nil, []exportBackend{def})...)
	out = append(out, m.httpRoute("ficus-default", "default", defHosts, rule))
	for _, b := range m.backends {
		if b.tls {
			out = append(out, m.backendTLSPolicy(b))
		}
	}
	return out, nil
}

// gwRoute reads a route as a rule, or warns and returns nil when Gateway
// API cannot match it as the proxy does; its requests then go where the
// next rule sends them.
func (m *exportModel) gwRoute(r *exportRoute, defHosts []string) *gwRoute {
	g := &gwRoute{route: r, hosts: defHosts}
	if h := r.host(); h != "" {
		if !gatewayHostname.MatchString(h) {
			m.warnf(r.Name, "host", "the host %q is matched literally by ficus but is no Gateway API hostname (a leading \"*.\" would be a wildcard): the route is left out", r.Match.Host)
			return nil
		}
		g.hosts = []string{h}
	}
	for _, q := range slices.Sorted(maps.Keys(r.Match.Query)) {
		if !gatewayParamName.MatchString(q) {
			m.warnf(r.Name, "query", "the query parameter name %q cannot be matched by Gateway API: the route is left out", q)
			return nil
		}
	}
	var headers, query []yaml.MapSlice
	for _, h := range slices.Sorted(maps.Keys(r.Match.Headers)) {
		headers = append(headers, gwValue(h, r.Match.Headers[h]))
	}
	if len(r.Match.Cookies) > 0 {
		re, ok := cookiesRegex(r.Match.Cookies)
		if !ok {
			m.warnf(r.Name, "cookies", "%d cookie conditions are more than one Cookie header regex can match in any order (%d): the route is left out", len(r.Match.Cookies), maxCookies)
			return nil
		}
		headers = append(headers, kv("type", "RegularExpression", "name", "Cookie", "value", re))
	}
	for _, q := range slices.Sorted(maps.Keys(r.Match.Query)) {
		query = append(query, gwValue(q, r.Match.Query[q]))
	}
	pathType, path := "Exact", r.path.value
	if r.path.kind != "exact" {
		// A PathPrefix would also match the path without its trailing
		// slash, and would come before every regular expression.
		pathType, path = "RegularExpression", r.path.regex
	}
	for _, ru := range m.rules {
		if ru.route != r {
			continue
		}
		methods := []string{""}
		if ru.method != "" {
			methods = withHead([]string{ru.method}, r.Match.ExactMethods)
		}
		for _, meth := range methods {
			if meth != "" && !slices.Contains(gatewayMethods, meth) {
				m.warnf(r.Name, "method", "Gateway API cannot match the method %s: those requests are left to the other rules", meth)
				continue
			}
			if meth == "HEAD" && ru.method == "GET" && slices.Contains(r.methods(), "HEAD") {
				continue
			}
			g.matches = append(g.matches, gwMatch{prec: ru.prec, pathType: pathType, path: path, method: meth, headers: headers, query: query})
		}
	}
	if len(g.matches) == 0 {
		return nil
	}
	return g
}

func gwValue(name, value string) yaml.MapSlice {
	if value == "*" {
		return kv("type", "RegularExpression", "name", name, "value", ".*")
	}
	return kv("type", "Exact", "name", name, "value", value)
}

func (m *exportModel) gwRule(g *gwRoute) yaml.MapSlice {
	var matches []any
	for _, mt := range g.matches {
		x := kv("path", kv("type", mt.pathType, "value", mt.path))
		if len(mt.headers) > 0 {
			x = with(x, "headers", mt.headers)
		}
		if len(mt.query) > 0 {
			x = with(x, "queryParams", mt.query)
		}
		if mt.method != "" {
			x = with(x, "method", mt.method)
		}
		matches = append(matches, x)
	}
	r := g.route
	rule := kv("matches", matches, "backendRefs", m.gatewayRefs(r))
	var sides []exportBackend
	switch def, to := r.split(); {
	case to == 0:
		sides = []exportBackend{m.backend(m.def)}
	case def == 0:
		sides = []exportBackend{m.backend(r.To)}
	default:
		sides = []exportBackend{m.backend(m.def), m.backend(r.To)}
	}
	rule = append(rule, m.gwFilters(r, sides)...)
	return rule
}

// gwFilters mirrors shadow routes and sets the backends' host header;
// Gateway API cannot prepend a URL path to every kind of match.
func (m *exportModel) gwFilters(r *exportRoute, sides []exportBackend) []yaml.MapItem {
	var filters []any
	if r != nil && r.mirror {
		to := m.backend(r.To)
		filters = append(filters, kv("type", "RequestMirror", "requestMirror", kv("backendRef", kv("name", to.service, "port", to.port))))
	}
	host := sides[0].config.HostHeader
	for _, b := range sides {
		if b.path != "" {
			m.warnf(routeName(r), "urlpath", "Gateway API cannot prepend the URL path %q of backend %s to every match: requests reach it without", b.path, b.name)
		}
		if b.config.HostHeader != host {
			m.warnf(routeName(r), "hostheader", "the backends %s and %s set different host headers; Gateway API rewrites the hostname per rule, so the client's is kept", sides[0].name, b.name)
			host = ""
		}
	}
	if host != "" {
		filters = append(filters, kv("type", "URLRewrite", "urlRewrite", kv("hostname", host)))
	}
	if len(filters) == 0 {
		return nil
	}
	return []yaml.MapItem{{Key: "filters", Value: filters}}
}

func (m *exportModel) httpRoute(name, route string, hosts []string, rule yaml.MapSlice) yaml.MapSlice {
	spec := kv("parentRefs", []any{kv("name", m.gatewayName())})
	if len(hosts) > 0 {
		spec = with(spec, "hostnames", hosts)
	}
	spec = with(spec, "rules", []any{rule})
	return kv("apiVersion", "gateway.networking.k8s.io/v1", "kind", "HTTPRoute", "metadata", m.k8sMeta(name, kv("ficus.dev/route", route)), "spec", spec)
}

func (m *exportModel) gatewayName() string {
	if m.opts.Gateway == "" {
		return "ficus"
	}
	return m.opts.Gateway
}

func (m *exportModel) k8sMeta(name string, annotations yaml.MapSlice) yaml.MapSlice {
	meta := kv("name", name)
	if m.opts.Namespace != "" {
		meta = with(meta, "namespace", m.opts.Namespace)
	}
	meta = with(meta, "labels", kv("app.kubernetes.io/managed-by", "ficus"))
	if len(annotations) > 0 {
		meta = with(meta, "annotations", annotations)
	}
	return meta
}

// gatewayRefs splits between the default backend and To; weights are in
// hundredths of a percent, so 12.5% stays 12.5%.
func (m *exportModel) gatewayRefs(r *exportRoute) []any {
	def, to := r.split()
	d, t := m.backend(m.def), m.backend(r.To)
	switch {
	case to == 0:
		return []any{kv("name", d.service, "port", d.port)}
	case def == 0:
		return []any{kv("name", t.service, "port", t.port)}
	}
	return []any{kv("name", d.service, "port", d.port, "weight", def), kv("name", t.service, "port", t.port, "weight", to)}
}

// backendTLSPolicy verifies an https backend's certificate for its server
// name against the system roots (Gateway API v1.4 and later).
func (m *exportModel) backendTLSPolicy(b exportBackend) yaml.MapSlice {
	t := b.config.TLS
	sni := b.serverName()
	if t.InsecureSkipVerify {
		m.warnf("", "tls", "backend %s: insecure_skip_verify cannot be expressed by a BackendTLSPolicy: the certificate is verified", b.name)
	}
	if t.CAFile != "" {
		m.warnf("", "tls", "backend %s: ca_file %s is a file, where a BackendTLSPolicy takes a ConfigMap: the system roots are used; add caCertificateRefs", b.name, t.CAFile)
	}
	spec := kv(
		"targetRefs", []any{kv("group", "", "kind", "Service", "name", b.service)},
		"validation", kv("hostname", sni, "wellKnownCACertificates", "System"),
	)
	return kv("apiVersion", "gateway.networking.k8s.io/v1", "kind", "BackendTLSPolicy", "metadata", m.k8sMeta(b.service+"-tls", nil), "spec", spec)
}

// warnServiceNames warns for each backend whose name is no Service name.
func (m *exportModel) warnServiceNames() {
	for _, b := range m.backends {
		if b.service != b.name {
			m.warnf("", "names", "backend %s is exported as the Service %s (a Kubernetes name)", b.name, b.service)
		}
	}
}

// checkGatewayOrder warns for each pair of matches that Gateway API
// precedence orders against ServeMux's, naming both routes.
func (m *exportModel) checkGatewayOrder(routes []*gwRoute) {
	type entry struct {
		g  *gwRoute
		mt gwMatch
	}
	var all []entry
	for _, g := range routes {
		for _, mt := range g.matches {
			all = append(all, entry{g, mt})
		}
	}
	for _, a := range all {
		for _, b := range all {
			if a.g == b.g || !m.prec.MustPrecede(a.mt.prec, b.mt.prec) {
				continue
			}
			if gatewayBefore(b.g, b.mt, a.g, a.mt) {
				m.warnf(a.g.route.Name, "order", "Gateway API precedence tries route %s (%s %s) first, where ficus prefers this route: requests both match go to %s", b.g.route.Name, b.mt.pathType, b.mt.path, b.g.route.Name)
			}
		}
	}
}

// gatewayBefore reports whether Gateway API tries match a (of route ga)
// before match b: a more specific hostname, then an exact path, the
// longest prefix, regular expressions longest first, a method, more
// headers, more query parameters, and finally the object name.
func gatewayBefore(ga *gwRoute, a gwMatch, gb *gwRoute, b gwMatch) bool {
	return gatewayCompare(hostRank(ga.hosts), a, ga.object, hostRank(gb.hosts), b, gb.object) < 0
}

// hostRank is the length of a route's hostname, 0 when it has none.
func hostRank(hosts []string) int {
	n := 0
	for _, h := range hosts {
		n = max(n, len(h))
	}
	return n
}

// gatewayCompare orders two matches as Gateway API implementations do:
// negative when a comes first.
func gatewayCompare(hostA int, a gwMatch, objA string, hostB int, b gwMatch, objB string) int {
	kind := map[string]int{"Exact": 0, "PathPrefix": 1, "RegularExpression": 2}
	switch {
	case hostA != hostB:
		return hostB - hostA
	case kind[a.pathType] != kind[b.pathType]:
		return kind[a.pathType] - kind[b.pathType]
	case len(a.path) != len(b.path):
		return len(b.path) - len(a.path)
	case (a.method == "") != (b.method == ""):
		if a.method != "" {
			return -1
		}
		return 1
	case len(a.headers) != len(b.headers):
		return len(b.headers) - len(a.headers)
	case len(a.query) != len(b.query):
		return len(b.query) - len(a.query)
	}
	return strings.Compare(objA, objB)
}
