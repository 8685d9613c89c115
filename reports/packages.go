package reports

import (
	"fmt"
	"strings"

	"github.com/dominikbraun/graph"

	"github.com/ficus-dev/ficus/analyzer"
)

// PackagesView is the import graph of the analyzed packages, with import
// cycles highlighted. Packages can be collapsed to an ancestor, and
// grouped by the service that owns most of their symbols (groupOf, when a
// plan is given; nil otherwise).
func PackagesView(g *analyzer.Graph, f Filter, groupOf func(pkg string) string) (*View, error) {
	m, err := newMatcher(f)
	if err != nil {
		return nil, err
	}
	v := &View{Kind: ViewPackages, Title: "packages of " + moduleTitle(g)}
	collapse := func(path string) string { return collapsePath(g.Module, path, f.Collapse) }
	nodes := map[string]*ViewNode{}
	for _, n := range g.Nodes() {
		if n.Kind != analyzer.KindPackage || (n.External && !f.External) || !m.keep(n.ID, n.Package) {
			continue
		}
		id := pkgNodeID(collapse(n.Package))
		vn, ok := nodes[id]
		if !ok {
			label := strings.TrimPrefix(collapse(n.Package), g.Module+"/")
			vn = &ViewNode{ID: id, Label: label, Kind: "package", Tooltip: collapse(n.Package)}
			if n.External {
				vn.Kind = "external"
			}
			nodes[id] = vn
		}
		vn.Size += n.Lines
	}
	var es edgeSet
	for _, e := range g.Edges() {
		if e.Kind != analyzer.EdgeImports {
			continue
		}
		from, to := "pkg:"+collapse(strings.TrimPrefix(e.From, "pkg:")), "pkg:"+collapse(strings.TrimPrefix(e.To, "pkg:"))
		if from == to || nodes[from] == nil || nodes[to] == nil {
			continue
		}
		es.add(ViewEdge{From: from, To: to, Weight: e.Weight})
	}
	for _, n := range nodes {
		v.Nodes = append(v.Nodes, *n)
	}
	v.Edges = es.edges
	if err := markCycles(v); err != nil {
		return nil, err
	}
	if f.Focus != "" {
		if err := v.focus(f.Focus, f.Depth); err != nil {
			return nil, err
		}
	}
	if groupOf != nil {
		groupBy(v, func(n ViewNode) string { return groupOf(n.Tooltip) })
	}
	v.sortView()
	return v, checkSize(v, f)
}

func pkgNodeID(path string) string { return "pkg:" + path }

func moduleTitle(g *analyzer.Graph) string {
	if g.Module == "" {
		return "the analyzed packages"
	}
	return g.Module
}

// collapsePath keeps at most depth path elements below the module path.
func collapsePath(module, path string, depth int) string {
	if depth <= 0 || module == "" || !strings.HasPrefix(path, module+"/") {
		return path
	}
	rest := strings.Split(strings.TrimPrefix(path, module+"/"), "/")
	if len(rest) <= depth {
		return path
	}
	return module + "/" + strings.Join(rest[:depth], "/")
}

// sccs returns the strongly connected components of more than one node of
// a view: its import cycles.
func sccs(v *View) ([][]string, error) {
	cg := graph.New(graph.StringHash, graph.Directed())
	for _, n := range v.Nodes {
		_ = cg.AddVertex(n.ID)
	}
	for _, e := range v.Edges {
		_ = cg.AddEdge(e.From, e.To)
	}
	all, err := graph.StronglyConnectedComponents(cg)
	if err != nil {
		return nil, fmt.Errorf("reports: cycles: %w", err)
	}
	var out [][]string
	for _, c := range all {
		if len(c) > 1 {
			out = append(out, c)
		}
	}
	return out, nil
}

// markCycles highlights the nodes and edges of every import cycle.
func markCycles(v *View) error {
	cycles, err := sccs(v)
	if err != nil {
		return err
	}
	comp := map[string]int{}
	for i, c := range cycles {
		for _, id := range c {
			comp[id] = i + 1
		}
	}
	for i := range v.Nodes {
		if comp[v.Nodes[i].ID] > 0 {
			v.Nodes[i].Highlight = true
		}
	}
	for i := range v.Edges {
		e := &v.Edges[i]
		if c := comp[e.From]; c > 0 && c == comp[e.To] {
			e.Highlight = true
		}
	}
	return nil
}

// Cycles lists the import cycles of the analyzed packages, each as the
// sorted import paths in it.
func Cycles(g *analyzer.Graph) ([][]string, error) {
	v, err := PackagesView(g, Filter{Force: true}, nil)
	if err != nil {
		return nil, err
	}
	return viewCycles(v)
}

// viewCycles lists a packages view's import cycles as sorted import paths.
func viewCycles(v *View) ([][]string, error) {
	cycles, err := sccs(v)
	if err != nil {
		return nil, err
	}
	out := make([][]string, 0, len(cycles))
	for _, scc := range cycles {
		c := make([]string, 0, len(scc))
		for _, id := range scc {
			c = append(c, strings.TrimPrefix(id, "pkg:"))
		}
		sortStrings(c)
		out = append(out, c)
	}
	sortCycles(out)
	return out, nil
}

// groupBy puts nodes into clusters named by key; nodes with no key stay
// outside.
func groupBy(v *View, key func(ViewNode) string) {
	seen := map[string]bool{}
	for i := range v.Nodes {
		k := key(v.Nodes[i])
		if k == "" {
			continue
		}
		v.Nodes[i].Group = k
		if !seen[k] {
			seen[k] = true
			v.Groups = append(v.Groups, ViewGroup{ID: k, Label: k})
		}
	}
}

// checkSize refuses views too large to read, unless forced.
func checkSize(v *View, f Filter) error {
	maxN := f.MaxNodes
	if maxN <= 0 {
		maxN = DefaultMaxNodes
	}
	if !f.Force && len(v.Nodes) > maxN {
		return &ErrTooLarge{View: v.Kind, Nodes: len(v.Nodes), Max: maxN}
	}
	return nil
}
