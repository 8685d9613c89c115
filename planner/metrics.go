package planner

import (
	"math"
)

// Metrics are the quality figures of a whole plan; docs/metrics.md gives
// each formula. They are computed over the units placed in services: the
// kernel and unplaced units are left out.
type Metrics struct {
	Services int `json:"services"`
	Shared   int `json:"shared"`
	// Modularity is Newman's Q of the services in the dependency graph.
	Modularity float64 `json:"modularity"`
	// StructuralModularity is SM: mean cohesion minus mean pairwise coupling.
	StructuralModularity float64 `json:"structural_modularity"`
	// ICP is the share of call edges that cross services (0..1, lower is
	// better).
	ICP float64 `json:"icp"`
	// IFN is the mean number of API symbols per service.
	IFN float64 `json:"ifn"`
	// NED is the share of units in services of extreme size (0..1, lower
	// is better).
	NED float64 `json:"ned"`
	// TurboMQ is the sum of the services' cluster factors (0..services).
	TurboMQ float64 `json:"turbomq"`
}

// ServiceMetrics describe one service.
type ServiceMetrics struct {
	Units   int `json:"units"`
	Symbols int `json:"symbols"`
	Lines   int `json:"lines"`
	// Cohesion is the share of the service's dependency weight that stays
	// inside it (0..1).
	Cohesion float64 `json:"cohesion"`
	// CouplingIn and CouplingOut count the symbol pairs with a dependency
	// (calls, references, variable uses, embedding, implementing) from
	// other services into this one, and from this one out.
	CouplingIn  int `json:"coupling_in"`
	CouplingOut int `json:"coupling_out"`
}

// round4 keeps four decimals, so that plans are stable across platforms
// and easy to read.
func round4(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1e4) / 1e4
}

// callShare is ICP: the weight of call edges between units of different
// services over the weight of call edges between units in services.
func callShare(uses []useEdge, label []int32) float64 {
	var cross, all float64
	for _, e := range uses {
		if e.calls == 0 || label[e.from] < 0 || label[e.to] < 0 {
			continue
		}
		all += float64(e.calls)
		if label[e.from] != label[e.to] {
			cross += float64(e.calls)
		}
	}
	if all == 0 {
		return 0
	}
	return cross / all
}

// clusterWeights sums the weight of g inside each of k labels (mu) and
// between each pair (sigma, keyed by the pair, lower label first).
func clusterWeights(g *wgraph, label []int32, k int) (mu []float64, sigma map[[2]int32]float64) {
	mu = make([]float64, k)
	sigma = map[[2]int32]float64{}
	for i := range g.self {
		li := label[i]
		if li < 0 {
			continue
		}
		mu[li] += g.self[i]
		for p := g.off[i]; p < g.off[i+1]; p++ {
			j := g.adj[p]
			if j < int32(i) || label[j] < 0 {
				continue
			}
			lj := label[j]
			if lj == li {
				mu[li] += g.w[p]
				continue
			}
			sigma[[2]int32{min(li, lj), max(li, lj)}] += g.w[p]
		}
	}
	return mu, sigma
}

// planMetrics computes the plan-level metrics of label over k services.
// api is the number of API symbols of each service.
func planMetrics(s *signals, label []int32, k int, api []int) Metrics {
	dep := s.dep
	met := Metrics{Services: k}
	size := make([]int, k)
	placed := 0
	for _, l := range label {
		switch {
		case l >= 0:
			size[l]++
			placed++
		case l == labelKernel:
			met.Shared++
		}
	}
	if k == 0 {
		return met
	}
	met.Modularity = round4(dep.modularity(label, 1))
	met.ICP = round4(callShare(s.uses, label))
	mu, sigma := clusterWeights(dep, label, k)
	out := make([]float64, k)
	for pair, w := range sigma {
		out[pair[0]] += w
		out[pair[1]] += w
	}
	coh, mq := 0.0, 0.0
	for i := 0; i < k; i++ {
		n := float64(size[i])
		coh += mu[i] / (n * n)
		if mu[i] > 0 {
			mq += 2 * mu[i] / (2*mu[i] + out[i])
		}
	}
	coup := 0.0
	for pair, w := range sigma {
		coup += w / (2 * float64(size[pair[0]]) * float64(size[pair[1]]))
	}
	sm := coh / float64(k)
	if k > 1 {
		sm -= coup / (float64(k) * float64(k-1) / 2)
	}
	met.StructuralModularity = round4(sm)
	met.TurboMQ = round4(mq)
	total := 0
	for _, a := range api {
		total += a
	}
	met.IFN = round4(float64(total) / float64(k))
	mean := float64(placed) / float64(k)
	extreme := 0
	for _, s := range size {
		if float64(s) < mean/2 || float64(s) > 2*mean {
			extreme += s
		}
	}
	if placed > 0 {
		met.NED = round4(float64(extreme) / float64(placed))
	}
	return met
}

// serviceMetrics computes the per-service figures.
func serviceMetrics(m *model, s *signals, label []int32, k int) []ServiceMetrics {
	dep := s.dep
	out := make([]ServiceMetrics, k)
	for u, l := range label {
		if l < 0 {
			continue
		}
		n := m.unitNode(int32(u))
		out[l].Units++
		out[l].Lines += n.Lines
		if isSymbol(n) {
			out[l].Symbols++
		}
	}
	mu, sigma := clusterWeights(dep, label, k)
	ext := make([]float64, k)
	for pair, w := range sigma {
		ext[pair[0]] += w
		ext[pair[1]] += w
	}
	for i := range out {
		if mu[i]+ext[i] > 0 {
			out[i].Cohesion = round4(mu[i] / (mu[i] + ext[i]))
		}
	}
	for _, e := range s.uses {
		a, b := e.from, e.to
		if label[a] < 0 || label[b] < 0 || label[a] == label[b] {
			continue
		}
		out[label[a]].CouplingOut++
		out[label[b]].CouplingIn++
	}
	return out
}
