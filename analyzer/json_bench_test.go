package analyzer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// benchDocument is the JSON of a generated graph of n functions in 50
// packages, each calling the next three: the shape and size of a large
// monolith's graph document.
func benchDocument(b *testing.B, n int) []byte {
	b.Helper()
	d := Document{Schema: Schema, Module: "example.com/shop", Diagnostics: []Diagnostic{}}
	id := func(i int) string { return fmt.Sprintf("example.com/shop/internal/area%d.Func%d", i%50, i) }
	for i := range n {
		d.Nodes = append(d.Nodes, Node{ID: id(i), Kind: KindFunc, Name: fmt.Sprintf("Func%d", i),
			Package: fmt.Sprintf("example.com/shop/internal/area%d", i%50), Pos: fmt.Sprintf("internal/area%d/f%d.go:%d", i%50, i%7, i%300+1), Lines: i%40 + 1})
	}
	for i := range n {
		for j := 1; j <= 3; j++ {
			d.Edges = append(d.Edges, Edge{From: id(i), To: id((i + j*17) % n), Kind: EdgeCalls, Weight: j})
		}
	}
	var buf bytes.Buffer
	if err := d.WriteJSON(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkDecodeDocument reads a graph document as ficus does; its
// baseline, BenchmarkDecodeDocumentStd, decodes the same bytes with
// encoding/json, which DecodeDocument used before.
func BenchmarkDecodeDocument(b *testing.B) {
	data := benchDocument(b, 20000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DecodeDocument(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeDocumentStd(b *testing.B) {
	data := benchDocument(b, 20000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var d Document
		if err := json.NewDecoder(bytes.NewReader(data)).Decode(&d); err != nil {
			b.Fatal(err)
		}
		if err := d.Check(); err != nil {
			b.Fatal(err)
		}
	}
}
