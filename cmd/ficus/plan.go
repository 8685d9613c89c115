package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// planOptions are the inputs of 'ficus plan'.
type planOptions struct {
	Source   graphSource
	Config   string
	Output   string
	Format   string
	Services int
	Seed     uint64
}

func newPlanCmd(a *app) *cobra.Command {
	return newPlanCmdWith(a, runPlan)
}

// newPlanCmdWith takes the behaviour as a seam, so flag parsing is tested
// apart from planning.
func newPlanCmdWith(a *app, runF func(context.Context, *app, planOptions) error) *cobra.Command {
	var o planOptions
	cmd := &cobra.Command{
		Use:   "plan [DIR]",
		Short: "Propose services: clusters, shared kernel, metrics, extraction order",
		Long: `Plan analyzes DIR (default: the current directory), or reads a saved graph with
--graph, and proposes the services the monolith could become: it clusters
types, functions and methods with the routes, tables and jobs they touch,
sets apart a shared kernel (code used from everywhere), names and explains
each service (members, routes, tables, API, events, cost), scores the plan
and ranks the services in the order to extract them. --history weighs the
git history around DIR too (see 'ficus analyze --help'); a graph with
production evidence ('ficus evidence') is weighed the same way.

The number of services is chosen by a sweep over clustering resolutions
unless --services asks for one. The same graph and --seed give the same
plan, byte for byte. Weights, kernel settings and constraints (pin, together,
apart) come from the plan section of ficus.yaml: DIR/ficus.yaml, or with
--graph the ficus.yaml of the current directory, or --config FILE.

A summary goes to stdout. -o FILE writes the plan as JSON (format in
docs/plan-format.md) and still prints the summary; --format json prints the
JSON to stdout instead of the summary. Timings go to stderr.`,
		Example: `  ficus plan ./testdata/monolith -o plan.json
  ficus plan --graph graph.json --services 5 --seed 7
  ficus plan . --format json > plan.json
  ficus plan . --history=2.years.ago`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("plan takes one DIR at most, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Source.Dir = args[0]
			}
			if o.Source.Dir != "" && o.Source.Graph != "" {
				return usagef("give DIR or --graph, not both")
			}
			if o.Source.History != "" && o.Source.Graph != "" {
				return usagef("--history analyzes DIR's git history; a saved graph has it already when 'ficus analyze --history' wrote it")
			}
			switch o.Format {
			case "summary", "json":
			default:
				return usagef("unknown --format %q: use summary or json", o.Format)
			}
			if o.Services < 0 {
				return usagef("--services must be 0 (choose by sweep) or more, got %d", o.Services)
			}
			return runF(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "write the plan JSON to `FILE` (the summary still goes to stdout)")
	f.StringVar(&o.Format, "format", "summary", "what stdout shows without -o: summary or json")
	f.StringVar(&o.Source.Graph, "graph", "", "read the graph from `FILE` (written by 'ficus analyze') instead of analyzing DIR")
	f.StringSliceVar(&o.Source.Tags, "tags", nil, "build `tags` for the analysis")
	f.StringVar(&o.Source.History, "history", "", "weigh the git history since `SINCE` too, as 'ficus analyze --history' (a bare --history: ficus.yaml's window)")
	f.Lookup("history").NoOptDefVal = historyFromConfig
	f.StringVar(&o.Config, "config", "", "read the plan section from `FILE` instead of ficus.yaml")
	f.IntVar(&o.Services, "services", 0, "propose `N` services (default: chosen by a resolution sweep)")
	f.Uint64Var(&o.Seed, "seed", 1, "seed for the planner's random choices")
	return cmd
}

func runPlan(ctx context.Context, a *app, o planOptions) error {
	start := a.Now()
	doc, dir, err := planGraph(ctx, a, o.Source)
	if err != nil {
		return err
	}
	cfg, err := planConfig(o.Config, dir)
	if err != nil {
		return err
	}
	read := a.Now()
	p, err := planner.Propose(ctx, doc, planner.Options{Services: o.Services, Seed: o.Seed, Config: cfg, Logger: a.Logger})
	if err != nil {
		return err
	}
	sharedState(ctx, a, p, doc, dir)
	planned := a.Now()
	fmt.Fprintf(a.Err, "ficus: planned %d services in %s (%d nodes, %d edges; graph ready in %s)\n",
		len(p.Services), planned.Sub(read).Round(time.Millisecond), len(doc.Nodes), len(doc.Edges), read.Sub(start).Round(time.Millisecond))
	if o.Services > 0 && len(p.Services) != o.Services {
		fmt.Fprintf(a.Err, "ficus: asked for %d services, the graph allows %d (services must stay connected, constraints hold)\n", o.Services, len(p.Services))
	}
	if o.Output != "" {
		if err := writeOutput(a, o.Output, p.WriteJSON); err != nil {
			return err
		}
		return planner.WriteSummary(a.Out, p)
	}
	return writeOutput(a, "", func(w io.Writer) error {
		if o.Format == "json" {
			return p.WriteJSON(w)
		}
		return planner.WriteSummary(w, p)
	})
}

// planGraph returns the graph document to plan and the directory whose
// ficus.yaml applies ("" for a saved graph). A saved graph is decoded
// without building the analyzer's graph, which matters at a million edges.
func planGraph(ctx context.Context, a *app, src graphSource) (analyzer.Document, string, error) {
	if src.Graph != "" {
		f, err := os.Open(src.Graph)
		if err != nil {
			return analyzer.Document{}, "", fmt.Errorf("open graph: %w (produce one with 'ficus analyze DIR -o %s')", err, src.Graph)
		}
		defer f.Close()
		doc, err := planner.DecodeGraph(f)
		if err != nil {
			return doc, "", fmt.Errorf("%s: %w", src.Graph, err)
		}
		return doc, "", nil
	}
	g, err := loadGraph(ctx, a, src)
	if err != nil {
		return analyzer.Document{}, "", err
	}
	return g.Document(), g.Dir, nil
}

// planConfig reads the plan section: from file when given, else from
// dir/ficus.yaml, else from ./ficus.yaml when there is one.
func planConfig(file, dir string) (planner.Config, error) {
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return planner.DefaultConfig(), fmt.Errorf("read config: %w", err)
		}
		return planner.ParseConfig(file, data)
	}
	if dir != "" {
		return planner.LoadConfig(dir)
	}
	if _, err := os.Stat(planner.ConfigFile); errors.Is(err, fs.ErrNotExist) {
		return planner.DefaultConfig(), nil
	}
	return planner.LoadConfig(".")
}

// sharedState records the plan's shared mutable state, read from the
// source in dir; a saved graph has none to read, which is said.
func sharedState(ctx context.Context, a *app, p *planner.Plan, doc analyzer.Document, dir string) {
	if dir == "" {
		fmt.Fprintln(a.Err, "ficus: shared mutable state not looked for: a saved graph carries no source; run 'ficus plan DIR' to find it")
		return
	}
	list, err := planner.FindSharedState(ctx, dir, doc, p.Labels())
	if err != nil {
		fmt.Fprintf(a.Err, "ficus: shared state: some source could not be read, the rest was checked: %v\n", err)
	}
	p.SetSharedState(list)
}
