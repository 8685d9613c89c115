package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/ficus-dev/ficus/analyzer"
)

// graphSource says where a verb gets its graph: a saved graph file, or a
// fresh analysis of a directory.
type graphSource struct {
	Dir   string
	Graph string // path of a ficus.graph/v1 file; wins over Dir
	Tags  []string
	// History, with Dir, adds co-changes edges as ficus analyze --history
	// does: the window's start, or historyFromConfig.
	History string
}

// loadGraph reads or builds the graph a verb works on. A fresh analysis
// prints no summary; its diagnostics are logged at debug level.
func loadGraph(ctx context.Context, a *app, src graphSource) (*analyzer.Graph, error) {
	if src.Graph != "" {
		f, err := os.Open(src.Graph)
		if err != nil {
			return nil, fmt.Errorf("open graph: %w (produce one with 'ficus analyze DIR -o %s')", err, src.Graph)
		}
		defer f.Close()
		g, err := analyzer.ReadJSON(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Graph, err)
		}
		return g, nil
	}
	g, err := analyzer.Analyze(ctx, analyzer.Options{Dir: src.Dir, Tags: src.Tags, Logger: a.Logger})
	if err != nil && !errors.Is(err, analyzer.ErrNothingAnalyzed) {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	if src.History != "" {
		st, err := addHistory(ctx, g, src.History)
		if err != nil {
			return nil, err
		}
		writeHistorySummary(a.Err, st)
	}
	for _, d := range g.Diagnostics {
		a.Logger.Debug("diagnostic", "pkg", d.Package, "msg", d.String())
	}
	for _, line := range diagnosticSummary(g.Diagnostics) {
		fmt.Fprintf(a.Err, "ficus: %s; run 'ficus analyze' to see them\n", line)
	}
	return g, nil
}

// diagnosticSummary counts diagnostics by what they mean for the reader:
// packages that did not load, route registrations not read, other notes.
// A route note is not a load problem: the package loaded.
func diagnosticSummary(ds []analyzer.Diagnostic) []string {
	pkgs := map[string]bool{}
	var load, routes, other int
	for _, d := range ds {
		switch d.Kind {
		case analyzer.DiagList, analyzer.DiagParse, analyzer.DiagType, analyzer.DiagLimit:
			load++
			pkgs[d.Package] = true
		case analyzer.DiagRoute:
			routes++
		default:
			other++
		}
	}
	var out []string
	if load > 0 {
		out = append(out, fmt.Sprintf("%s had load problems (%s)", plural(len(pkgs), "package"), plural(load, "diagnostic")))
	}
	if routes > 0 {
		out = append(out, fmt.Sprintf("%s could not be read, so %s not in the graph", plural(routes, "route registration"), map[bool]string{true: "its routes are", false: "their routes are"}[routes == 1]))
	}
	if other > 0 {
		out = append(out, plural(other, "other note")+" from the analysis")
	}
	return out
}

// plural writes n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
