package mesh

import (
	"maps"
	"math"
	"slices"

	"github.com/goccy/go-yaml"

	"github.com/ficus-dev/ficus/strangler/config"
)

// istio renders one VirtualService holding every route in order, then a
// DestinationRule per backend with its cohort hash, connection limits and
// outlier detection.
func (m *exportModel) istio(o Options) []yaml.MapSlice {
	var http []any
	for _, r := range m.routes {
		hr := kv("name", r.Name, "match", istioMatches(r), "route", m.istioRoute(r))
		if t := m.backend(r.To).config.Timeout; t > 0 && r.buckets > 0 {
			hr = append(hr, yaml.MapItem{Key: "timeout", Value: durationString(t)})
		}
		if r.Fallback != "" && r.buckets > 0 {
			hr = append(hr, yaml.MapItem{Key: "retries", Value: kv("attempts", 1, "retryOn", "connect-failure,refused-stream,reset")})
		}
		if r.mirror {
			to := m.backend(r.To)
			hr = append(hr,
				yaml.MapItem{Key: "mirror", Value: kv("host", to.name, "port", kv("number", to.port))},
				yaml.MapItem{Key: "mirrorPercentage", Value: kv("value", 100.0)})
		}
		http = append(http, hr)
	}
	def := m.backend(m.def)
	http = append(http, kv("name", "default", "route", []any{kv("destination", kv("host", def.name, "port", kv("number", def.port)))}))
	hosts := o.Hosts
	if len(hosts) == 0 {
		hosts = []string{"*"}
	}
	spec := kv("hosts", hosts)
	if o.Gateway != "" {
		spec = append(spec, yaml.MapItem{Key: "gateways", Value: []string{o.Gateway}})
	}
	spec = append(spec, yaml.MapItem{Key: "http", Value: http})
	out := []yaml.MapSlice{kv("apiVersion", "networking.istio.io/v1", "kind", "VirtualService", "metadata", istioMeta(o, "ficus"), "spec", spec)}
	for _, b := range m.backends {
		out = append(out, m.destinationRule(o, b))
	}
	return out
}

func istioMeta(o Options, name string) yaml.MapSlice {
	meta := kv("name", name)
	if o.Namespace != "" {
		meta = append(meta, yaml.MapItem{Key: "namespace", Value: o.Namespace})
	}
	return append(meta, yaml.MapItem{Key: "labels", Value: kv("app.kubernetes.io/managed-by", "ficus")})
}

// istioMatches lists one match per method (or one for any method). Istio
// routes on the first host of Host headers; route hosts become an
// authority match.
func istioMatches(r exportRoute) []any {
	base := kv("uri", kv(r.pathKind, r.path))
	if r.Match.Host != "" {
		base = append(base, yaml.MapItem{Key: "authority", Value: kv("exact", r.Match.Host)})
	}
	headers := yaml.MapSlice{}
	for _, h := range slices.Sorted(maps.Keys(r.Match.Headers)) {
		headers = append(headers, yaml.MapItem{Key: h, Value: istioString(r.Match.Headers[h])})
	}
	if len(r.Match.Cookies) > 0 {
		// One regex per header: with several cookies the first is matched.
		c := slices.Sorted(maps.Keys(r.Match.Cookies))[0]
		headers = append(headers, yaml.MapItem{Key: "cookie", Value: kv("regex", ".*"+cookieRegex(c, r.Match.Cookies[c])+".*")})
	}
	if len(headers) > 0 {
		base = append(base, yaml.MapItem{Key: "headers", Value: headers})
	}
	query := yaml.MapSlice{}
	for _, q := range slices.Sorted(maps.Keys(r.Match.Query)) {
		query = append(query, yaml.MapItem{Key: q, Value: istioString(r.Match.Query[q])})
	}
	if len(query) > 0 {
		base = append(base, yaml.MapItem{Key: "queryParams", Value: query})
	}
	return perMethod(base, r.Match.Methods, func(meth string) any {
		if meth == "GET" && !r.Match.ExactMethods {
			return kv("regex", "GET|HEAD") // as in ficus and ServeMux
		}
		return kv("exact", meth)
	})
}

func istioString(v string) yaml.MapSlice {
	if v == "*" {
		return kv("regex", ".*")
	}
	return kv("exact", v)
}

// istioRoute splits in whole percent, as Istio requires; the service gets
// at least 1% when its weight is above 0.
func (m *exportModel) istioRoute(r exportRoute) []any {
	_, to := r.split()
	d, t := m.backend(m.def), m.backend(r.To)
	dest := func(b exportBackend) yaml.MapSlice { return kv("host", b.name, "port", kv("number", b.port)) }
	switch {
	case to == 0:
		return []any{kv("destination", dest(d))}
	case to == config.Buckets:
		return []any{kv("destination", dest(t))}
	}
	pct := int(math.Round(float64(to) * 100 / config.Buckets))
	pct = min(max(pct, 1), 99)
	return []any{kv("destination", dest(d), "weight", 100-pct), kv("destination", dest(t), "weight", pct)}
}

// destinationRule carries what Istio can of a backend: the cohort as a
// consistent hash, max_conns, and the breaker as outlier detection.
func (m *exportModel) destinationRule(o Options, b exportBackend) yaml.MapSlice {
	tp := yaml.MapSlice{}
	// One hash per destination: the first route to it in the file decides.
	for _, r := range m.cfg.Routes {
		if r.To != b.name {
			continue
		}
		if h := istioHash(r.Cohort); h != nil {
			tp = append(tp, yaml.MapItem{Key: "loadBalancer", Value: kv("consistentHash", h)})
		}
		break
	}
	if b.config.MaxConns > 0 {
		tp = append(tp, yaml.MapItem{Key: "connectionPool", Value: kv("tcp", kv("maxConnections", b.config.MaxConns))})
	}
	if br := b.config.Breaker; br.IsEnabled() {
		tp = append(tp, yaml.MapItem{Key: "outlierDetection", Value: kv(
			"consecutive5xxErrors", br.Failures,
			"interval", durationString(br.Window),
			"baseEjectionTime", durationString(br.OpenFor),
		)})
	}
	if b.tls {
		tls := kv("mode", "SIMPLE")
		if b.config.TLS.ServerName != "" {
			tls = append(tls, yaml.MapItem{Key: "sni", Value: b.config.TLS.ServerName})
		}
		tp = append(tp, yaml.MapItem{Key: "tls", Value: tls})
	}
	spec := kv("host", b.name)
	if len(tp) > 0 {
		spec = append(spec, yaml.MapItem{Key: "trafficPolicy", Value: tp})
	}
	return kv("apiVersion", "networking.istio.io/v1", "kind", "DestinationRule", "metadata", istioMeta(o, k8sName(b.name)), "spec", spec)
}

// istioHash is a cohort as an Istio consistent hash.
func istioHash(cohort string) yaml.MapSlice {
	kind, name, err := config.CohortKey(cohort)
	if err != nil {
		return nil
	}
	switch kind {
	case "header":
		return kv("httpHeaderName", name)
	case "cookie":
		return kv("httpCookie", kv("name", name, "ttl", "0s"))
	}
	return kv("useSourceIp", true)
}
