package planner

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// twoTriangles is two triangles joined by one edge: {0,1,2} and {3,4,5}.
func twoTriangles() []wedge {
	return []wedge{{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 1}, {4, 5, 1}, {3, 5, 1}, {2, 3, 1}}
}

func TestLouvainFindsCommunities(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []wedge
		gamma float64
		want  []int32
	}{
		{name: "two triangles", n: 6, edges: twoTriangles(), gamma: 1, want: []int32{0, 0, 0, 1, 1, 1}},
		{name: "low resolution merges", n: 6, edges: twoTriangles(), gamma: 0.01, want: []int32{0, 0, 0, 0, 0, 0}},
		{name: "no edges", n: 3, want: []int32{0, 1, 2}},
		{name: "heavy pair", n: 4, edges: []wedge{{0, 1, 10}, {1, 2, 0.1}, {2, 3, 10}}, gamma: 1, want: []int32{0, 0, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := louvain(context.Background(), newWGraph(tt.n, tt.edges), tt.gamma, pointRand(1, 0))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("louvain (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLouvainIsSeeded(t *testing.T) {
	var edges []wedge
	// a ring of 12 cliques of 5 nodes: many equally good partitions
	for c := 0; c < 12; c++ {
		for i := 0; i < 5; i++ {
			for j := i + 1; j < 5; j++ {
				edges = append(edges, wedge{int32(5*c + i), int32(5*c + j), 1})
			}
		}
		edges = append(edges, wedge{int32(5 * c), int32((5*c + 7) % 60), 1})
	}
	g := newWGraph(60, edges)
	a, _ := louvain(context.Background(), g, 1, pointRand(3, 0))
	b, _ := louvain(context.Background(), g, 1, pointRand(3, 0))
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different partitions:\n%s", diff)
	}
	if q := g.modularity(a, 1); q < 0.7 {
		t.Errorf("modularity %.3f of a ring of cliques, want > 0.7", q)
	}
}

func TestLouvainCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := louvain(ctx, newWGraph(6, twoTriangles()), 1, pointRand(1, 0)); err == nil {
		t.Error("louvain ignored a cancelled context")
	}
}

// TestModularityMatchesGonum checks wgraph.modularity against gonum's
// community.Q on the same weighted graphs and partitions.
func TestModularityMatchesGonum(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []wedge
		comm  []int32
		gamma float64
	}{
		{"triangles split", 6, twoTriangles(), []int32{0, 0, 0, 1, 1, 1}, 1},
		{"triangles one", 6, twoTriangles(), []int32{0, 0, 0, 0, 0, 0}, 1},
		{"triangles odd", 6, twoTriangles(), []int32{0, 1, 0, 1, 0, 1}, 1},
		{"weighted", 5, []wedge{{0, 1, 3}, {1, 2, 0.5}, {2, 3, 2}, {3, 4, 1}, {0, 4, 0.25}}, []int32{0, 0, 1, 1, 1}, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := simple.NewWeightedUndirectedGraph(0, 0)
			for i := 0; i < tt.n; i++ {
				g.AddNode(simple.Node(i))
			}
			for _, e := range tt.edges {
				g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(e.a), T: simple.Node(e.b), W: e.w})
			}
			var groups [][]int64
			for i, c := range tt.comm {
				for int(c) >= len(groups) {
					groups = append(groups, nil)
				}
				groups[c] = append(groups[c], int64(i))
			}
			var comms [][]graph.Node
			for _, grp := range groups {
				var ns []graph.Node
				for _, id := range grp {
					ns = append(ns, simple.Node(id))
				}
				comms = append(comms, ns)
			}
			want := community.Q(g, comms, tt.gamma)
			got := newWGraph(tt.n, tt.edges).modularity(tt.comm, tt.gamma)
			if math.Abs(got-want) > 1e-12 {
				t.Errorf("modularity %.12f, gonum says %.12f", got, want)
			}
		})
	}
}

func TestAggregateKeepsWeight(t *testing.T) {
	g := newWGraph(6, twoTriangles())
	a := g.aggregate([]int32{0, 0, 0, 1, 1, 1}, 2)
	if a.m != g.m {
		t.Errorf("aggregate has total weight %v, want %v", a.m, g.m)
	}
	if diff := cmp.Diff([]float64{3, 3}, a.self); diff != "" {
		t.Errorf("self weights (-want +got):\n%s", diff)
	}
	dropped := g.aggregate([]int32{0, 0, 0, -1, -1, -1}, 1)
	if dropped.m != 3 {
		t.Errorf("dropping a triangle leaves weight %v, want 3", dropped.m)
	}
}
