package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/reports"
)

// analyzeOptions are the inputs of 'ficus analyze'.
type analyzeOptions struct {
	Dir      string
	Patterns []string
	Output   string
	Format   string
	Tags     []string
	GOOS     string
	GOARCH   string
	Tests    bool
	NoCache  bool
	// History, when set, adds co-changes edges from git history: the
	// window's start, or historyFromConfig for ficus.yaml's.
	History string
}

// historyFromConfig is the value of a bare --history: the window of
// ficus.yaml's history section (all history by default).
const historyFromConfig = "ficus.yaml"

func newAnalyzeCmd(a *app) *cobra.Command {
	return newAnalyzeCmdWith(a, runAnalyze)
}

// newAnalyzeCmdWith takes the behaviour as a seam, so flag parsing is
// tested apart from analysis.
func newAnalyzeCmdWith(a *app, runF func(context.Context, *app, analyzeOptions) error) *cobra.Command {
	var o analyzeOptions
	cmd := &cobra.Command{
		Use:   "analyze [DIR] [PATTERNS...]",
		Short: "Build the dependency graph of a Go module",
		Long: `Analyze loads the Go module in DIR (default: the current directory), type-checks
it, and writes its dependency graph: packages, types, functions, methods,
package-level variables, HTTP routes, SQL tables, events and background jobs,
joined by weighted edges (calls, references, table reads and writes, ...).

Dependencies are type-checked from source the first time (the go command
compiles nothing) and their type information is kept in a cache
($XDG_CACHE_HOME/ficus/types or the OS equivalent; safe to delete), so later
runs load them as quickly as compiled export data. --no-cache skips it.

PATTERNS are go package patterns relative to DIR (default ./...). The code is
never run. Packages that fail to load are listed as diagnostics and the rest is
still analyzed; the exit code is non-zero only when nothing could be analyzed.

--history adds co-changes edges between the symbols of files changed in the
same commits, read from the git history around DIR (the git command is run;
merge commits, commits of more than history.max_files files, vendored and
generated files are left out). --history=SINCE reads the commits since a date
or an age as git log --since takes it (--history=2.years.ago); a bare
--history uses ficus.yaml's history.since, all history by default.

The graph goes to stdout, or to FILE with -o; a summary goes to stderr.
The JSON format is described in docs/graph-format.md.`,
		Example: `  ficus analyze ./testdata/monolith -o graph.json
  ficus analyze . ./internal/... --tags enterprise
  ficus analyze --goos windows --format dot -o graph.dot
  ficus analyze . --history=1.year.ago -o graph.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				o.Dir, o.Patterns = args[0], args[1:]
			}
			switch o.Format {
			case "json", "dot":
			default:
				return usagef("unknown --format %q: use json or dot", o.Format)
			}
			return runF(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "write the graph to `FILE` instead of stdout")
	f.StringVar(&o.Format, "format", "json", "output format: json or dot")
	f.StringSliceVar(&o.Tags, "tags", nil, "build `tags` to honour, comma-separated, as for go build")
	f.StringVar(&o.GOOS, "goos", "", "analyze as for this GOOS (default: $GOOS or the host)")
	f.StringVar(&o.GOARCH, "goarch", "", "analyze as for this GOARCH (default: $GOARCH or the host)")
	f.BoolVar(&o.Tests, "tests", false, "include _test.go files and test packages")
	f.StringVar(&o.History, "history", "", "add co-changes edges from the git history since `SINCE` (a bare --history: ficus.yaml's window)")
	f.Lookup("history").NoOptDefVal = historyFromConfig
	f.BoolVar(&o.NoCache, "no-cache", false, "type-check dependencies from source without reading or writing the type cache")
	return cmd
}

func runAnalyze(ctx context.Context, a *app, o analyzeOptions) error {
	start := a.Now()
	opts := analyzer.Options{Dir: o.Dir, Patterns: o.Patterns, Tags: o.Tags, Tests: o.Tests, NoCache: o.NoCache, Logger: a.Logger}
	if o.GOOS != "" {
		opts.Env = append(opts.Env, "GOOS="+o.GOOS)
	}
	if o.GOARCH != "" {
		opts.Env = append(opts.Env, "GOARCH="+o.GOARCH)
	}
	if a.ErrIsTerminal {
		opts.Progress = func(done, total int) {
			if done%16 == 0 || done == total {
				fmt.Fprintf(a.Err, "\rchecking packages %d/%d", done, total)
			}
		}
	}
	g, err := analyzer.Analyze(ctx, opts)
	if a.ErrIsTerminal {
		fmt.Fprint(a.Err, "\r\033[K")
	}
	if g == nil {
		return err
	}
	if err != nil && !errors.Is(err, analyzer.ErrNothingAnalyzed) {
		return err
	}
	var hist *analyzer.HistoryStats
	if o.History != "" && err == nil {
		st, err := addHistory(ctx, g, o.History)
		if err != nil {
			return err
		}
		hist = &st
	}
	doc := g.Document() // sorted once for the summary and the output
	writeSummary(a.Err, doc, a.Now().Sub(start))
	if hist != nil {
		writeHistorySummary(a.Err, *hist)
	}
	if errors.Is(err, analyzer.ErrNothingAnalyzed) {
		return err
	}
	return writeOutput(a, o.Output, func(w io.Writer) error {
		if o.Format == "dot" {
			return reports.WriteGraphDOT(w, g)
		}
		return doc.WriteJSON(w)
	})
}

// writeSummary prints the one-screen summary of a graph.
func writeSummary(w io.Writer, g analyzer.Document, elapsed time.Duration) {
	kinds := map[analyzer.NodeKind]int{}
	external := 0
	for _, n := range g.Nodes {
		if n.External {
			external++
			continue
		}
		kinds[n.Kind]++
	}
	edgeKinds := map[analyzer.EdgeKind]int{}
	edges := g.Edges
	for _, e := range edges {
		edgeKinds[e.Kind]++
	}
	symbols := kinds[analyzer.KindType] + kinds[analyzer.KindFunc] + kinds[analyzer.KindMethod] + kinds[analyzer.KindVar]
	fmt.Fprintf(w, "ficus: analyzed %s in %s\n", orUnknown(g.Module), elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  packages     %d (+%d external)\n", kinds[analyzer.KindPackage], external)
	fmt.Fprintf(w, "  symbols      %d (%d types, %d funcs, %d methods, %d vars)\n", symbols,
		kinds[analyzer.KindType], kinds[analyzer.KindFunc], kinds[analyzer.KindMethod], kinds[analyzer.KindVar])
	fmt.Fprintf(w, "  routes       %d\n", kinds[analyzer.KindRoute])
	fmt.Fprintf(w, "  tables       %d\n", kinds[analyzer.KindTable])
	fmt.Fprintf(w, "  events       %d\n", kinds[analyzer.KindEvent])
	fmt.Fprintf(w, "  jobs         %d\n", kinds[analyzer.KindJob])
	var parts []string
	for _, k := range []analyzer.EdgeKind{analyzer.EdgeCalls, analyzer.EdgeReferences, analyzer.EdgeImports, analyzer.EdgeImplements, analyzer.EdgeEmbeds, analyzer.EdgeHandles, analyzer.EdgeReads, analyzer.EdgeWrites, analyzer.EdgePublishes, analyzer.EdgeSubscribes, analyzer.EdgeUses, analyzer.EdgeRuns, analyzer.EdgeWraps, analyzer.EdgeCoChanges} {
		if edgeKinds[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, edgeKinds[k]))
		}
	}
	fmt.Fprintf(w, "  edges        %d (%s)\n", len(edges), strings.Join(parts, ", "))
	fmt.Fprintf(w, "  diagnostics  %d\n", len(g.Diagnostics))
	const show = 5
	for i, d := range g.Diagnostics {
		if i == show {
			fmt.Fprintf(w, "    ... and %d more (see \"diagnostics\" in the JSON)\n", len(g.Diagnostics)-show)
			break
		}
		fmt.Fprintf(w, "    %s\n", d)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "(no module)"
	}
	return s
}
