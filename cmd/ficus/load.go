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
	if n := len(g.Diagnostics); n > 0 {
		fmt.Fprintf(a.Err, "ficus: %d packages had load problems; run 'ficus analyze' to see them\n", n)
	}
	return g, nil
}
