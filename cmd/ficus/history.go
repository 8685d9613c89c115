package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/ficus-dev/ficus/analyzer"
)

// addHistory reads the history section of the analyzed directory's
// ficus.yaml and adds the co-changes edges of the git history since
// since (historyFromConfig: the section's own window).
func addHistory(ctx context.Context, g *analyzer.Graph, since string) (analyzer.HistoryStats, error) {
	cfg, err := analyzer.LoadConfig(g.Dir)
	if err != nil {
		return analyzer.HistoryStats{}, fmt.Errorf("--history: %w", err)
	}
	if since != historyFromConfig {
		cfg.History.Since = since
	}
	return analyzer.AddHistory(ctx, g, cfg.History)
}

// writeHistorySummary prints what --history read.
func writeHistorySummary(w io.Writer, st analyzer.HistoryStats) {
	if st.Commits == 0 {
		fmt.Fprintf(w, "  history      no commit in the window\n")
		return
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	fmt.Fprintf(w, "  history      %d commits from %s to %s (%d bulk left out), %d co-changes edges of %d file pairs\n",
		st.Commits, day(st.Oldest), day(st.Newest), st.Bulk, st.Edges, st.Pairs)
}
