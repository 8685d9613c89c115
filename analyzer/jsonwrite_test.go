package analyzer

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// encodingJSON is what Document.WriteJSON must write: encoding/json's
// output with the document's settings.
func encodingJSON(t testing.TB, d Document) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func writeJSON(t testing.TB, d Document) string {
	var buf bytes.Buffer
	if err := d.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	full := Node{ID: "route:GET /a", Kind: KindRoute, Name: "GET /a", Package: "p", Pos: "a.go:1", Lines: 1, Handler: "static files from \"./public\"", Framework: "gin"}
	tests := []struct {
		name string
		doc  Document
	}{
		{"empty arrays", Document{Schema: Schema, Nodes: []Node{}, Edges: []Edge{}, Diagnostics: []Diagnostic{}}},
		{"nil arrays", Document{Schema: Schema, Module: "m"}},
		{"every node field", Document{Schema: Schema, Module: "m", Nodes: []Node{
			full,
			{ID: "table:v", Kind: KindTable, Name: "v", View: true},
			{ID: "pkg:fmt", Kind: KindPackage, Name: "fmt", Package: "fmt", External: true, Lines: -3},
			{ID: "route:GET /t", Kind: KindRoute, Name: "GET /t", Traffic: &Traffic{Requests: 10, Errors: 1, P50Ms: 0.0000001, P95Ms: 1e22}},
			{ID: "route:GET /u", Kind: KindRoute, Name: "GET /u", Traffic: &Traffic{Requests: 3, P50Ms: 12.5}},
		}, Edges: []Edge{}}},
		{"strings to escape", Document{Schema: Schema, Module: "a<b>&c", Nodes: []Node{
			{ID: "x\"y\\z", Kind: KindFunc, Name: "tab\tnl\ncr\rbs\bff\fnul\x00del\x7f"},
			{ID: "\u2028\u2029 é 日本 \xff\xfe invalid", Kind: KindFunc, Name: "<html>&amp;"},
		}, Edges: []Edge{{From: "x\"y\\z", To: "é", Kind: EdgeCalls, Weight: 2}}}},
		{"edges and diagnostics", Document{Schema: Schema, Module: "m", Nodes: []Node{full}, Edges: []Edge{
			{From: "a", To: "b", Kind: EdgeCalls, Weight: 1},
			{From: "a", To: "b", Kind: EdgeReferences, Weight: 300},
		}, Diagnostics: []Diagnostic{{Package: "p", Pos: "a.go:3", Kind: DiagRoute, Message: "route <x> & y", Hint: "h"}, {Kind: DiagConfig, Message: "m"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(encodingJSON(t, tt.doc), writeJSON(t, tt.doc)); diff != "" {
				t.Errorf("WriteJSON differs from encoding/json (-encoding/json +WriteJSON):\n%s", diff)
			}
		})
	}
}

func FuzzWriteJSON(f *testing.F) {
	f.Add("pkg:a", "name", "a.go:1", "calls", 1)
	f.Add("\u2028<>&\"\\", "\xff\x00", "\t", "reads", -5)
	f.Fuzz(func(t *testing.T, id, name, pos, kind string, n int) {
		d := Document{Schema: Schema, Module: name,
			Nodes:       []Node{{ID: id, Kind: NodeKind(kind), Name: name, Pos: pos, Lines: n, Framework: kind}},
			Edges:       []Edge{{From: id, To: name, Kind: EdgeKind(kind), Weight: n}},
			Diagnostics: []Diagnostic{{Message: name}},
		}
		if want, got := encodingJSON(t, d), writeJSON(t, d); want != got {
			t.Errorf("WriteJSON differs from encoding/json:\nwant %q\ngot  %q", want, got)
		}
	})
}
