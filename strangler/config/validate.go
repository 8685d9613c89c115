package config

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/http/httpguts"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// nameRE is what backend and route names look like: they appear in URLs,
// metrics labels and the override header.
const nameRE = `^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`

// validator collects problems with their file positions.
type validator struct {
	c        *Config
	name     *regexp.Regexp
	problems []Problem
}

// Validate checks the configuration and returns a *ConfigError listing
// every problem, or nil. Load and Parse call it; call it again after
// changing a Config in code.
func (c *Config) Validate() error {
	v := &validator{c: c, name: regexp.MustCompile(nameRE)}
	v.listeners()
	v.backends()
	v.routes()
	v.override()
	v.trusted()
	v.server()
	v.lifecycle()
	if len(v.problems) == 0 {
		return nil
	}
	return &ConfigError{File: c.file, Problems: sortProblems(v.problems)}
}

// at returns the position of path, or of its nearest parent that has one.
func (v *validator) at(path string) position {
	for p := path; p != ""; {
		if pos, ok := v.c.lines[p]; ok {
			return pos
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return position{}
}

func (v *validator) add(path, fix, format string, args ...any) {
	pos := v.at(path)
	v.problems = append(v.problems, Problem{
		Line: pos.line, Column: pos.col, Path: path,
		Message: path + ": " + fmt.Sprintf(format, args...), Fix: fix,
	})
}

func (v *validator) listeners() {
	for _, f := range []struct{ path, addr string }{{"listen", v.c.Listen}, {"admin", v.c.Admin}} {
		if _, port, err := net.SplitHostPort(f.addr); err != nil || port == "" {
			v.add(f.path, "write host:port, like 127.0.0.1:8080 or :8080", "%q is not a host:port address", f.addr)
		}
	}
	if v.c.Listen == v.c.Admin {
		v.add("admin", "give the admin listener its own port", "admin and listen are both %q", v.c.Admin)
	}
}

func (v *validator) backendNames() []string {
	names := make([]string, 0, len(v.c.Backends))
	for n := range v.c.Backends {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (v *validator) backends() {
	if len(v.c.Backends) == 0 {
		v.add("backends", "declare at least the monolith, like backends: {monolith: {url: http://127.0.0.1:9001}}", "no backends are declared")
	}
	for _, name := range v.backendNames() {
		b := v.c.Backends[name]
		p := "backends." + name
		if !v.name.MatchString(name) {
			v.add(p, "use letters, digits, '.', '_' and '-' (at most 63)", "backend name %q is not allowed", name)
		}
		v.backendURL(p+".url", b.URL)
		if b.MaxIdleConns < 0 || b.MaxConns < -1 {
			v.add(p, "use 0 or more (max_conns: -1 for no cap)", "connection limits must not be negative")
		}
		if h := b.Health; h != nil {
			if !strings.HasPrefix(h.Path, "/") {
				v.add(p+".health.path", "write an absolute path like /healthz", "health check path %q must start with /", h.Path)
			}
			if h.Interval < Duration(10e6) {
				v.add(p+".health.interval", "use 10ms or more", "health check interval %s is too short", h.Interval)
			}
			if h.HealthyAfter < 1 || h.UnhealthyAfter < 1 {
				v.add(p+".health", "use 1 or more", "healthy_after and unhealthy_after must be at least 1")
			}
		}
		br := b.Breaker
		if br.Failures < 1 || br.MinRequests < 1 || br.HalfOpenRequests < 1 {
			v.add(p+".breaker", "use 1 or more", "failures, min_requests and half_open_requests must be at least 1")
		}
		if br.FailureRatio <= 0 || br.FailureRatio > 1 {
			v.add(p+".breaker.failure_ratio", "use a ratio above 0 and at most 1, like 0.5", "failure_ratio %g is out of range", br.FailureRatio)
		}
	}
	switch {
	case v.c.Default == "":
		v.add("default", "name the monolith's backend, like default: monolith", "no default backend")
	case !v.hasBackend(v.c.Default):
		v.unknownBackend("default", v.c.Default)
	}
}

func (v *validator) backendURL(path, raw string) {
	u, err := url.Parse(raw)
	switch {
	case raw == "":
		v.add(path, "write the base URL, like http://127.0.0.1:9001", "url is missing")
	case err != nil:
		v.add(path, "write the base URL, like http://127.0.0.1:9001", "%q is not a URL: %v", raw, err)
	case u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "h2c":
		v.add(path, "use http://, https:// or h2c://", "scheme %q is not supported", u.Scheme)
	case u.Host == "":
		v.add(path, "write the host, like http://127.0.0.1:9001", "%q has no host", raw)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		v.add(path, "remove the user, query and fragment", "%q must be a plain base URL", raw)
	}
}

func (v *validator) hasBackend(name string) bool {
	_, ok := v.c.Backends[name]
	return ok
}

func (v *validator) unknownBackend(path, name string) {
	v.add(path, suggestFix(name, v.backendNames()), "unknown backend %q", name)
}

func (v *validator) routes() {
	seen := map[string]int{}
	var all []*match.Matcher
	for i, r := range v.c.Routes {
		p := fmt.Sprintf("routes[%d]", i)
		switch {
		case r.Name == "":
			v.add(p, "give the route a name, like name: orders-read", "route has no name")
		case !v.name.MatchString(r.Name):
			v.add(p+".name", "use letters, digits, '.', '_' and '-' (at most 63)", "route name %q is not allowed", r.Name)
		default:
			if j, dup := seen[r.Name]; dup {
				v.add(p+".name", "give each route its own name", "route name %q is already used by routes[%d] (line %d)", r.Name, j, v.at(fmt.Sprintf("routes[%d]", j)).line)
			}
			seen[r.Name] = i
		}
		switch {
		case r.To == "":
			v.add(p, "name the backend the route moves traffic to, like to: orders", "route %q has no to", r.Name)
		case !v.hasBackend(r.To):
			v.unknownBackend(p+".to", r.To)
		}
		if r.Fallback != "" {
			switch {
			case !v.hasBackend(r.Fallback):
				v.unknownBackend(p+".fallback", r.Fallback)
			case r.Fallback == r.To:
				v.add(p+".fallback", "fall back to another backend, usually the monolith", "fallback is the same backend as to")
			}
		}
		if w := r.Weight; w != nil {
			if _, err := WeightToBuckets(*w); err != nil {
				v.add(p+".weight", "use a percentage from 0 to 100 with at most two decimals, like 25 or 12.5", "%v", err)
			}
		}
		if _, err := ParseCohort(r.Cohort); err != nil {
			v.add(p+".cohort", "use header:NAME, cookie:NAME or ip", "%v", err)
		}
		ms := v.match(p+".match", i, r.Match)
		all = append(all, ms...)
	}
	_, conflicts := match.NewRouter(all)
	v.conflicts(conflicts)
}

func (v *validator) match(p string, route int, m MatchConfig) []*match.Matcher {
	ok := true
	methods := map[string]bool{}
	for j, meth := range m.Methods {
		mp := fmt.Sprintf("%s.methods[%d]", p, j)
		switch {
		case meth == "" || !httpguts.ValidHeaderFieldName(meth):
			v.add(mp, "use a method name like GET", "%q is not an HTTP method", meth)
			ok = false
		case meth == http.MethodConnect:
			v.add(mp, "remove it; the proxy does not tunnel CONNECT", "CONNECT cannot be routed")
			ok = false
		case methods[strings.ToUpper(meth)]:
			v.add(mp, "list each method once", "method %s is listed twice", meth)
			ok = false
		}
		methods[strings.ToUpper(meth)] = true
	}
	if m.ExactMethods && !methods[http.MethodGet] {
		v.add(p+".exact_methods", "remove it, or list GET in methods", "exact_methods only keeps GET from matching HEAD, and methods has no GET")
		ok = false
	}
	if h := m.Host; h != "" {
		if !match.ValidHost(h) {
			v.add(p+".host", "write a bare host name, like api.example.com (ports are ignored when matching)", "host %q is not a host name", h)
			ok = false
		}
	}
	if _, err := match.ParsePath(m.Path); err != nil {
		v.add(p+".path", "write a net/http.ServeMux path pattern, like /orders/{id}", "path %q: %v", m.Path, err)
		ok = false
	}
	checkKV := func(kind string, kv map[string]string, validName func(string) bool) {
		for k, val := range kv {
			kp := p + "." + kind + "." + k
			if !validName(k) {
				v.add(kp, "use a valid "+strings.TrimSuffix(kind, "s")+" name", "%q is not a valid %s name", k, strings.TrimSuffix(kind, "s"))
				ok = false
			}
			if val == "" {
				v.add(kp, `write the value to match, or "*" for any value`, "%s %q has an empty value", strings.TrimSuffix(kind, "s"), k)
				ok = false
			}
		}
	}
	checkKV("headers", m.Headers, httpguts.ValidHeaderFieldName)
	checkKV("cookies", m.Cookies, validCookieName)
	checkKV("query", m.Query, func(s string) bool { return s != "" })
	if !ok {
		return nil
	}
	ms, err := match.Compile(route, match.Rule(m))
	if err != nil {
		v.add(p, "", "%v", err)
		return nil
	}
	return ms
}

func validCookieName(s string) bool { return httpguts.ValidHeaderFieldName(s) }

// conflicts reports each pair of routes that conflict, once.
func (v *validator) conflicts(cs []match.Conflict) {
	type pair struct{ a, b int }
	reported := map[pair]bool{}
	for _, c := range cs {
		a, b := c.A, c.B
		if a.Route > b.Route {
			a, b = b, a
		}
		if reported[pair{a.Route, b.Route}] {
			continue
		}
		reported[pair{a.Route, b.Route}] = true
		ra, rb := v.c.Routes[a.Route], v.c.Routes[b.Route]
		p := fmt.Sprintf("routes[%d]", b.Route)
		line := v.at(fmt.Sprintf("routes[%d]", a.Route)).line
		if c.Rel == match.Overlaps {
			v.add(p+".match", "make one route more specific (a literal segment, a method, a header) so that it wins",
				"route %q (%s) conflicts with route %q (line %d, %s): both match %s, and neither is more specific",
				rb.Name, b.Describe(), ra.Name, line, a.Describe(), c.Example())
			continue
		}
		what := "duplicates"
		if !matchEqual(ra.Match, rb.Match) {
			what = "is shadowed by"
		}
		v.add(p+".match", "remove one of the routes, or add a condition (host, header, cookie, query) to one of them",
			"route %q %s route %q (line %d): both match %s with the same conditions", rb.Name, what, ra.Name, line, b.Describe())
	}
}

func matchEqual(a, b MatchConfig) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}

func (v *validator) override() {
	o := v.c.Override
	if !httpguts.ValidHeaderFieldName(o.Header) {
		v.add("override.header", "use a header name like X-Ficus-Backend", "%q is not a header name", o.Header)
	}
	if o.Cookie != "" && !validCookieName(o.Cookie) {
		v.add("override.cookie", "use a cookie name like ficus-backend", "%q is not a cookie name", o.Cookie)
	}
}

func (v *validator) trusted() {
	for i, s := range v.c.TrustedProxies {
		if _, err := ParsePrefix(s); err != nil {
			v.add(fmt.Sprintf("trusted_proxies[%d]", i), "write an address or CIDR prefix, like 10.0.0.0/8", "%q is not an address or prefix", s)
		}
	}
}

// ParsePrefix parses a trusted_proxies entry: an address or a CIDR prefix.
func ParsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func (v *validator) server() {
	s := v.c.Server
	if (s.TLS.CertFile == "") != (s.TLS.KeyFile == "") {
		v.add("server.tls", "set both cert_file and key_file, or neither", "TLS needs both a certificate and a key")
	}
	if s.H2C && s.TLS.CertFile != "" {
		v.add("server.h2c", "drop h2c: with TLS, HTTP/2 is negotiated by ALPN", "h2c has no effect on a TLS listener")
	}
	if s.MaxHeaderBytes < 1024 {
		v.add("server.max_header_bytes", "use at least 1KiB", "max_header_bytes %d is too small", s.MaxHeaderBytes)
	}
}
