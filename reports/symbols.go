package reports

import (
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// SymbolsView draws symbols (types, functions, methods, variables) with the
// routes, tables, events and jobs they touch, clustered by package, or by
// service when groupOf is given. keep, when set, restricts the view to
// some node ids (the members of one service).
func SymbolsView(g *analyzer.Graph, f Filter, groupOf func(id string) string, keep func(id string) bool) (*View, error) {
	m, err := newMatcher(f)
	if err != nil {
		return nil, err
	}
	v := &View{Kind: ViewSymbols, Title: "symbols of " + moduleTitle(g)}
	in := map[string]bool{}
	for _, n := range g.Nodes() {
		if n.Kind == analyzer.KindPackage || !m.keep(n.ID, n.Package) || (keep != nil && !keep(n.ID)) {
			continue
		}
		in[n.ID] = true
		v.Nodes = append(v.Nodes, ViewNode{
			ID: n.ID, Label: symbolLabel(n), Kind: string(n.Kind), Size: n.Lines,
			Group: n.Package, Tooltip: strings.TrimSpace(n.ID + " " + n.Pos),
		})
	}
	var es edgeSet
	kinds := map[[2]string][]string{}
	for _, e := range g.Edges() {
		if e.Kind == analyzer.EdgeImports || !in[e.From] || !in[e.To] || e.From == e.To {
			continue
		}
		k := [2]string{e.From, e.To}
		kinds[k] = append(kinds[k], string(e.Kind))
		weak := e.Kind == analyzer.EdgeReferences || e.Kind == analyzer.EdgeUses || e.Kind == analyzer.EdgeImplements || e.Kind == analyzer.EdgeEmbeds ||
			e.Kind == analyzer.EdgeWraps
		es.add(ViewEdge{From: e.From, To: e.To, Weight: e.Weight, Dashed: weak})
	}
	v.Edges = es.edges
	for i := range v.Edges {
		v.Edges[i].Label = strings.Join(kinds[[2]string{v.Edges[i].From, v.Edges[i].To}], ",")
	}
	if f.Focus != "" {
		if err := v.focus(f.Focus, f.Depth); err != nil {
			return nil, err
		}
	}
	if groupOf != nil {
		for i := range v.Nodes {
			v.Nodes[i].Group = groupOf(v.Nodes[i].ID)
		}
	}
	groups := map[string]bool{}
	for _, n := range v.Nodes {
		if n.Group != "" && !groups[n.Group] {
			groups[n.Group] = true
			label := n.Group
			if groupOf == nil {
				label = strings.TrimPrefix(n.Group, g.Module+"/")
			}
			v.Groups = append(v.Groups, ViewGroup{ID: n.Group, Label: label})
		}
	}
	v.sortView()
	return v, checkSize(v, f)
}

// symbolLabel is the short name drawn in a box.
func symbolLabel(n analyzer.Node) string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}
