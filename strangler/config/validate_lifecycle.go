package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/net/http/httpguts"

	"github.com/ficus-dev/ficus/strangler/parity"
)

// lifecycle checks the settings of modes, shadowing and rollouts.
func (v *validator) lifecycle() {
	for i, r := range v.c.Routes {
		p := fmt.Sprintf("routes[%d]", i)
		if r.Mode != "" {
			if _, err := ParseMode(r.Mode); err != nil {
				v.add(p+".mode", suggestFix(r.Mode, []string{"canary", "monolith", "retired", "service", "shadow"}), "%q is not a mode", r.Mode)
			}
		}
		for j, path := range r.Shadow.Ignore {
			if _, err := parity.ParseGlob(path); err != nil {
				v.add(fmt.Sprintf("%s.shadow.ignore[%d]", p, j), "write a JSON path like $.created_at or $.items[*].id", "%v", err)
			}
		}
		for _, path := range slices.Sorted(maps.Keys(r.Shadow.Keys)) {
			key := r.Shadow.Keys[path]
			if g, err := parity.ParseGlob(path); err != nil || strings.HasSuffix(string(g), parity.OrderSuffix) {
				v.add(p+".shadow.keys", "name an array with a JSON path like $.items or $.orders[*].lines", "%q is not an array path", path)
			}
			if key == "" {
				v.add(p+".shadow.keys", "name the element field that identifies an element, like id or sku", "the key of %s is empty", path)
			}
		}
		for j, h := range r.Shadow.Headers {
			if !httpguts.ValidHeaderFieldName(h) {
				v.add(fmt.Sprintf("%s.shadow.headers[%d]", p, j), "use a header name like Content-Type", "%q is not a header name", h)
			}
		}
		if r.Rollout != nil {
			v.rollout(p+".rollout", *r.Rollout)
		}
	}
	v.rollout("rollout", v.c.Rollout)
	pc := v.c.Parity
	if pc.Queue < 1 || pc.Workers < 1 || pc.Samples < 0 {
		v.add("parity", "use 1 or more", "queue and workers must be at least 1, samples at least 0")
	}
	if pc.MaxBodyBytes < 1 {
		v.add("parity.max_body_bytes", "use a size like 1MiB", "max_body_bytes must be positive")
	}
	switch noise, name, _ := strings.Cut(pc.Noise, ":"); {
	case pc.Noise == "repeat", pc.Noise == "off":
	case noise == "backend" && v.hasBackend(name):
	case noise == "backend":
		v.unknownBackend("parity.noise", name)
	default:
		v.add("parity.noise", "use repeat, off or backend:NAME", "noise source %q is not known", pc.Noise)
	}
}

func (v *validator) rollout(p string, rc RolloutConfig) {
	prev := 0.0
	for j, w := range rc.Steps {
		sp := fmt.Sprintf("%s.steps[%d]", p, j)
		if _, err := WeightToBuckets(w); err != nil || w <= prev {
			v.add(sp, "list rising percentages above 0 and at most 100, like [1, 5, 25, 50, 100]", "step %g does not rise from %g", w, prev)
		}
		prev = w
	}
	if rc.Interval < Duration(1e6) {
		v.add(p+".interval", "use 1ms or more, like 5m", "interval %s is too short", rc.Interval)
	}
	if rc.MinRequests < 1 {
		v.add(p+".min_requests", "use 1 or more", "min_requests must be at least 1")
	}
	if rc.MaxErrorRateDelta < 0 || rc.MaxMismatchRate < 0 || rc.MaxMismatchRate > 1 || rc.MaxP99Ratio < 1 {
		v.add(p, "use max_error_rate_delta ≥ 0, max_p99_ratio ≥ 1, and max_mismatch_rate from 0 to 1", "a gate threshold is out of range")
	}
}
