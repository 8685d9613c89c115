package planner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestDecodeGraphRejectsBadInput(t *testing.T) {
	good := `{"schema":"ficus.graph/v1","module":"m","nodes":[{"id":"a","kind":"func","lines":1},{"id":"b","kind":"func","lines":1}],"edges":[{"from":"a","to":"b","kind":"calls","weight":1}],"diagnostics":[]}`
	tests := []struct {
		name       string
		in         string
		wantErr    string
		wantSchema bool
	}{
		{name: "good", in: good},
		{name: "empty file", in: "", wantErr: "empty or truncated"},
		{name: "truncated", in: good[:len(good)/2], wantErr: "empty or truncated"},
		{name: "not json", in: "hello", wantErr: "read graph"},
		{name: "other schema", in: `{"schema":"ficus.plan/v1"}`, wantErr: "pass the output of 'ficus analyze'", wantSchema: true},
		{name: "other version", in: `{"schema":"ficus.graph/v9"}`, wantErr: "is not supported", wantSchema: true},
		{name: "no schema", in: `{"nodes":[]}`, wantErr: `schema is ""`, wantSchema: true},
		{name: "dangling edge", in: strings.Replace(good, `"to":"b"`, `"to":"c"`, 1), wantErr: "unknown node"},
		{name: "zero weight", in: strings.Replace(good, `"weight":1`, `"weight":0`, 1), wantErr: "weight 0"},
		{name: "duplicate node", in: strings.Replace(good, `"id":"b"`, `"id":"a"`, 1), wantErr: "appears twice"},
		{name: "node without id", in: strings.Replace(good, `"id":"b"`, `"id":""`, 1), wantErr: "has no id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeGraph(strings.NewReader(tt.in))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if got := errors.Is(err, analyzer.ErrSchema); got != tt.wantSchema {
				t.Errorf("errors.Is(err, analyzer.ErrSchema) = %v, want %v", got, tt.wantSchema)
			}
		})
	}
}

func TestReadPlanRejectsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{name: "truth shape", in: `{"schema":"ficus.plan/v1","services":[{"name":"a","members":["x"]}],"shared":["y"]}`},
		{name: "empty", in: "", wantErr: "empty or truncated"},
		{name: "graph instead", in: `{"schema":"ficus.graph/v1"}`, wantErr: "want \"ficus.plan/v1\""},
		{name: "newer version", in: `{"schema":"ficus.plan/v2"}`, wantErr: "is not supported"},
		{name: "unit twice", in: `{"schema":"ficus.plan/v1","services":[{"name":"a","members":["x"]},{"name":"b","members":["x"]}]}`, wantErr: "x is in service a and in service b"},
		{name: "unit in service and kernel", in: `{"schema":"ficus.plan/v1","services":[{"name":"a","members":["x"]}],"shared":["x"]}`, wantErr: "in service a and in shared"},
		{name: "no name", in: `{"schema":"ficus.plan/v1","services":[{"members":["x"]}]}`, wantErr: "has no name"},
		{name: "same name", in: `{"schema":"ficus.plan/v1","services":[{"name":"a"},{"name":"a"}]}`, wantErr: "two services are named"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadPlan(strings.NewReader(tt.in))
			if tt.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestProposeOnOddGraphs plans graphs at the edges of what can be planned:
// each must give a clear error or a sensible plan, never a panic.
func TestProposeOnOddGraphs(t *testing.T) {
	tests := []struct {
		name         string
		doc          analyzer.Document
		wantErr      error
		wantServices int
	}{
		{name: "empty", doc: analyzer.Document{Schema: analyzer.Schema}, wantErr: ErrNothingToPlan},
		{name: "packages only", doc: testGraph([]string{"package pkg:a", "package pkg:b"}, []string{"pkg:a imports pkg:b"}), wantErr: ErrNothingToPlan},
		{name: "one symbol", doc: testGraph([]string{"func a"}, nil), wantServices: 1},
		{name: "no edges", doc: testGraph([]string{"func a", "func b", "type T", "var V"}, nil), wantServices: 1},
		{name: "one package", doc: testGraph([]string{"func a", "func b", "func c", "func d"}, []string{"a calls b", "b calls c", "c calls d", "d calls a"}), wantServices: 1},
		{name: "route without handler", doc: testGraph([]string{"route GET /x", "table x"}, nil), wantServices: 1},
		{name: "self loop", doc: testGraph([]string{"func a", "func b"}, []string{"a calls a", "a calls b"}), wantServices: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, services := range []int{0, 3} {
				p, err := Propose(context.Background(), tt.doc, Options{Seed: 1, Config: DefaultConfig(), Services: services})
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) {
						t.Fatalf("error %v, want %v", err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := len(p.Services); got != tt.wantServices {
					t.Errorf("services=%d: %d services, want %d", services, got, tt.wantServices)
				}
				var buf strings.Builder
				if err := WriteSummary(&buf, p); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func FuzzDecodeGraph(f *testing.F) {
	f.Add(`{"schema":"ficus.graph/v1","nodes":[{"id":"a","kind":"func"},{"id":"b","kind":"type"}],"edges":[{"from":"a","to":"b","kind":"references","weight":2}]}`)
	f.Add(`{"schema":"ficus.graph/v1","nodes":[{"id":"route:GET /","kind":"route"},{"id":"h","kind":"func","pos":"a.go:1","lines":3}],"edges":[{"from":"route:GET /","to":"h","kind":"handles","weight":1}]}`)
	f.Add(`{"schema":"ficus.graph/v1"}`)
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := DecodeGraph(strings.NewReader(s))
		if err != nil {
			return
		}
		p, err := Propose(context.Background(), doc, Options{Seed: 1, Config: DefaultConfig()})
		if err != nil && !errors.Is(err, ErrNothingToPlan) {
			t.Errorf("valid graph, planning failed: %v", err)
		}
		if p != nil {
			if _, err := ReadPlan(strings.NewReader(mustJSON(t, p))); err != nil {
				t.Errorf("a plan does not read back: %v", err)
			}
		}
	})
}

func FuzzReadPlan(f *testing.F) {
	f.Add(`{"schema":"ficus.plan/v1","services":[{"name":"a","members":["x"]}],"shared":["y"]}`)
	f.Add(`{"schema":"ficus.plan/v1","services":[]}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ReadPlan(strings.NewReader(s))
		if err != nil {
			return
		}
		Score(p, p)
	})
}

func mustJSON(t *testing.T, p *Plan) string {
	t.Helper()
	var b strings.Builder
	if err := p.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
