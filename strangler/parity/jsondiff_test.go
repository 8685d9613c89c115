package parity

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiffJSON(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []Difference
	}{
		{"equal, keys reordered", `{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, nil},
		{"value", `{"a":1}`, `{"a":2}`, []Difference{{Path: "$.a", At: "$.a", Kind: DiffValue, A: "1", B: "2"}}},
		{"number text", `{"a":1}`, `{"a":1.0}`, []Difference{{Path: "$.a", At: "$.a", Kind: DiffValue, A: "1", B: "1.0"}}},
		{"type", `{"a":"1"}`, `{"a":1}`, []Difference{{Path: "$.a", At: "$.a", Kind: DiffType, A: `"1"`, B: "1"}}},
		{"missing and extra", `{"a":1}`, `{"b":1}`, []Difference{
			{Path: "$.a", At: "$.a", Kind: DiffMissing, A: "1"},
			{Path: "$.b", At: "$.b", Kind: DiffExtra, B: "1"},
		}},
		{"array element", `{"items":[{"id":1,"p":2},{"id":2,"p":3}]}`, `{"items":[{"id":1,"p":2},{"id":2,"p":4}]}`,
			[]Difference{{Path: "$.items[*].p", At: "$.items[1].p", Kind: DiffValue, A: "3", B: "4"}}},
		{"length", `[1,2]`, `[1]`, []Difference{{Path: "$", At: "$", Kind: DiffLength, A: "2", B: "1"}}},
		{"odd key", `{"a b":true}`, `{"a b":false}`, []Difference{{Path: `$["a b"]`, At: `$["a b"]`, Kind: DiffValue, A: "true", B: "false"}}},
		{"null", `null`, `{}`, []Difference{{Path: "$", At: "$", Kind: DiffType, B: "{}"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DiffJSON([]byte(tt.a), []byte(tt.b))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("DiffJSON (-want +got):\n%s", d)
			}
		})
	}
	if _, err := DiffJSON([]byte(`{"a":1}`), []byte(`<html>`)); !errors.Is(err, ErrNotJSON) {
		t.Errorf("garbage: err %v, want ErrNotJSON", err)
	}
	if _, err := DiffJSON([]byte(`1 2`), []byte(`1`)); !errors.Is(err, ErrNotJSON) {
		t.Errorf("two values: err %v, want ErrNotJSON", err)
	}
}

func FuzzDiffJSON(f *testing.F) {
	f.Add([]byte(`{"a":1,"b":[1,{"c":null}]}`), []byte(`{"a":2,"b":[1]}`))
	f.Add([]byte(`[]`), []byte(`{}`))
	f.Add([]byte(`"x"`), []byte(`not json`))
	f.Add([]byte(`{"a b":{"\"":1}}`), []byte(`{"a b":{"\"":2}}`))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		ds, err := DiffJSON(a, b)
		if err != nil {
			if !errors.Is(err, ErrNotJSON) {
				t.Fatalf("error %v is not ErrNotJSON", err)
			}
			return
		}
		if len(ds) > maxDifferences {
			t.Fatalf("%d differences, more than the bound", len(ds))
		}
		self, err := DiffJSON(a, a)
		if err != nil || len(self) != 0 {
			t.Fatalf("a document differs from itself: %v %v", self, err)
		}
		back, _ := DiffJSON(b, a)
		if len(back) != len(ds) && len(ds) < maxDifferences && len(back) < maxDifferences {
			t.Fatalf("asymmetric: %d differences one way, %d the other", len(ds), len(back))
		}
		for _, d := range ds {
			if d.Path == "" || d.Path[0] != '$' {
				t.Fatalf("bad path %q", d.Path)
			}
			if _, err := ParseGlob(d.Path); err != nil && !containsQuote(d.Path) {
				t.Fatalf("reported path %q cannot be ignored: %v", d.Path, err)
			}
		}
	})
}

func containsQuote(s string) bool {
	for i := range len(s) {
		if s[i] == '"' {
			return true
		}
	}
	return false
}

func FuzzPathGlob(f *testing.F) {
	for _, s := range []string{"$", "$.a", "$.items[3].id", "$.items[*]", `$["a b"].c`, "$.a[", "$.a[x]", "a"} {
		f.Add(s, "$.items[*].id")
	}
	f.Fuzz(func(t *testing.T, glob, path string) {
		g, err := ParseGlob(glob)
		if err != nil {
			return
		}
		again, err := ParseGlob(string(g))
		if err != nil || again != g {
			t.Fatalf("normalising %q twice: %q then %q, %v", glob, g, again, err)
		}
		if !g.Covers(string(g)) {
			t.Fatalf("%q does not cover itself", g)
		}
		_ = g.Covers(path)
	})
}
