package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"example.com/shop/internal/platform"
)

// Exit codes of the shop binary.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Main runs the shop with command-line arguments args, logging to stderr,
// until SIGINT or SIGTERM, and returns the process exit code.
func Main(args []string, stderr io.Writer) int {
	cfg, err := platform.ParseConfig(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return exitUsage
	}
	log, err := platform.NewLogger(stderr, cfg.LogLevel)
	if err != nil {
		fmt.Fprintln(stderr, "shop:", err)
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := New(ctx, Options{Config: cfg, Log: log})
	if err != nil {
		log.Error("start", "err", err)
		return exitFailure
	}
	defer a.Close()
	if err := a.Run(ctx); err != nil {
		log.Error("run", "err", err)
		return exitFailure
	}
	return exitOK
}
