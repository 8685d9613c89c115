package mesh

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// istio renders one VirtualService holding every route in the proxy's
// precedence order (Istio takes the first match), then a DestinationRule
// per backend with its connection limits, outlier detection and TLS.
func (m *exportModel) istio() ([]yaml.MapSlice, error) {
	hosts, err := m.istioHosts()
	if err != nil {
		return nil, err
	}
	m.warnServiceNames()
	var http []any
	names := nameSet{}
	for _, g := range groupRules(m.rules) {
		r := g[0].route
		matches := m.istioMatches(r, groupMethods(g))
		if matches == nil {
			continue
		}
		hr := kv("name", names.take(r.Name), "match", matches, "route", m.istioRoute(r))
		hr = append(hr, m.istioRewrite(r)...)
		hr = with(hr, "retries", istioRetries(r, groupMethods(g)))
		if r.mirror {
			to := m.backend(r.To)
			hr = with(hr, "mirror", kv("host", to.service, "port", kv("number", to.port)))
			hr = with(hr, "mirrorPercentage", kv("value", 100.0))
		}
		http = append(http, hr)
	}
	def := m.backend(m.def)
	dr := kv("name", names.take("default"), "route", []any{kv("destination", istioDest(def))})
	dr = append(dr, m.istioRewrite(nil)...)
	http = append(http, with(dr, "retries", kv("attempts", 0)))
	spec := kv("hosts", hosts)
	if m.opts.Gateway != "" {
		spec = with(spec, "gateways", []string{m.opts.Gateway})
	}
	spec = with(spec, "http", http)
	out := []yaml.MapSlice{kv("apiVersion", "networking.istio.io/v1", "kind", "VirtualService", "metadata", m.istioMeta("ficus"), "spec", spec)}
	for _, b := range m.backends {
		out = append(out, m.destinationRule(b))
	}
	return out, nil
}

// istioHosts are the VirtualService's hosts: for the mesh, the default
// backend's Service (the traffic ficus would take in front of the
// monolith), since Istio refuses "*" there; for a gateway, "*" or --host.
func (m *exportModel) istioHosts() ([]string, error) {
	hosts := anyHost(m.opts.Hosts)
	if m.opts.Gateway == "" {
		if len(hosts) < len(m.opts.Hosts) {
			return nil, fmt.Errorf("mesh: istio: host \"*\" is not allowed for a VirtualService bound to the mesh: name the hosts (--host), or bind it to a gateway (--gateway)")
		}
		if len(hosts) == 0 {
			hosts = []string{m.backend(m.def).service}
		}
		return m.withRouteHosts(hosts), nil
	}
	if len(hosts) == 0 {
		return []string{"*"}, nil
	}
	return m.withRouteHosts(hosts), nil
}

