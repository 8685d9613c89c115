package strangler

import (
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/ficus-dev/ficus/strangler/parity"
)

// Noise is decided per path over the last parityWindow comparisons of a
// route, as Diffy does: a path whose service differences are not clearly
// more frequent than the monolith's differences with itself is noise. A
// path is a real mismatch when its service difference rate exceeds its
// noise rate by more than noiseAbsolute and by more than noiseRelative of
// the noise rate; otherwise it is noise. A path the monolith never
// disagreed with itself on is never noise.
const (
	parityWindow  = 1000
	noiseRelative = 0.20   // Diffy's default relative threshold, 20%
	noiseAbsolute = 0.0003 // Diffy's default absolute threshold, 0.03%
	// pathSamples is the number of example differences kept per path.
	pathSamples = 3
	// maxClassChanges bounds the class changes kept per route.
	maxClassChanges = 20
)

// Path classes.
const (
	ClassMismatch = "mismatch"
	ClassNoise    = "noise"
)

// parityLedger accumulates comparison results per route.
type parityLedger struct {
	mu      sync.Mutex
	routes  map[string]*routeParity
	samples int
	now     func() time.Time
	log     *slog.Logger
	dirty   bool // results changed since the state file was last written
}

// observation is what one comparison found: the paths where the service
// differed and those where the monolith differed from itself.
type observation struct {
	diffs, noise []string
	sampled      bool // a second monolith answer was compared
}

type routeParity struct {
	since                        time.Time // the comparison began
	compared, mismatched, errors int64
	noiseSampled                 int64
	dropped                      map[string]int64
	paths                        map[string]*pathStats
	metricPaths                  map[string]bool // path label values in use; at most maxMetricPaths
	samples                      []ParitySample
	window                       []observation // the last parityWindow comparisons, a ring
	next                         int
	winSampled                   int
	changes                      []ClassChange
	// sealed is when the route left shadow for canary: from then the
	// parity gate judges this evidence and requires enough of it.
	sealed time.Time
	// restored is the evidence read from the state file, used while no
	// comparison has been made since the start.
	restored *ParityEvidence
}

// pathStats is one path's counts: cumulative in PathParity, and within
// the window for the noise decision.
type pathStats struct {
	PathParity
	winDiffs, winNoise int
	noisy              bool
}

func newParity(samples int) *parityLedger {
	return &parityLedger{routes: map[string]*routeParity{}, samples: samples, now: time.Now, log: slog.New(slog.DiscardHandler)}
}

func (pa *parityLedger) route(name string) *routeParity {
	rp := pa.routes[name]
	if rp == nil {
		rp = &routeParity{since: pa.now().UTC(), dropped: map[string]int64{}, paths: map[string]*pathStats{}, metricPaths: map[string]bool{}}
		pa.routes[name] = rp
	}
	return rp
}

