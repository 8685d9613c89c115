package strangler

import (
	"context"
	"fmt"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

// p99Floor is the monolith p99 below which latencies are compared as if it
// were this: at a few milliseconds, a 1.5× ratio is jitter, not a regression.
const p99Floor = 10 * time.Millisecond

// GateResult is the verdict of one rollout check.
type GateResult struct {
	Route  string `json:"route"`
	Result string `json:"result"` // pass, hold or fail
	Reason string `json:"reason"`
}

// Gate results.
const (
	GatePass = "pass"
	GateHold = "hold"
	GateFail = "fail"
)

// RunRollouts checks the canary routes until ctx ends: every interval,
// and exactly when a step's interval ends, so that a step lasts its
// interval and not up to one check period more. It also saves the parity
// evidence gathered since the last save.
func (p *Proxy) RunRollouts(ctx context.Context, every time.Duration) {
	t := time.NewTimer(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.CheckRollouts()
			p.saveParity()
			t.Reset(p.nextCheck(every))
		}
	}
}

// nextCheck is the wait until the next check: every, or less when a
// canary step's interval ends sooner.
func (p *Proxy) nextCheck(every time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now, wait := p.now(), every
	t := p.Table()
	for _, r := range t.Routes {
		rc := t.Config.RouteRollout(&r.Config)
		if r.Mode() != config.ModeCanary || rc.Manual {
			continue
		}
		// A step already due (held for traffic) is checked every period.
		if since := r.state.progress().StepSince; !since.IsZero() {
			if d := since.Add(rc.Interval.D()).Sub(now); d > 0 {
				wait = min(wait, d)
			}
		}
	}
	return wait
}

// saveParity writes the state file when parity results changed, so that
// a restart in shadow mode keeps what was found.
func (p *Proxy) saveParity() {
	if p.statePath == "" || !p.parity.takeDirty() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.persist()
}

// CheckRollouts judges every canary route whose step interval has passed:
// the service against the monolith on the same route since the step began.
// When the gates hold, the route climbs one step (after the last, it
// becomes a service); when one fails, it goes back to the monolith at once.
// Steps with fewer service requests than min_requests are held.
func (p *Proxy) CheckRollouts() []GateResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	var out []GateResult
	t := p.Table()
	for _, r := range t.Routes {
		rc := t.Config.RouteRollout(&r.Config)
		if r.Mode() != config.ModeCanary || rc.Manual {
			continue
		}
		prog := r.state.progress()
		if prog.StepSince.IsZero() {
			// Canary from the file: the first step starts now.
			r.state.startStep(now.UTC())
			p.windows.reset(r.Name)
			p.persist()
			continue
		}
		if now.Before(prog.StepSince.Add(rc.Interval.D())) {
			continue
		}
		res := p.judge(r, rc)
		out = append(out, res)
		p.metrics.gates.WithLabelValues(r.Name, res.Result).Inc()
		switch res.Result {
		case GateHold:
			// Checked every tick until traffic suffices: Debug, not Info.
			p.log.Debug("rollout step held", "route", r.Name, "weight", r.Weight(), "why", res.Reason)
		case GateFail:
			p.rollbackLocked(r, ReasonGate, res.Reason)
		case GatePass:
			p.log.Info("rollout gate passed", "route", r.Name, "weight", r.Weight(), "why", res.Reason)
			if prog.Step+1 < len(rc.Steps) {
				p.moveLocked(r, config.ModeCanary, prog.Step+1, ReasonStep, nil)
			} else {
				p.moveLocked(r, config.ModeService, 0, ReasonStep, nil)
			}
		}
	}
	return out
}

// judge compares the service with the monolith on route r.
func (p *Proxy) judge(r *Route, rc config.RolloutConfig) GateResult {
	res := GateResult{Route: r.Name}
	svc, mono := p.windows.snapshot(r.Name)
	if svc.Requests < int64(rc.MinRequests) {
		res.Result, res.Reason = GateHold, fmt.Sprintf("%d service requests since the step began, %d needed", svc.Requests, rc.MinRequests)
		return res
	}
	if d := svc.ErrorRate() - mono.ErrorRate(); d > rc.MaxErrorRateDelta {
		res.Result = GateFail
		res.Reason = fmt.Sprintf("error rate %.2f%% on the service against %.2f%% on the monolith exceeds max_error_rate_delta %.2f%%",
			100*svc.ErrorRate(), 100*mono.ErrorRate(), 100*rc.MaxErrorRateDelta)
		return res
	}
	if mono.Requests > 0 {
		base := max(mono.P99(), p99Floor)
		if limit := time.Duration(float64(base) * rc.MaxP99Ratio); svc.P99() > limit {
			res.Result = GateFail
			res.Reason = fmt.Sprintf("p99 %s on the service against %s on the monolith exceeds max_p99_ratio %g",
				svc.P99(), mono.P99(), rc.MaxP99Ratio)
			return res
		}
	}
	if res, judged := p.parityGate(r, rc); judged {
		return res
	}
	res.Result = GatePass
	res.Reason = fmt.Sprintf("%d requests, error rate %.2f%% (monolith %.2f%%), p99 %s (monolith %s)",
		svc.Requests, 100*svc.ErrorRate(), 100*mono.ErrorRate(), svc.P99(), mono.P99())
	return res
}

// parityGate judges a canary route's shadow evidence. The gate is armed
// when the route went from shadow to canary: then a step is held until
// the evidence has min_requests comparisons, and fails when the mismatch
// rate exceeds max_mismatch_rate. Without arming, evidence there is still
// judged, and its absence passes, as for a route made canary in the file.
// judged is false when the gate lets the other gates decide.
func (p *Proxy) parityGate(r *Route, rc config.RolloutConfig) (res GateResult, judged bool) {
	res.Route = r.Name
	n, rate, armed := p.parity.gateEvidence(r.Name)
	switch {
	case armed && n < int64(rc.MinRequests):
		res.Result = GateHold
		res.Reason = fmt.Sprintf("parity evidence: %d shadowed requests compared, %d needed; the step is held until there are enough: roll the route back and promote it to shadow to gather more", n, rc.MinRequests)
		return res, true
	case n > 0 && rate > rc.MaxMismatchRate:
		res.Result = GateFail
		res.Reason = fmt.Sprintf("parity mismatch rate %.2f%% over %d shadowed requests exceeds max_mismatch_rate %.2f%%",
			100*rate, n, 100*rc.MaxMismatchRate)
		return res, true
	}
	return res, false
}
