package planner

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// DecodeGraph reads a ficus.graph/v1 document and checks it as
// analyzer.ReadJSON does (schema, node ids, edge ends, weights) without
// building the analyzer's graph, which costs more than planning on graphs
// of a million edges. Schema errors wrap analyzer.ErrSchema.
func DecodeGraph(r io.Reader) (analyzer.Document, error) {
	var d analyzer.Document
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	if err := dec.Decode(&d); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return d, fmt.Errorf("read graph: the file is empty or truncated: %w; run 'ficus analyze' again to produce it", err)
		}
		return d, fmt.Errorf("read graph: %w; pass the JSON written by 'ficus analyze'", err)
	}
	if err := CheckGraph(d); err != nil {
		return analyzer.Document{}, err
	}
	return d, nil
}

// CheckGraph validates a graph document: its schema, that every node has a
// unique id and that every edge joins known nodes with a positive weight.
func CheckGraph(d analyzer.Document) error {
	if d.Schema != analyzer.Schema {
		if strings.HasPrefix(d.Schema, "ficus.graph/") {
			return fmt.Errorf("%w: schema %q is not supported, this ficus reads %q; re-run 'ficus analyze' with this version", analyzer.ErrSchema, d.Schema, analyzer.Schema)
		}
		return fmt.Errorf("%w: schema is %q, want %q; pass the output of 'ficus analyze'", analyzer.ErrSchema, d.Schema, analyzer.Schema)
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
