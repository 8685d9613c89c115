package reports

import (
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// graphReport fills the parts of the report that need only the graph:
// overview figures, the package graph, import cycles and diagnostics.
func graphReport(g *analyzer.Graph) (*ReportData, error) {
	d := &ReportData{Module: g.Module}
	counts := map[analyzer.NodeKind]int{}
	lines := 0
	for _, n := range g.Nodes() {
		if n.External {
			continue
		}
		counts[n.Kind]++
		if n.Kind == analyzer.KindPackage {
			lines += n.Lines
		}
	}
	edges := g.Edges()
	symbols := counts[analyzer.KindType] + counts[analyzer.KindFunc] + counts[analyzer.KindMethod] + counts[analyzer.KindVar]
	d.Overview = []Figure{
		{Label: "packages", Value: float64(counts[analyzer.KindPackage])},
		{Label: "lines of Go", Value: float64(lines)},
		{Label: "symbols", Value: float64(symbols)},
		{Label: "routes", Value: float64(counts[analyzer.KindRoute])},
		{Label: "tables", Value: float64(counts[analyzer.KindTable])},
		{Label: "events", Value: float64(counts[analyzer.KindEvent])},
		{Label: "jobs", Value: float64(counts[analyzer.KindJob])},
		{Label: "edges", Value: float64(len(edges))},
		{Label: "diagnostics", Value: float64(len(g.Diagnostics))},
	}
	pv, err := PackagesView(g, Filter{Force: true}, nil)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, n := range pv.Nodes {
		paths = append(paths, strings.TrimPrefix(n.ID, "pkg:"))
	}
	depth := groupDepth(g.Module, paths)
	for i, n := range pv.Nodes {
		d.Packages.Nodes = append(d.Packages.Nodes, ReportPackage{ID: n.ID, Label: n.Label, Group: dirGroup(g.Module, paths[i], depth), Size: n.Size, Cycle: n.Highlight})
	}
	for _, e := range pv.Edges {
		d.Packages.Edges = append(d.Packages.Edges, ReportEdge{From: e.From, To: e.To, Weight: e.Weight, Cycle: e.Highlight})
	}
	cycles, err := viewCycles(pv)
	if err != nil {
		return nil, err
	}
	for _, c := range cycles {
		d.Cycles = append(d.Cycles, ReportCycle{Kind: "packages", Members: c})
	}
	for _, dg := range g.Diagnostics {
		d.Diagnostics = append(d.Diagnostics, ReportDiag{Kind: string(dg.Kind), Package: dg.Package, Pos: dg.Pos, Message: dg.Message, Hint: dg.Hint})
	}
	return d, nil
}

// minGroups is how many directories the collapsed package graph should
// show at least, when the module has that many packages.
const minGroups = 6

// groupDepth picks how many path elements below the module the collapsed
// package graph groups by: the shallowest depth giving at least minGroups
// groups (so a module whose code all sits in internal/ is not one box).
func groupDepth(module string, paths []string) int {
	for depth := 1; depth < 8; depth++ {
		groups := map[string]bool{}
		for _, p := range paths {
			groups[dirGroup(module, p, depth)] = true
		}
		if len(groups) >= min(minGroups, len(paths)) {
			return depth
		}
	}
	return 8
}

// dirGroup is a package's directory cut to depth path elements below the
// module.
func dirGroup(module, path string, depth int) string {
	rest := path
	if module != "" {
		if path == module {
			return "."
		}
		rest = strings.TrimPrefix(path, module+"/")
	}
	parts := strings.Split(rest, "/")
	if len(parts) > depth {
		parts = parts[:depth]
	}
	return strings.Join(parts, "/")
}
