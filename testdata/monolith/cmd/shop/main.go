// Command shop is a small online shop: customers, a catalog, orders,
// payments and shipping behind one HTTP server.
//
// Usage:
//
//	shop [-addr 127.0.0.1:8080] [-dsn DSN -driver NAME] [-jobs=false] [-seed=false] [-log-level debug]
//
// Without -dsn it keeps everything in memory, seeded with sample data.
package main

import (
	"os"

	"example.com/shop/internal/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stderr))
}
