// Command quality is ficus's plan-quality benchmark (bench/quality.sh):
// for each app of apps.json, at its pinned commit, it runs 'ficus
// analyze' and 'ficus plan' as a user would, scores the plan against the
// app's truth file (built from independent evidence, never from ficus's
// output) and prints ficus's ARI, NMI and MoJoFM beside three trivial
// baselines computed in the same run. README.md describes the apps, the
// truth format and how to read the table.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/bench/internal/appsrc"
	"github.com/ficus-dev/ficus/planner"
)

func main() {
	var o options
	flag.StringVar(&o.apps, "apps", "bench/quality/apps.json", "the app list")
	flag.StringVar(&o.truth, "truth", "bench/quality/truth", "the directory of truth files")
	flag.StringVar(&o.cache, "cache", "", "where repositories and results are kept (default: the user cache dir)")
	flag.StringVar(&o.ficus, "ficus", "", "the ficus binary to measure")
	flag.StringVar(&o.gitBase, "git-base", "https://github.com/", "where owner/name repositories are cloned from")
	flag.StringVar(&o.only, "only", "", "comma-separated app names to run (default all)")
	flag.Uint64Var(&o.seed, "seed", 1, "the planner's and the Louvain baseline's seed")
	flag.IntVar(&o.seeds, "seeds", 1, "also plan each app with the seeds after -seed and print the mean and lowest ARI over this many seeds")
	flag.BoolVar(&o.loo, "loo", true, "also report leave-one-out figures")
	flag.BoolVar(&o.history, "history", false, "analyze with --history: the plan weighs the apps' change history too")
	flag.BoolVar(&o.replan, "replan", false, "plan the graphs the last run left in -cache again, without checking out or analyzing (for trying planner settings)")
	flag.BoolVar(&o.sensitivity, "sensitivity", false, "also halve and double each planner weight alone and print how the tune and held-out apps' mean ARI moves")
	flag.BoolVar(&o.confusion, "confusion", false, "print where each truth class's units went in the plan")
	flag.BoolVar(&o.misplaced, "misplaced", false, "with -confusion, also list the units placed away from their truth class's main service")
	flag.Parse()
	if err := o.run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "quality:", err)
		os.Exit(1)
	}
}

type options struct {
	apps, truth, cache, ficus, gitBase, only string
	seed                                     uint64
	seeds                                    int
	loo, confusion, misplaced, history       bool
	sensitivity                              bool
	replan                                   bool
}

// result is one app's row.
type result struct {
	App      App                       `json:"app"`
	Items    int                       `json:"items"`
	Ficus    planner.Scores            `json:"ficus"`
	Base     map[string]planner.Scores `json:"baselines"`
	Services int                       `json:"services"`
	// Kernel is the kernel proper's share of the placed units, Libraries
	// the share of the generic libraries the kernel holds whole.
	Kernel    float64 `json:"kernel_share"`
	Libraries float64 `json:"library_share"`
	Analyze   float64 `json:"analyze_seconds"`
	Plan      float64 `json:"plan_seconds"`
	// Analyze is the best of warmRuns runs of ficus analyze with a warm
	// type cache; Propose is the planner's own time on the decoded graph,
	// in process (Plan less the process start and the graph's decoding),
	// the best of proposeRuns runs.
	Propose float64  `json:"propose_seconds"`
	Names   []string `json:"names"`
	// SeedARI is ficus's ARI with each of the -seeds seeds, -seed first.
	SeedARI []float64 `json:"seed_ari,omitempty"`
	// SeedKernel is the kernel proper's share with each seed.
	SeedKernel []float64 `json:"seed_kernel_share,omitempty"`
	// BadNames are the service names that are no domain name, each with
	// its reason (see vocabulary.go).
	BadNames []string `json:"bad_names,omitempty"`
	// ProxyInit says whether the proxy configuration 'ficus proxy init'
	// writes from the plan passes 'ficus proxy validate': "valid", or
	// the first problem; "" for a synthetic app.
	ProxyInit string `json:"proxy_init,omitempty"`
	doc       analyzer.Document
	truth     map[string]string
}

