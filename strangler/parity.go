package strangler

import (
	"bytes"
	"net/http"
	"net/textproto"
	"slices"
	"sort"
	"sync"
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

// RouteParity is one route's comparison results.
type RouteParity struct {
	Route string      `json:"route"`
	Mode  config.Mode `json:"mode,omitempty"`
	// Compared counts exchanges compared; Mismatched those with a
	// difference above noise; Errors shadow requests that failed (the
	// service timed out, refused, or sent too much); Dropped copies never
	// sent (queue full, body too large, unsafe method).
	Compared     int64            `json:"compared"`
	Mismatched   int64            `json:"mismatched"`
	Errors       int64            `json:"errors"`
	Dropped      map[string]int64 `json:"dropped,omitempty"`
	MismatchRate float64          `json:"mismatch_rate"`
	Paths        []PathParity     `json:"paths"`
	Samples      []ParitySample   `json:"samples,omitempty"`
}

// PathParity counts, for one path, differences from the service above
// noise (Mismatches) and differences the monolith has with itself (Noise).
// Paths are JSON paths, "status", "header:NAME" or "body" for bodies that
// are not JSON.
type PathParity struct {
	Path       string `json:"path"`
	Mismatches int64  `json:"mismatches"`
	Noise      int64  `json:"noise"`
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

// parityLedger accumulates comparison results per route.
type parityLedger struct {
	mu      sync.Mutex
	routes  map[string]*routeParity
	samples int
}

type routeParity struct {
	compared, mismatched, errors int64
	dropped                      map[string]int64
	paths                        map[string]*PathParity
	noisy                        map[string]bool // paths ever seen to differ by nature; at most maxPaths
	metricPaths                  map[string]bool // path label values in use; at most maxMetricPaths
	samples                      []ParitySample
}

func newParity(samples int) *parityLedger {
	return &parityLedger{routes: map[string]*routeParity{}, samples: samples}
}

func (pa *parityLedger) route(name string) *routeParity {
	rp := pa.routes[name]
	if rp == nil {
		rp = &routeParity{dropped: map[string]int64{}, paths: map[string]*PathParity{}, noisy: map[string]bool{}, metricPaths: map[string]bool{}}
		pa.routes[name] = rp
	}
	return rp
}

func (rp *routeParity) path(p string) *PathParity {
	ps := rp.paths[p]
	if ps == nil {
		if len(rp.paths) >= maxPaths {
			p = otherPath
		}
		if ps = rp.paths[p]; ps == nil {
			ps = &PathParity{Path: p}
			rp.paths[p] = ps
		}
	}
	return ps
}

// metricPath is the path label for p: p itself while the route has fewer
// than maxMetricPaths labels, otherPath after that.
func (rp *routeParity) metricPath(p string) string {
	if rp.metricPaths[p] {
		return p
	}
	if len(rp.metricPaths) >= maxMetricPaths {
		return otherPath
	}
	rp.metricPaths[p] = true
	return p
}

// reset forgets a route's results.
func (pa *parityLedger) reset(route string) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	delete(pa.routes, route)
}

func (pa *parityLedger) drop(route, why string) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	pa.route(route).dropped[why]++
}

func (pa *parityLedger) addSample(rp *routeParity, s ParitySample) {
	if pa.samples == 0 {
		return
	}
	if len(rp.samples) >= pa.samples {
		rp.samples = append(rp.samples[:0], rp.samples[1:]...)
	}
	rp.samples = append(rp.samples, s)
}

// fail records a shadow request that got no usable answer.
func (pa *parityLedger) fail(route string, s ParitySample) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	rp := pa.route(route)
	rp.errors++
	pa.addSample(rp, s)
}

