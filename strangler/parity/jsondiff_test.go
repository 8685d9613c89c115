package parity

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDiffJSON(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []Difference
	}{
		{"equal, keys reordered", `{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, nil},
		{"value", `{"a":1}`, `{"a":2}`, []Difference{{Path: "$.a", At: "$.a", Kind: DiffValue, A: "1", B: "2"}}},
		{"numbers by value", `{"a":2,"b":-0,"c":1e2}`, `{"a":2.0,"b":0,"c":100}`, nil},
		{"big integers exactly", `{"a":12345678901234567891}`, `{"a":12345678901234567892}`,
			[]Difference{{Path: "$.a", At: "$.a", Kind: DiffValue, A: "12345678901234567891", B: "12345678901234567892"}}},
		{"type", `{"a":"1"}`, `{"a":1}`, []Difference{{Path: "$.a", At: "$.a", Kind: DiffType, A: `"1"`, B: "1"}}},
		{"missing and extra", `{"a":1}`, `{"b":1}`, []Difference{
			{Path: "$.a", At: "$.a", Kind: DiffMissing, A: "1"},
			{Path: "$.b", At: "$.b", Kind: DiffExtra, B: "1"},
		}},
		{"array element", `{"items":[{"id":1,"p":2},{"id":2,"p":3}]}`, `{"items":[{"id":1,"p":2},{"id":2,"p":4}]}`,
			[]Difference{{Path: "$.items[*].p", At: "$.items[1].p", Kind: DiffValue, A: "3", B: "4"}}},
		{"reordered by id, one price off", `{"items":[{"id":1,"p":2},{"id":2,"p":3},{"id":3,"p":5}]}`, `{"items":[{"id":3,"p":5},{"id":2,"p":3.01},{"id":1,"p":2}]}`,
			[]Difference{
				{Path: "$.items[order]", At: "$.items[order]", Kind: DiffOrder, A: "[0,1,2]", B: "[2,1,0]"},
				{Path: "$.items[*].p", At: "$.items[1].p", Kind: DiffValue, A: "3", B: "3.01"},
			}},
		{"deleted element shifts nothing", `[{"sku":"a","n":1},{"sku":"b","n":2},{"sku":"c","n":3}]`, `[{"sku":"a","n":1},{"sku":"c","n":3}]`,
			[]Difference{{Path: "$[*]", At: "$[1]", Kind: DiffMissing, A: `{"n":2,"sku":"b"}`}}},
		{"renamed field inside reordered elements", `[{"userId":7,"status":"ok"},{"userId":8,"status":"ok"}]`, `[{"userId":8,"state":"ok"},{"userId":7,"state":"ok"}]`,
			[]Difference{
				{Path: "$[order]", At: "$[order]", Kind: DiffOrder, A: "[0,1]", B: "[1,0]"},
				{Path: "$[*].state", At: "$[0].state", Kind: DiffExtra, B: `"ok"`},
				{Path: "$[*].status", At: "$[0].status", Kind: DiffMissing, A: `"ok"`},
				{Path: "$[*].state", At: "$[1].state", Kind: DiffExtra, B: `"ok"`},
				{Path: "$[*].status", At: "$[1].status", Kind: DiffMissing, A: `"ok"`},
			}},
		{"scalars as a multiset", `[1,2,3]`, `[3,1,2]`, []Difference{{Path: "$[order]", At: "$[order]", Kind: DiffOrder, A: "[0,1,2]", B: "[2,0,1]"}}},
		{"keyless elements, one changed", `[{"a":1},{"a":2},{"a":3}]`, `[{"a":3},{"a":1},{"a":9}]`,
			[]Difference{
				{Path: "$[order]", At: "$[order]", Kind: DiffOrder, A: "[0,1,2]", B: "[2,0,1]"},
				{Path: "$[*].a", At: "$[1].a", Kind: DiffValue, A: "2", B: "9"},
			}},
		{"length", `[1,2]`, `[1]`, []Difference{{Path: "$[*]", At: "$[1]", Kind: DiffMissing, A: "2"}}},
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

func TestDiffOptions(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		a, b string
		want []Difference
	}{
		{"numbers as text", Options{NumbersAsText: true}, `{"a":2}`, `{"a":2.0}`,
			[]Difference{{Path: "$.a", At: "$.a", Kind: DiffValue, A: "2", B: "2.0"}}},
		{"configured key wins over id", Options{Keys: map[string]string{"$.rows": "code"}},
			`{"rows":[{"id":1,"code":"x","v":1},{"id":2,"code":"y","v":2}]}`, `{"rows":[{"id":5,"code":"y","v":2},{"id":6,"code":"x","v":1}]}`,
			[]Difference{
				{Path: "$.rows[order]", At: "$.rows[order]", Kind: DiffOrder, A: "[0,1]", B: "[1,0]"},
				{Path: "$.rows[*].id", At: "$.rows[0].id", Kind: DiffValue, A: "1", B: "6"},
				{Path: "$.rows[*].id", At: "$.rows[1].id", Kind: DiffValue, A: "2", B: "5"},
			}},
		{"timestamps within tolerance", Options{TimeTolerance: 2 * time.Second},
			`{"at":"2026-01-02T10:00:00Z","u":"2026-01-02T10:00:00Z"}`, `{"at":"2026-01-02T11:00:01.5+01:00","u":"2026-01-02T10:00:03Z"}`,
			[]Difference{{Path: "$.u", At: "$.u", Kind: DiffValue, A: `"2026-01-02T10:00:00Z"`, B: `"2026-01-02T10:00:03Z"`}}},
		{"timestamps exact without tolerance", Options{},
			`{"at":"2026-01-02T10:00:00Z"}`, `{"at":"2026-01-02T10:00:00.000Z"}`,
			[]Difference{{Path: "$.at", At: "$.at", Kind: DiffValue, A: `"2026-01-02T10:00:00Z"`, B: `"2026-01-02T10:00:00.000Z"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.o.Diff([]byte(tt.a), []byte(tt.b))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Diff (-want +got):\n%s", d)
			}
		})
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
	for _, s := range []string{"$", "$.a", "$.items[3].id", "$.items[*]", `$["a b"].c`, "$.a[", "$.a[x]", "$.items[order]", "a"} {
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
