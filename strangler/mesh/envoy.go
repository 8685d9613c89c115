package mesh

import (
	"maps"
	"net"
	"regexp"
	"slices"
	"strconv"

	"github.com/goccy/go-yaml"

	"github.com/ficus-dev/ficus/strangler/config"
)

// envoy renders an Envoy static bootstrap: a listener on the proxy's
// address with one route per ficus route (weighted clusters, request
// mirror policies, retries, hash policies for cohorts), one cluster per
// backend (timeouts, outlier detection, health checks, connection limits),
// and Envoy's admin on the proxy's admin address.
func (m *exportModel) envoy() yaml.MapSlice {
	var routes []any
	for _, r := range m.routes {
		routes = append(routes, m.envoyRoute(r))
	}
	def := m.backend(m.def)
	routes = append(routes, kv("name", "default", "match", kv("prefix", "/"), "route", kv("cluster", def.name, "timeout", durationString(def.config.Timeout))))
	hcm := kv(
		"@type", "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
		"stat_prefix", "ficus",
		"route_config", kv("name", "ficus", "virtual_hosts", []any{kv("name", "ficus", "domains", []string{"*"}, "routes", routes)}),
		"http_filters", []any{kv("name", "envoy.filters.http.router", "typed_config", kv("@type", "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"))},
	)
	listener := kv(
		"name", "ficus",
		"address", socketAddress(m.cfg.Listen),
		"filter_chains", []any{kv("filters", []any{kv("name", "envoy.filters.network.http_connection_manager", "typed_config", hcm)})},
	)
	var clusters []any
	for _, b := range m.backends {
		clusters = append(clusters, m.envoyCluster(b))
	}
	return kv(
		"admin", kv("address", socketAddress(m.cfg.Admin)),
		"static_resources", kv("listeners", []any{listener}, "clusters", clusters),
	)
}

func socketAddress(hostport string) yaml.MapSlice {
	host, port, _ := net.SplitHostPort(hostport)
	if host == "" {
		host = "0.0.0.0"
	}
	p, _ := strconv.Atoi(port)
	return kv("socket_address", kv("address", host, "port_value", p))
}

func (m *exportModel) envoyRoute(r exportRoute) yaml.MapSlice {
	match := yaml.MapSlice{}
	switch r.pathKind {
	case "exact":
		match = append(match, yaml.MapItem{Key: "path", Value: r.path})
	case "prefix":
		match = append(match, yaml.MapItem{Key: "prefix", Value: r.path})
	default:
		match = append(match, yaml.MapItem{Key: "safe_regex", Value: kv("regex", r.path)})
	}
	var headers []any
	if len(r.Match.Methods) > 0 {
		re := ""
		for i, meth := range r.Match.Methods {
			if i > 0 {
				re += "|"
			}
			re += meth
			if meth == "GET" && !r.Match.ExactMethods {
				re += "|HEAD"
			}
		}
		headers = append(headers, kv("name", ":method", "string_match", kv("safe_regex", kv("regex", "^("+re+")$"))))
	}
	if r.Match.Host != "" {
		headers = append(headers, kv("name", ":authority", "string_match", kv("safe_regex", kv("regex", "^(?i)"+regexp.QuoteMeta(r.Match.Host)+"(:[0-9]+)?$"))))
	}
	for _, h := range slices.Sorted(maps.Keys(r.Match.Headers)) {
		headers = append(headers, envoyValueMatch(h, r.Match.Headers[h]))
	}
	for _, c := range slices.Sorted(maps.Keys(r.Match.Cookies)) {
		headers = append(headers, kv("name", "cookie", "string_match", kv("safe_regex", kv("regex", ".*"+cookieRegex(c, r.Match.Cookies[c])+".*"))))
	}
	if len(headers) > 0 {
		match = append(match, yaml.MapItem{Key: "headers", Value: headers})
	}
	var query []any
	for _, q := range slices.Sorted(maps.Keys(r.Match.Query)) {
		query = append(query, envoyValueMatch(q, r.Match.Query[q]))
	}
	if len(query) > 0 {
		match = append(match, yaml.MapItem{Key: "query_parameters", Value: query})
	}

	def, to := r.split()
	action := yaml.MapSlice{}
	switch {
	case to == 0:
		action = append(action, yaml.MapItem{Key: "cluster", Value: m.def})
	case def == 0:
		action = append(action, yaml.MapItem{Key: "cluster", Value: r.To})
	default:
		action = append(action, yaml.MapItem{Key: "weighted_clusters", Value: kv("clusters", []any{
			kv("name", m.def, "weight", def), kv("name", r.To, "weight", to),
		})})
	}
	timeoutFrom := m.backend(m.def)
	if to > 0 {
		timeoutFrom = m.backend(r.To)
	}
	action = append(action, yaml.MapItem{Key: "timeout", Value: durationString(timeoutFrom.config.Timeout)})
	if h := envoyHash(r.Cohort); h != nil && to > 0 {
		action = append(action, yaml.MapItem{Key: "hash_policy", Value: []any{h}})
	}
	if r.Fallback != "" && to > 0 {
		action = append(action, yaml.MapItem{Key: "retry_policy", Value: kv("retry_on", "connect-failure,refused-stream,reset,5xx", "num_retries", 1)})
	}
	if r.mirror {
		action = append(action, yaml.MapItem{Key: "request_mirror_policies", Value: []any{kv(
			"cluster", r.To,
			"runtime_fraction", kv("default_value", kv("numerator", 100, "denominator", "HUNDRED")),
		)}})
	}
	return kv("name", r.Name, "match", match, "route", action)
}