func (o *options) run(ctx context.Context) error {
	if o.ficus == "" {
		return fmt.Errorf("-ficus: name the ficus binary to measure (bench/quality.sh builds one)")
	}
	cache, err := appsrc.CacheDir(o.cache, "ficus-quality")
	if err != nil {
		return err
	}
	o.cache = cache
	apps, err := readApps(o.apps)
	if err != nil {
		return err
	}
	var results []*result
	for _, a := range apps {
		if o.only != "" && !slices.Contains(strings.Split(o.only, ","), a.Name) {
			continue
		}
		fmt.Fprintf(os.Stderr, "quality: %s...\n", a.Name)
		r, err := o.measure(ctx, a)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		results = append(results, r)
	}
	printTable(os.Stdout, results)
	printSeeds(os.Stdout, results, o.seed, o.seeds)
	if o.loo && len(results) > 2 {
		if err := leaveOneOut(ctx, os.Stdout, results, o.seed); err != nil {
			return err
		}
	}
	if o.sensitivity {
		if err := sensitivity(ctx, os.Stdout, results, o.seed, o.seeds); err != nil {
			return err
		}
	}
	out := filepath.Join(o.cache, "results.json")
	data, _ := json.MarshalIndent(results, "", "  ")
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "quality: rows written to %s\n", out)
	return nil
}

// measure runs ficus on one app and scores it and the baselines.
func (o *options) measure(ctx context.Context, a App) (*result, error) {
	work := filepath.Join(o.cache, "out", a.Name)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	graphFile, planFile := filepath.Join(work, "graph.json"), filepath.Join(work, "plan.json")
	r := &result{App: a, Base: map[string]planner.Scores{}}
	var truth *Truth
	reuse := o.replan && appsrc.FileExists(graphFile)
	if o.replan && !reuse {
		return nil, fmt.Errorf("-replan: %s has no graph from an earlier run; run once without -replan", work)
	}
	if reuse && a.Synthetic == 0 {
		t, err := readTruth(filepath.Join(o.truth, a.Name+".json"))
		if err != nil {
			return nil, err
		}
		truth = t
	} else if a.Synthetic > 0 {
		if err := appsrc.Run(ctx, "", "go", "run", "./planner/internal/synth/synthgraph",
			"-edges", fmt.Sprint(a.Synthetic), "-seed", fmt.Sprint(o.seed), "-o", graphFile); err != nil {
			return nil, err
		}
	} else {
		t, err := readTruth(filepath.Join(o.truth, a.Name+".json"))
		if err != nil {
			return nil, err
		}
		truth = t
		if err := o.analyze(ctx, a, graphFile, r); err != nil {
			return nil, err
		}
	}
	var err error
	if r.Plan, err = o.timed(ctx, "", "plan", "--graph", graphFile, "--seed", fmt.Sprint(o.seed), "-o", planFile); err != nil {
		return nil, err
	}
	if a.Synthetic == 0 {
		r.ProxyInit = o.proxyInit(ctx, graphFile, planFile, filepath.Join(work, "proxy.yaml"))
	}
	return o.score(ctx, a, graphFile, planFile, truth, r)
}

// proxyInit writes the proxy configuration of the plan as a user would
// and checks it: "valid", or the first problem 'ficus proxy validate'
// names (a configuration the proxy refuses is a failure of proxy init).
func (o *options) proxyInit(ctx context.Context, graphFile, planFile, out string) string {
	if _, err := o.timed(ctx, "", "proxy", "init", "--graph", graphFile, "--plan", planFile, "-o", out, "--force"); err != nil {
		return "proxy init failed: " + lastLine(err.Error())
	}
	if _, err := o.timed(ctx, "", "proxy", "validate", out); err != nil {
		return firstProblem(err.Error())
	}
	return "valid"
}

// lastLine is the last non-empty line of s, trimmed.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// firstProblem is the first problem 'ficus proxy validate' lists (its
// problems are indented below a count), or the last line of its output.
func firstProblem(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "  ") && strings.TrimSpace(l) != "" {
			return strings.TrimSpace(l)
		}
	}
	return lastLine(s)
}

