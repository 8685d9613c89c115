package strangler

import (
	"fmt"
	"strings"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

// evidencePaths bounds the paths kept in the state file per route.
const evidencePaths = 20

// ParityEvidence is a route's parity evidence as the state file keeps it,
// so that a restart does not erase what shadowing found.
type ParityEvidence struct {
	// Since is when the comparison began.
	Since time.Time `json:"since"`
	// Sealed is when the route went from shadow to canary on this
	// evidence; the parity gate then requires it.
	Sealed time.Time `json:"sealed,omitzero"`
	// Compared and Mismatched are the window's figures (see
	// [RouteParity]); Total and Errors the cumulative ones.
	Compared   int64 `json:"compared"`
	Mismatched int64 `json:"mismatched"`
	Total      int64 `json:"total"`
	Errors     int64 `json:"errors"`
	// Paths are the most frequent differing paths, with their samples.
	Paths []PathParity `json:"paths,omitempty"`
}

// evidence returns a route's evidence for the state file, or nil when it
// has none.
func (pa *parityLedger) evidence(route string) *ParityEvidence {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	rp, ok := pa.routes[route]
	if !ok {
		return nil
	}
	if len(rp.window) == 0 {
		if rp.restored != nil {
			ev := *rp.restored
			ev.Sealed = rp.sealed
			return &ev
		}
		if rp.sealed.IsZero() {
			return nil
		}
	}
	d := rp.doc()
	ev := &ParityEvidence{Since: rp.since, Sealed: rp.sealed, Compared: d.WindowCompared, Mismatched: d.WindowMismatched, Total: rp.compared, Errors: rp.errors}
	ev.Paths = d.Paths[:min(len(d.Paths), evidencePaths)]
	return ev
}

// restore takes a route's evidence from the state file.
func (pa *parityLedger) restore(route string, ev *ParityEvidence) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	rp := pa.route(route)
	rp.since, rp.sealed, rp.restored = ev.Since, ev.Sealed, ev
}

// seal marks the route's evidence as the parity gate's for the canary
// that starts at at.
func (pa *parityLedger) seal(route string, at time.Time) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	pa.route(route).sealed = at
	pa.dirty = true
}

// unseal releases the evidence from the gate: the route left canary.
func (pa *parityLedger) unseal(route string) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	if rp, ok := pa.routes[route]; ok && !rp.sealed.IsZero() {
		rp.sealed = time.Time{}
		pa.dirty = true
	}
}

// gateEvidence returns what the parity gate judges for a route: the
// comparisons and the mismatch rate of the window (or of the restored
// evidence), and whether the gate is armed.
func (pa *parityLedger) gateEvidence(route string) (compared int64, rate float64, armed bool) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	rp, ok := pa.routes[route]
	if !ok {
		return 0, 0, false
	}
	var mismatched int64
	switch {
	case len(rp.window) > 0:
		compared, mismatched = rp.windowRate()
	case rp.restored != nil:
		compared, mismatched = rp.restored.Compared, rp.restored.Mismatched
	}
	if compared > 0 {
		rate = float64(mismatched) / float64(compared)
	}
	return compared, rate, !rp.sealed.IsZero()
}

// takeDirty reports whether results changed since the last call.
func (pa *parityLedger) takeDirty() bool {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	d := pa.dirty
	pa.dirty = false
	return d
}

// doc renders restored evidence.
func (ev *ParityEvidence) doc(armed bool) RouteParity {
	out := RouteParity{
		Since: ev.Since, Compared: ev.Total, Errors: ev.Errors, WindowCompared: ev.Compared, WindowMismatched: ev.Mismatched,
		Paths: append([]PathParity{}, ev.Paths...), Restored: true, GateArmed: armed,
	}
	if ev.Compared > 0 {
		out.MismatchRate = float64(ev.Mismatched) / float64(ev.Compared)
	}
	out.SuggestedIgnores = suggestIgnores(out.Paths, ev.Compared)
	return out
}

// promoteVerdict says why a shadow route's evidence would not pass the
// parity gate, with the paths that differ most and an example of each, or
// "" when it would.
func (pa *parityLedger) promoteVerdict(route string, rc config.RolloutConfig) string {
	n, rate, _ := pa.gateEvidence(route)
	if n < int64(rc.MinRequests) {
		return fmt.Sprintf("%d shadowed requests compared, %d needed (rollout.min_requests)", n, rc.MinRequests)
	}
	if rate <= rc.MaxMismatchRate {
		return ""
	}
	pa.mu.Lock()
	rp, ok := pa.routes[route]
	if !ok {
		pa.mu.Unlock()
		return ""
	}
	d := rp.doc()
	pa.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "mismatch rate %.2f%% over %d shadowed requests exceeds max_mismatch_rate %.2f%%", 100*rate, n, 100*rc.MaxMismatchRate)
	shown := 0
	for _, p := range d.Paths {
		if p.Class != ClassMismatch || shown == 3 {
			continue
		}
		shown++
		fmt.Fprintf(&b, "; %s differs on %.0f%%", p.Path, 100*p.MismatchRate)
		if len(p.Samples) > 0 {
			s := p.Samples[len(p.Samples)-1]
			fmt.Fprintf(&b, " (%s %s: monolith %s, service %s)", s.Method, s.Target, orNone(s.Monolith), orNone(s.Service))
		}
	}
	return b.String()
}

func orNone(v string) string {
	if v == "" {
		return "none"
	}
	return v
}
