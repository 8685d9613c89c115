package mesh

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
)

// These are small models of each target's documented matching rules,
// run over an exported configuration (read back from its YAML) to say
// which ficus route a request reaches there.

// modelRequest is a request as a target sees it.
type modelRequest struct {
	method string
	host   string // the Host header as sent
	path   string // as sent, escaped, without the query
	query  string
	header map[string]string // canonical names; "Cookie" included
}

func (r modelRequest) queryValue(name string) (string, bool) {
	q, err := url.ParseQuery(r.query)
	if err != nil {
		return "", false
	}
	vs, ok := q[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

func (r modelRequest) headerValue(name string) (string, bool) {
	for k, v := range r.header {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

func hostWithoutPort(h string) string {
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		return h[:i]
	}
	return h
}

// fullMatch is RE2 full-match semantics (Envoy safe_regex, Istio regex).
func fullMatch(re, s string) bool {
	x, err := regexp.Compile("^(?:" + re + ")$")
	return err == nil && x.MatchString(s)
}

// normalizePath applies RFC 3986 dot-segment removal, treating "%2E" as
// ".", as Envoy's normalize_path does; merge also collapses "//".
func normalizePath(p string, merge bool) string {
	if merge {
		for strings.Contains(p, "//") {
			p = strings.ReplaceAll(p, "//", "/")
		}
	}
	segs := strings.Split(p, "/")
	var out []string
	for i, s := range segs {
		d := strings.ReplaceAll(strings.ReplaceAll(s, "%2E", "."), "%2e", ".")
		last := i == len(segs)-1
		switch d {
		case ".":
			if last {
				out = append(out, "")
			}
			continue
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
			continue
		}
		out = append(out, s)
	}
	n := strings.Join(out, "/")
	if !strings.HasPrefix(n, "/") {
		n = "/" + n
	}
	return n
}

// tree is YAML read back generically.
type tree = map[string]any

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func obj(v any) tree {
	m, _ := v.(map[string]any)
	return m
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	b, _ := yaml.Marshal(v)
	return strings.TrimSpace(string(b))
}

// envoyModel routes r over an Envoy bootstrap: the virtual host whose
// domains hold the host (port stripped), then the first route whose
// path, headers and query parameters all match.
func envoyModel(boot tree, r modelRequest) string {
	lis := obj(list(obj(boot["static_resources"])["listeners"])[0])
	hcm := obj(obj(list(obj(list(lis["filter_chains"])[0])["filters"])[0])["typed_config"])
	path := r.path
	if hcm["normalize_path"] == true {
		path = normalizePath(path, hcm["merge_slashes"] == true)
	}
	host := r.host
	if hcm["strip_any_host_port"] == true {
		host = hostWithoutPort(host)
	}
	for _, vh := range list(obj(hcm["route_config"])["virtual_hosts"]) {
		if !domainMatch(list(obj(vh)["domains"]), host) {
			continue
		}
		for _, rt := range list(obj(vh)["routes"]) {
			m := obj(obj(rt)["match"])
			if envoyMatch(m, path, host, r) {
				return text(obj(rt)["name"])
			}
		}
		return ""
	}
	return ""
}

func domainMatch(domains []any, host string) bool {
	for _, d := range domains {
		if s := text(d); s == "*" || strings.EqualFold(s, host) {
			return true
		}
	}
	return false
}

func envoyMatch(m tree, path, host string, r modelRequest) bool {
	switch {
	case m["path"] != nil:
		if path != text(m["path"]) {
			return false
		}
	case m["prefix"] != nil:
		if !strings.HasPrefix(path, text(m["prefix"])) {
			return false
		}
	case m["safe_regex"] != nil:
		if !fullMatch(text(obj(m["safe_regex"])["regex"]), path) {
			return false
		}
	}
	for _, h := range list(m["headers"]) {
		h := obj(h)
		name := text(h["name"])
		var v string
		var ok bool
		switch name {
		case ":method":
			v, ok = r.method, true
		case ":authority":
			v, ok = host, true
		default:
			v, ok = r.headerValue(name)
		}
		if !ok || !stringMatch(obj(h["string_match"]), v, h["present_match"] == true) {
			return false
		}
	}
	for _, q := range list(m["query_parameters"]) {
		q := obj(q)
		v, ok := r.queryValue(text(q["name"]))
		if !ok || !stringMatch(obj(q["string_match"]), v, q["present_match"] == true) {
			return false
		}
	}
	return true
}

// stringMatch is Envoy's and Istio's StringMatcher; present matches any.
func stringMatch(sm tree, v string, present bool) bool {
	switch {
	case present:
		return true
	case sm["exact"] != nil:
		return v == text(sm["exact"])
	case sm["prefix"] != nil:
		return strings.HasPrefix(v, text(sm["prefix"]))
	case sm["regex"] != nil:
		return fullMatch(text(sm["regex"]), v)
	case sm["safe_regex"] != nil:
		return fullMatch(text(obj(sm["safe_regex"])["regex"]), v)
	}
	return false
}

// istioModel routes r over an Istio VirtualService: paths normalized as
// Istio's default (dot segments, slashes kept), then the first http entry
// with a matching match (or none), named after its route.
func istioModel(vs tree, r modelRequest) string {
	path := normalizePath(r.path, false)
	for _, e := range list(obj(vs["spec"])["http"]) {
		e := obj(e)
		ms := list(e["match"])
		if len(ms) == 0 {
			return text(e["name"])
		}
		for _, m := range ms {
			if istioMatch(obj(m), path, r) {
				return text(e["name"])
			}
		}
	}
	return ""
}

func istioMatch(m tree, path string, r modelRequest) bool {
	if u := obj(m["uri"]); u != nil && !stringMatch(u, path, false) {
		return false
	}
	if mm := obj(m["method"]); mm != nil && !stringMatch(mm, r.method, false) {
		return false
	}
	if a := obj(m["authority"]); a != nil && !stringMatch(a, r.host, false) {
		return false
	}
	for name, sm := range obj(m["headers"]) {
		v, ok := r.headerValue(name)
		if !ok || !stringMatch(obj(sm), v, false) {
			return false
		}
	}
	for name, sm := range obj(m["queryParams"]) {
		v, ok := r.queryValue(name)
		if !ok || !stringMatch(obj(sm), v, false) {
			return false
		}
	}
	return true
}

// gatewayModel routes r over HTTPRoutes by Gateway API precedence
// (gatewayCompare): among the matches of routes whose hostnames hold the
// request's host (or that name none), the first by precedence that
// matches. Paths are normalized and slashes merged, as Envoy Gateway does.
func gatewayModel(docs []tree, r modelRequest) string {
	path := normalizePath(r.path, true)
	host := strings.ToLower(hostWithoutPort(r.host))
	best, bestRoute := (*gwCandidate)(nil), ""
	for _, d := range docs {
		if text(d["kind"]) != "HTTPRoute" {
			continue
		}
		spec := obj(d["spec"])
		hosts := list(spec["hostnames"])
		hostRank := 0
		if len(hosts) > 0 {
			ok := false
			for _, h := range hosts {
				if text(h) == host {
					ok, hostRank = true, len(host)
				}
			}
			if !ok {
				continue
			}
		}
		name := text(obj(d["metadata"])["name"])
		route := text(obj(obj(d["metadata"])["annotations"])["ficus.dev/route"])
		for _, m := range list(obj(list(spec["rules"])[0])["matches"]) {
			c := gwCandidate{hostRank: hostRank, object: name, m: gwMatchOf(obj(m))}
			if !gwMatches(obj(m), path, r) {
				continue
			}
			if best == nil || gatewayCompare(c.hostRank, c.m, c.object, best.hostRank, best.m, best.object) < 0 {
				best, bestRoute = &c, route
			}
		}
	}
	return bestRoute
}

type gwCandidate struct {
	hostRank int
	object   string
	m        gwMatch
}

func gwMatchOf(m tree) gwMatch {
	g := gwMatch{pathType: text(obj(m["path"])["type"]), path: text(obj(m["path"])["value"]), method: text(m["method"])}
	for range list(m["headers"]) {
		g.headers = append(g.headers, nil)
	}
	for range list(m["queryParams"]) {
		g.query = append(g.query, nil)
	}
	return g
}

func gwMatches(m tree, path string, r modelRequest) bool {
	p := obj(m["path"])
	v := text(p["value"])
	switch text(p["type"]) {
	case "Exact":
		if path != v {
			return false
		}
	case "PathPrefix":
		t := strings.TrimSuffix(v, "/")
		if path != t && !strings.HasPrefix(path, t+"/") && v != "/" {
			return false
		}
	case "RegularExpression":
		if !fullMatch(v, path) {
			return false
		}
	}
	if meth := text(m["method"]); meth != "" && meth != r.method {
		return false
	}
	for _, h := range list(m["headers"]) {
		h := obj(h)
		got, ok := r.headerValue(text(h["name"]))
		if !ok || !gwValueMatch(h, got) {
			return false
		}
	}
	for _, q := range list(m["queryParams"]) {
		q := obj(q)
		got, ok := r.queryValue(text(q["name"]))
		if !ok || !gwValueMatch(q, got) {
			return false
		}
	}
	return true
}

func gwValueMatch(m tree, got string) bool {
	if text(m["type"]) == "RegularExpression" {
		return fullMatch(text(m["value"]), got)
	}
	return got == text(m["value"])
}
