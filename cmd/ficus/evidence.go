package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/analyzer/evidence"
)

// evidenceOptions are the inputs of 'ficus evidence'.
type evidenceOptions struct {
	Graph      string
	AccessLogs []string
	OTLP       []string
	Coverage   []string
	Output     string
}

func newEvidenceCmd(a *app) *cobra.Command {
	return newEvidenceCmdWith(a, runEvidence)
}

// newEvidenceCmdWith takes the behaviour as a seam, so flag parsing is
// tested apart from reading evidence.
func newEvidenceCmdWith(a *app, runF func(context.Context, *app, evidenceOptions) error) *cobra.Command {
	var o evidenceOptions
	cmd := &cobra.Command{
		Use:   "evidence --graph FILE [--access-log FILE]... [--otlp FILE]... [--coverage DIR]...",
		Short: "Add production traffic and per-route coverage to a graph",
		Long: `Evidence reads what production already records and adds it to a graph written
by 'ficus analyze', for the planner to weigh beside the code's structure:

  --access-log FILE  the proxy's access log (JSON or text): requests, server
                     errors and latency per route, each request matched to
                     the graph's route serving its method and path
  --otlp FILE        OpenTelemetry traces in OTLP JSON: server spans as
                     requests per route, and spans naming their code
                     (code.function.name, or code.namespace + code.function)
                     as functions the route executes
  --coverage DIR     one GOCOVERDIR per route, written by a binary built
                     with 'go build -cover -covermode=count' while each
                     route's requests were replayed (docs/evidence.md has
                     the recipe): the functions each route executes

Routes get a traffic field, and executes edges join a route to the functions
it ran (docs/graph-format.md). Requests no route serves and functions the
graph does not know are kept as diagnostics. Nothing is run: coverage is read
with 'go tool covdata'. Each flag can be repeated.

The graph goes to stdout, or to FILE with -o (which may be the input); a
summary goes to stderr.`,
		Example: `  ficus evidence --graph graph.json --access-log proxy.log -o graph.json
  ficus evidence --graph graph.json --otlp traces.json --coverage ./coverage -o graph.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Graph == "" {
				return usagef("--graph is required: the graph 'ficus analyze' wrote")
			}
			if len(o.AccessLogs)+len(o.OTLP)+len(o.Coverage) == 0 {
				return usagef("give at least one of --access-log, --otlp or --coverage")
			}
			return runF(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Graph, "graph", "", "read the graph from `FILE` (written by 'ficus analyze')")
	f.StringArrayVar(&o.AccessLogs, "access-log", nil, "read the proxy's access log `FILE`")
	f.StringArrayVar(&o.OTLP, "otlp", nil, "read OpenTelemetry traces in OTLP JSON from `FILE`")
	f.StringArrayVar(&o.Coverage, "coverage", nil, "read per-route coverage directories from `DIR`")
	f.StringVarP(&o.Output, "output", "o", "", "write the graph to `FILE` instead of stdout")
	return cmd
}

func runEvidence(ctx context.Context, a *app, o evidenceOptions) error {
	f, err := os.Open(o.Graph)
	if err != nil {
		return fmt.Errorf("open graph: %w (produce one with 'ficus analyze DIR -o %s')", err, o.Graph)
	}
	doc, err := analyzer.DecodeDocument(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", o.Graph, err)
	}
	ev := evidence.New(doc)
	for _, name := range o.AccessLogs {
		n, err := readEvidence(name, ev.ReadAccessLog)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.Err, "  access log   %s: %d requests\n", name, n)
	}
	for _, name := range o.OTLP {
		n, err := readEvidence(name, ev.ReadOTLP)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.Err, "  traces       %s: %d server spans\n", name, n)
	}
	for _, dir := range o.Coverage {
		n, err := ev.ReadCoverage(ctx, dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.Err, "  coverage     %s: %d routes\n", dir, n)
	}
	st := ev.Apply(&doc)
	fmt.Fprintf(a.Err, "ficus: %d requests on %d routes, %d executes edges", st.Requests, st.Routes, st.Executes)
	if st.Unmatched > 0 || st.Unknown > 0 {
		fmt.Fprintf(a.Err, "; %d requests matched no route, %d functions or files unknown (see the graph's diagnostics)", st.Unmatched, st.Unknown)
	}
	fmt.Fprintln(a.Err)
	return writeOutput(a, o.Output, doc.WriteJSON)
}

// readEvidence opens name and hands it to read.
func readEvidence(name string, read func(io.Reader, string) (int, error)) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	return read(f, name)
}