func envoyValueMatch(name, value string) yaml.MapSlice {
	if value == "*" {
		return kv("name", name, "present_match", true)
	}
	return kv("name", name, "string_match", kv("exact", value))
}

func envoyHash(cohort string) yaml.MapSlice {
	kind, name, err := config.CohortKey(cohort)
	if err != nil {
		return nil
	}
	switch kind {
	case "header":
		return kv("header", kv("header_name", name))
	case "cookie":
		return kv("cookie", kv("name", name))
	}
	return kv("connection_properties", kv("source_ip", true))
}

func (m *exportModel) envoyCluster(b exportBackend) yaml.MapSlice {
	c := kv(
		"name", b.name,
		"type", "STRICT_DNS",
		"connect_timeout", durationString(b.config.ConnectTimeout),
		"lb_policy", "ROUND_ROBIN",
	)
	for _, r := range m.routes {
		if r.To == b.name && envoyHash(r.Cohort) != nil {
			c[3].Value = "RING_HASH" // hash policies need a hashing balancer
			break
		}
	}
	c = append(c, yaml.MapItem{Key: "load_assignment", Value: kv(
		"cluster_name", b.name,
		"endpoints", []any{kv("lb_endpoints", []any{kv("endpoint", kv("address", kv("socket_address", kv("address", b.host, "port_value", b.port))))})},
	)})
	if b.h2c {
		c = append(c, yaml.MapItem{Key: "typed_extension_protocol_options", Value: kv(
			"envoy.extensions.upstreams.http.v3.HttpProtocolOptions", kv(
				"@type", "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
				"explicit_http_config", kv("http2_protocol_options", yaml.MapSlice{}),
			),
		)})
	}
	if b.config.MaxConns > 0 {
		c = append(c, yaml.MapItem{Key: "circuit_breakers", Value: kv("thresholds", []any{kv("max_connections", b.config.MaxConns)})})
	}
	if br := b.config.Breaker; br.IsEnabled() {
		c = append(c, yaml.MapItem{Key: "outlier_detection", Value: kv(
			"consecutive_5xx", br.Failures,
			"interval", durationString(br.Window),
			"base_ejection_time", durationString(br.OpenFor),
		)})
	}
	if h := b.config.Health; h != nil {
		c = append(c, yaml.MapItem{Key: "health_checks", Value: []any{kv(
			"timeout", durationString(h.Timeout),
			"interval", durationString(h.Interval),
			"healthy_threshold", h.HealthyAfter,
			"unhealthy_threshold", h.UnhealthyAfter,
			"http_health_check", kv("path", h.Path),
		)}})
	}
	if b.tls {
		sni := b.config.TLS.ServerName
		if sni == "" {
			sni = b.host
		}
		c = append(c, yaml.MapItem{Key: "transport_socket", Value: kv(
			"name", "envoy.transport_sockets.tls",
			"typed_config", kv("@type", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext", "sni", sni),
		)})
	}
	return c
}
