package mesh

import (
	"errors"
	"fmt"
	"io"
	"slices"
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
	// (or "*") means any: no hostnames for Gateway API, "*" for Envoy and
	// for an Istio gateway, the default backend's Service for the Istio
	// mesh.
	Hosts []string
	// State, when set, supplies the live modes and weights instead of the
	// file's.
	State *strangler.StateDoc
	// Strict turns every warning into an error: nothing is written when
	// the target cannot route as the proxy does.
	Strict bool
}

// Warning is something the target cannot express: the export routes
// differently from the proxy there, or leaves something out.
type Warning struct {
	// Route is the route concerned; "" when the warning is about a
	// backend or the whole export.
	Route string
	// Change says what the export does instead, and what differs.
	Change string
	// topic groups warnings about the same difference, for tests that
	// tolerate a documented difference.
	topic string
}

func (w Warning) String() string {
	if w.Route == "" {
		return w.Change
	}
	return "route " + w.Route + ": " + w.Change
}

// Result is what an export could not carry over.
type Result struct {
	// Warnings are in the order found, each once.
	Warnings []Warning
}

// ErrUnknownTarget is returned for an export target that does not exist.
var ErrUnknownTarget = fmt.Errorf("unknown export target: use %s, %s or %s", GatewayAPI, Istio, Envoy)

// ErrInexpressible is returned under Options.Strict when the target cannot
// route as the proxy does; the error lists the warnings.
var ErrInexpressible = errors.New("the target cannot route as ficus does")

// Export writes cfg for target to w: one YAML stream. The result lists
// what the target cannot express (see docs/exports.md); with o.Strict any
// such difference is an error wrapping [ErrInexpressible] and nothing is
// written.
func Export(w io.Writer, target Target, cfg *config.Config, o Options) (Result, error) {
	if !slices.Contains(Targets(), target) {
		return Result{}, fmt.Errorf("mesh: %w, not %q", ErrUnknownTarget, target)
	}
	m, err := newExportModel(cfg, o, target)
	if err != nil {
		return Result{}, err
	}
	var docs []yaml.MapSlice
	switch target {
	case GatewayAPI:
		docs, err = m.gatewayAPI()
	case Istio:
		docs, err = m.istio()
	case Envoy:
		docs = []yaml.MapSlice{m.envoy()}
	}
	if err != nil {
		return Result{}, err
	}
	res := Result{Warnings: m.warnings}
	if o.Strict && len(res.Warnings) > 0 {
		lines := make([]string, len(res.Warnings))
		for i, wn := range res.Warnings {
			lines[i] = "  " + wn.String()
		}
		return res, fmt.Errorf("mesh: export %s: %w:\n%s\nchange these routes, or leave out --strict to export with the differences", target, ErrInexpressible, strings.Join(lines, "\n"))
	}
	for i, d := range docs {
		if i > 0 {
			if _, err := io.WriteString(w, "---\n"); err != nil {
				return res, err
			}
		}
		b, err := yaml.MarshalWithOptions(d, yaml.IndentSequence(true))
		if err != nil {
			return res, fmt.Errorf("mesh: export %s: %w", target, err)
		}
		if _, err := w.Write(b); err != nil {
			return res, err
		}
	}
	return res, nil
}

// kv builds an ordered YAML mapping from alternating keys and values.
func kv(pairs ...any) yaml.MapSlice {
	out := make(yaml.MapSlice, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, yaml.MapItem{Key: pairs[i], Value: pairs[i+1]})
	}
	return out
}

// with appends key: value to a mapping.
func with(m yaml.MapSlice, key string, value any) yaml.MapSlice {
	return append(m, yaml.MapItem{Key: key, Value: value})
}
