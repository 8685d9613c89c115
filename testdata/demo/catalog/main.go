// Command catalog is the shop's catalog, extracted from the monolith in
// testdata/monolith for the ficus tutorial: the same read API for products
// and categories, the same sample data, and one deliberate bug.
//
// Usage:
//
//	catalog [-addr 127.0.0.1:9002] [-fixed]
//
// The bug: GET /products and GET /products/{id} write price_cents in euros
// (24.9) instead of cents (2490). -fixed runs the corrected code, as a
// redeploy would.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run serves until SIGINT or SIGTERM and returns the exit code.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("catalog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:9002", "listen `address`")
	fixed := fs.Bool("fixed", false, "write prices in cents, as the monolith does")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "catalog:", err)
		return 1
	}
	srv := &http.Server{Handler: newCatalog(time.Now(), *fixed).routes(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	log.Info("listening", "addr", ln.Addr().String(), "fixed", *fixed)
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		log.Error("serve", "err", err)
		return 1
	}
	return 0
}
