package analyzer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json"
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
// The bytes are those of encoding/json's Encoder with SetIndent("", "  ")
// and SetEscapeHTML(false) (jsonwrite.go).
func (d Document) WriteJSON(w io.Writer) error {
	if err := newDocWriter(w).write(d); err != nil {
		return fmt.Errorf("write graph: %w", err)
	}
	return nil
}

// ErrSchema is returned when a document is not a ficus graph of a version
// this ficus reads.
var ErrSchema = errors.New("not a ficus graph")

// DecodeDocument reads a graph document and checks it (Document.Check)
// without building a Graph, which costs more than planning on graphs of a
// million edges.
//
// It decodes with github.com/go-json-experiment/json, the proposal that
// became encoding/json/v2, which reads a graph several times faster than
// encoding/json: on a large monolith, reading the graph took as long as
// planning it.
func DecodeDocument(r io.Reader) (Document, error) {
	var d Document
	if err := json.UnmarshalRead(bufio.NewReaderSize(r, 1<<20), &d); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return Document{}, fmt.Errorf("read graph: the file is empty or truncated: %w; run 'ficus analyze' again to produce it", err)
		}
		return Document{}, fmt.Errorf("read graph: %w; pass the JSON written by 'ficus analyze'", err)
	}
	if err := d.Check(); err != nil {
		return Document{}, err
	}
	return d, nil
}

// Check validates a graph document: its schema (errors wrap ErrSchema),
// that every node has a unique id, and that every edge joins known nodes
// with a positive weight.
func (d Document) Check() error {
	if d.Schema != Schema {
		if strings.HasPrefix(d.Schema, "ficus.graph/") {
			return fmt.Errorf("%w: schema %q is not supported, this ficus reads %q; re-run 'ficus analyze' with this version", ErrSchema, d.Schema, Schema)
		}
		return fmt.Errorf("%w: schema is %q, want %q; pass the output of 'ficus analyze'", ErrSchema, d.Schema, Schema)
	}
	seen := make(map[string]bool, len(d.Nodes))
	for i, n := range d.Nodes {
		if n.ID == "" {
			return fmt.Errorf("read graph: node %d has no id; re-run 'ficus analyze'", i)
		}
		if seen[n.ID] {
			return fmt.Errorf("read graph: node %s appears twice; re-run 'ficus analyze'", n.ID)
		}
		seen[n.ID] = true
	}
	for i, e := range d.Edges {
		if !seen[e.From] || !seen[e.To] {
			return fmt.Errorf("read graph: edge %d (%s -> %s) joins an unknown node; the file is damaged, re-run 'ficus analyze'", i, e.From, e.To)
		}
		if e.Weight <= 0 {
			return fmt.Errorf("read graph: edge %d (%s -> %s) has weight %d, want > 0", i, e.From, e.To, e.Weight)
		}
	}
	return nil
}

// ReadJSON reads and checks a graph document and rebuilds the graph.
func ReadJSON(r io.Reader) (*Graph, error) {
	d, err := DecodeDocument(r)
	if err != nil {
		return nil, err
	}
	g := NewGraph(d.Module)
	g.Diagnostics = d.Diagnostics
	for _, n := range d.Nodes {
		g.AddNode(n)
	}
	for i, e := range d.Edges {
		if err := g.AddEdge(e.From, e.To, e.Kind, e.Weight); err != nil {
			return nil, fmt.Errorf("read graph: edge %d: %w", i, err)
		}
	}
	return g, nil
}
