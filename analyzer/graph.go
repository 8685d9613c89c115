package analyzer

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/dominikbraun/graph"
)

// Schema is the version tag of the graph JSON document.
const Schema = "ficus.graph/v1"

// NodeKind says what a node stands for.
type NodeKind string

// Node kinds.
const (
	KindPackage NodeKind = "package"
	KindType    NodeKind = "type"
	KindFunc    NodeKind = "func"
	KindMethod  NodeKind = "method"
	KindVar     NodeKind = "var"
	KindRoute   NodeKind = "route"
	KindTable   NodeKind = "table"
	KindEvent   NodeKind = "event"
	KindJob     NodeKind = "job"
)

// EdgeKind says how two nodes are related.
type EdgeKind string

// Edge kinds.
const (
	EdgeImports    EdgeKind = "imports"
	EdgeCalls      EdgeKind = "calls"
	EdgeReferences EdgeKind = "references"
	EdgeEmbeds     EdgeKind = "embeds"
	EdgeImplements EdgeKind = "implements"
	EdgeHandles    EdgeKind = "handles"
	EdgeReads      EdgeKind = "reads"
	EdgeWrites     EdgeKind = "writes"
	EdgePublishes  EdgeKind = "publishes"
	EdgeSubscribes EdgeKind = "subscribes"
	EdgeUses       EdgeKind = "uses"
	EdgeRuns       EdgeKind = "runs"
	// EdgeWraps joins a route to middleware its router runs before the
	// handler (an authentication check, a request logger); see
	// middleware.go.
	EdgeWraps EdgeKind = "wraps"
	// EdgeCoChanges joins the files of two symbols changed in the same
	// commits (ficus analyze --history); see history.go.
	EdgeCoChanges EdgeKind = "co-changes"
	// EdgeExecutes joins a route to a function or method that production
	// traces or per-route coverage saw it run (ficus evidence); see
	// analyzer/evidence.
	EdgeExecutes EdgeKind = "executes"
)

// Node is one vertex of the graph.
type Node struct {
	// ID is unique in the graph: "pkg:PATH" for packages, the go/types
	// spelling for symbols ("path.Name", "path.(*T).M", "path.T.M"),
	// "route:METHOD /pattern", "table:NAME", "event:TOPIC", "job:NAME".
	ID   string   `json:"id"`
	Kind NodeKind `json:"kind"`
	// Name is the short, human name ("Order", "(*OrderService).Place").
	Name string `json:"name"`
	// Package is the import path of the package the node is declared or
	// registered in; empty for tables and events, which belong to no package.
	Package string `json:"package,omitempty"`
	// Pos is "file:line", the file relative to the analyzed directory.
	Pos string `json:"pos,omitempty"`
	// Lines is the size of the declaration in source lines.
	Lines int `json:"lines"`
	// Handler, on a route served by no function of the module, says what
	// serves it ("static files from ./public").
	Handler string `json:"handler,omitempty"`
	// Framework, on a route, names the router library that registered it
	// ("gin", "net/http"): how its pattern matches depends on it.
	Framework string `json:"framework,omitempty"`
	// View, on a table, marks a view (CREATE [MATERIALIZED] VIEW in the
	// module's .sql files): it stores nothing itself, and its reads edges
	// go to the tables and views its query reads.
	View bool `json:"view,omitempty"`
	// Generated, on a symbol, marks a declaration in a file marked "Code
	// generated ... DO NOT EDIT." (go/ast.IsGenerated): code a generator
	// wrote, whatever the file is named.
	Generated bool `json:"generated,omitempty"`
	// External marks packages outside the analyzed set (standard library and
	// third-party dependencies), present so import edges are complete.
	External bool `json:"external,omitempty"`
	// Traffic, on a route, is what production records say of it (ficus
	// evidence); nil without evidence.
	Traffic *Traffic `json:"traffic,omitempty"`
}

// Traffic is the production traffic of one route, read from access logs
// or traces by ficus evidence.
type Traffic struct {
	// Requests is how many requests the records hold.
	Requests int `json:"requests"`
	// Errors is how many of them failed on the server's side (status 500
	// and above, or a span with an error status).
	Errors int `json:"errors,omitempty"`
	// P50Ms and P95Ms are the median and 95th percentile latency in
	// milliseconds, when the records time requests.
	P50Ms float64 `json:"p50_ms,omitempty"`
	P95Ms float64 `json:"p95_ms,omitempty"`
}

// Edge is one weighted, directed relation between two nodes.
type Edge struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Kind   EdgeKind `json:"kind"`
	Weight int      `json:"weight"`
}

