package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/reports"
)

// graphOptions are the inputs of 'ficus graph'.
type graphOptions struct {
	Source graphSource
	Plan   string
	View   string
	Format string
	Output string
	Filter reports.Filter
	// Services and Seed plan the graph when the services view is asked
	// for without --plan, as 'ficus report' does.
	Services int
	Seed     uint64
}

func newGraphCmd(a *app) *cobra.Command {
	return newGraphCmdWith(a, runGraph)
}

func newGraphCmdWith(a *app, runF func(context.Context, *app, graphOptions) error) *cobra.Command {
	var o graphOptions
	cmd := &cobra.Command{
		Use:   "graph [DIR]",
		Short: "Draw the package, service or symbol graph",
		Long: `Graph draws one view of a module's graph, filtered to stay readable:

  packages  the import graph of the module's packages, import cycles in red,
            clustered by proposed service when --plan is given
  services  the context map of a plan: one box per service and the shared
            kernel, edges weighted by cross-service calls, shared tables;
            without --plan the graph is planned as 'ficus plan' would
            (ficus.yaml, --services, --seed)
  symbols   the symbols around --focus, or of one service (--focus SERVICE
            with --plan), with the routes, tables and events they touch

DIR is analyzed (default: the current directory) unless --graph gives a
saved graph. Standard library and third-party packages are hidden unless
--external is set. A view with more nodes than --max-nodes is refused with
advice on how to filter it, unless --force is set.`,
		Example: `  ficus graph ./testdata/monolith --view packages --format svg -o packages.svg
  ficus graph --graph graph.json --view symbols --focus services.Orders.Place --depth 2
  ficus graph --graph graph.json --plan plan.json --view services --format mermaid
  ficus graph . --view services --format svg -o services.svg`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Source.Dir = args[0]
			}
			if _, err := reports.ParseViewKind(o.View); err != nil {
				return usagef("%v", err)
			}
			switch o.Format {
			case "dot", "svg", "mermaid", "json":
			default:
				return usagef("unknown --format %q: use dot, svg, mermaid or json", o.Format)
			}
			if o.Services < 0 {
				return usagef("--services must be 0 (choose by sweep) or more, got %d", o.Services)
			}
			if o.Filter.Depth < 0 {
				return usagef("--depth must be 0 or more, got %d", o.Filter.Depth)
			}
			return runF(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Source.Graph, "graph", "", "read the graph from `FILE` (from 'ficus analyze -o') instead of analyzing DIR")
	f.StringSliceVar(&o.Source.Tags, "tags", nil, "build `tags` for the analysis")
	f.StringVar(&o.Plan, "plan", "", "a plan `FILE` (from 'ficus plan -o') to group by service")
	f.IntVar(&o.Services, "services", 0, "services view without --plan: plan for `N` services (default: chosen by a resolution sweep)")
	f.Uint64Var(&o.Seed, "seed", 1, "services view without --plan: seed for the planner's random choices")
	f.StringVar(&o.View, "view", "packages", "what to draw: packages, services or symbols")
	f.StringVar(&o.Format, "format", "dot", "output format: dot, svg, mermaid or json")
	f.StringVarP(&o.Output, "output", "o", "", "write to `FILE` instead of stdout")
	f.StringVar(&o.Filter.Focus, "focus", "", "centre on this `node` (an id, or a unique suffix such as Orders.Place)")
	f.IntVar(&o.Filter.Depth, "depth", 1, "with --focus, how many edges away to draw")
	f.StringSliceVar(&o.Filter.Include, "include", nil, "draw only nodes whose id or package matches a `pattern` (* within an element, ... anything)")
	f.StringSliceVar(&o.Filter.Exclude, "exclude", nil, "hide nodes whose id or package matches a `pattern`")
	f.IntVar(&o.Filter.Collapse, "collapse", 0, "packages view: merge packages deeper than `N` path elements below the module")
	f.BoolVar(&o.Filter.External, "external", false, "packages view: draw standard library and third-party packages")
	f.IntVar(&o.Filter.MaxNodes, "max-nodes", reports.DefaultMaxNodes, "refuse views with more than `N` nodes (see --force)")
	f.BoolVar(&o.Filter.Force, "force", false, "draw however large the view is")
	return cmd
}

func runGraph(ctx context.Context, a *app, o graphOptions) error {
	g, err := loadGraph(ctx, a, o.Source)
	if err != nil {
		return err
	}
	v, err := buildView(ctx, a, g, o)
	if err != nil {
		return err
	}
	return writeOutput(a, o.Output, func(w io.Writer) error {
		switch o.Format {
		case "svg":
			return reports.WriteSVG(ctx, w, v)
		case "mermaid":
			return reports.WriteMermaid(w, v)
		case "json":
			return reports.WriteViewJSON(w, v)
		}
		return reports.WriteDOT(w, v)
	})
}
