package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/emicklei/dot"

	"github.com/ficus-dev/ficus/analyzer"
)

// DOTOptions tunes WriteGraphDOT.
type DOTOptions struct {
	// External includes packages outside the analyzed set.
	External bool
}

// kindStyle gives each node kind a shape and colour.
func kindStyle(k analyzer.NodeKind) (shape, color string) {
	switch k {
	case analyzer.KindPackage:
		return "tab", "#d0d0d0"
	case analyzer.KindType:
		return "box", "#cfe2f3"
	case analyzer.KindFunc:
		return "ellipse", "#d9ead3"
	case analyzer.KindMethod:
		return "ellipse", "#b6d7a8"
	case analyzer.KindVar:
		return "note", "#fff2cc"
	case analyzer.KindRoute:
		return "cds", "#f4cccc"
	case analyzer.KindTable:
		return "cylinder", "#ead1dc"
	case analyzer.KindEvent:
		return "hexagon", "#fce5cd"
	case analyzer.KindJob:
		return "component", "#d9d2e9"
	}
	return "box", "white"
}

// WriteGraphDOT writes the whole graph as Graphviz DOT: symbols clustered
// by package, tables, events and routes outside the clusters, edges labelled
// with their kind and weight.
func WriteGraphDOT(w io.Writer, g *analyzer.Graph, opts DOTOptions) error {
	out := dot.NewGraph(dot.Directed)
	out.Attr("rankdir", "LR")
	out.Attr("fontname", "Helvetica")
	out.Attr("label", g.Module)
	clusters := map[string]*dot.Graph{}
	nodes := map[string]dot.Node{}
	for _, n := range g.Nodes() {
		if n.External && !opts.External {
			continue
		}
		parent := out
		if n.Package != "" && n.Kind != analyzer.KindPackage && n.Kind != analyzer.KindRoute {
			c, ok := clusters[n.Package]
			if !ok {
				c = out.Subgraph(n.Package, dot.ClusterOption{})
				c.Attr("label", n.Package)
				c.Attr("style", "rounded")
				clusters[n.Package] = c
			}
			parent = c
		}
		shape, color := kindStyle(n.Kind)
		dn := parent.Node(n.ID).Label(n.Name).Attr("shape", shape).Attr("style", "filled").Attr("fillcolor", color)
		if n.Pos != "" {
			dn.Attr("tooltip", n.Pos)
		}
		nodes[n.ID] = dn
	}
	for _, e := range g.Edges() {
		from, ok1 := nodes[e.From]
		to, ok2 := nodes[e.To]
		if !ok1 || !ok2 {
			continue
		}
		label := string(e.Kind)
		if e.Weight > 1 {
			label = fmt.Sprintf("%s ×%d", e.Kind, e.Weight)
		}
		edge := out.Edge(from, to, label)
		if e.Kind == analyzer.EdgeReferences || e.Kind == analyzer.EdgeImports {
			edge.Attr("style", "dashed")
		}
	}
	var b strings.Builder
	out.Write(&b)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write dot: %w", err)
	}
	return nil
}