// withRouteHosts adds the routes' own hosts, which must reach the rules
// too; a host with "*", which ficus matches literally, would be a wildcard
// there and is left to the authority match.
func (m *exportModel) withRouteHosts(hosts []string) []string {
	for _, r := range m.routes {
		if h := r.host(); h != "" && !strings.Contains(h, "*") && !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	return hosts
}

func (m *exportModel) istioMeta(name string) yaml.MapSlice {
	meta := kv("name", name)
	if m.opts.Namespace != "" {
		meta = with(meta, "namespace", m.opts.Namespace)
	}
	return with(meta, "labels", kv("app.kubernetes.io/managed-by", "ficus"))
}

// istioMatches lists one match per method (GET also matching HEAD), or
// one for any method; the route's host is matched on the authority in any
// case and with any port.
func (m *exportModel) istioMatches(r *exportRoute, methods []string) []any {
	base := kv("uri", kv(r.path.kind, r.path.value))
	if h := r.host(); h != "" {
		base = with(base, "authority", kv("regex", authorityRegex(h)))
	}
	headers := yaml.MapSlice{}
	for _, h := range slices.Sorted(maps.Keys(r.Match.Headers)) {
		headers = with(headers, strings.ToLower(h), istioString(r.Match.Headers[h]))
	}
	if len(r.Match.Cookies) > 0 {
		re, ok := cookiesRegex(r.Match.Cookies)
		if !ok {
			m.warnf(r.Name, "cookies", "%d cookie conditions are more than one regex can match in any order (%d): the route is left out", len(r.Match.Cookies), maxCookies)
			return nil
		}
		headers = with(headers, "cookie", kv("regex", re))
	}
	if len(headers) > 0 {
		base = with(base, "headers", headers)
	}
	query := yaml.MapSlice{}
	for _, q := range slices.Sorted(maps.Keys(r.Match.Query)) {
		query = with(query, q, istioString(r.Match.Query[q]))
	}
	if len(query) > 0 {
		base = with(base, "queryParams", query)
	}
	if methods == nil {
		return []any{base}
	}
	var out []any
	for _, meth := range withHead(methods, r.Match.ExactMethods) {
		out = append(out, with(slices.Clone(base), "method", kv("exact", meth)))
	}
	return out
}

func istioString(v string) yaml.MapSlice {
	if v == "*" {
		return kv("regex", ".*")
	}
	return kv("exact", v)
}

func istioDest(b exportBackend) yaml.MapSlice {
	return kv("host", b.service, "port", kv("number", b.port))
}

// istioRoute splits in hundredths of a percent: Istio's weights are
// relative (weight / sum of weights), so 12.5% stays 12.5%.
func (m *exportModel) istioRoute(r *exportRoute) []any {
	def, to := r.split()
	d, t := m.backend(m.def), m.backend(r.To)
	switch {
	case to == 0:
		return []any{kv("destination", istioDest(d))}
	case def == 0:
		return []any{kv("destination", istioDest(t))}
	}
	return []any{kv("destination", istioDest(d), "weight", def), kv("destination", istioDest(t), "weight", to)}
}

// istioRetries replays only what the proxy replays: nothing without a
// fallback (Istio's default retries are turned off), connection failures
// and refused streams for any method, resets and 5xx for idempotent ones.
func istioRetries(r *exportRoute, methods []string) yaml.MapSlice {
	if !r.fallback() {
		return kv("attempts", 0)
	}
	on := "connect-failure,refused-stream"
	if allIdempotent(methods) {
		on += ",reset,5xx"
	}
	return kv("attempts", 1, "retryOn", on)
}

// istioRewrite prepends the backend URL's path and sets its host_header,
// where every side of the split agrees (r nil: the default rule).
func (m *exportModel) istioRewrite(r *exportRoute) []yaml.MapItem {
	sides := []exportBackend{m.backend(m.def)}
	if r != nil {
		switch def, to := r.split(); {
		case def == 0:
			sides = []exportBackend{m.backend(r.To)}
		case to > 0:
			sides = append(sides, m.backend(r.To))
		}
	}
	rw := yaml.MapSlice{}
	if p, ok := m.sharedPath(r, sides); ok && p != "" {
		rw = with(rw, "uriRegexRewrite", kv("match", "^/", "rewrite", trimSlash(p)+"/"))
	}
	host := sides[0].config.HostHeader
	for _, b := range sides[1:] {
		if b.config.HostHeader != host {
			m.warnf(routeName(r), "hostheader", "the backends %s and %s set different host headers; Istio rewrites the authority per rule, so the client's is kept", sides[0].name, b.name)
			host = ""
		}
	}
	if host != "" {
		rw = with(rw, "authority", host)
	}
	if len(rw) == 0 {
		return nil
	}
	return []yaml.MapItem{{Key: "rewrite", Value: rw}}
}

func routeName(r *exportRoute) string {
	if r == nil {
		return "default"
	}
	return r.Name
}

// destinationRule carries what Istio can of a backend: max_conns, the
// breaker as outlier detection, and TLS verified as the proxy verifies it.
func (m *exportModel) destinationRule(b exportBackend) yaml.MapSlice {
	tp := yaml.MapSlice{}
	if b.config.MaxConns > 0 {
		tp = with(tp, "connectionPool", kv("tcp", kv("maxConnections", b.config.MaxConns)))
	}
	if br := b.config.Breaker; br.IsEnabled() {
		tp = with(tp, "outlierDetection", kv(
			"consecutive5xxErrors", br.Failures,
			"interval", durationString(br.Window),
			"baseEjectionTime", durationString(br.OpenFor),
		))
	}
	if b.tls {
		t := b.config.TLS
		sni := b.serverName()
		tls := kv("mode", "SIMPLE", "sni", sni)
		if t.InsecureSkipVerify {
			tls = with(tls, "insecureSkipVerify", true)
		} else {
			tls = with(tls, "subjectAltNames", []string{sni})
			if t.CAFile != "" {
				tls = with(tls, "caCertificates", t.CAFile)
			}
		}
		tp = with(tp, "tls", tls)
	}
	spec := kv("host", b.service)
	if len(tp) > 0 {
		spec = with(spec, "trafficPolicy", tp)
	}
	return kv("apiVersion", "networking.istio.io/v1", "kind", "DestinationRule", "metadata", m.istioMeta(b.service), "spec", spec)
}
