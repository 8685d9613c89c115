package evidence

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// DiagEvidence marks what ficus evidence could not place: requests no
// route of the graph serves, functions the graph does not know.
const DiagEvidence analyzer.DiagnosticKind = "evidence"

// maxExamples caps the examples a diagnostic lists.
const maxExamples = 5

// Evidence is what the readers gathered about the routes and functions of
// one graph, keyed by node id. The zero value is not usable; call New.
type Evidence struct {
	matcher  *RouteMatcher
	funcs    funcIndex
	nodes    []analyzer.Node
	traffic  map[string]*routeTraffic
	executes map[string]map[string]int // route id → function node id → weight
	// unmatched counts requests no route matched, by "METHOD path";
	// unknown counts function names the graph has no node for.
	unmatched, unknown map[string]int
}

type routeTraffic struct {
	requests, errors int
	ms               []float64
}

// New returns empty evidence about the routes and functions of doc.
func New(doc analyzer.Document) *Evidence {
	return &Evidence{matcher: NewRouteMatcher(doc.Nodes), funcs: newFuncIndex(doc.Nodes), nodes: doc.Nodes,
		traffic: map[string]*routeTraffic{}, executes: map[string]map[string]int{},
		unmatched: map[string]int{}, unknown: map[string]int{}}
}

// request records one request to route (ms < 0: not timed).
func (e *Evidence) request(route string, failed bool, ms float64) {
	t := e.traffic[route]
	if t == nil {
		t = &routeTraffic{}
		e.traffic[route] = t
	}
	t.requests++
	if failed {
		t.errors++
	}
	if ms >= 0 {
		t.ms = append(t.ms, ms)
	}
}

// execute records that route ran fn, weight times.
func (e *Evidence) execute(route, fn string, weight int) {
	fs := e.executes[route]
	if fs == nil {
		fs = map[string]int{}
		e.executes[route] = fs
	}
	fs[fn] += weight
}

// Stats says what Apply added.
type Stats struct {
	// Requests is how many requests were matched to Routes routes;
	// Unmatched how many matched none.
	Requests, Routes, Unmatched int
	// Executes is how many executes edges were added or strengthened,
	// Unknown how many function names the graph does not know.
	Executes, Unknown int
}

// Apply writes the evidence into a graph document: the traffic field of
// each route with requests (replacing an older one), executes edges
// (added to the weight of existing ones), and diagnostics for what could
// not be placed. Nodes and edges stay sorted as ficus analyze writes them.
func (e *Evidence) Apply(doc *analyzer.Document) Stats {
	var st Stats
	for i, n := range doc.Nodes {
		t := e.traffic[n.ID]
		if t == nil || n.Kind != analyzer.KindRoute {
			continue
		}
		tr := &analyzer.Traffic{Requests: t.requests, Errors: t.errors}
		if len(t.ms) > 0 {
			slices.Sort(t.ms)
			tr.P50Ms, tr.P95Ms = percentile(t.ms, 0.50), percentile(t.ms, 0.95)
		}
		doc.Nodes[i].Traffic = tr
		st.Requests += t.requests
		st.Routes++
	}
	type key struct{ from, to string }
	at := map[key]int{}
	for i, ed := range doc.Edges {
		if ed.Kind == analyzer.EdgeExecutes {
			at[key{ed.From, ed.To}] = i
		}
	}
	for _, r := range slices.Sorted(maps.Keys(e.executes)) {
		for _, fn := range slices.Sorted(maps.Keys(e.executes[r])) {
			w := e.executes[r][fn]
			if i, ok := at[key{r, fn}]; ok {
				doc.Edges[i].Weight += w
			} else {
				doc.Edges = append(doc.Edges, analyzer.Edge{From: r, To: fn, Kind: analyzer.EdgeExecutes, Weight: w})
			}
			st.Executes++
		}
	}
	slices.SortFunc(doc.Edges, func(a, b analyzer.Edge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Kind, b.Kind))
	})
	for _, v := range e.unmatched {
		st.Unmatched += v
	}
	st.Unknown = len(e.unknown)
	if st.Unmatched > 0 {
		doc.Diagnostics = append(doc.Diagnostics, analyzer.Diagnostic{Kind: DiagEvidence,
			Message: fmt.Sprintf("%d requests match no route of the graph (%s)", st.Unmatched, examples(e.unmatched)),
			Hint:    "routes registered in a way ficus cannot read are missing from the graph; see the route diagnostics of 'ficus analyze'"})
	}
	if st.Unknown > 0 {
		doc.Diagnostics = append(doc.Diagnostics, analyzer.Diagnostic{Kind: DiagEvidence,
			Message: fmt.Sprintf("%d functions (traces) or files (coverage) are not in the graph (%s)", st.Unknown, examples(e.unknown)),
			Hint:    "analyze the same version of the code the evidence was recorded from, with the same package patterns"})
	}
	return st
}

// percentile reads the p-quantile of sorted values (nearest rank),
// rounded to a microsecond.
func percentile(sorted []float64, p float64) float64 {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return math.Round(sorted[max(i, 0)]*1000) / 1000
}

// examples lists the most frequent keys, at most maxExamples.
func examples(counts map[string]int) string {
	keys := slices.Sorted(maps.Keys(counts))
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(counts[b], counts[a]) })
	if len(keys) > maxExamples {
		keys = append(keys[:maxExamples], "...")
	}
	return strings.Join(keys, ", ")
}