// record compares one exchange: primary and candidate are the monolith's
// and the service's answers; secondary, when not nil, is a second monolith
// answer whose differences from primary are noise. ignore lists paths never
// compared. It returns the differences above noise, and the metric path
// labels they fall under, each once.
func (pa *parityLedger) record(route string, s ParitySample, primary, candidate, secondary *exchange, headers []string, ignore []parity.Glob) (diffs []parity.Difference, labels []string) {
	diffs = compareExchanges(primary, candidate, headers)
	var noise []parity.Difference
	if secondary != nil {
		noise = compareExchanges(primary, secondary, headers)
	}
	pa.mu.Lock()
	defer pa.mu.Unlock()
	rp := pa.route(route)
	rp.compared++
	for _, n := range noise {
		if len(rp.noisy) < maxPaths {
			rp.noisy[n.Path] = true
		}
		rp.path(n.Path).Noise++
	}
	var real []parity.Difference
	seen := map[string]bool{}
	for _, d := range diffs {
		if ignored(d.Path, ignore) || rp.isNoisy(d.Path) {
			continue
		}
		real = append(real, d)
		if !seen[d.Path] {
			seen[d.Path] = true
			rp.path(d.Path).Mismatches++
			if l := rp.metricPath(d.Path); !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
	}
	if len(real) > 0 {
		rp.mismatched++
		s.Diffs = real
		if len(s.Diffs) > 20 {
			s.Diffs = s.Diffs[:20]
		}
		pa.addSample(rp, s)
	}
	return real, labels
}

// isNoisy reports whether path, or a path above it, differs by nature.
func (rp *routeParity) isNoisy(path string) bool {
	for p := path; ; {
		if rp.noisy[p] {
			return true
		}
		i := lastSep(p)
		if i <= 0 {
			return false
		}
		p = p[:i]
	}
}

// lastSep is the index of the last path separator ('.' or '[') in p.
func lastSep(p string) int {
	inQuote := false
	last := -1
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == '.' || c == '['):
			last = i
		}
	}
	return last
}

func ignored(path string, ignore []parity.Glob) bool {
	for _, g := range ignore {
		if g.Covers(path) {
			return true
		}
	}
	return false
}

// compareExchanges lists how b differs from a: status, the chosen headers,
// and the body (field by field when both are JSON).
func compareExchanges(a, b *exchange, headers []string) []parity.Difference {
	var out []parity.Difference
	if a.status != b.status {
		out = append(out, parity.Difference{Path: "status", At: "status", Kind: parity.DiffValue, A: itoa(a.status), B: itoa(b.status)})
	}
	for _, h := range headers {
		k := textproto.CanonicalMIMEHeaderKey(h)
		if va, vb := a.header.Get(k), b.header.Get(k); va != vb {
			out = append(out, parity.Difference{Path: "header:" + k, At: "header:" + k, Kind: parity.DiffValue, A: va, B: vb})
		}
	}
	if bytes.Equal(a.body, b.body) {
		return out
	}
	if len(a.body) > 0 && len(b.body) > 0 {
		if ds, err := parity.DiffJSON(a.body, b.body); err == nil {
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
		if !ok {
			continue
		}
		out := RouteParity{
			Route: r.Name, Mode: r.Mode(), Compared: rp.compared, Mismatched: rp.mismatched,
			Errors: rp.errors, Paths: []PathParity{},
			Samples: append([]ParitySample(nil), rp.samples...),
		}
		if len(rp.dropped) > 0 {
			out.Dropped = map[string]int64{}
			for k, v := range rp.dropped {
				out.Dropped[k] = v
			}
		}
		if rp.compared > 0 {
			out.MismatchRate = float64(rp.mismatched) / float64(rp.compared)
		}
		for _, ps := range rp.paths {
			out.Paths = append(out.Paths, *ps)
		}
		sort.Slice(out.Paths, func(i, j int) bool {
			a, b := out.Paths[i], out.Paths[j]
			if a.Mismatches != b.Mismatches {
				return a.Mismatches > b.Mismatches
			}
			return a.Path < b.Path
		})
		doc.Routes = append(doc.Routes, out)
	}
	return doc
}

// mismatchRate returns a route's compared count and mismatch rate.
func (pa *parityLedger) mismatchRate(route string) (int64, float64) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	rp, ok := pa.routes[route]
	if !ok || rp.compared == 0 {
		return 0, 0
	}
	return rp.compared, float64(rp.mismatched) / float64(rp.compared)
}

// exchange is a response kept for comparison.
type exchange struct {
	status int
	header http.Header
	body   []byte
}
