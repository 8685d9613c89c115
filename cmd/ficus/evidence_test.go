package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// TestEvidenceCoverageRecipe runs the per-route coverage recipe of
// docs/evidence.md end to end on 127.0.0.1: the sample monolith built with
// -cover, one fresh run per route of its recorded traffic (plus a baseline
// run that serves nothing), then ficus analyze, ficus evidence --coverage
// and ficus plan. Each route must be seen running its own code and not the
// code of unrelated routes; every unit the evidence moves must be explained
// in the plan, and the plan must agree with the monolith's truth about as
// well as the plan without (evidence only decides near-ties of structure).
func TestEvidenceCoverageRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the sample monolith once per route")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the recipe builds the monolith with the go command, which is not on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	root, _ := filepath.Abs("../..")
	mono := filepath.Join(root, "testdata/monolith")
	dir := t.TempDir()
	shop := filepath.Join(dir, "shop")
	build := exec.CommandContext(ctx, "go", "build", "-cover", "-covermode=count", "-o", shop, "./cmd/shop")
	build.Dir = mono
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -cover: %v\n%s", err, b)
	}
	traffic := buildDemo(ctx, t, filepath.Join(mono, "traffic"), ".", filepath.Join(dir, "traffic"))
	requests := filepath.Join(mono, "traffic", "requests.txt")
	list, err := exec.CommandContext(ctx, traffic, "-list", requests).Output()
	if err != nil {
		t.Fatalf("traffic -list: %v", err)
	}
	routes := strings.Split(strings.TrimSpace(string(list)), "\n")

	cov := filepath.Join(dir, "coverage")
	serve := func(sub, route string) {
		t.Helper()
		d := filepath.Join(cov, sub)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("GOCOVERDIR", d)
		addr, stop := startDemoStoppable(ctx, t, shop, "-addr", "127.0.0.1:0", "-jobs=false")
		if route != "" {
			if err := os.WriteFile(filepath.Join(d, "route"), []byte(route+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if b, err := exec.CommandContext(ctx, traffic, "-base", "http://"+addr, "-route", route, requests).CombinedOutput(); err != nil {
				t.Fatalf("replay %s: %v\n%s", route, err, b)
			}
		}
		stop() // the counters are written when the shop exits
	}
	serve("baseline", "")
	for i, r := range routes {
		serve("route"+strconv.Itoa(i), r)
	}

	graph, withEv := filepath.Join(dir, "graph.json"), filepath.Join(dir, "graph-evidence.json")
	cli(t, 0, "analyze", mono, "-o", graph)
	cli(t, 0, "evidence", "--graph", graph, "--coverage", cov, "-o", withEv)

	var doc analyzer.Document
	if err := json.Unmarshal([]byte(readFile(t, withEv)), &doc); err != nil {
		t.Fatal(err)
	}
	runs := map[string]map[string]bool{}
	for _, e := range doc.Edges {
		if e.Kind == analyzer.EdgeExecutes {
			if runs[e.From] == nil {
				runs[e.From] = map[string]bool{}
			}
			runs[e.From][e.To] = true
		}
	}
	const shopPkg = "example.com/shop/internal/"
	tests := []struct {
		route            string
		wantRuns, notRun []string
	}{
		{"route:GET /products/{id}",
			[]string{"handlers.(*CatalogHandler).Get", "services.(*CatalogServiceImpl).Product", "repository.(*MemoryCatalogRepository).Product"},
			[]string{"services.(*OrderServiceImpl).Place", "handlers.(*CustomersHandler).Get", "app.seed"}},
		{"route:POST /orders",
			[]string{"handlers.(*OrdersHandler).Place", "services.(*OrderServiceImpl).Place", "repository.(*MemoryOrderRepository).Create"},
			[]string{"handlers.(*CatalogHandler).Get", "services.(*ShippingServiceImpl).Dispatch"}},
		{"route:GET /customers/{id}/summary",
			[]string{"handlers.(*CustomersHandler).Summary", "services.(*CustomerServiceImpl).Summary"},
			[]string{"services.(*OrderServiceImpl).Place"}},
	}
	for _, tt := range tests {
		t.Run(tt.route, func(t *testing.T) {
			for _, f := range tt.wantRuns {
				if !runs[tt.route][shopPkg+f] {
					t.Errorf("%s is not seen running %s", tt.route, f)
				}
			}
			for _, f := range tt.notRun {
				if runs[tt.route][shopPkg+f] {
					t.Errorf("%s is seen running %s, which it never calls", tt.route, f)
				}
			}
		})
	}
	if len(runs) != len(routes) {
		t.Errorf("%d routes have executes edges, want all %d replayed", len(runs), len(routes))
	}

	truth := readPlanT(t, filepath.Join(mono, "truth.json"))
	plan := func(graph, name string) *planner.Plan {
		out := filepath.Join(dir, name)
		cli(t, 0, "plan", "--graph", graph, "--seed", "1", "-o", out)
		return readPlanT(t, out)
	}
	static, withCov := plan(graph, "plan.json"), plan(withEv, "plan-evidence.json")
	before, after := static.Labels(), withCov.Labels()
	placed := map[string]string{}
	for _, sv := range withCov.Services {
		for _, e := range sv.Evidence {
			placed[e.Unit] = sv.Name
		}
	}
	for u, s := range after {
		if s != before[u] && placed[u] != s {
			t.Errorf("%s moved from %s to %s, and no evidence placement of %s says why", u, before[u], s, s)
		}
	}
	a, b := planner.Score(static, truth).ARI, planner.Score(withCov, truth).ARI
	t.Logf("ARI against the truth: static %.3f, with coverage %.3f; %d units placed by evidence", a, b, len(placed))
	if b < a-0.02 {
		t.Errorf("coverage evidence made the plan worse: ARI %.3f, %.3f without", b, a)
	}
}

func readPlanT(t *testing.T, path string) *planner.Plan {
	t.Helper()
	p, err := planner.ReadPlan(strings.NewReader(readFile(t, path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}