// Graph is the analyzed module; it is not safe for concurrent use. Nodes and edges live in a
// github.com/dominikbraun/graph directed graph; because that graph holds one
// edge per ordered pair, the edge's data holds the weight of each kind
// between the pair.
type Graph struct {
	Module      string
	Dir         string
	Diagnostics []Diagnostic
	nodes       map[string]Node
	ids         []string // every node id, in insertion order until sorted
	sorted      bool
	// Edges are held as a list sorted as Edges returns it (how the builder
	// writes them, so that writing a large graph neither indexes nor sorts
	// them again), or by ordered pair (once edges are added one by one), or
	// both; whichever is nil is made from the other when it is needed.
	list  []Edge
	pairs map[nodePair]edgeKinds
}

// nodePair is an ordered pair of node ids.
type nodePair struct{ from, to string }

// edgeKinds is the per-kind weight of the edges between one ordered pair.
type edgeKinds map[EdgeKind]int

// NewGraph returns an empty graph for the named module.
func NewGraph(module string) *Graph {
	return &Graph{Module: module, nodes: map[string]Node{}, pairs: map[nodePair]edgeKinds{}}
}

// AddNode adds n, or keeps the existing node with the same ID.
func (g *Graph) AddNode(n Node) {
	if _, ok := g.nodes[n.ID]; ok {
		return // the first declaration wins
	}
	g.nodes[n.ID] = n
	g.ids = append(g.ids, n.ID)
	g.sorted = false
}

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (Node, bool) {
	n, ok := g.nodes[id]
	return n, ok
}

// AddEdge adds weight to the edge of the given kind between two existing
// nodes. It returns an error (wrapping graph.ErrVertexNotFound) when
// either end is missing.
func (g *Graph) AddEdge(from, to string, kind EdgeKind, weight int) error {
	for _, id := range []string{from, to} {
		if _, ok := g.nodes[id]; !ok {
			return fmt.Errorf("analyzer: edge %s -%s-> %s: %s: %w", from, kind, to, id, graph.ErrVertexNotFound)
		}
	}
	if g.pairs == nil {
		g.pairs = make(map[nodePair]edgeKinds, len(g.list))
		for _, e := range g.list {
			g.addPair(e.From, e.To, e.Kind, e.Weight)
		}
	}
	g.list = nil
	g.addPair(from, to, kind, weight)
	return nil
}

func (g *Graph) addPair(from, to string, kind EdgeKind, weight int) {
	p := nodePair{from, to}
	ks := g.pairs[p]
	if ks == nil {
		ks = edgeKinds{}
		g.pairs[p] = ks
	}
	ks[kind] += weight
}

// Nodes returns every node, sorted by ID.
func (g *Graph) Nodes() []Node {
	if !g.sorted {
		slices.Sort(g.ids)
		g.sorted = true
	}
	out := make([]Node, 0, len(g.ids))
	for _, id := range g.ids {
		out = append(out, g.nodes[id])
	}
	return out
}

// Edges returns every edge, one per kind between a pair, sorted by from,
// to and kind.
func (g *Graph) Edges() []Edge {
	if g.list == nil {
		list := make([]Edge, 0, len(g.pairs))
		for p, ks := range g.pairs {
			for k, w := range ks {
				list = append(list, Edge{From: p.from, To: p.to, Kind: k, Weight: w})
			}
		}
		sortEdges(list)
		g.list = list
	}
	return slices.Clone(g.list)
}

// sortEdges sorts edges by from, to and kind.
func sortEdges(es []Edge) {
	slices.SortFunc(es, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Kind, b.Kind))
	})
}

// setEdges replaces the graph's edges by list, sorted by sortEdges with
// one edge per kind and pair, and ends that are nodes.
func (g *Graph) setEdges(list []Edge) {
	g.list, g.pairs = list, nil
}

// Order returns the number of nodes.
func (g *Graph) Order() int { return len(g.ids) }

// Underlying returns the graph as a github.com/dominikbraun/graph
// directed graph, for algorithms that want one: one edge per ordered pair,
// weighted by the sum over its kinds, with the per-kind weights
// (map[EdgeKind]int) as the edge's data. It is built on each call; changing
// it does not change g.
func (g *Graph) Underlying() graph.Graph[string, Node] {
	out := graph.New(func(n Node) string { return n.ID }, graph.Directed(), graph.Weighted())
	for _, n := range g.Nodes() {
		_ = out.AddVertex(n)
	}
	es := g.Edges()
	for i := 0; i < len(es); {
		j, total, ks := i, 0, map[EdgeKind]int{}
		for ; j < len(es) && es[j].From == es[i].From && es[j].To == es[i].To; j++ {
			ks[es[j].Kind] = es[j].Weight
			total += es[j].Weight
		}
		_ = out.AddEdge(es[i].From, es[i].To, graph.EdgeData(ks), graph.EdgeWeight(total))
		i = j
	}
	return out
}
