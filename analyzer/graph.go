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
	g           graph.Graph[string, Node]
	ids         []string // every node id, in insertion order until sorted
	sorted      bool
	// edges is Edges() as the builder wrote it, kept so that writing a
	// large graph does not walk and sort its edges again; nil once an edge
	// is added or the underlying graph handed out.
	edges []Edge
}

// edgeKinds is the per-kind weight stored as the data of one graph edge.
type edgeKinds map[EdgeKind]int

// NewGraph returns an empty graph for the named module.
func NewGraph(module string) *Graph {
	return &Graph{
		Module: module,
		g:      graph.New(func(n Node) string { return n.ID }, graph.Directed(), graph.Weighted()),
	}
}

// AddNode adds n, or keeps the existing node with the same ID.
func (g *Graph) AddNode(n Node) {
	if err := g.g.AddVertex(n); err != nil {
		return // ErrVertexAlreadyExists: the first declaration wins
	}
	g.ids = append(g.ids, n.ID)
	g.sorted = false
}

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (Node, bool) {
	n, err := g.g.Vertex(id)
	return n, err == nil
}

// AddEdge adds weight to the edge of the given kind between two existing
// nodes. It returns an error when either end is missing.
func (g *Graph) AddEdge(from, to string, kind EdgeKind, weight int) error {
	g.edges = nil
	e, err := g.g.Edge(from, to)
	if err == nil {
		ks := e.Properties.Data.(edgeKinds)
		ks[kind] += weight
		return g.g.UpdateEdge(from, to, graph.EdgeWeight(e.Properties.Weight+weight))
	}
	if err := g.g.AddEdge(from, to, graph.EdgeData(edgeKinds{kind: weight}), graph.EdgeWeight(weight)); err != nil {
		return fmt.Errorf("analyzer: edge %s -%s-> %s: %w", from, kind, to, err)
	}
	return nil
}

// Nodes returns every node, sorted by ID.
func (g *Graph) Nodes() []Node {
	if !g.sorted {
		slices.Sort(g.ids)
		g.sorted = true
	}
	out := make([]Node, 0, len(g.ids))
	for _, id := range g.ids {
		if n, err := g.g.Vertex(id); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// Edges returns every edge, one per kind between a pair, sorted by from,
// to and kind.
func (g *Graph) Edges() []Edge {
	if g.edges != nil {
		return slices.Clone(g.edges)
	}
	es, err := g.g.Edges()
	if err != nil {
		return nil
	}
	out := make([]Edge, 0, len(es))
	for _, e := range es {
		for k, w := range e.Properties.Data.(edgeKinds) {
			out = append(out, Edge{From: e.Source, To: e.Target, Kind: k, Weight: w})
		}
	}
	slices.SortFunc(out, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}

// Order returns the number of nodes.
func (g *Graph) Order() int { return len(g.ids) }

// Underlying exposes the dominikbraun graph for algorithms that want it.
func (g *Graph) Underlying() graph.Graph[string, Node] {
	g.edges = nil // the caller may change it
	return g.g
}
