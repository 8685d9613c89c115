package analyzer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Document is the JSON form of a graph (schema ficus.graph/v1), described
// field by field in docs/graph-format.md.
type Document struct {
	Schema      string       `json:"schema"`
	Module      string       `json:"module"`
	Nodes       []Node       `json:"nodes"`
	Edges       []Edge       `json:"edges"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Document returns the graph's JSON document, nodes and edges sorted.
func (g *Graph) Document() Document {
	d := Document{Schema: Schema, Module: g.Module, Nodes: g.Nodes(), Edges: g.Edges(), Diagnostics: g.Diagnostics}
	if d.Diagnostics == nil {
		d.Diagnostics = []Diagnostic{}
	}
	return d
}

// WriteJSON writes the graph as indented JSON.
func (g *Graph) WriteJSON(w io.Writer) error { return g.Document().WriteJSON(w) }

// WriteJSON writes the document as indented JSON; callers that also read
// the nodes and edges build the document once and write it with this.
func (d Document) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("write graph: %w", err)
	}
	return nil
}

// ErrSchema is returned when a document is not a ficus graph of a version
// this ficus reads.
var ErrSchema = errors.New("not a ficus graph")

// ReadJSON reads a graph document and rebuilds the graph. It checks the
// schema and that every edge joins known nodes.
func ReadJSON(r io.Reader) (*Graph, error) {
	var d Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&d); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("read graph: the file is empty or truncated: %w; run 'ficus analyze' again to produce it", err)
		}
		return nil, fmt.Errorf("read graph: %w", err)
	}
	if d.Schema != Schema {
		if strings.HasPrefix(d.Schema, "ficus.graph/") {
			return nil, fmt.Errorf("%w: schema %q is not supported, this ficus reads %q; re-run 'ficus analyze' with this version", ErrSchema, d.Schema, Schema)
		}
		return nil, fmt.Errorf("%w: schema is %q, want %q; pass the output of 'ficus analyze'", ErrSchema, d.Schema, Schema)
	}
	g := NewGraph(d.Module)
	g.Diagnostics = d.Diagnostics
	for _, n := range d.Nodes {
		if n.ID == "" {
			return nil, fmt.Errorf("read graph: a node has no id")
		}
		g.AddNode(n)
	}
	for i, e := range d.Edges {
		if e.Weight <= 0 {
			return nil, fmt.Errorf("read graph: edge %d (%s -> %s) has weight %d, want > 0", i, e.From, e.To, e.Weight)
		}
		if err := g.AddEdge(e.From, e.To, e.Kind, e.Weight); err != nil {
			return nil, fmt.Errorf("read graph: edge %d: %w", i, err)
		}
	}
	return g, nil
}
