package planner

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// clique returns the edges of a clique of weight-1 edges over nodes
// first..first+n-1.
func clique(first, n int32) []wedge {
	var edges []wedge
	for i := first; i < first+n; i++ {
		for j := i + 1; j < first+n; j++ {
			edges = append(edges, wedge{i, j, 1})
		}
	}
	return edges
}

// fourAreas is four cliques of five nodes, A (0-4), B (5-9), C (10-14) and
// D (15-19): A tied to C and B to D by weight 2, A to B by weight ab.
func fourAreas(ab float64, outside bool) *wgraph {
	var edges []wedge
	for a := int32(0); a < 4; a++ {
		edges = append(edges, clique(5*a, 5)...)
	}
	edges = append(edges, wedge{0, 5, ab})
	if outside {
		edges = append(edges, wedge{1, 10, 2}, wedge{6, 15, 2})
	}
	return newWGraph(20, edges)
}

func repeat(labels ...int32) []int32 {
	var out []int32
	for _, l := range labels {
		for range 5 {
			out = append(out, l)
		}
	}
	return out
}

func TestSplitLoose(t *testing.T) {
	tests := []struct {
		name string
		g    *wgraph
		comm []int32
		want []int32
	}{
		{name: "two areas tied by a stray edge are split",
			g: fourAreas(0.1, true), comm: repeat(0, 0, 1, 2), want: repeat(0, 1, 2, 3)},
		{name: "parts tied as much as the community is to the rest stay",
			g: fourAreas(2, true), comm: repeat(0, 0, 1, 2), want: repeat(0, 0, 1, 2)},
		{name: "a community that sends nothing outside stays",
			g: fourAreas(0.1, false), comm: repeat(0, 0, 1, 2), want: repeat(0, 0, 1, 2)},
		{name: "one area per community stays",
			g: fourAreas(0.1, true), comm: repeat(0, 1, 2, 3), want: repeat(0, 1, 2, 3)},
		{name: "labels stay dense when a later community splits",
			g: fourAreas(0.1, true), comm: repeat(2, 2, 0, 1), want: repeat(0, 1, 2, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := splitLoose(context.Background(), tt.g, tt.comm, pointRand(1, 0))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitLoose (-want +got):\n%s", diff)
			}
		})
	}
}
