package planner

import (
	"math"

	"github.com/ficus-dev/ficus/analyzer"
)

// maxExecutesShare is the share of the observed routes above which a
// function counts as run by every route (middleware, JSON helpers): it
// says nothing about where a route's code belongs, and is left to the
// static signals.
const maxExecutesShare = 0.5

// executesEdges joins each route to the functions and methods production
// evidence saw it run (executes edges, from ficus evidence), with weight
// × ln(R/r) / ln(R) for a function run by r of the R observed routes (an
// inverse document frequency): code only one route runs is tied to it
// fully, code many routes run less, and code more than maxExecutesShare
// of them run not at all. With fewer than two observed routes nothing
// tells shared code from a route's own, and no edge is made. A graph without executes edges
// gets no edge.
func executesEdges(m *model, weight float64) []wedge {
	type pair struct{ route, fn int32 }
	var pairs []pair
	routesOf := map[int32]int{}
	observed := map[int32]bool{}
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeExecutes {
			continue
		}
		r, f := m.unitOf[e.from], m.unitOf[e.to]
		if r < 0 || f < 0 || r == f {
			continue
		}
		pairs = append(pairs, pair{r, f})
		routesOf[f]++
		observed[r] = true
	}
	if len(observed) < 2 {
		return nil
	}
	var edges []wedge
	for _, p := range pairs {
		share := float64(routesOf[p.fn]) / float64(len(observed))
		if share > maxExecutesShare {
			continue
		}
		edges = append(edges, wedge{p.route, p.fn, weight * math.Log(1/share) / math.Log(float64(len(observed)))})
	}
	return edges
}

// hasExecutes reports whether the graph carries route evidence.
func (m *model) hasExecutes() bool { return m.hasEdges(analyzer.EdgeExecutes) }
