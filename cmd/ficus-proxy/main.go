// Command ficus-proxy is the strangler-fig proxy alone: 'ficus proxy' with
// the same configuration, verbs and flags, built without the analyzer, the
// planner and the renderers, for the proxy's container image.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/internal/proxycli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], cli.NewStreams(os.Stdin, os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}

// run builds the command tree, executes it and maps the result to an exit code.
func run(ctx context.Context, args []string, s cli.Streams) int {
	return cli.Run(ctx, proxycli.NewStandalone(cli.NewApp(s, false)), args, s)
}
