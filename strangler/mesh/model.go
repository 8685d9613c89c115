package mesh

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// exportModel is a config reduced to what meshes understand.
type exportModel struct {
	cfg      *config.Config
	opts     Options
	target   Target
	backends []exportBackend
	routes   []*exportRoute
	// rules are the routes' matchers in the proxy's precedence order, one
	// per method (or one for any method).
	rules    []rule
	prec     *match.Precedence
	def      string
	warnings []Warning
}

type exportBackend struct {
	name    string // as in the configuration (Envoy cluster name)
	service string // the Kubernetes Service it becomes
	host    string
	port    int
	tls     bool
	h2c     bool
	path    string // the URL's path, prepended to every request's; "" for none
	config  config.BackendConfig
}

// exportRoute is one route with its live split.
type exportRoute struct {
	config.RouteConfig
	index   int
	mode    config.Mode
	buckets int // of config.Buckets sent to To
	mirror  bool
	path    pathExpr
}

// rule is one matcher of a route: the route with one method ("" for any).
type rule struct {
	route  *exportRoute
	method string // upper-cased
	prec   int    // index in the proxy's precedence order
}

func newExportModel(cfg *config.Config, o Options, target Target) (*exportModel, error) {
	m := &exportModel{cfg: cfg, opts: o, target: target, def: cfg.Default}
	if err := m.addBackends(); err != nil {
		return nil, err
	}
	for i, rc := range cfg.Routes {
		r := &exportRoute{RouteConfig: rc, index: i, mode: config.Mode(rc.Mode), buckets: rc.WeightBuckets()}
		if o.State != nil {
			if st, ok := o.State.Routes[rc.Name]; ok {
				r.mode = st.Mode
				b, err := config.WeightToBuckets(st.Weight)
				if err != nil {
					return nil, fmt.Errorf("mesh: state of route %s: %w", rc.Name, err)
				}
				r.buckets = b
			}
		}
		r.mirror = r.mode == config.ModeShadow
		p, err := parsePathPattern(rc.Match.Path)
		if err != nil {
			return nil, fmt.Errorf("mesh: route %s: path %q: %w", rc.Name, rc.Match.Path, err)
		}
		r.path = p
		m.routes = append(m.routes, r)
	}
	rules := make([]match.Rule, len(cfg.Routes))
	for i, rc := range cfg.Routes {
		rules[i] = match.Rule(rc.Match)
	}
	prec, err := match.NewPrecedence(rules)
	if err != nil {
		return nil, fmt.Errorf("mesh: %w", err)
	}
	m.prec = prec
	for i, pm := range prec.Matchers {
		m.rules = append(m.rules, rule{route: m.routes[pm.Route], method: pm.Method(), prec: i})
	}
	m.checkCommon()
	return m, nil
}

func (m *exportModel) addBackends() error {
	names := make([]string, 0, len(m.cfg.Backends))
	for n := range m.cfg.Backends {
		names = append(names, n)
	}
	sort.Strings(names)
	services := map[string]string{}
	for _, n := range names {
		bc := m.cfg.Backends[n]
		u, err := url.Parse(bc.URL)
		if err != nil {
			return fmt.Errorf("mesh: backend %s: %w", n, err)
		}
		port := 80
		if u.Scheme == "https" {
			port = 443
		}
		if p := u.Port(); p != "" {
			port, _ = strconv.Atoi(p)
		}
		svc := dnsLabel(n)
		if other, ok := services[svc]; ok && m.target != Envoy {
			return fmt.Errorf("mesh: backends %s and %s would both be the Service %s: rename one", other, n, svc)
		}
		services[svc] = n
		b := exportBackend{name: n, service: svc, host: u.Hostname(), port: port, tls: u.Scheme == "https", h2c: u.Scheme == "h2c", config: bc}
		if p := u.EscapedPath(); p != "" && p != "/" {
			b.path = p
		}
		m.backends = append(m.backends, b)
	}
	return nil
}

// checkCommon warns about what no target carries over.
func (m *exportModel) checkCommon() {
	for _, r := range m.routes {
		if def, to := r.split(); def > 0 && to > 0 {
			m.warnf(r.Name, "cohorts", "the %s split is per request: ficus keeps each %s cohort on one side, the target does not", weightString(to), r.Cohort)
		}
		if r.mirror && !r.Shadow.Unsafe && !allIdempotent(r.Match.Methods) {
			m.warnf(r.Name, "mirror", "every matched request is mirrored to %s, also non-idempotent ones (ficus mirrors those only with shadow.unsafe)", r.To)
		}
		switch {
		case r.fallback() && m.target == GatewayAPI:
			m.warnf(r.Name, "fallback", "Gateway API (standard channel) has no retries: when %s fails the request fails instead of falling back to %s", r.To, r.Fallback)
		case r.fallback():
			m.warnf(r.Name, "fallback", "when %s fails the target retries it once (only if the request never reached it, or its methods are idempotent) instead of falling back to %s", r.To, r.Fallback)
		}
		if r.path.dotSegment {
			m.warnf(r.Name, "dots", "the path %s has a segment '.' or '..' written escaped; the target normalizes it away before matching, so the route is never reached", r.Match.Path)
		}
	}
}

// warnf records a warning once.
func (m *exportModel) warnf(route, topic, format string, args ...any) {
	w := Warning{Route: route, Change: fmt.Sprintf(format, args...), topic: topic}
	if !slices.Contains(m.warnings, w) {
		m.warnings = append(m.warnings, w)
	}
}

// split returns the route's weights for the default backend and for To,
// in hundredths of a percent.
func (r *exportRoute) split() (def, to int) {
	return config.Buckets - r.buckets, r.buckets
}

// fallback reports whether the proxy may retry the route's requests on
// another backend: it has a fallback, sends traffic to To, and is not
// retired (whose monolith code is gone).
func (r *exportRoute) fallback() bool {
	return r.Fallback != "" && r.buckets > 0 && r.mode != config.ModeRetired
}

// methods returns the route's methods upper-cased, as the proxy compares
// them.
func (r *exportRoute) methods() []string {
	out := make([]string, len(r.Match.Methods))
	for i, meth := range r.Match.Methods {
		out[i] = strings.ToUpper(meth)
	}
	return out
}

// host is the route's host lower-cased, as the proxy compares it.
func (r *exportRoute) host() string { return strings.ToLower(r.Match.Host) }

// allIdempotent reports whether every method is one the proxy replays
// (an empty list is any method, POST included).
func allIdempotent(methods []string) bool {
	if len(methods) == 0 {
		return false
	}
	for _, meth := range methods {
		switch strings.ToUpper(meth) {
		case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE":
		default:
			return false
		}
	}
	return true
}

// serverName is the name a backend's certificate is checked for, and the
// SNI sent: tls.server_name, or the URL's host.
func (b exportBackend) serverName() string {
	if n := b.config.TLS.ServerName; n != "" {
		return n
	}
	return b.host
}

func (m *exportModel) backend(name string) exportBackend {
	for _, b := range m.backends {
		if b.name == name {
			return b
		}
	}
	return exportBackend{name: name, service: dnsLabel(name)}
}

// durationString writes a duration for protobuf JSON ("5s", "0.25s").
func durationString(d config.Duration) string {
	return strconv.FormatFloat(d.D().Seconds(), 'f', -1, 64) + "s"
}

// weightString writes buckets as a percentage ("12.5%").
func weightString(buckets int) string {
	return strconv.FormatFloat(float64(buckets)*100/config.Buckets, 'f', -1, 64) + "%"
}
