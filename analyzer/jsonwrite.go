package analyzer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// docWriter writes a graph document exactly as encoding/json's Encoder
// does with SetIndent("", "  ") and SetEscapeHTML(false), byte for byte
// (TestWriteJSONMatchesEncodingJSON and FuzzWriteJSON hold it to that),
// but without reflection and the second pass that indents: on graphs of
// hundreds of thousands of edges, writing was a good part of the time of
// 'ficus analyze' after the packages were checked. Values it has no fast
// path for (a node's traffic, diagnostics, strings that need escaping)
// go through encoding/json itself.
type docWriter struct {
	w   *bufio.Writer
	buf []byte
	// slow encodes what has no fast path, with the document's settings.
	slow    bytes.Buffer
	slowEnc *json.Encoder
	err     error
}

func newDocWriter(w io.Writer) *docWriter {
	d := &docWriter{w: bufio.NewWriterSize(w, 1<<16)}
	d.slowEnc = json.NewEncoder(&d.slow)
	d.slowEnc.SetEscapeHTML(false)
	return d
}

// flush writes the buffered bytes out.
func (d *docWriter) flush() {
	if d.err == nil {
		_, d.err = d.w.Write(d.buf)
	}
	d.buf = d.buf[:0]
}

// encodeSlow appends v as encoding/json writes it at this prefix.
func (d *docWriter) encodeSlow(v any, prefix string) {
	d.slow.Reset()
	d.slowEnc.SetIndent(prefix, "  ")
	if err := d.slowEnc.Encode(v); err != nil && d.err == nil {
		d.err = err
	}
	d.buf = append(d.buf, bytes.TrimSuffix(d.slow.Bytes(), []byte("\n"))...)
}

// str appends s as a JSON string.
func (d *docWriter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			d.encodeSlow(s, "")
			return
		}
	}
	d.buf = append(d.buf, '"')
	d.buf = append(d.buf, s...)
	d.buf = append(d.buf, '"')
}

// field appends a line `<indent>"name": ` after the previous one.
func (d *docWriter) field(first bool, indent, name string) {
	if !first {
		d.buf = append(d.buf, ',')
	}
	d.buf = append(d.buf, '\n')
	d.buf = append(d.buf, indent...)
	d.buf = append(d.buf, '"')
	d.buf = append(d.buf, name...)
	d.buf = append(d.buf, `": `...)
}

// array appends n elements, each written by elem, as an indented array
// member of the top-level object.
func (d *docWriter) array(isNil bool, n int, elem func(i int)) {
	switch {
	case isNil:
		d.buf = append(d.buf, "null"...)
		return
	case n == 0:
		d.buf = append(d.buf, "[]"...)
		return
	}
	d.buf = append(d.buf, '[')
	for i := range n {
		if i > 0 {
			d.buf = append(d.buf, ',')
		}
		d.buf = append(d.buf, "\n    "...)
		elem(i)
		if len(d.buf) > 1<<15 {
			d.flush()
		}
	}
	d.buf = append(d.buf, "\n  ]"...)
}

const elemIndent = "      "

func (d *docWriter) node(n Node) {
	if n.Traffic != nil {
		d.encodeSlow(n, "    ")
		return
	}
	d.buf = append(d.buf, '{')
	d.field(true, elemIndent, "id")
	d.str(n.ID)
	d.field(false, elemIndent, "kind")
	d.str(string(n.Kind))
	d.field(false, elemIndent, "name")
	d.str(n.Name)
	d.optString("package", n.Package)
	d.optString("pos", n.Pos)
	d.field(false, elemIndent, "lines")
	d.buf = strconv.AppendInt(d.buf, int64(n.Lines), 10)
	d.optString("handler", n.Handler)
	d.optString("framework", n.Framework)
	d.optTrue("view", n.View)
	d.optTrue("generated", n.Generated)
	d.optTrue("external", n.External)
	d.buf = append(d.buf, "\n    }"...)
}

// optString appends a string field of a node, left out when empty
// (omitempty).
func (d *docWriter) optString(name, v string) {
	if v != "" {
		d.field(false, elemIndent, name)
		d.str(v)
	}
}

// optTrue appends a bool field of a node, left out when false.
func (d *docWriter) optTrue(name string, v bool) {
	if v {
		d.field(false, elemIndent, name)
		d.buf = append(d.buf, "true"...)
	}
}

func (d *docWriter) edge(e Edge) {
	d.buf = append(d.buf, '{')
	d.field(true, elemIndent, "from")
	d.str(e.From)
	d.field(false, elemIndent, "to")
	d.str(e.To)
	d.field(false, elemIndent, "kind")
	d.str(string(e.Kind))
	d.field(false, elemIndent, "weight")
	d.buf = strconv.AppendInt(d.buf, int64(e.Weight), 10)
	d.buf = append(d.buf, "\n    }"...)
}

// write writes the whole document.
func (d *docWriter) write(doc Document) error {
	d.buf = append(d.buf, '{')
	d.field(true, "  ", "schema")
	d.str(doc.Schema)
	d.field(false, "  ", "module")
	d.str(doc.Module)
	d.field(false, "  ", "nodes")
	d.array(doc.Nodes == nil, len(doc.Nodes), func(i int) { d.node(doc.Nodes[i]) })
	d.field(false, "  ", "edges")
	d.array(doc.Edges == nil, len(doc.Edges), func(i int) { d.edge(doc.Edges[i]) })
	d.field(false, "  ", "diagnostics")
	d.encodeSlow(doc.Diagnostics, "  ")
	d.buf = append(d.buf, "\n}\n"...)
	d.flush()
	if d.err == nil {
		d.err = d.w.Flush()
	}
	return d.err
}
