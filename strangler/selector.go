package strangler

import (
	"github.com/ficus-dev/ficus/strangler/config"
	"net/http"
	"net/netip"
)

// Selector chooses the backend that serves a request on a route. It is the
// seam where per-route modes plug in; [Weighted] is the cohort split.
type Selector interface {
	Select(r *http.Request, client netip.Addr, rt *Route) Choice
}

// Choice is a Selector's decision.
type Choice struct {
	// Backend serves the request.
	Backend *Backend
	// Fallback serves it instead when Backend fails and replay is safe; nil
	// for none.
	Fallback *Backend
	// Bucket is the request's cohort bucket, or -1 when it was not bucketed.
	Bucket int
	// Reason says why: "cohort", "override" or "default".
	Reason string
}

// Choice reasons.
const (
	ReasonDefault  = "default"
	ReasonCohort   = "cohort"
	ReasonOverride = "override"
)

// Weighted sends the cohorts whose bucket is below the route's weight to
// the route's target and the rest to the default backend. Raising the
// weight only adds buckets, so nobody ever moves back.
type Weighted struct {
	// OverrideHeader and OverrideCookie, when set, name a backend that the
	// request is forced to (one of the route's target, default or
	// fallback; any other name is ignored).
	OverrideHeader string
	OverrideCookie string
}

var _ Selector = (*Weighted)(nil)

// Select implements Selector.
func (s *Weighted) Select(r *http.Request, client netip.Addr, rt *Route) Choice {
	if b := s.forced(r, rt); b != nil {
		c := Choice{Backend: b, Bucket: -1, Reason: ReasonOverride}
		if b == rt.To {
			c.Fallback = rt.Fallback
		}
		return c
	}
	bucket := cohortBucket(rt.cohort, r, client)
	if bucket < rt.state.weight() {
		fb := rt.Fallback
		if rt.Mode() == config.ModeRetired {
			fb = nil // the monolith no longer has the route's code
		}
		return Choice{Backend: rt.To, Fallback: fb, Bucket: bucket, Reason: ReasonCohort}
	}
	return Choice{Backend: rt.Default, Bucket: bucket, Reason: ReasonCohort}
}

func (s *Weighted) forced(r *http.Request, rt *Route) *Backend {
	name := ""
	if s.OverrideHeader != "" {
		if vs := r.Header[s.OverrideHeader]; len(vs) > 0 {
			name = vs[0]
		}
	}
	if name == "" && s.OverrideCookie != "" {
		if c, err := r.Cookie(s.OverrideCookie); err == nil {
			name = c.Value
		}
	}
	if name == "" {
		return nil
	}
	for _, b := range []*Backend{rt.To, rt.Default, rt.Fallback} {
		if b != nil && b.Name == name {
			return b
		}
	}
	return nil
}
