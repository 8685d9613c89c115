package mesh

import (
	"maps"
	"slices"

	"github.com/goccy/go-yaml"
)

// gatewayAPI renders one Kubernetes Gateway API HTTPRoute per route and one
// for the default backend. Backends become Service backendRefs named like
// the backend, on the port of its URL.
func (m *exportModel) gatewayAPI(o Options) []yaml.MapSlice {
	var out []yaml.MapSlice
	for _, r := range m.routes {
		rule := kv("matches", gatewayMatches(r), "backendRefs", m.gatewayRefs(r))
		if r.mirror {
			to := m.backend(r.To)
			rule = append(rule, yaml.MapItem{Key: "filters", Value: []any{kv(
				"type", "RequestMirror",
				"requestMirror", kv("backendRef", kv("name", to.name, "port", to.port)),
			)}})
		}
		if t := m.backend(r.To).config.Timeout; t > 0 && r.buckets > 0 {
			rule = append(rule, yaml.MapItem{Key: "timeouts", Value: kv("backendRequest", durationString(t))})
		}
		out = append(out, m.httpRoute(o, k8sName(r.Name), r.Name, hostsOf(r.Match.Host, o.Hosts), rule))
	}
	def := m.backend(m.def)
	rule := kv(
		"matches", []any{kv("path", kv("type", "PathPrefix", "value", "/"))},
		"backendRefs", []any{kv("name", def.name, "port", def.port)},
	)
	out = append(out, m.httpRoute(o, "ficus-default", "default", o.Hosts, rule))
	return out
}

func (m *exportModel) httpRoute(o Options, name, route string, hosts []string, rule yaml.MapSlice) yaml.MapSlice {
	meta := kv("name", name)
	if o.Namespace != "" {
		meta = append(meta, yaml.MapItem{Key: "namespace", Value: o.Namespace})
	}
	meta = append(meta,
		yaml.MapItem{Key: "labels", Value: kv("app.kubernetes.io/managed-by", "ficus")},
		yaml.MapItem{Key: "annotations", Value: kv("ficus.dev/route", route)},
	)
	gw := o.Gateway
	if gw == "" {
		gw = "ficus"
	}
	spec := kv("parentRefs", []any{kv("name", gw)})
	if len(hosts) > 0 {
		spec = append(spec, yaml.MapItem{Key: "hostnames", Value: hosts})
	}
	spec = append(spec, yaml.MapItem{Key: "rules", Value: []any{rule}})
	return kv("apiVersion", "gateway.networking.k8s.io/v1", "kind", "HTTPRoute", "metadata", meta, "spec", spec)
}

// gatewayMatches lists one match per method (or one for any method).
func gatewayMatches(r exportRoute) []any {
	kind := map[string]string{"exact": "Exact", "prefix": "PathPrefix", "regex": "RegularExpression"}[r.pathKind]
	base := kv("path", kv("type", kind, "value", r.path))
	var headers []any
	for _, h := range slices.Sorted(maps.Keys(r.Match.Headers)) {
		headers = append(headers, headerMatch(h, r.Match.Headers[h], "RegularExpression", "Exact"))
	}
	for _, c := range slices.Sorted(maps.Keys(r.Match.Cookies)) {
		headers = append(headers, kv("type", "RegularExpression", "name", "Cookie", "value", cookieRegex(c, r.Match.Cookies[c])))
	}
	if len(headers) > 0 {
		base = append(base, yaml.MapItem{Key: "headers", Value: headers})
	}
	var query []any
	for _, q := range slices.Sorted(maps.Keys(r.Match.Query)) {
		query = append(query, headerMatch(q, r.Match.Query[q], "RegularExpression", "Exact"))
	}
	if len(query) > 0 {
		base = append(base, yaml.MapItem{Key: "queryParams", Value: query})
	}
	return perMethod(base, r.Match.Methods, func(meth string) any { return meth })
}

// headerMatch matches a value exactly, or any value for "*".
func headerMatch(name, value, anyType, exactType string) yaml.MapSlice {
	if value == "*" {
		return kv("type", anyType, "name", name, "value", ".*")
	}
	return kv("type", exactType, "name", name, "value", value)
}

// gatewayRefs splits between the default backend and To; weights are in
// hundredths of a percent, so 12.5% stays 12.5%.
func (m *exportModel) gatewayRefs(r exportRoute) []any {
	def, to := r.split()
	d, t := m.backend(m.def), m.backend(r.To)
	switch {
	case to == 0:
		return []any{kv("name", d.name, "port", d.port)}
	case def == 0:
		return []any{kv("name", t.name, "port", t.port)}
	}
	return []any{kv("name", d.name, "port", d.port, "weight", def), kv("name", t.name, "port", t.port, "weight", to)}
}

// hostsOf is the route's host, or the default hosts.
func hostsOf(host string, def []string) []string {
	if host != "" {
		return []string{host}
	}
	return def
}
