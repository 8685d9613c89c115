// Command library runs the lending library.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"example.com/library/internal/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := server.Main(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "library:", err)
		os.Exit(1)
	}
}
