package reports

import (
	"cmp"
	"fmt"
	"slices"
)

// ViewKind names what a view shows.
type ViewKind string

// Views.
const (
	ViewPackages ViewKind = "packages"
	ViewServices ViewKind = "services"
	ViewSymbols  ViewKind = "symbols"
)

// ParseViewKind checks a --view value.
func ParseViewKind(s string) (ViewKind, error) {
	switch k := ViewKind(s); k {
	case ViewPackages, ViewServices, ViewSymbols:
		return k, nil
	}
	return "", fmt.Errorf("unknown view %q: use packages, services or symbols", s)
}

// View is a drawable graph selected from an analysis (and a plan): the
// nodes and edges to draw, grouped into clusters. Every renderer draws a
// View, so the selection logic is written once.
type View struct {
	Kind   ViewKind    `json:"view"`
	Title  string      `json:"title"`
	Nodes  []ViewNode  `json:"nodes"`
	Edges  []ViewEdge  `json:"edges"`
	Groups []ViewGroup `json:"groups,omitempty"`
}

// ViewNode is one box of a view.
type ViewNode struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Kind is the analyzer node kind, or "service", "kernel", "store".
	Kind  string `json:"kind"`
	Group string `json:"group,omitempty"`
	// Size is what the node stands for in source lines (or members).
	Size int `json:"size"`
	// Highlight marks nodes in an import cycle.
	Highlight bool `json:"highlight,omitempty"`
	// Focus marks the node the view is centred on.
	Focus   bool   `json:"focus,omitempty"`
	Tooltip string `json:"tooltip,omitempty"`
}

// ViewEdge is one arrow of a view; parallel relations are merged and their
// weights added.
type ViewEdge struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Weight int    `json:"weight"`
	Label  string `json:"label,omitempty"`
	// Highlight marks edges inside an import cycle.
	Highlight bool `json:"highlight,omitempty"`
	Dashed    bool `json:"dashed,omitempty"`
}

// ViewGroup is a cluster of nodes (a proposed service, a package).
type ViewGroup struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// sortView puts nodes, edges and groups in a fixed order.
func (v *View) sortView() {
	slices.SortFunc(v.Nodes, func(a, b ViewNode) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(v.Edges, func(a, b ViewEdge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	slices.SortFunc(v.Groups, func(a, b ViewGroup) int { return cmp.Compare(a.ID, b.ID) })
}

// edgeSet merges parallel edges as they are added.
type edgeSet struct {
	idx   map[[2]string]int
	edges []ViewEdge
}

func (s *edgeSet) add(e ViewEdge) {
	if s.idx == nil {
		s.idx = map[[2]string]int{}
	}
	k := [2]string{e.From, e.To}
	if i, ok := s.idx[k]; ok {
		s.edges[i].Weight += e.Weight
		s.edges[i].Dashed = s.edges[i].Dashed && e.Dashed
		return
	}
	s.idx[k] = len(s.edges)
	s.edges = append(s.edges, e)
}
