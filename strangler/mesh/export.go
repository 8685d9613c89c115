package mesh

import (
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
)

// Target names a mesh configuration format [Export] can write.
type Target string

// The export targets.
const (
	GatewayAPI Target = "gateway-api"
	Istio      Target = "istio"
	Envoy      Target = "envoy"
)

// Targets lists the targets in the order documented.
func Targets() []Target {
	return []Target{GatewayAPI, Istio, Envoy}
}

// Options adjust an export.
type Options struct {
	// Gateway is the Gateway an HTTPRoute attaches to, or the Istio
	// gateway a VirtualService is bound to ("" for the mesh).
	Gateway string
	// Namespace is set on every Kubernetes object; "" leaves it out.
	Namespace string
	// Hosts are the host names routes serve when they name none; empty
	// means any ("*" for Istio and Envoy, none for Gateway API).
	Hosts []string
	// State, when set, supplies the live modes and weights instead of the
	// file's.
	State *strangler.StateDoc
}

// ErrUnknownTarget is returned for an export target that does not exist.
var ErrUnknownTarget = fmt.Errorf("unknown export target: use %s, %s or %s", GatewayAPI, Istio, Envoy)

// Export writes cfg for target to w: one YAML stream. What each target
// cannot express is listed in docs/exports.md.
func Export(w io.Writer, target Target, cfg *config.Config, o Options) error {
	m, err := newExportModel(cfg, o)
	if err != nil {
		return err
	}
	var docs []yaml.MapSlice
	switch target {
	case GatewayAPI:
		docs = m.gatewayAPI(o)
	case Istio:
		docs = m.istio(o)
	case Envoy:
		docs = []yaml.MapSlice{m.envoy()}
	default:
		return fmt.Errorf("mesh: %w, not %q", ErrUnknownTarget, target)
	}
	for i, d := range docs {
		if i > 0 {
			if _, err := io.WriteString(w, "---\n"); err != nil {
				return err
			}
		}
		b, err := yaml.MarshalWithOptions(d, yaml.IndentSequence(true))
		if err != nil {
			return fmt.Errorf("mesh: export %s: %w", target, err)
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// exportModel is a config reduced to what meshes understand.
type exportModel struct {
	cfg      *config.Config
	backends []exportBackend
	routes   []exportRoute
	def      string
}

type exportBackend struct {
	name   string
	host   string
	port   int
	tls    bool
	h2c    bool
	config config.BackendConfig
}

// exportRoute is one route with its live split.
type exportRoute struct {
	config.RouteConfig
	mode     config.Mode
	buckets  int // of strangler.Buckets sent to To
	mirror   bool
	pathKind string // exact, prefix or regex
	path     string
}

func newExportModel(cfg *config.Config, o Options) (*exportModel, error) {
	m := &exportModel{cfg: cfg, def: cfg.Default}
	names := make([]string, 0, len(cfg.Backends))
	for n := range cfg.Backends {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		bc := cfg.Backends[n]
		u, err := url.Parse(bc.URL)
		if err != nil {
			return nil, fmt.Errorf("mesh: backend %s: %w", n, err)
		}
		port := 80
		if u.Scheme == "https" {
			port = 443
		}
		if p := u.Port(); p != "" {
			port, _ = strconv.Atoi(p)
		}
		m.backends = append(m.backends, exportBackend{name: n, host: u.Hostname(), port: port, tls: u.Scheme == "https", h2c: u.Scheme == "h2c", config: bc})
	}
	for _, rc := range cfg.Routes {
		r := exportRoute{RouteConfig: rc, mode: config.Mode(rc.Mode), buckets: rc.WeightBuckets()}
		if o.State != nil {
			if st, ok := o.State.Routes[rc.Name]; ok {
				r.mode = st.Mode
				r.buckets, _ = config.WeightToBuckets(st.Weight)
			}
		}
		r.mirror = r.mode == config.ModeShadow
		kind, path, err := strangler.MeshPath(rc.Match.Path)
		if err != nil {
			return nil, fmt.Errorf("mesh: route %s: %w", rc.Name, err)
		}
		r.pathKind, r.path = kind, path
		m.routes = append(m.routes, r)
	}
	// Meshes take the first matching rule, where ficus takes the most
	// specific: put exact paths first, then longer before shorter.
	sort.SliceStable(m.routes, func(i, j int) bool {
		a, b := m.routes[i], m.routes[j]
		if ka, kb := kindRank(a.pathKind), kindRank(b.pathKind); ka != kb {
			return ka < kb
		}
		if len(a.Match.Path) != len(b.Match.Path) {
			return len(a.Match.Path) > len(b.Match.Path)
		}
		return conditions(a.Match) > conditions(b.Match)
	})
	return m, nil
}

func kindRank(kind string) int {
	return map[string]int{"exact": 0, "regex": 1, "prefix": 2}[kind]
}

// conditions counts a match's conditions besides the path.
func conditions(mc config.MatchConfig) int {
	n := len(mc.Headers) + len(mc.Cookies) + len(mc.Query)
	if len(mc.Methods) > 0 {
		n++
	}
	if mc.Host != "" {
		n++
	}
	return n
}

// split returns the route's weights for the default backend and for To,
// in hundredths of a percent.
func (r exportRoute) split() (def, to int) {
	return config.Buckets - r.buckets, r.buckets
}

// hostPort is a backend's address for a mesh.
func (b exportBackend) hostPort() string { return net.JoinHostPort(b.host, strconv.Itoa(b.port)) }

func (m *exportModel) backend(name string) exportBackend {
	for _, b := range m.backends {
		if b.name == name {
			return b
		}
	}
	return exportBackend{name: name}
}

// kv builds an ordered YAML mapping from alternating keys and values.
func kv(pairs ...any) yaml.MapSlice {
	out := make(yaml.MapSlice, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, yaml.MapItem{Key: pairs[i], Value: pairs[i+1]})
	}
	return out
}

// k8sName makes a route name a valid Kubernetes object name.
func k8sName(s string) string {
	s = strings.ToLower(s)
	s = regexp.MustCompile(`[^a-z0-9.-]+`).ReplaceAllString(s, "-")
	return strings.Trim(s, "-.")
}

// perMethod copies a match once per method, adding the method as method
// writes it; without methods it returns the match alone.
func perMethod(base yaml.MapSlice, methods []string, method func(string) any) []any {
	if len(methods) == 0 {
		return []any{base}
	}
	out := make([]any, 0, len(methods))
	for _, meth := range methods {
		mm := append(yaml.MapSlice{}, base...)
		out = append(out, append(mm, yaml.MapItem{Key: "method", Value: method(meth)}))
	}
	return out
}

// cookieRegex matches a Cookie header carrying name=value ("*": any value).
func cookieRegex(name, value string) string {
	v := regexp.QuoteMeta(value)
	if value == "*" {
		v = "[^;]*"
	}
	return `(^|;\s*)` + regexp.QuoteMeta(name) + "=" + v + `(;|$)`
}

// durationString writes a duration for YAML ("5s", "0.25s").
func durationString(d config.Duration) string {
	return strconv.FormatFloat(d.D().Seconds(), 'f', -1, 64) + "s"
}
