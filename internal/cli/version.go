package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// BuildVersion reports the module version stamped by 'go install', or
// "devel" for a local build.
func BuildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "devel"
	}
	return info.Main.Version
}

// NewVersionCmd is the version verb; name is the binary's.
func NewVersionCmd(a *App, name string) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the " + name + " version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(a.Out, "%s %s\n", name, a.Version)
			return err
		},
	}
}
