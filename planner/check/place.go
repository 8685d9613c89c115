package check

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// Placement says where a unit the plan does not know was put, and why.
type Placement struct {
	Unit    string `json:"unit"`
	Service string `json:"service"` // a service, (shared) for the kernel, or "" when no rule applies
	Rule    string `json:"rule"`    // receiver, file, package, neighbours, handler, job, writers, readers, none
	Reason  string `json:"reason"`
}

// Placement rules.
const (
	RuleReceiver   = "receiver"
	RuleFile       = "file"
	RulePackage    = "package"
	RuleNeighbours = "neighbours"
	RuleHandler    = "handler"
	RuleJob        = "job"
	RuleWriters    = "writers"
	RuleReaders    = "readers"
	RuleNone       = "none"
)

// placer extends a plan's labelling to the units of a newer graph.
type placer struct {
	labels  map[string]string // unit id → service or planner.SharedClass
	byFile  map[string]map[string]int
	byPkg   map[string]map[string]int
	nodes   map[string]*analyzer.Node
	edges   []analyzer.Edge
	adj     map[string][]int // unit id → indexes of its edges, for new units
	placed  []Placement
	unknown map[string]bool // units the plan left unplaced: they stay so
}

func isSymbol(k analyzer.NodeKind) bool {
	switch k {
	case analyzer.KindType, analyzer.KindFunc, analyzer.KindMethod, analyzer.KindVar:
		return true
	}
	return false
}

