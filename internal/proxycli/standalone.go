package proxycli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/internal/cli"
)

// NewStandalone returns the root command of ficus-proxy: the proxy verb
// as the root, so 'ficus-proxy ARGS' does what 'ficus proxy ARGS' does,
// plus version. Init and drift, which need the analyzer, name the fix.
func NewStandalone(a *cli.App) *cobra.Command {
	root := NewCommand(a, needsFicus("init", "[DIR]"), needsFicus("drift", "[DIR]"))
	root.Use = "ficus-proxy"
	var examples []string
	for _, line := range strings.Split(root.Example, "\n") {
		if !strings.Contains(line, "proxy init") {
			examples = append(examples, strings.Replace(line, "ficus proxy", "ficus-proxy", 1))
		}
	}
	root.Example = strings.Join(examples, "\n")
	cli.SetupRoot(root, a)
	root.AddCommand(cli.NewVersionCmd(a, "ficus-proxy"))
	return root
}

// needsFicus stands for a proxy verb that analyzes the monolith, which
// this build leaves out: it takes any arguments and names the fix.
func needsFicus(verb, args string) *cobra.Command {
	return &cobra.Command{
		Use:                verb + " " + args,
		Short:              "Not in this build: run 'ficus proxy " + verb + "'",
		DisableFlagParsing: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("%s needs the analyzer, which ficus-proxy leaves out: run 'ficus proxy %s' with the full ficus binary (go install github.com/ficus-dev/ficus/cmd/ficus@latest)", verb, verb)
		},
	}
}