// analyze runs ficus analyze on one app into graphFile, twice: the first
// run fills ficus's type cache; the second, timed, is what a user's later
// runs cost.
func (o *options) analyze(ctx context.Context, a App, graphFile string, r *result) error {
	root, err := appsrc.Checkout(ctx, o.cache, o.gitBase, a.Name, a.Source)
	if missing := (*appsrc.MissingModulesError)(nil); errors.As(err, &missing) {
		// the packages that need the missing modules are diagnostics
		// of the analysis; the rest is measured
		fmt.Fprintf(os.Stderr, "%s: %v; measuring what loads without them\n", "quality", err)
		err = nil
	}
	if err != nil {
		return err
	}
	args := append([]string{"analyze", root}, a.Patterns...)
	args = append(args, "-o", graphFile)
	if o.history {
		args = append(args, "--history")
	}
	if _, err := o.timed(ctx, root, args...); err != nil {
		return err
	}
	// the best of warmRuns warm runs: one run's time carries whatever
	// else the machine did meanwhile
	for range warmRuns {
		t, err := o.timed(ctx, root, args...)
		if err != nil {
			return err
		}
		if r.Analyze == 0 || t < r.Analyze {
			r.Analyze = t
		}
	}
	return nil
}

// warmRuns and proposeRuns are how many times analyze (after a first run
// that fills the type cache) and the planner run; the best time counts.
const (
	warmRuns    = 2
	proposeRuns = 3
)

// score reads the graph and the plan and scores the plan and the
// baselines against the truth (a synthetic graph's own when truth is nil).
func (o *options) score(ctx context.Context, a App, graphFile, planFile string, truth *Truth, r *result) (*result, error) {
	f, err := os.Open(graphFile)
	if err != nil {
		return nil, err
	}
	r.doc, err = analyzer.DecodeDocument(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	for range proposeRuns {
		start := time.Now()
		if _, err := planner.Propose(ctx, r.doc, planner.Options{Seed: o.seed}); err != nil {
			return nil, fmt.Errorf("plan %s in process: %w", a.Name, err)
		}
		if t := time.Since(start).Seconds(); r.Propose == 0 || t < r.Propose {
			r.Propose = t
		}
	}
	if truth == nil {
		truth = synthTruth(r.doc)
	}
	pf, err := os.Open(planFile)
	if err != nil {
		return nil, err
	}
	plan, err := planner.ReadPlan(pf)
	pf.Close()
	if err != nil {
		return nil, err
	}
	r.truth = truth.Labels(r.doc)
	if len(r.truth) == 0 {
		return nil, fmt.Errorf("the truth places none of the graph's units: check its paths against the analyzed root")
	}
	tp := planOf(r.truth)
	r.Items = len(r.truth)
	r.Ficus = planner.Score(plan, tp)
	if o.confusion {
		printConfusion(os.Stderr, r, plan.Labels(), o.misplaced)
	}
	r.Base["folder"] = planner.Score(planOf(folderBaseline(r.doc)), tp)
	r.Base["file"] = planner.Score(planOf(fileBaseline(r.doc)), tp)
	r.Base["louvain"] = planner.Score(planOf(louvainBaseline(r.doc, o.seed)), tp)
	r.Services = len(plan.Services)
	placed := len(plan.Shared)
	for _, s := range plan.Services {
		placed += len(s.Members)
		r.Names = append(r.Names, s.Name)
	}
	r.BadNames = badNames(r.doc, plan)
	if placed > 0 {
		r.Kernel = kernelShare(plan)
		r.Libraries = float64(plan.LibraryUnits()) / float64(placed)
	}
	if err := o.seedScores(ctx, r, r.truth); err != nil {
		return nil, fmt.Errorf("%s: %w", a.Name, err)
	}
	return r, nil
}

// timed runs ficus with args in dir and returns the wall time in seconds.
func (o *options) timed(ctx context.Context, dir string, args ...string) (float64, error) {
	seconds, _, err := appsrc.Measure(ctx, dir, o.ficus, args...)
	return seconds, err
}

// synthTruth is the generator's own split of a synthetic graph: each area
// (areaN.go in every layer) a service, the platform package the kernel.
func synthTruth(doc analyzer.Document) *Truth {
	re := regexp.MustCompile(`/(area[0-9]+)\.go:`)
	areas := map[string]bool{}
	for _, n := range doc.Nodes {
		if m := re.FindStringSubmatch(n.Pos); m != nil {
			areas[m[1]] = true
		}
	}
	t := &Truth{Schema: truthSchema, App: "synthetic", Evidence: "the generator's areas",
		Shared: TruthRules{Paths: []string{"internal/platform/"}}}
	for _, a := range slices.Sorted(maps.Keys(areas)) {
		t.Services = append(t.Services, TruthService{Name: a, Paths: []string{"internal/*/" + a + ".go"}})
	}
	return t
}
