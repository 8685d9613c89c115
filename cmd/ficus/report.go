package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
	"github.com/ficus-dev/ficus/reports"
)

// reportOptions are the inputs of 'ficus report'.
type reportOptions struct {
	Source   graphSource
	Plan     string
	Services int
	Seed     uint64
	Format   string
	Output   string
}

func newReportCmd(a *app) *cobra.Command {
	return newReportCmdWith(a, runReport)
}

func newReportCmdWith(a *app, runF func(context.Context, *app, reportOptions) error) *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report [DIR]",
		Short: "Write a self-contained HTML report (or a Markdown summary)",
		Long: `Report analyzes DIR (default: the current directory), plans its services, and
writes one self-contained HTML file that opens offline in any browser: an
overview with the plan's metrics, an interactive context map (click a service
for its members, routes, tables, API, events and extraction cost), the
migration order, shared tables, the package graph (collapsed by directory
above 200 packages, click to expand), import and service cycles, and load
diagnostics. The page opens on the plan summary and the migration order,
with the first service to extract selected.

--format md writes a Markdown summary instead, fit for a pull-request comment.
A saved graph (--graph) and plan (--plan) are used as they are.`,
		Example: `  ficus report ./testdata/monolith -o report.html
  ficus report . --services 6 --seed 7 -o report.html
  ficus report --graph graph.json --plan plan.json --format md > summary.md`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Source.Dir = args[0]
			}
			switch o.Format {
			case "html", "md":
			default:
				return usagef("unknown --format %q: use html or md", o.Format)
			}
			if o.Services < 0 {
				return usagef("--services must be 0 (choose by sweep) or more, got %d", o.Services)
			}
			if o.Output == "" && o.Format == "html" {
				o.Output = "report.html"
			}
			return runF(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "write to `FILE` (default report.html for html, stdout for md; - for stdout)")
	f.StringVar(&o.Format, "format", "html", "html or md")
	f.StringVar(&o.Source.Graph, "graph", "", "read the graph from `FILE` instead of analyzing DIR")
	f.StringSliceVar(&o.Source.Tags, "tags", nil, "build `tags` for the analysis")
	f.StringVar(&o.Plan, "plan", "", "read the plan from `FILE` instead of planning")
	f.IntVar(&o.Services, "services", 0, "plan for `N` services (default: chosen by a resolution sweep)")
	f.Uint64Var(&o.Seed, "seed", 1, "seed for the planner's random choices")
	return cmd
}

func runReport(ctx context.Context, a *app, o reportOptions) error {
	g, err := loadGraph(ctx, a, o.Source)
	if err != nil {
		return err
	}
	p, err := planFor(ctx, a, g, o.Source.Dir, o.Plan, o.Services, o.Seed)
	if err != nil {
		return err
	}
	if o.Plan == "" {
		sharedState(ctx, a, p, g.Document(), g.Dir)
	}
	d, err := reports.BuildReport(g, p, a.Now())
	if err != nil {
		return err
	}
	err = writeOutput(a, o.Output, func(w io.Writer) error {
		if o.Format == "md" {
			return reports.WriteMarkdown(w, d)
		}
		return reports.WriteHTML(w, d)
	})
	if err != nil {
		return err
	}
	if o.Output != "" && o.Output != "-" {
		abs, _ := filepath.Abs(o.Output)
		fmt.Fprintf(a.Err, "ficus: wrote %s (%d services); open it in a browser: file://%s\n", o.Output, len(p.Services), abs)
	}
	return nil
}

// planFor reads a saved plan, or plans the graph with the plan section of
// ficus.yaml found as 'ficus plan' finds it, so both give the same plan.
func planFor(ctx context.Context, a *app, g *analyzer.Graph, dir, planFile string, services int, seed uint64) (*planner.Plan, error) {
	if planFile != "" {
		return readPlanFile(planFile, "plan", fmt.Sprintf("produce one with 'ficus plan DIR -o %s'", planFile))
	}
	if g.Dir != "" {
		dir = g.Dir
	}
	cfg, err := planConfig("", dir)
	if err != nil {
		return nil, err
	}
	return planner.Propose(ctx, g.Document(), planner.Options{Services: services, Seed: seed, Config: cfg, Logger: a.Logger})
}
