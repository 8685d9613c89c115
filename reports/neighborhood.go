package reports

import (
	"cmp"
	"slices"
)

// focus keeps the nodes within depth edges of the focus node, in either
// direction, and marks the focus.
func (v *View) focus(name string, depth int) error {
	if depth <= 0 {
		depth = 1
	}
	ids := make([]string, len(v.Nodes))
	for i, n := range v.Nodes {
		ids[i] = n.ID
	}
	center, err := resolveNode(ids, name)
	if err != nil {
		return err
	}
	adj := map[string][]string{}
	for _, e := range v.Edges {
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	dist := map[string]int{center: 0}
	queue := []string{center}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if dist[cur] == depth {
			continue
		}
		for _, nb := range adj[cur] {
			if _, ok := dist[nb]; !ok {
				dist[nb] = dist[cur] + 1
				queue = append(queue, nb)
			}
		}
	}
	v.Nodes = slices.DeleteFunc(v.Nodes, func(n ViewNode) bool { _, ok := dist[n.ID]; return !ok })
	for i := range v.Nodes {
		if v.Nodes[i].ID == center {
			v.Nodes[i].Focus = true
		}
	}
	// Keep the edges that lead away from the focus; edges between nodes
	// at the same distance are the clutter of someone else's neighbourhood.
	v.Edges = slices.DeleteFunc(v.Edges, func(e ViewEdge) bool {
		da, a := dist[e.From]
		db, b := dist[e.To]
		return !a || !b || da == db
	})
	v.Title += " around " + center
	return nil
}

func sortStrings(s []string) { slices.Sort(s) }

func sortCycles(cs [][]string) {
	slices.SortFunc(cs, func(a, b []string) int { return cmp.Compare(a[0], b[0]) })
}
