package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
	"github.com/ficus-dev/ficus/strangler/config"
)

// proxyInitOptions are the inputs of 'ficus proxy init'.
type proxyInitOptions struct {
	Source      graphSource
	Plan        string
	Services    int
	Seed        uint64
	Output      string
	MonolithURL string
	Listen      string
	Admin       string
	Force       bool
}

func newProxyInitCmd(a *app) *cobra.Command {
	o := &proxyInitOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a proxy configuration with every route of the monolith",
		Long: `Init analyzes DIR (default: the current directory), plans its services (or
reads --plan), and writes a proxy configuration with every route the
analyzer found, grouped by the planned service that owns it. Every route
starts on the monolith (mode monolith, weight 0); each service gets a
placeholder backend to fill in. Existing files are not overwritten without
--force.`,
		Example: `  ficus proxy init ./testdata/monolith --monolith-url http://127.0.0.1:9001
  ficus proxy init --graph graph.json --plan plan.json -o ficus-proxy.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Source.setDir(args)
			return runProxyInit(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "ficus-proxy.yaml", "write to `FILE` (- for stdout)")
	f.StringVar(&o.Source.Graph, "graph", "", "read the graph from `FILE` instead of analyzing DIR")
	f.StringVar(&o.Plan, "plan", "", "read the plan from `FILE` instead of planning")
	f.IntVar(&o.Services, "services", 0, "plan for `N` services (default: chosen by a resolution sweep)")
	f.Uint64Var(&o.Seed, "seed", 1, "seed for the planner's random choices")
	f.StringVar(&o.MonolithURL, "monolith-url", "http://127.0.0.1:9001", "the monolith's base `URL`")
	f.StringVar(&o.Listen, "listen", "127.0.0.1:8080", "the proxy's listen `ADDRESS` in the written file")
	f.StringVar(&o.Admin, "admin", config.DefaultAdmin, "the admin API's `ADDRESS` in the written file")
	f.BoolVar(&o.Force, "force", false, "overwrite an existing file")
	return cmd
}

func runProxyInit(ctx context.Context, a *app, o *proxyInitOptions) error {
	if o.Output != "-" && !o.Force {
		if _, err := os.Stat(o.Output); err == nil {
			return fmt.Errorf("%s exists: pass --force to overwrite it, or -o another file", o.Output)
		}
	}
	g, err := loadGraph(ctx, a, o.Source)
	if err != nil {
		return err
	}
	p, err := planFor(ctx, a, g, o.Source.Dir, o.Plan, o.Services, o.Seed)
	if err != nil {
		return err
	}
	in := initInput(g, p)
	in.MonolithURL, in.Listen, in.Admin = o.MonolithURL, o.Listen, o.Admin
	var res config.InitResult
	err = writeOutput(a, o.Output, func(w io.Writer) (err error) {
		res, err = config.WriteInitConfig(w, in)
		return err
	})
	if err != nil {
		return err
	}
	if o.Output != "-" {
		left := ""
		if res.LeftOut > 0 {
			left = fmt.Sprintf("; %d left to the monolith, the default backend (the file's '# not written' lines say why)", res.LeftOut)
		}
		fmt.Fprintf(a.Err, "ficus: wrote %s: %d routes, all on the monolith, for %d planned services%s; check it with 'ficus proxy validate %s'\n", o.Output, res.Written, len(in.Services), left, o.Output)
	}
	return nil
}

// initInput pairs the plan's services with their routes, and lists the
// graph's routes no service owns.
func initInput(g *analyzer.Graph, p *planner.Plan) config.InitOptions {
	in := config.InitOptions{Module: g.Module, Frameworks: routeFrameworks(g)}
	owned := map[string]bool{}
	for _, s := range p.Services {
		in.Services = append(in.Services, config.PlannedService{Name: s.Name, Routes: s.Routes})
		for _, r := range s.Routes {
			owned[r] = true
		}
	}
	for _, id := range routeIDs(g) {
		if !owned[id] {
			in.Unowned = append(in.Unowned, id)
		}
	}
	return in
}

// setDir takes DIR from the arguments; without it and without a graph
// file, the current directory.
func (src *graphSource) setDir(args []string) {
	if len(args) == 1 {
		src.Dir = args[0]
	}
	if src.Dir == "" && src.Graph == "" {
		src.Dir = "."
	}
}

// routeIDs lists the graph's route node ids.
func routeIDs(g *analyzer.Graph) []string {
	var out []string
	for _, n := range g.Nodes() {
		if n.Kind == analyzer.KindRoute {
			out = append(out, n.ID)
		}
	}
	return out
}

// routeFrameworks maps each route id to the framework that registered it.
func routeFrameworks(g *analyzer.Graph) map[string]string {
	out := map[string]string{}
	for _, n := range g.Nodes() {
		if n.Kind == analyzer.KindRoute && n.Framework != "" {
			out[n.ID] = n.Framework
		}
	}
	return out
}

// proxyDriftOptions are the inputs of 'ficus proxy drift'.
type proxyDriftOptions struct {
	Source graphSource
	Config string
	JSON   bool
}

// DriftSchema versions the JSON output of 'ficus proxy drift'.
const driftSchema = "ficus.proxy.drift/v1"

func newProxyDriftCmd(a *app) *cobra.Command {
	o := &proxyDriftOptions{}
	cmd := &cobra.Command{
		Use:   "drift [DIR]",
		Short: "List routes the monolith added or removed since the proxy config was written",
		Long: `Drift analyzes DIR (default: the current directory) afresh and compares its
routes with the proxy configuration's: routes the monolith serves that no
configured route matches by method and pattern (added), and configured
routes the monolith no longer serves (removed). The exit code is 0 when they
agree and 1 when they drift.`,
		Example: `  ficus proxy drift ./testdata/monolith --config ficus-proxy.yaml
  ficus proxy drift --graph graph.json --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Source.setDir(args)
			return runProxyDrift(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Config, "config", "c", "ficus-proxy.yaml", "proxy configuration `file`")
	f.StringVar(&o.Source.Graph, "graph", "", "read the graph from `FILE` instead of analyzing DIR")
	f.BoolVar(&o.JSON, "json", false, "print JSON (schema "+driftSchema+")")
	return cmd
}