// place returns the labelling of every unit of doc: the plan's, and for
// units the plan does not hold, the first rule that applies.
func place(p *planner.Plan, doc analyzer.Document, nodes map[string]*analyzer.Node) (map[string]string, []Placement) {
	x := &placer{labels: p.Labels(), byFile: map[string]map[string]int{}, byPkg: map[string]map[string]int{},
		nodes: nodes, edges: doc.Edges, unknown: map[string]bool{}}
	for _, id := range p.Unplaced {
		x.unknown[id] = true
	}
	x.count()
	var fresh []*analyzer.Node
	for i := range doc.Nodes {
		n := &doc.Nodes[i]
		if n.External || n.Kind == analyzer.KindPackage || n.Kind == analyzer.KindEvent || x.unknown[n.ID] {
			continue
		}
		if _, ok := x.labels[n.ID]; !ok {
			fresh = append(fresh, n)
		}
	}
	// Types first, so that new methods follow their new receivers.
	slices.SortStableFunc(fresh, func(a, b *analyzer.Node) int {
		return cmp.Compare(boolInt(a.Kind != analyzer.KindType), boolInt(b.Kind != analyzer.KindType))
	})
	var rest []*analyzer.Node
	for _, n := range fresh {
		if !isSymbol(n.Kind) || !x.byStructure(n) {
			rest = append(rest, n)
		}
	}
	x.adj = map[string][]int{}
	for _, n := range rest {
		x.adj[n.ID] = nil
	}
	for i, e := range x.edges {
		for _, id := range []string{e.From, e.To} {
			if list, ok := x.adj[id]; ok {
				x.adj[id] = append(list, i)
			}
		}
	}
	// Neighbours may be new too: repeat while placements happen.
	for changed := true; changed; {
		changed = false
		left := rest[:0]
		for _, n := range rest {
			if x.byNeighbours(n) {
				changed = true
			} else {
				left = append(left, n)
			}
		}
		rest = left
	}
	for _, n := range rest {
		x.placed = append(x.placed, Placement{Unit: n.ID, Rule: RuleNone, Reason: "nothing relates it to placed code: it stays out of every service"})
	}
	slices.SortFunc(x.placed, func(a, b Placement) int { return cmp.Compare(a.Unit, b.Unit) })
	return x.labels, x.placed
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// count tallies the planned symbols of each file and package by service.
func (x *placer) count() {
	for id, svc := range x.labels {
		n := x.nodes[id]
		if n == nil || !isSymbol(n.Kind) {
			continue
		}
		if f := fileOf(n.Pos); f != "" {
			bump(x.byFile, f, svc)
		}
		bump(x.byPkg, n.Package, svc)
	}
}

func bump(m map[string]map[string]int, key, svc string) {
	if m[key] == nil {
		m[key] = map[string]int{}
	}
	m[key][svc]++
}

// majority returns the service with the most votes, ties to the first
// name, and its share.
func majority(votes map[string]int) (string, int, int) {
	best, bestN, total := "", 0, 0
	for _, s := range slices.Sorted(maps.Keys(votes)) {
		total += votes[s]
		if votes[s] > bestN {
			best, bestN = s, votes[s]
		}
	}
	return best, bestN, total
}

// fileOf is the file of a "file:line" position.
func fileOf(pos string) string {
	if i := strings.LastIndexByte(pos, ':'); i >= 0 {
		return pos[:i]
	}
	return pos
}

// byStructure places a symbol with its receiver, its file or its package.
func (x *placer) byStructure(n *analyzer.Node) bool {
	if n.Kind == analyzer.KindMethod {
		if recv, ok := receiverType(n); ok {
			if s, ok := x.labels[recv]; ok {
				return x.put(n, s, RuleReceiver, "a method of "+recv)
			}
		}
	}
	if f := fileOf(n.Pos); f != "" {
		if s, k, total := majority(x.byFile[f]); s != "" {
			return x.put(n, s, RuleFile, fmt.Sprintf("declared in %s, where %d of %d placed symbols are in %s", f, k, total, s))
		}
	}
	if s, k, total := majority(x.byPkg[n.Package]); s != "" {
		return x.put(n, s, RulePackage, fmt.Sprintf("declared in package %s, where %d of %d placed symbols are in %s", n.Package, k, total, s))
	}
	return false
}

// byNeighbours places a unit where most of its relations lead (calls and
// uses in either direction, by weight); routes go with their handler,
// jobs with their function, tables with their writers, else readers.
func (x *placer) byNeighbours(n *analyzer.Node) bool {
	votes := map[string]int{}
	rule, why := RuleNeighbours, "most of its calls and uses, in and out, are with %s (%d of %d)"
	switch n.Kind {
	case analyzer.KindRoute:
		rule, why = RuleHandler, "its handler is in %s (%d of %d)"
	case analyzer.KindJob:
		rule, why = RuleJob, "the function it runs is in %s (%d of %d)"
	case analyzer.KindTable:
		rule, why = RuleWriters, "most of its writes come from %s (%d of %d)"
	}
	for _, i := range x.adj[n.ID] {
		e := x.edges[i]
		var other string
		switch {
		case e.From == n.ID:
			other = e.To
		case e.To == n.ID:
			other = e.From
		default:
			continue
		}
		if !relates(n.Kind, e, n.ID) {
			continue
		}
		if s, ok := x.labels[other]; ok && !(n.Kind == analyzer.KindTable && s == planner.SharedClass) {
			// the kernel holds no business state: its writes (a
			// migration step's) place no table
			votes[s] += e.Weight
		}
	}
	if n.Kind == analyzer.KindTable && len(votes) == 0 {
		rule, why = RuleReaders, "most of its reads come from %s (%d of %d)"
		for _, i := range x.adj[n.ID] {
			if e := x.edges[i]; e.To == n.ID && e.Kind == analyzer.EdgeReads {
				if s, ok := x.labels[e.From]; ok && s != planner.SharedClass {
					votes[s] += e.Weight
				}
			}
		}
	}
	s, k, total := majority(votes)
	if s == "" {
		return false
	}
	return x.put(n, s, rule, fmt.Sprintf(why, s, k, total))
}

// relates says which edges count for placing a unit of kind k.
func relates(k analyzer.NodeKind, e analyzer.Edge, id string) bool {
	switch k {
	case analyzer.KindRoute:
		return e.Kind == analyzer.EdgeHandles && e.From == id
	case analyzer.KindJob:
		return e.Kind == analyzer.EdgeRuns && e.From == id
	case analyzer.KindTable:
		return e.Kind == analyzer.EdgeWrites && e.To == id
	}
	switch e.Kind {
	case analyzer.EdgeCalls, analyzer.EdgeReferences, analyzer.EdgeUses, analyzer.EdgeEmbeds, analyzer.EdgeImplements:
		return true
	}
	return false
}

func (x *placer) put(n *analyzer.Node, svc, rule, reason string) bool {
	x.labels[n.ID] = svc
	x.placed = append(x.placed, Placement{Unit: n.ID, Service: svc, Rule: rule, Reason: reason})
	if isSymbol(n.Kind) {
		if f := fileOf(n.Pos); f != "" {
			bump(x.byFile, f, svc)
		}
		bump(x.byPkg, n.Package, svc)
	}
	return true
}

// receiverType returns the id of the type a method id belongs to:
// "p.(*T).M" and "p.T.M" give "p.T".
func receiverType(n *analyzer.Node) (string, bool) {
	rest, ok := strings.CutPrefix(n.ID, n.Package+".")
	if !ok {
		return "", false
	}
	rest = strings.TrimPrefix(rest, "(*")
	t, _, ok := strings.Cut(rest, ".")
	if !ok {
		return "", false
	}
	return n.Package + "." + strings.TrimSuffix(t, ")"), true
}
