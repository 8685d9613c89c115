package strangler

import (
	"errors"
	"fmt"

	"github.com/ficus-dev/ficus/strangler/config"
)

// Transition reasons, for logs and metrics.
const (
	ReasonAdmin    = "admin"
	ReasonPromote  = "promote"
	ReasonRollback = "rollback"
	ReasonStep     = "step"
	ReasonGate     = "gate"
)

// SetMode moves a route to mode m. Canary starts at the first rollout
// step; the other stages have fixed weights. The change is saved to the
// state file and holds across reloads until the file's mode or weight for
// the route changes.
func (p *Proxy) SetMode(name string, m config.Mode, reason string) (RouteStatus, error) {
	if _, err := config.ParseMode(string(m)); err != nil {
		return RouteStatus{}, fmt.Errorf("strangler: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.Table().route(name)
	if r == nil {
		return RouteStatus{}, fmt.Errorf("strangler: %w %q", ErrUnknownRoute, name)
	}
	p.moveLocked(r, m, 0, reason, nil)
	return p.routeStatus(r), nil
}

// ErrParityGate is returned by [Proxy.PromoteWith] when a shadow route's
// parity evidence would not let its canary pass the parity gate.
var ErrParityGate = errors.New("the parity gate would not pass")

// PromoteOptions tune [Proxy.PromoteWith].
type PromoteOptions struct {
	// Force promotes a shadow route to canary even when its parity
	// evidence would not pass the parity gate.
	Force bool
}

// Promote moves a route one stage forward, refusing a shadow route whose
// parity evidence would fail or hold the parity gate.
func (p *Proxy) Promote(name string) (RouteStatus, error) {
	return p.PromoteWith(name, PromoteOptions{})
}

// PromoteWith moves a route one stage forward. A canary route with a
// manual rollout climbs one step instead, until its last step. A shadow
// route goes to canary only when its shadow evidence has min_requests
// comparisons and a mismatch rate within max_mismatch_rate, unless
// o.Force: the parity gate would hold or fail its first step anyway.
func (p *Proxy) PromoteWith(name string, o PromoteOptions) (RouteStatus, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.Table().route(name)
	if r == nil {
		return RouteStatus{}, fmt.Errorf("strangler: %w %q", ErrUnknownRoute, name)
	}
	cur := effectiveMode(r)
	rc := p.Table().Config.RouteRollout(&r.Config)
	if cur == config.ModeCanary {
		if step := r.state.progress().Step; rc.Manual && step+1 < len(rc.Steps) {
			p.moveLocked(r, config.ModeCanary, step+1, ReasonStep, nil)
			return p.routeStatus(r), nil
		}
	}
	next, err := cur.Next()
	if err != nil {
		return RouteStatus{}, fmt.Errorf("strangler: route %s: %w", name, err)
	}
	if cur == config.ModeShadow && next == config.ModeCanary && !o.Force {
		if why := p.parity.promoteVerdict(name, rc); why != "" {
			return RouteStatus{}, fmt.Errorf("strangler: route %s: %w: %s; fix the service and compare again, keep it in shadow longer, or force the promote", name, ErrParityGate, why)
		}
	}
	p.moveLocked(r, next, 0, ReasonPromote, nil)
	return p.routeStatus(r), nil
}

// Rollback sends every request of a route to the monolith at once and
// records why.
func (p *Proxy) Rollback(name, why string) (RouteStatus, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.Table().route(name)
	if r == nil {
		return RouteStatus{}, fmt.Errorf("strangler: %w %q", ErrUnknownRoute, name)
	}
	if why == "" {
		why = "rolled back by an operator"
	}
	p.rollbackLocked(r, ReasonRollback, why)
	return p.routeStatus(r), nil
}

// rollbackLocked moves r to the monolith; p.mu must be held. A route
// already there stays as it is: there is nothing to roll back.
func (p *Proxy) rollbackLocked(r *Route, reason, why string) {
	if r.Mode() == config.ModeMonolith && r.Weight() == 0 {
		p.log.Debug("route already on the monolith", "route", r.Name, "reason", reason)
		return
	}
	rb := &Rollback{At: p.now().UTC(), From: effectiveMode(r), Weight: r.Weight(), Reason: why}
	p.moveLocked(r, config.ModeMonolith, 0, reason, rb)
}

// moveLocked sets r's mode and, for canary, its step; p.mu must be held.
func (p *Proxy) moveLocked(r *Route, m config.Mode, step int, reason string, rb *Rollback) {
	from, fromWeight := r.Mode(), r.Weight()
	buckets, fixed := m.FixedBuckets()
	prog := r.state.progress()
	prog.Step, prog.StepSince = 0, p.now().UTC()
	if !fixed {
		steps := p.Table().Config.RouteRollout(&r.Config).Steps
		step = min(step, len(steps)-1)
		buckets, _ = config.WeightToBuckets(steps[step])
		prog.Step = step
	}
	switch {
	case rb != nil:
		prog.LastRollback = rb
	case reason == ReasonPromote || reason == ReasonStep:
		prog.LastRollback = nil // moved on since: the note is stale
	}
	r.state.setMode(m, buckets, prog)
	p.windows.reset(r.Name)
	switch {
	case m == config.ModeShadow && from != config.ModeShadow:
		p.parity.reset(r.Name) // a fresh comparison, after a fix for instance
	case m == config.ModeCanary && from == config.ModeShadow:
		p.parity.seal(r.Name, prog.StepSince) // the parity gate judges this evidence
	case m != config.ModeCanary:
		p.parity.unseal(r.Name)
	}
	weight := float64(buckets) * 100 / config.Buckets
	p.metrics.transitions.WithLabelValues(r.Name, string(from), string(m), reason).Inc()
	attrs := []any{"route", r.Name, "from", string(from), "mode", string(m), "from_weight", fromWeight, "weight", weight, "reason", reason}
	if rb != nil {
		attrs = append(attrs, "why", rb.Reason)
		p.log.Warn("route rolled back to the monolith", attrs...)
	} else {
		p.log.Info("route mode changed", attrs...)
	}
	p.persist()
}

// effectiveMode is the route's mode, or for a route without one, the stage
// its weight amounts to.
func effectiveMode(r *Route) config.Mode {
	if m := r.Mode(); m != config.ModeNone {
		return m
	}
	switch w := r.state.weight(); {
	case w == 0:
		return config.ModeMonolith
	case w >= config.Buckets:
		return config.ModeService
	}
	return config.ModeCanary
}
