package main

import (
	"context"

	"github.com/spf13/cobra"

	ficuscli "github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/internal/proxycli"
)

// run builds the command tree, executes it and maps the result to an exit code.
func run(ctx context.Context, args []string, s streams) int {
	return ficuscli.Run(ctx, newRootCmd(s), args, s)
}

func newRootCmd(s streams) *cobra.Command {
	a := newApp(s, false)
	root := &cobra.Command{
		Use:   "ficus",
		Short: "Take a Go monolith to services, one route at a time",
		Long: `ficus analyzes a Go monolith, proposes service boundaries, and moves traffic
to extracted services through a strangler-fig proxy.

Start with:
  ficus analyze ./path/to/monolith -o graph.json`,
	}
	ficuscli.SetupRoot(root, a)
	root.AddCommand(
		ficuscli.NewVersionCmd(a, "ficus"),
		newAnalyzeCmd(a),
		newGraphCmd(a),
		newPlanCmd(a),
		newEvidenceCmd(a),
		newCheckCmd(a),
		newScoreCmd(a),
		newReportCmd(a),
		proxycli.NewCommand(a, newProxyInitCmd(a), newProxyDriftCmd(a)),
		newExportCmd(a),
	)
	return root
}
