package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// run builds the command tree, executes it and maps the result to an exit code.
func run(ctx context.Context, args []string, s streams) int {
	root := newRootCmd(s)
	root.SetArgs(args)
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintf(s.Err, "ficus: %s\n", strings.TrimSpace(err.Error()))
		if exitCode(err) == exitUsage {
			fmt.Fprintf(s.Err, "Run '%s --help' for usage.\n", commandPath(root, args))
		}
	}
	return exitCode(err)
}

func newRootCmd(s streams) *cobra.Command {
	var verbose bool
	a := newApp(s, false)
	root := &cobra.Command{
		Use:   "ficus",
		Short: "Take a Go monolith to services, one route at a time",
		Long: `ficus analyzes a Go monolith, proposes service boundaries, and moves traffic
to extracted services through a strangler-fig proxy.

Start with:
  ficus analyze ./path/to/monolith -o graph.json`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			if verbose {
				*a = *newApp(s, true)
			}
		},
	}
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log debug detail to stderr")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newVersionCmd(a),
		newAnalyzeCmd(a),
		newGraphCmd(a),
		newPlanCmd(a),
		newCheckCmd(a),
		newScoreCmd(a),
		newReportCmd(a),
		newProxyCmd(a),
		newExportCmd(a),
	)
	return root
}

// commandPath names the sub-command the user ran, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		return root.Name()
	}
	return cmd.CommandPath()
}
