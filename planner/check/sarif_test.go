package check

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the official SARIF 2.1.0 schema vendored under
// testdata/sarif, asserting formats (uri, uri-reference, ...) too.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(s *jsonschema.Schema, data []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// TestSARIFSchema validates ficus's SARIF against the OASIS schema: with
// a violation of every kind, with none, and with positions that need
// escaping in a URI.
func TestSARIFSchema(t *testing.T) {
	schema := sarifSchema(t)
	p, doc := sample()
	full, err := Run(context.Background(), Input{Plan: p, Graph: doc, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	full.Violations = append(full.Violations, Violation{Kind: KindState, Pos: "k/k.go:5", From: "m/a.Place", To: "m/k.Counter",
		FromService: "a", ToService: "(shared)", Message: "writes", Fix: "own it"})
	kinds := map[Kind]bool{}
	for _, v := range full.Violations {
		kinds[v.Kind] = true
	}
	if len(kinds) != len(Kinds()) {
		t.Fatalf("the sample has kinds %v, want all of %v", kinds, Kinds())
	}
	tests := []struct {
		name string
		r    *Result
	}{
		{"every kind", full},
		{"clean", &Result{Schema: Schema, Violations: []Violation{}}},
		{"no line", &Result{Violations: []Violation{{Kind: KindAPI, Pos: "a b/ü.go", Message: "m", Fix: "f"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSARIF(&b, tt.r, "v1.2.3"); err != nil {
				t.Fatal(err)
			}
			if err := validate(schema, b.Bytes()); err != nil {
				t.Errorf("SARIF does not validate: %v\n%s", err, b.String())
			}
			if strings.Contains(b.String(), `"uri": "a b/`) {
				t.Errorf("a space in a path is not escaped:\n%s", b.String())
			}
			if n := strings.Count(b.String(), `"ruleId"`); n != len(tt.r.Violations) {
				t.Errorf("%d results, want %d", n, len(tt.r.Violations))
			}
		})
	}
}

// TestSARIFSchemaRejects shows the validation can fail: a log without a
// version, and a result with a line of 0, are refused.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := sarifSchema(t)
	for _, bad := range []string{
		`{"runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ficus"}}, "results": [{"message": {"text": "x"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`,
	} {
		if err := validate(schema, []byte(bad)); err == nil {
			t.Errorf("the schema accepts %s", bad)
		}
	}
}
