package planner

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    func(*Config)
		wantErr string
	}{
		{name: "empty file", yaml: "", want: func(*Config) {}},
		{name: "other sections only", yaml: "events:\n  publish: [Emit]\nsql:\n  methods: [Exec]\n", want: func(*Config) {}},
		{name: "analyzer's prefixes and history sections", yaml: "prefixes:\n  cfg.Prefix: /api\nhistory:\n  since: 1.year.ago\n", want: func(*Config) {}},
		{
			name: "weights and kernel",
			yaml: "plan:\n  weights:\n    calls: 2\n    names: 0\n  kernel:\n    spread: 4\n    include: [\"pkg:example.com/x/log\"]\n  services: 3\n",
			want: func(c *Config) {
				c.Weights.Calls, c.Weights.Names = 2, 0
				c.Kernel.Spread, c.Kernel.Include = 4, []string{"pkg:example.com/x/log"}
				c.Services = 3
			},
		},
		{
			name: "constraints",
			yaml: "plan:\n  pin:\n    orders: [\"route:GET /orders\"]\n  together:\n    - [a, b]\n  apart:\n    - [c, d]\n",
			want: func(c *Config) {
				c.Pin = map[string][]string{"orders": {"route:GET /orders"}}
				c.Together, c.Apart = [][]string{{"a", "b"}}, [][]string{{"c", "d"}}
			},
		},
		{name: "co-changes weight", yaml: "plan:\n  weights:\n    co_changes: 3\n", want: func(c *Config) { c.Weights.CoChanges = 3 }},
		{name: "unknown key", yaml: "plan:\n  weights:\n    calls: 1\n    callz: 2\n", wantErr: "[4:5] unknown field \"callz\""},
		{name: "unknown section", yaml: "plans:\n  services: 2\n", wantErr: "unknown field \"plans\""},
		{name: "negative weight", yaml: "plan:\n  weights:\n    reads: -1\n", wantErr: "plan.weights.reads is -1"},
		{name: "spread of one", yaml: "plan:\n  kernel:\n    spread: 1\n", wantErr: "use 0 (no kernel) or 2 and more"},
		{name: "kernel share", yaml: "plan:\n  kernel:\n    max_share: 0.3\n  weights:\n    stems: 2\n", want: func(c *Config) { c.Kernel.MaxShare, c.Weights.Stems = 0.3, 2 }},
		{name: "kernel share of 0", yaml: "plan:\n  kernel:\n    max_share: 0\n", wantErr: "plan.kernel.max_share is 0"},
		{name: "kernel share above 1", yaml: "plan:\n  kernel:\n    max_share: 1.5\n", wantErr: "at most 1"},
		{name: "negative services", yaml: "plan:\n  services: -2\n", wantErr: "plan.services is -2"},
		{name: "wrong type", yaml: "plan:\n  services: many\n", wantErr: "ficus.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseConfig("ficus.yaml", []byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := DefaultConfig()
			tt.want(&want)
			if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Config{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	got, err := LoadConfig(dir)
	if err != nil {
		t.Fatalf("no ficus.yaml: %v", err)
	}
	if diff := cmp.Diff(DefaultConfig(), got, cmpopts.IgnoreUnexported(Config{})); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte("plan:\n  seed: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(dir); err == nil || !strings.Contains(err.Error(), "unknown field \"seed\"") {
		t.Errorf("error %v, want the unknown field named", err)
	}
}

// TestConstraintErrorsShowLines checks that an unknown id in a constraint
// is reported at its line, with near matches.
func TestConstraintErrorsShowLines(t *testing.T) {
	cfg, err := ParseConfig("ficus.yaml", []byte("plan:\n  pin:\n    orders:\n      - \"route:GET /orders\"\n      - \"table:order\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(testGraph([]string{"route GET /orders", "func h", "table orders"}, []string{"GET /orders handles h"}))
	_, err = resolveConstraints(m, newRoles(m), cfg)
	if !errors.Is(err, ErrConstraint) {
		t.Fatalf("error %v, want ErrConstraint", err)
	}
	for _, want := range []string{"ficus.yaml:5", `no unit "table:order"`, `did you mean "table:orders"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"", "plan:\n  services: 2\n", "plan:\n  weights:\n    calls: 1.5\n",
		"plan:\n  pin:\n    a: [x]\n  apart:\n    - [x, y]\n", "plan: [1, 2]\n", "plan:\n  kernel:\n    spread: 0\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cfg, err := ParseConfig("ficus.yaml", []byte(s))
		if err != nil {
			return
		}
		if cfg.Services < 0 || (cfg.Kernel.Spread != 0 && cfg.Kernel.Spread < 2) {
			t.Errorf("accepted an invalid configuration: %+v", cfg)
		}
		_ = cfg.where("$.plan.pin")
	})
}
