package planner

import (
	"encoding/json"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// graphJSON encodes a graph document as 'ficus analyze' writes it.
func graphJSON(t *testing.T, doc analyzer.Document) []byte {
	t.Helper()
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testGraph builds a graph document from compact descriptions: nodes as
// "kind id" and edges as "from kind to" (weight 1), ids without a package
// part being declared in package "p" file "p/f.go".
func testGraph(nodes []string, edges []string) analyzer.Document {
	d := analyzer.Document{Schema: analyzer.Schema, Module: "example.com/t"}
	for i, n := range nodes {
		var kind, id string
		splitPair(n, &kind, &id)
		node := analyzer.Node{ID: id, Kind: analyzer.NodeKind(kind), Name: id, Lines: 10}
		switch node.Kind {
		case analyzer.KindType, analyzer.KindFunc, analyzer.KindMethod, analyzer.KindVar:
			node.Package = "example.com/t/p"
			node.ID = "example.com/t/p." + id
			node.Pos = "p/f.go:" + itoa(10*i+1)
		case analyzer.KindRoute:
			node.ID = "route:" + id
			node.Package = "example.com/t/p"
		case analyzer.KindTable:
			node.ID = "table:" + id
		case analyzer.KindEvent:
			node.ID = "event:" + id
		case analyzer.KindJob:
			node.ID = "job:" + id
		}
		d.Nodes = append(d.Nodes, node)
	}
	byShort := map[string]string{}
	for i, n := range nodes {
		var kind, id string
		splitPair(n, &kind, &id)
		byShort[id] = d.Nodes[i].ID
	}
	for _, e := range edges {
		var from, kind, to string
		splitTriple(e, &from, &kind, &to)
		d.Edges = append(d.Edges, analyzer.Edge{From: byShort[from], To: byShort[to], Kind: analyzer.EdgeKind(kind), Weight: 1})
	}
	return d
}

func splitPair(s string, a, b *string) {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			*a, *b = s[:i], s[i+1:]
			return
		}
	}
	*a = s
}

func splitTriple(s string, a, b, c *string) {
	var rest string
	splitPair(s, a, &rest)
	splitPair(rest, b, c)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
