package platform

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"
)

// Config is the shop's runtime configuration, read from command-line flags.
type Config struct {
	// Addr is the host:port the HTTP server listens on.
	Addr string
	// DSN selects SQL storage when set; empty means in-memory storage.
	DSN string
	// Driver is the database/sql driver name used with DSN.
	Driver string
	// LogLevel is one of debug, info, warn, error.
	LogLevel string
	// Jobs enables the background job scheduler.
	Jobs bool
	// Seed loads sample customers and products into in-memory storage.
	Seed bool
	// ShutdownTimeout bounds the graceful shutdown of the HTTP server.
	ShutdownTimeout time.Duration
}

// ParseConfig parses the shop's flags from args. Usage and parse errors are
// written to stderr.
func ParseConfig(args []string, stderr io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("shop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "HTTP listen address")
	fs.StringVar(&c.DSN, "dsn", "", "SQL data source name; empty uses in-memory storage")
	fs.StringVar(&c.Driver, "driver", "postgres", "database/sql driver name used with -dsn")
	fs.StringVar(&c.LogLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.BoolVar(&c.Jobs, "jobs", true, "run background jobs")
	fs.BoolVar(&c.Seed, "seed", true, "seed in-memory storage with sample data")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 10*time.Second, "graceful shutdown timeout")
	if err := fs.Parse(args); err != nil {
		return Config{}, fmt.Errorf("parse flags: %w", err)
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected arguments %q: the shop takes flags only", fs.Args())
	}
	return c, c.Validate()
}

// Validate reports the first configuration problem, if any.
func (c Config) Validate() error {
	switch {
	case c.Addr == "":
		return errors.New("config: -addr must not be empty")
	case c.DSN != "" && c.Driver == "":
		return errors.New("config: -driver is required with -dsn")
	case c.ShutdownTimeout <= 0:
		return fmt.Errorf("config: -shutdown-timeout must be positive, got %s", c.ShutdownTimeout)
	}
	return nil
}