func (rp *routeParity) path(p string) *pathStats {
	ps := rp.paths[p]
	if ps == nil {
		if len(rp.paths) >= maxPaths {
			p = otherPath
		}
		if ps = rp.paths[p]; ps == nil {
			ps = &pathStats{PathParity: PathParity{Path: p, Class: ClassMismatch}}
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

// reset forgets a route's results: a fresh comparison begins.
func (pa *parityLedger) reset(route string) {
	pa.mu.Lock()
	defer pa.mu.Unlock()
	delete(pa.routes, route)
	pa.dirty = true
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
// answer whose differences from primary reveal noise. ignore lists paths
// never compared. It returns the differences at paths that are not noise,
// and the metric path labels they fall under, each once.
func (pa *parityLedger) record(route string, s ParitySample, primary, candidate, secondary *exchange, cmp compareOptions, ignore []parity.Glob) (diffs []parity.Difference, labels []string) {
	diffs = compareExchanges(primary, candidate, cmp)
	var noise []parity.Difference
	if secondary != nil {
		noise = compareExchanges(primary, secondary, cmp)
	}
	pa.mu.Lock()
	defer pa.mu.Unlock()
	pa.dirty = true
	rp := pa.route(route)
	rp.compared++
	ob := observation{diffs: uniquePaths(diffs, ignore), noise: uniquePaths(noise, ignore), sampled: secondary != nil}
	if ob.sampled {
		rp.noiseSampled++
	}
	for _, p := range ob.noise {
		rp.path(p).Noise++
	}
	for _, p := range ob.diffs {
		rp.path(p).Mismatches++
	}
	touched := rp.push(ob)
	at := pa.now().UTC()
	for _, p := range touched {
		if c, changed := rp.classify(p, at); changed {
			pa.log.Info("parity path changed class", "route", route, "path", c.Path, "from", c.From, "to", c.To,
				"mismatch_rate", c.MismatchRate, "noise_rate", c.NoiseRate, "compared", c.Compared)
		}
	}
	var real []parity.Difference
	for _, d := range diffs {
		if ignored(d.Path, ignore) {
			continue
		}
		ps := rp.path(d.Path)
		if ps.noisy {
			continue
		}
		real = append(real, d)
		ps.sample(PathSample{At: s.At, Method: s.Method, Target: s.Target, Where: d.At, Kind: d.Kind, Monolith: d.A, Service: d.B})
		if l := rp.metricPath(ps.Path); !slices.Contains(labels, l) {
			labels = append(labels, l)
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

// uniquePaths lists the paths of ds that are not ignored, each once, as
// the ledger keys them (capped paths fold into otherPath later).
func uniquePaths(ds []parity.Difference, ignore []parity.Glob) []string {
	var out []string
	for _, d := range ds {
		if !ignored(d.Path, ignore) && !slices.Contains(out, d.Path) {
			out = append(out, d.Path)
		}
	}
	return out
}

// push adds an observation to the window, evicting the oldest when full,
// and returns the paths whose window counts changed.
func (rp *routeParity) push(ob observation) []string {
	var touched []string
	if len(rp.window) == parityWindow {
		old := rp.window[rp.next]
		for _, p := range old.diffs {
			rp.path(p).winDiffs--
		}
		for _, p := range old.noise {
			rp.path(p).winNoise--
		}
		if old.sampled {
			rp.winSampled--
		}
		touched = append(touched, old.diffs...)
		touched = append(touched, old.noise...)
		rp.window[rp.next] = ob
		rp.next = (rp.next + 1) % parityWindow
	} else {
		rp.window = append(rp.window, ob)
	}
	for _, p := range ob.diffs {
		rp.path(p).winDiffs++
	}
	for _, p := range ob.noise {
		rp.path(p).winNoise++
	}
	if ob.sampled {
		rp.winSampled++
	}
	return append(append(touched, ob.diffs...), ob.noise...)
}

// rates are a path's service difference rate and noise rate in the window.
func (rp *routeParity) rates(ps *pathStats) (diff, noise float64) {
	if n := len(rp.window); n > 0 {
		diff = float64(ps.winDiffs) / float64(n)
	}
	if rp.winSampled > 0 {
		noise = float64(ps.winNoise) / float64(rp.winSampled)
	}
	return diff, noise
}

// isNoise applies the thresholds to a path's rates.
func isNoise(diff, noise float64) bool {
	if noise == 0 {
		return false
	}
	real := diff-noise > noiseAbsolute && diff > noise*(1+noiseRelative)
	return !real
}

// classify decides path p's class from the window and records a change.
func (rp *routeParity) classify(p string, at time.Time) (ClassChange, bool) {
	ps := rp.path(p)
	diff, noise := rp.rates(ps)
	now := isNoise(diff, noise)
	if now == ps.noisy {
		return ClassChange{}, false
	}
	ps.noisy = now
	c := ClassChange{At: at, Path: ps.Path, From: ps.Class, MismatchRate: diff, NoiseRate: noise, Compared: int64(len(rp.window))}
	ps.Class = ClassMismatch
	if now {
		ps.Class = ClassNoise
	}
	c.To = ps.Class
	if len(rp.changes) >= maxClassChanges {
		rp.changes = append(rp.changes[:0], rp.changes[1:]...)
	}
	rp.changes = append(rp.changes, c)
	return c, true
}

// sample keeps s among the path's last few examples.
func (ps *pathStats) sample(s PathSample) {
	if len(ps.Samples) >= pathSamples {
		ps.Samples = append(ps.Samples[:0], ps.Samples[1:]...)
	}
	ps.Samples = append(ps.Samples, s)
}

// windowRate is the share of the window's comparisons with a difference
// at a path that is not noise, judged by the paths' current classes.
func (rp *routeParity) windowRate() (compared, mismatched int64) {
	for _, ob := range rp.window {
		for _, p := range ob.diffs {
			if !rp.path(p).noisy {
				mismatched++
				break
			}
		}
	}
	return int64(len(rp.window)), mismatched
}

func ignored(path string, ignore []parity.Glob) bool {
	for _, g := range ignore {
		if g.Covers(path) {
			return true
		}
	}
	return false
}

// routeCompareOptions are the comparison settings of route r.
func routeCompareOptions(r *Route) compareOptions {
	sc := r.Config.Shadow
	o := compareOptions{headers: sc.Headers, diff: parity.Options{TimeTolerance: sc.TimeTolerance.D(), NumbersAsText: sc.NumbersAsText}}
	if len(sc.Keys) > 0 {
		o.diff.Keys = make(map[string]string, len(sc.Keys))
		for path, key := range sc.Keys {
			if g, err := parity.ParseGlob(path); err == nil { // validated with the config
				o.diff.Keys[string(g)] = key
			}
		}
	}
	return o
}
