package mesh

import (
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/ficus-dev/ficus/strangler/config"
)

// envoyRegexLimit is Envoy's default RE2 program size limit
// (re2.max_program_size.error_level).
const envoyRegexLimit = 100

// envoy renders an Envoy static bootstrap: a listener on the proxy's
// address whose routes come in the proxy's precedence order (Envoy takes
// the first match), one cluster per backend, and Envoy's admin on the
// proxy's admin address. Paths are normalized and slashes merged before
// matching, as the proxy matches the clean path it redirects to.
func (m *exportModel) envoy() yaml.MapSlice {
	var routes []any
	maxProgram := 0
	for _, g := range groupRules(m.rules) {
		r, size := m.envoyRoute(g)
		routes = append(routes, r)
		maxProgram = max(maxProgram, size)
	}
	def := m.backend(m.def)
	defAction := m.envoyAction(def, def, 0, nil)
	routes = append(routes, kv("name", "default", "match", kv("prefix", "/"), "route", defAction))
	hosts := anyHost(m.opts.Hosts)
	if len(hosts) == 0 {
		hosts = []string{"*"}
	} else {
		hosts = m.withRouteHosts(hosts)
	}
	hcm := kv(
		"@type", "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
		"stat_prefix", "ficus",
		"normalize_path", true,
		"merge_slashes", true,
		"strip_any_host_port", true,
		"route_config", kv("name", "ficus", "virtual_hosts", []any{kv("name", "ficus", "domains", hosts, "routes", routes)}),
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
	boot := kv(
		"admin", kv("address", socketAddress(m.cfg.Admin)),
		"static_resources", kv("listeners", []any{listener}, "clusters", clusters),
	)
	if maxProgram > envoyRegexLimit*8/10 {
		// A cookie value of 64 characters needs a larger program than RE2's
		// default limit; raise it, with room for RE2 counting differently
		// from Go.
		limit := max(2*maxProgram, 2*envoyRegexLimit)
		boot = with(boot, "layered_runtime", kv("layers", []any{kv(
			"name", "ficus", "static_layer", kv("re2.max_program_size.error_level", limit),
		)}))
	}
	return boot
}

// groupRules joins consecutive rules of one route: one mesh rule with
// their methods.
func groupRules(rules []rule) [][]rule {
	var out [][]rule
	for _, r := range rules {
		if n := len(out); n > 0 && out[n-1][0].route == r.route {
			out[n-1] = append(out[n-1], r)
			continue
		}
		out = append(out, []rule{r})
	}
	return out
}

// groupMethods lists a group's methods; nil is any method.
func groupMethods(g []rule) []string {
	var ms []string
	for _, r := range g {
		if r.method == "" {
			return nil
		}
		ms = append(ms, r.method)
	}
	return ms
}

func socketAddress(hostport string) yaml.MapSlice {
	host, port, _ := net.SplitHostPort(hostport)
	if host == "" {
		host = "0.0.0.0"
	}
	p, _ := strconv.Atoi(port)
	return kv("socket_address", kv("address", host, "port_value", p))
}

// envoyRoute renders a group of rules and returns the size of its largest
// regex program.
func (m *exportModel) envoyRoute(g []rule) (yaml.MapSlice, int) {
	r := g[0].route
	size := 0
	match := yaml.MapSlice{}
	switch r.path.kind {
	case "exact":
		match = with(match, "path", r.path.value)
	case "prefix":
		match = with(match, "prefix", r.path.value)
	default:
		match = with(match, "safe_regex", kv("regex", r.path.value))
		size = programSize(r.path.value)
	}
	var headers []any
	regexHeader := func(name, re string) {
		headers = append(headers, kv("name", name, "string_match", kv("safe_regex", kv("regex", re))))
		size = max(size, programSize(re))
	}
	if ms := groupMethods(g); ms != nil {
		regexHeader(":method", methodsRegex(ms, r.Match.ExactMethods))
	}
	if h := r.host(); h != "" {
		regexHeader(":authority", authorityRegex(h))
	}
	for _, h := range slices.Sorted(maps.Keys(r.Match.Headers)) {
		headers = append(headers, envoyValueMatch(h, r.Match.Headers[h]))
	}
	for _, c := range slices.Sorted(maps.Keys(r.Match.Cookies)) {
		regexHeader("cookie", cookieRegex(c, r.Match.Cookies[c]))
	}
	if len(headers) > 0 {
		match = with(match, "headers", headers)
	}
	var query []any
	for _, q := range slices.Sorted(maps.Keys(r.Match.Query)) {
		query = append(query, envoyValueMatch(q, r.Match.Query[q]))
	}
	if len(query) > 0 {
		match = with(match, "query_parameters", query)
	}
	_, to := r.split()
	action := m.envoyAction(m.backend(m.def), m.backend(r.To), to, r)
	if r.fallback() {
		retryOn := "connect-failure,refused-stream"
		if allIdempotent(groupMethods(g)) {
			retryOn += ",reset,5xx"
		}
		action = with(action, "retry_policy", kv("retry_on", retryOn, "num_retries", 1))
	}
	if r.mirror {
		action = with(action, "request_mirror_policies", []any{kv(
			"cluster", r.To,
			"runtime_fraction", kv("default_value", kv("numerator", 100, "denominator", "HUNDRED")),
		)})
	}
	return kv("name", r.Name, "match", match, "route", action), size
}

// envoyAction sends to the default backend, to the route's target, or
// splits between them (to: buckets sent to the target); the route timeout
// is off, as the proxy's timeout covers only the response headers.
func (m *exportModel) envoyAction(def, target exportBackend, to int, r *exportRoute) yaml.MapSlice {
	action := yaml.MapSlice{}
	var sides []exportBackend
	switch {
	case to == 0:
		action = with(action, "cluster", def.name)
		sides = []exportBackend{def}
	case to == config.Buckets:
		action = with(action, "cluster", target.name)
		sides = []exportBackend{target}
	default:
		cw := func(b exportBackend, w int) yaml.MapSlice {
			c := kv("name", b.name, "weight", w)
			if b.config.HostHeader != "" {
				c = with(c, "host_rewrite_literal", b.config.HostHeader)
			}
			return c
		}
		action = with(action, "weighted_clusters", kv("clusters", []any{cw(def, config.Buckets-to), cw(target, to)}))
		sides = []exportBackend{def, target}
	}
	if len(sides) == 1 && sides[0].config.HostHeader != "" {
		action = with(action, "host_rewrite_literal", sides[0].config.HostHeader)
	}
	if p, ok := m.sharedPath(r, sides); ok && p != "" {
		action = with(action, "regex_rewrite", kv("pattern", kv("regex", "^/"), "substitution", trimSlash(p)+"/"))
	}
	return with(action, "timeout", "0s")
}

// sharedPath is the URL path the sides prepend, when they agree; else it
// warns that the path is not prepended.
func (m *exportModel) sharedPath(r *exportRoute, sides []exportBackend) (string, bool) {
	p := sides[0].path
	for _, b := range sides[1:] {
		if b.path != p {
			name := "default"
			if r != nil {
				name = r.Name
			}
			m.warnf(name, "urlpath", "the backends %s and %s have different URL paths (%q, %q); the split cannot rewrite per backend, so neither is prepended", sides[0].name, b.name, sides[0].path, b.path)
			return "", false
		}
	}
	return p, true
}

func trimSlash(p string) string {
	for len(p) > 0 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p
}

func envoyValueMatch(name, value string) yaml.MapSlice {
	if value == "*" {
		return kv("name", name, "present_match", true)
	}
	return kv("name", name, "string_match", kv("exact", value))
}

func (m *exportModel) envoyCluster(b exportBackend) yaml.MapSlice {
	c := kv(
		"name", b.name,
		"type", "STRICT_DNS",
		"connect_timeout", durationString(b.config.ConnectTimeout),
		"lb_policy", "ROUND_ROBIN",
		"load_assignment", kv(
			"cluster_name", b.name,
			"endpoints", []any{kv("lb_endpoints", []any{kv("endpoint", kv("address", kv("socket_address", kv("address", b.host, "port_value", b.port))))})},
		),
	)
	if b.h2c {
		c = with(c, "typed_extension_protocol_options", kv(
			"envoy.extensions.upstreams.http.v3.HttpProtocolOptions", kv(
				"@type", "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
				"explicit_http_config", kv("http2_protocol_options", yaml.MapSlice{}),
			),
		))
	}
	if b.config.MaxConns > 0 {
		c = with(c, "circuit_breakers", kv("thresholds", []any{kv("max_connections", b.config.MaxConns)}))
	}
	if br := b.config.Breaker; br.IsEnabled() {
		c = with(c, "outlier_detection", kv(
			"consecutive_5xx", br.Failures,
			"interval", durationString(br.Window),
			"base_ejection_time", durationString(br.OpenFor),
		))
	}
	if h := b.config.Health; h != nil {
		c = with(c, "health_checks", []any{kv(
			"timeout", durationString(h.Timeout),
			"interval", durationString(h.Interval),
			"healthy_threshold", h.HealthyAfter,
			"unhealthy_threshold", h.UnhealthyAfter,
			"http_health_check", kv("path", h.Path),
		)})
	}
	if b.tls {
		c = with(c, "transport_socket", kv(
			"name", "envoy.transport_sockets.tls",
			"typed_config", m.envoyTLS(b),
		))
	}
	return c
}

// envoyTLS verifies the backend's certificate as the proxy does: against
// ca_file or the system roots, for the server name; not at all with
// insecure_skip_verify.
func (m *exportModel) envoyTLS(b exportBackend) yaml.MapSlice {
	t := b.config.TLS
	sni := b.serverName()
	tc := kv("@type", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext", "sni", sni)
	if t.InsecureSkipVerify {
		return tc
	}
	vc := kv("system_root_certs", yaml.MapSlice{})
	if t.CAFile != "" {
		vc = kv("trusted_ca", kv("filename", t.CAFile))
	}
	vc = with(vc, "match_typed_subject_alt_names", []any{kv("san_type", "DNS", "matcher", kv("exact", sni))})
	return with(tc, "common_tls_context", kv("validation_context", vc))
}

// anyHost drops "*" from hosts, which means any host as no hosts do, and
// lower-cases the others, as the proxy compares hosts in any case.
func anyHost(hosts []string) []string {
	var out []string
	for _, h := range hosts {
		if h != "*" {
			out = append(out, strings.ToLower(h))
		}
	}
	return out
}
