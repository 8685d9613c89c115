package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Run executes root with args and maps the result to an exit code; errors
// are printed to s.Err prefixed with the root's name.
func Run(ctx context.Context, root *cobra.Command, args []string, s Streams) int {
	root.SetArgs(args)
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintf(s.Err, "%s: %s\n", root.Name(), strings.TrimSpace(err.Error()))
		if ExitCode(err) == ExitUsage {
			fmt.Fprintf(s.Err, "Run '%s --help' for usage.\n", CommandPath(root, args))
		}
	}
	return ExitCode(err)
}

// SetupRoot makes root a binary's top command: errors are printed once by
// Run, flag errors are usage errors, and --verbose swaps a for a factory
// that logs debug detail.
func SetupRoot(root *cobra.Command, a *App) {
	var verbose bool
	s := a.Streams
	root.SilenceUsage = true
	root.SilenceErrors = true
	prev := root.PersistentPreRun
	root.PersistentPreRun = func(cmd *cobra.Command, args []string) {
		if verbose {
			*a = *NewApp(s, true)
		}
		if prev != nil {
			prev(cmd, args)
		}
	}
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log debug detail to stderr")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return UsageError{Err: err} })
}

// CommandPath names the sub-command the user ran, for the usage hint.
func CommandPath(root *cobra.Command, args []string) string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		return root.Name()
	}
	return cmd.CommandPath()
}