func runProxyDrift(ctx context.Context, a *app, o *proxyDriftOptions) error {
	cfg, err := config.Load(ctx, o.Config)
	if err != nil {
		return err
	}
	g, err := loadGraph(ctx, a, o.Source)
	if err != nil {
		return err
	}
	d := config.FindDrift(cfg, routeIDs(g), routeFrameworks(g))
	if o.JSON {
		err = writeJSONTo(a.Out, struct {
			Schema string `json:"schema"`
			config.Drift
		}{driftSchema, d})
	} else {
		err = writeDrift(a.Out, o.Config, d)
	}
	if err != nil {
		return err
	}
	if !d.Empty() {
		return exitCodeError{Code: exitError, Err: errors.New("the configuration has drifted from the monolith's routes")}
	}
	return nil
}

func writeDrift(w io.Writer, file string, d config.Drift) error {
	for _, id := range d.Unwritable {
		fmt.Fprintf(w, "unrouted %s  (no route of %s can hold it: the proxy cannot match it, or it overlaps a configured route; it stays on the default backend)\n", id[len("route:"):], file)
	}
	if d.Empty() {
		what := "every route of the monolith is configured"
		if len(d.Unwritable) > 0 {
			what = "every other route of the monolith is configured"
		}
		_, err := fmt.Fprintf(w, "%s: no drift: %s\n", file, what)
		return err
	}
	for _, id := range d.Added {
		fmt.Fprintf(w, "added    %s  (not in %s; add a route, or run 'ficus proxy init -o new.yaml' and compare)\n", id[len("route:"):], file)
	}
	for _, r := range d.Removed {
		if r.Hint != "" {
			fmt.Fprintf(w, "pattern  %s  (route %s, line %d; %s)\n", r.Route, r.Name, r.Line, r.Hint)
			continue
		}
		fmt.Fprintf(w, "removed  %s  (route %s, line %d; the monolith no longer serves it)\n", r.Route, r.Name, r.Line)
	}
	return nil
}
