//go:build !ficus_nosvg

package reports

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// svgSummary is what a test reads back from an SVG written by dot: the
// root element, the node and edge groups, and every text drawn.
type svgSummary struct {
	root  string
	nodes int
	edges int
	texts []string
}

func readSVG(t *testing.T, b []byte) svgSummary {
	t.Helper()
	var s svgSummary
	d := xml.NewDecoder(bytes.NewReader(b))
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return s
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if s.root == "" {
				s.root = tok.Name.Local
			}
			inText = tok.Name.Local == "text"
			for _, a := range tok.Attr {
				if tok.Name.Local == "g" && a.Name.Local == "class" {
					switch a.Value {
					case "node":
						s.nodes++
					case "edge":
						s.edges++
					}
				}
			}
		case xml.CharData:
			if inText {
				s.texts = append(s.texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
}

func TestWriteSVG(t *testing.T) {
	g := loadShop(t)
	shop, err := PackagesView(g, Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		view *View
	}{
		{"two nodes in a group", &View{
			Kind:  ViewPackages,
			Title: "small",
			Nodes: []ViewNode{
				{ID: "a", Label: "orders", Kind: "package", Group: "svc"},
				{ID: "b", Label: "billing", Kind: "package"},
			},
			Edges:  []ViewEdge{{From: "a", To: "b", Weight: 2, Label: "2 calls"}},
			Groups: []ViewGroup{{ID: "svc", Label: "service orders"}},
		}},
		{"shop packages", shop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := WriteSVG(context.Background(), &out, tt.view); err != nil {
				t.Fatalf("WriteSVG: %v", err)
			}
			got := readSVG(t, out.Bytes())
			if got.root != "svg" {
				t.Errorf("root element %q, want svg", got.root)
			}
			if got.nodes != len(tt.view.Nodes) || got.edges != len(tt.view.Edges) {
				t.Errorf("drew %d nodes and %d edges, want %d and %d",
					got.nodes, got.edges, len(tt.view.Nodes), len(tt.view.Edges))
			}
			for _, want := range append([]string{tt.view.Title}, labels(tt.view)...) {
				if !slices.Contains(got.texts, want) {
					t.Errorf("text %q not drawn; texts: %q", want, got.texts)
				}
			}
		})
	}
}

// TestWriteSVGTwice checks that the second rendering, which reuses the
// module instantiated by the first, gives the same document.
func TestWriteSVGTwice(t *testing.T) {
	v := &View{Title: "again", Nodes: []ViewNode{{ID: "a", Label: "a"}, {ID: "b", Label: "b"}},
		Edges: []ViewEdge{{From: "a", To: "b", Weight: 1}}}
	var first, second bytes.Buffer
	if err := WriteSVG(context.Background(), &first, v); err != nil {
		t.Fatal(err)
	}
	if err := WriteSVG(context.Background(), &second, v); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("second rendering differs from the first:\n%s\n---\n%s", first.Bytes(), second.Bytes())
	}
}

// labels are the node and group labels of v, which dot draws as they are
// (edge labels get the weight appended by WriteDOT).
func labels(v *View) []string {
	var out []string
	for _, n := range v.Nodes {
		out = append(out, n.Label)
	}
	for _, g := range v.Groups {
		out = append(out, g.Label)
	}
	return out
}

// TestStartupDoesNotLoadGraphviz runs this test binary again, with no test
// selected and the runtime's init trace on, and checks that the packages of
// the embedded Graphviz and of the WebAssembly runtime are linked but do no
// work at package initialisation: compiling and instantiating the module
// allocates megabytes, so a limit of 64 KiB per package tells it apart.
func TestStartupDoesNotLoadGraphviz(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s -test.run=^$: %v\n%s", exe, err, out)
	}
	const limit = 64 << 10
	linked := 0
	for _, line := range strings.Split(string(out), "\n") {
		var pkg, at, clock string
		var bytes, allocs int
		// init PKG @T ms, C ms clock, B bytes, A allocs
		if _, err := fmt.Sscanf(line, "init %s @%s ms, %s ms clock, %d bytes, %d allocs", &pkg, &at, &clock, &bytes, &allocs); err != nil {
			continue
		}
		if !strings.Contains(pkg, "graphviz") && !strings.Contains(pkg, "wazero") {
			continue
		}
		linked++
		if bytes > limit {
			t.Errorf("init of %s allocates %d bytes (%s ms): Graphviz is loaded at start-up, not on the first WriteSVG", pkg, bytes, clock)
		}
	}
	if linked == 0 {
		t.Fatalf("no init trace of a graphviz or wazero package: the trace format changed or SVG is not linked\n%s", out)
	}
}
