package analyzer

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// builder merges the facts of every package into the graph.
type builder struct {
	g     *Graph
	nodes map[string]Node
	order []string
	edges map[edgeKey]int
	// all holds the symbolic facts of every package, merged; its nodes
	// and edges are kept above instead, deduplicated.
	all   *facts
	diags []Diagnostic // found while resolving (route helpers)
	// broken are the analyzed packages with load, syntax or type errors:
	// their calls may be missing edges (reach.go).
	broken map[string]bool
	// views gives the tables each view of the module's .sql files reads,
	// loaded only when some code reads a table.
	views func() viewSet
	// recs are the declared recognizers; recognized[i] holds the facts
	// of recs[i] from every package, in package order.
	recs       []recognizer
	recognized [][]any
}

func newBuilder(g *Graph, recs []recognizer) *builder {
	return &builder{g: g, nodes: map[string]Node{}, edges: map[edgeKey]int{}, all: newFacts(), recs: recs, recognized: make([][]any, len(recs))}
}

func (b *builder) node(n Node) {
	if old, ok := b.nodes[n.ID]; ok {
		if old.Kind == n.Kind && (n.Kind == KindFunc) { // several init funcs share an id
			old.Lines += n.Lines
			b.nodes[n.ID] = old
		}
		return
	}
	b.nodes[n.ID] = n
	b.order = append(b.order, n.ID)
}

func (b *builder) addFacts(f *facts) {
	for _, n := range f.nodes {
		b.node(n)
	}
	for k, w := range f.edges {
		b.edges[k] += w
	}
	b.all.merge(f)
	for i, rf := range f.recognized {
		b.recognized[i] = append(b.recognized[i], rf)
	}
}

// external adds a package node for a dependency outside the analyzed set.
func (b *builder) external(p *packages.Package) {
	b.node(Node{ID: pkgID(p.PkgPath), Kind: KindPackage, Name: p.Name, Package: p.PkgPath, External: true})
}

// resolve turns the symbolic facts into nodes and edges: the walk's own
// (calls through interfaces, fields and slots; implements), then each
// declared recognizer's, in the list's order.
func (b *builder) resolve(pkgs []*types.Package) {
	ix := newImplIndex(pkgs)
	calls := make([]ifaceCall, 0, len(b.all.ifaceCalls))
	for k := range b.all.ifaceCalls {
		calls = append(calls, k)
	}
	for _, c := range calls {
		for _, fn := range ix.implementations(c.iface, c.method) {
			b.edges[edgeKey{c.caller, funcID(fn), EdgeCalls}] += b.all.ifaceCalls[c]
		}
	}
	for _, pair := range ix.implementsEdges() {
		b.edges[edgeKey{typeID(pair[0]), typeID(pair[1]), EdgeImplements}]++
	}

	for k, n := range b.all.fieldCalls {
		for _, fn := range b.all.fieldFuncs[k.field] {
			b.edges[edgeKey{k.caller, fn, EdgeCalls}] += n
		}
	}
	b.slotCalls()

	r := &resolution{b: b, ix: ix}
	for i, rec := range b.recs {
		rec.finish(r, b.recognized[i])
	}

	// Reads of views, once every recognizer's reads are in.
	b.readThroughViews()

	// Tables exist once something reads or writes them.
	for k := range b.edges {
		if k.kind == EdgeReads || k.kind == EdgeWrites {
			if _, ok := b.nodes[k.to]; !ok {
				name := k.to[len("table:"):]
				b.node(Node{ID: k.to, Kind: KindTable, Name: name})
			}
		}
	}
}

// readThroughViews handles reads of views (CREATE [MATERIALIZED] VIEW in
// a .sql file of the module). A view is a table the code queries, so it
// is a table node, marked as a view, that reads what its query reads; the
// code that reads it reads the tables behind it too, since those are the
// data it depends on. A view the code writes (an updatable view) is a
// view node too.
func (b *builder) readThroughViews() {
	var uses []edgeKey
	for k := range b.edges {
		if k.kind == EdgeReads || k.kind == EdgeWrites {
			uses = append(uses, k)
		}
	}
	if b.views == nil || len(uses) == 0 {
		return
	}
	views := b.views()
	for _, k := range uses {
		name := strings.TrimPrefix(k.to, "table:")
		tables, ok := views.tables[name]
		if !ok {
			continue
		}
		if k.kind == EdgeReads {
			w := b.edges[k]
			for _, t := range tables {
				b.edges[edgeKey{k.from, "table:" + t, EdgeReads}] += w
			}
		}
		b.viewNode(views, name)
	}
}

// viewNode adds the node of a view and of the views it reads, with reads
// edges to what each view's query reads.
func (b *builder) viewNode(views viewSet, name string) {
	id := "table:" + name
	n, ok := b.nodes[id]
	switch {
	case ok && n.View:
		return
	case ok:
		n.View = true
		b.nodes[id] = n
	default:
		b.node(Node{ID: id, Kind: KindTable, Name: name, View: true})
	}
	for _, t := range views.reads[name] {
		b.edges[edgeKey{id, "table:" + t, EdgeReads}]++
		if _, ok := views.reads[t]; ok {
			b.viewNode(views, t)
		}
	}
}

// flush writes nodes and edges into the graph in a fixed order. Edges whose
// ends are not nodes (calls into code outside the analyzed packages) are
// dropped.
func (b *builder) flush() {
	ids := slices.Clone(b.order)
	slices.Sort(ids)
	for _, id := range ids {
		b.g.AddNode(b.nodes[id])
	}
	list := make([]Edge, 0, len(b.edges))
	for k, w := range b.edges {
		if _, ok := b.nodes[k.from]; !ok {
			continue
		}
		if _, ok := b.nodes[k.to]; !ok {
			continue
		}
		list = append(list, Edge{From: k.from, To: k.to, Kind: k.kind, Weight: w})
	}
	sortEdges(list)
	b.g.setEdges(list)
}
