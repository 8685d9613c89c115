package strangler

import (
	"net/http"
	"net/netip"

	"github.com/ficus-dev/ficus/strangler/config"
)

// selector chooses the backend that serves a request on a route. It is the
// seam where per-route modes plug in; weighted is the cohort split.
type selector interface {
	Select(r *http.Request, client netip.Addr, rt *Route) choice
}

// choice is a selector's decision.
type choice struct {
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

// choice reasons.
const (
	reasonDefault  = "default"
	reasonCohort   = "cohort"
	reasonOverride = "override"
)

// weighted sends the cohorts whose bucket is below the route's weight to
// the route's target and the rest to the default backend. Raising the
// weight only adds buckets, so nobody ever moves back.
type weighted struct {
	// OverrideHeader and OverrideCookie, when set, name a backend that the
	// request is forced to (one of the route's target, default or
	// fallback; any other name is ignored).
	OverrideHeader string
	OverrideCookie string
}

var _ selector = (*weighted)(nil)

// Select implements selector.
func (s *weighted) Select(r *http.Request, client netip.Addr, rt *Route) choice {
	if b := s.forced(r, rt); b != nil {
		c := choice{Backend: b, Bucket: -1, Reason: reasonOverride}
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
		return choice{Backend: rt.To, Fallback: fb, Bucket: bucket, Reason: reasonCohort}
	}
	return choice{Backend: rt.Default, Bucket: bucket, Reason: reasonCohort}
}

func (s *weighted) forced(r *http.Request, rt *Route) *Backend {
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
