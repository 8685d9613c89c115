package strangler

import (
	"bytes"
	"net/http"
	"net/textproto"
	"sort"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/parity"
)

// ParitySchema versions the JSON document served at GET /parity.
const ParitySchema = "ficus.proxy.parity/v1"

// maxPaths bounds the JSON paths tracked per route; differences at further
// paths are counted under otherPath.
const (
	maxPaths  = 1000
	otherPath = "(other)"
)

// maxMetricPaths bounds the path label values of
// ficus_proxy_parity_mismatches_total per route: the first paths found
// keep their name, later ones are counted under otherPath. JSON paths hold
// object keys, and a response keyed by ids or by the query would otherwise
// make a series per request.
const maxMetricPaths = 50

// ParityDoc is the document served at GET /parity: what shadowing found
// per route and per JSON path.
type ParityDoc struct {
	Schema string        `json:"schema"`
	Routes []RouteParity `json:"routes"`
}

// RouteParity is one route's comparison results. Every count is a count
// of requests (compared exchanges), never of array elements: a request
// whose answers differ in three elements at $.items[*].price counts once
// for that path.
type RouteParity struct {
	Route string      `json:"route"`
	Mode  config.Mode `json:"mode,omitempty"`
	// Since is when this comparison began (the route entered shadow mode,
	// or the proxy first shadowed it).
	Since time.Time `json:"since,omitzero"`
	// Compared counts exchanges compared; Mismatched those with a
	// difference at a path that was not noise when they were compared;
	// Errors shadow requests that failed (the service timed out, refused,
	// or sent too much); Dropped copies never sent (queue full, body too
	// large, unsafe method). NoiseSampled counts the exchanges for which a
	// second monolith answer was compared, the denominator of the paths'
	// noise rates.
	Compared     int64            `json:"compared"`
	Mismatched   int64            `json:"mismatched"`
	Errors       int64            `json:"errors"`
	Dropped      map[string]int64 `json:"dropped,omitempty"`
	NoiseSampled int64            `json:"noise_sampled"`
	// WindowCompared and WindowMismatched are the last comparisons (at
	// most 1000) and those of them with a difference at a path that is a
	// mismatch by the paths' current classes; MismatchRate is their ratio,
	// the figure the parity gate judges.
	WindowCompared   int64        `json:"window_compared"`
	WindowMismatched int64        `json:"window_mismatched"`
	MismatchRate     float64      `json:"mismatch_rate"`
	Paths            []PathParity `json:"paths"`
	// Samples are the route's last differing exchanges, whole.
	Samples []ParitySample `json:"samples,omitempty"`
	// ClassChanges are the last times a path became noise or stopped being.
	ClassChanges []ClassChange `json:"class_changes,omitempty"`
	// SuggestedIgnores are paths that differ on nearly every answer while
	// the monolith agrees with itself, with values that look specific to
	// an instance (timestamps, generated ids): candidates for shadow.ignore.
	SuggestedIgnores []IgnoreSuggestion `json:"suggested_ignores,omitempty"`
	// Restored says the figures were read from the state file at start
	// and no comparison has been made since; samples are then per path.
	Restored bool `json:"restored,omitempty"`
	// GateArmed says the route went from shadow to canary on this
	// evidence: the parity gate holds its steps until the evidence suffices.
	GateArmed bool `json:"gate_armed,omitempty"`
}

// PathParity counts, for one path, the requests whose service answer
// differed there (Mismatches) and those whose second monolith answer
// differed there (Noise); both count requests. Class is the path's current
// verdict over the window: noise when the service differs there not much
// more often than the monolith does with itself, else mismatch. Paths are
// JSON paths, "status", "header:NAME" or "body" for bodies that are not
// JSON.
type PathParity struct {
	Path       string `json:"path"`
	Mismatches int64  `json:"mismatches"`
	Noise      int64  `json:"noise"`
	Class      string `json:"class"`
	// MismatchRate and NoiseRate are the window's rates the class is
	// decided from.
	MismatchRate float64 `json:"mismatch_rate"`
	NoiseRate    float64 `json:"noise_rate"`
	// Samples are the path's last differing requests (at most 3).
	Samples []PathSample `json:"samples,omitempty"`
}

// PathSample is one request whose answers differed at a path.
type PathSample struct {
	At     time.Time `json:"at"`
	Method string    `json:"method"`
	Target string    `json:"target"`
	// Where is the concrete path of the difference ($.items[3].price).
	Where    string `json:"where"`
	Kind     string `json:"kind"`
	Monolith string `json:"monolith,omitempty"`
	Service  string `json:"service,omitempty"`
}

