package reports

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/emicklei/dot"

	"github.com/ficus-dev/ficus/analyzer"
)

// kindStyle gives each node kind a shape and colour.
func kindStyle(kind string) (shape, color string) {
	switch kind {
	case "package":
		return "tab", "#d0e0f0"
	case "external":
		return "tab", "#eeeeee"
	case "type":
		return "box", "#cfe2f3"
	case "func":
		return "ellipse", "#d9ead3"
	case "method":
		return "ellipse", "#b6d7a8"
	case "var":
		return "note", "#fff2cc"
	case "route":
		return "cds", "#f4cccc"
	case "table", "store":
		return "cylinder", "#ead1dc"
	case "event":
		return "hexagon", "#fce5cd"
	case "job":
		return "component", "#d9d2e9"
	case "service":
		return "box3d", "#c9daf8"
	case "kernel":
		return "folder", "#eeeeee"
	}
	return "box", "white"
}

// WriteDOT writes a view as Graphviz DOT.
func WriteDOT(w io.Writer, v *View) error {
	out := dot.NewGraph(dot.Directed)
	out.Attr("rankdir", "LR")
	out.Attr("fontname", "Helvetica")
	out.Attr("label", v.Title)
	out.Attr("labelloc", "t")
	out.NodeInitializer(func(n dot.Node) {
		n.Attr("fontname", "Helvetica")
		n.Attr("fontsize", "11")
	})
	out.EdgeInitializer(func(e dot.Edge) {
		e.Attr("fontname", "Helvetica")
		e.Attr("fontsize", "9")
	})
	clusters := map[string]*dot.Graph{}
	for _, gr := range v.Groups {
		c := out.Subgraph(gr.ID, dot.ClusterOption{})
		c.Attr("label", gr.Label)
		c.Attr("style", "rounded")
		c.Attr("fontname", "Helvetica")
		clusters[gr.ID] = c
	}
	nodes := map[string]dot.Node{}
	for _, n := range v.Nodes {
		parent := out
		if c, ok := clusters[n.Group]; ok {
			parent = c
		}
		shape, color := kindStyle(n.Kind)
		dn := parent.Node(n.ID).Label(n.Label).Attr("shape", shape).Attr("style", "filled").Attr("fillcolor", color)
		if n.Tooltip != "" {
			dn.Attr("tooltip", n.Tooltip)
		}
		if n.Highlight {
			dn.Attr("color", "#cc0000").Attr("penwidth", "2")
		}
		if n.Focus {
			dn.Attr("penwidth", "3").Attr("fontsize", "13")
		}
		nodes[n.ID] = dn
	}
	for _, e := range v.Edges {
		from, ok1 := nodes[e.From]
		to, ok2 := nodes[e.To]
		if !ok1 || !ok2 {
			continue
		}
		var label []string
		if e.Label != "" {
			label = append(label, e.Label)
		}
		if e.Weight > 1 {
			label = append(label, fmt.Sprintf("×%d", e.Weight))
		}
		de := out.Edge(from, to, strings.Join(label, " "))
		de.Attr("penwidth", fmt.Sprintf("%.1f", 1+math.Log10(float64(max(e.Weight, 1)))))
		if e.Dashed {
			de.Attr("style", "dashed")
		}
		if e.Highlight {
			de.Attr("color", "#cc0000")
		}
	}
	if _, err := io.WriteString(w, out.String()); err != nil {
		return fmt.Errorf("write dot: %w", err)
	}
	return nil
}

// WriteGraphDOT writes the whole analyzer graph (all symbols, clustered by
// package) as DOT, for 'ficus analyze --format dot'.
func WriteGraphDOT(w io.Writer, g *analyzer.Graph) error {
	v, err := SymbolsView(g, Filter{Force: true}, nil, nil)
	if err != nil {
		return err
	}
	return WriteDOT(w, v)
}