// ClassChange records a path becoming noise or a mismatch again.
type ClassChange struct {
	At           time.Time `json:"at"`
	Path         string    `json:"path"`
	From         string    `json:"from"`
	To           string    `json:"to"`
	MismatchRate float64   `json:"mismatch_rate"`
	NoiseRate    float64   `json:"noise_rate"`
	Compared     int64     `json:"compared"`
}

// ParitySample is one exchange whose responses differed.
type ParitySample struct {
	At       time.Time           `json:"at"`
	Method   string              `json:"method"`
	Target   string              `json:"target"`
	Monolith int                 `json:"monolith_status"`
	Service  int                 `json:"service_status,omitempty"`
	Error    string              `json:"error,omitempty"`
	Diffs    []parity.Difference `json:"diffs,omitempty"`
}

// compareOptions are a route's comparison settings.
type compareOptions struct {
	headers []string
	diff    parity.Options
}

// compareExchanges lists how b differs from a: status, the chosen headers,
// and the body (field by field when both are JSON).
func compareExchanges(a, b *exchange, o compareOptions) []parity.Difference {
	var out []parity.Difference
	if a.status != b.status {
		out = append(out, parity.Difference{Path: "status", At: "status", Kind: parity.DiffValue, A: itoa(a.status), B: itoa(b.status)})
	}
	for _, h := range o.headers {
		k := textproto.CanonicalMIMEHeaderKey(h)
		if va, vb := a.header.Get(k), b.header.Get(k); va != vb {
			out = append(out, parity.Difference{Path: "header:" + k, At: "header:" + k, Kind: parity.DiffValue, A: va, B: vb})
		}
	}
	if bytes.Equal(a.body, b.body) {
		return out
	}
	if len(a.body) > 0 && len(b.body) > 0 {
		if ds, err := o.diff.Diff(a.body, b.body); err == nil {
			return append(out, ds...)
		}
	}
	return append(out, parity.Difference{Path: "body", At: "body", Kind: parity.DiffValue, A: parity.Short(string(a.body)), B: parity.Short(string(b.body))})
}

func itoa(i int) string { return parity.Short(i) }

// Parity returns what shadowing found so far, routes in table order.
func (p *Proxy) Parity() ParityDoc {
	doc := ParityDoc{Schema: ParitySchema, Routes: []RouteParity{}}
	p.parity.mu.Lock()
	defer p.parity.mu.Unlock()
	for _, r := range p.Table().Routes {
		rp, ok := p.parity.routes[r.Name]
		if !ok || rp.empty() {
			continue
		}
		out := rp.doc()
		out.Route, out.Mode = r.Name, r.Mode()
		doc.Routes = append(doc.Routes, out)
	}
	return doc
}

// empty reports whether nothing was found or kept for the route.
func (rp *routeParity) empty() bool {
	return rp.compared == 0 && rp.errors == 0 && len(rp.dropped) == 0 && rp.restored == nil && rp.sealed.IsZero()
}

// doc renders a route's results; pa.mu must be held.
func (rp *routeParity) doc() RouteParity {
	if len(rp.window) == 0 && rp.restored != nil {
		return rp.restored.doc(!rp.sealed.IsZero())
	}
	out := RouteParity{
		Since: rp.since, Compared: rp.compared, Mismatched: rp.mismatched, Errors: rp.errors,
		NoiseSampled: rp.noiseSampled, Paths: []PathParity{}, GateArmed: !rp.sealed.IsZero(),
		Samples:      append([]ParitySample(nil), rp.samples...),
		ClassChanges: append([]ClassChange(nil), rp.changes...),
	}
	if len(rp.dropped) > 0 {
		out.Dropped = map[string]int64{}
		for k, v := range rp.dropped {
			out.Dropped[k] = v
		}
	}
	out.WindowCompared, out.WindowMismatched = rp.windowRate()
	if out.WindowCompared > 0 {
		out.MismatchRate = float64(out.WindowMismatched) / float64(out.WindowCompared)
	}
	for _, ps := range rp.paths {
		pp := ps.PathParity
		pp.MismatchRate, pp.NoiseRate = rp.rates(ps)
		pp.Samples = append([]PathSample(nil), ps.Samples...)
		out.Paths = append(out.Paths, pp)
	}
	sortPaths(out.Paths)
	out.SuggestedIgnores = suggestIgnores(out.Paths, out.WindowCompared)
	return out
}

// sortPaths puts mismatches before noise, then the most frequent first.
func sortPaths(ps []PathParity) {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if (a.Class == ClassNoise) != (b.Class == ClassNoise) {
			return b.Class == ClassNoise
		}
		if a.Mismatches != b.Mismatches {
			return a.Mismatches > b.Mismatches
		}
		return a.Path < b.Path
	})
}

// exchange is a response kept for comparison.
type exchange struct {
	status int
	header http.Header
	body   []byte
}
