package proxycli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/admin"
	"github.com/ficus-dev/ficus/strangler/config"
)

// proxyRunOptions are the flags of 'ficus proxy [run]'.
type proxyRunOptions struct {
	Config         string
	AdminTokenFile string
	AccessLog      string // stderr, stdout, off, or a file path
	LogFormat      string // json or text
	LogLevel       string // debug, info, warn, error
	NoWatch        bool
}

// NewCommand returns the proxy verb with run, validate, promote, rollback,
// status and parity under it; extra adds verbs that need more than the
// proxy (init and drift need the analyzer and the planner).
func NewCommand(a *cli.App, extra ...*cobra.Command) *cobra.Command {
	opts := &proxyRunOptions{}
	cmd := &cobra.Command{
		Use:   "proxy",
		Short: "Run the strangler-fig proxy",
		Long: `Run the strangler-fig proxy: it sends every request to the default backend
(the monolith) except those that match a route, which go, for a share of
users, to an extracted service, falling back to the monolith when it fails.

Routes with a mode move through monolith → shadow → canary → service →
retired: shadow compares the service's answers with the monolith's, canary
climbs its rollout steps while the gates hold and rolls back by itself.
Modes, weights and rollout progress survive restarts in a state file.

The configuration file is described in docs/proxy.md. It is reloaded when it
changes, on SIGHUP, and on POST /reload to the admin listener; an invalid file
is rejected and the running configuration keeps serving. SIGTERM drains.`,
		Example: `  ficus proxy init ./monolith --monolith-url http://127.0.0.1:9001
  ficus proxy --config ficus-proxy.yaml
  ficus proxy promote catalog.get-products-id
  ficus proxy parity
  ficus proxy validate ficus-proxy.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProxy(cmd.Context(), a, opts)
		},
	}
	addProxyRunFlags(cmd, opts)
	run := &cobra.Command{
		Use:   "run",
		Short: "Run the proxy (the same as 'ficus proxy')",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProxy(cmd.Context(), a, opts)
		},
	}
	addProxyRunFlags(run, opts)
	cmd.AddCommand(run, newProxyValidateCmd(a),
		newProxyPromoteCmd(a), newProxyRollbackCmd(a), newProxyStatusCmd(a), newProxyParityCmd(a))
	cmd.AddCommand(extra...)
	return cmd
}

func addProxyRunFlags(cmd *cobra.Command, opts *proxyRunOptions) {
	f := cmd.Flags()
	f.StringVarP(&opts.Config, "config", "c", "ficus-proxy.yaml", "configuration `file`")
	f.StringVar(&opts.AdminTokenFile, "admin-token-file", "", "`file` holding the admin bearer token (default: $FICUS_ADMIN_TOKEN)")
	f.StringVar(&opts.AccessLog, "access-log", "stderr", "where access logs go: stderr, stdout, off, or a file `path`")
	f.StringVar(&opts.LogFormat, "log-format", "json", "log format: json or text")
	f.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn or error")
	f.BoolVar(&opts.NoWatch, "no-watch", false, "do not reload the configuration when the file changes")
}

// runProxy serves until ctx ends (SIGINT or SIGTERM), then drains.
func runProxy(ctx context.Context, a *cli.App, opts *proxyRunOptions) error {
	logger, err := newServerLogger(a.Err, opts.LogFormat, opts.LogLevel)
	if err != nil {
		return err
	}
	accessLog, closeLog, err := openAccessLog(a, opts.AccessLog, opts.LogFormat)
	if err != nil {
		return err
	}
	defer closeLog()
	token, err := adminToken(opts.AdminTokenFile)
	if err != nil {
		return err
	}
	cfg, err := config.Load(ctx, opts.Config)
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	tracer, shutdownTracing, err := newTracer(ctx, a.Version)
	if err != nil {
		return err
	}
	defer shutdownTracing()
	proxy, err := strangler.NewProxy(ctx, cfg, strangler.Options{
		Logger: logger, AccessLog: accessLog, Registry: reg, Now: a.Now, Tracer: tracer,
		RolloutEvery: time.Second,
	})
	if err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	srv := &strangler.Server{Proxy: proxy, Logger: logger, Watch: !opts.NoWatch, Signals: hup}
	srv.Admin = admin.New(proxy, admin.Options{Token: token, Gatherer: reg, Ready: srv.Ready, Logger: logger})
	if token == "" {
		logger.Warn("no admin token: the admin API is read-only (set FICUS_ADMIN_TOKEN or --admin-token-file)")
	}
	return srv.Run(ctx)
}

func newServerLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, cli.Usagef("--log-level %q: use debug, info, warn or error", level)
	}
	h, err := logHandler(w, format, lv)
	if err != nil {
		return nil, err
	}
	return slog.New(h), nil
}

func logHandler(w io.Writer, format string, lv slog.Level) (slog.Handler, error) {
	o := &slog.HandlerOptions{Level: lv}
	switch format {
	case "json":
		return slog.NewJSONHandler(w, o), nil
	case "text":
		return slog.NewTextHandler(w, o), nil
	}
	return nil, cli.Usagef("--log-format %q: use json or text", format)
}

// openAccessLog returns the access logger (nil when off) and a function
// that closes its file.
func openAccessLog(a *cli.App, dest, format string) (*slog.Logger, func(), error) {
	var w io.Writer
	closer := func() {}
	switch dest {
	case "off", "":
		return nil, closer, nil
	case "stderr":
		w = a.Err
	case "stdout":
		w = a.Out
	default:
		f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, closer, fmt.Errorf("open access log: %w", err)
		}
		w, closer = f, func() { _ = f.Close() }
	}
	h, err := logHandler(w, format, slog.LevelInfo)
	if err != nil {
		closer()
		return nil, func() {}, err
	}
	return slog.New(h).With("log", "access"), closer, nil
}

// adminToken reads the token from file, or else from $FICUS_ADMIN_TOKEN.
func adminToken(file string) (string, error) {
	if file == "" {
		return strings.TrimSpace(os.Getenv("FICUS_ADMIN_TOKEN")), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("read admin token: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("admin token file %s is empty", file)
	}
	return tok, nil
}

func newProxyValidateCmd(a *cli.App) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a proxy configuration file",
		Long: `Check a proxy configuration file without running it. Every problem is
reported with its line, what is wrong and how to fix it: unknown backends,
bad path patterns, weights out of range, duplicate, shadowed or conflicting
routes. The exit code is 0 when the file is valid and 1 when it is not.`,
		Example: "  ficus proxy validate ficus-proxy.yaml",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cli.Usagef("validate takes one configuration file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateProxyConfig(cmd.Context(), a, args[0])
		},
	}
}

func validateProxyConfig(ctx context.Context, a *cli.App, file string) error {
	cfg, err := config.Load(ctx, file)
	var ce *config.ConfigError
	if errors.As(err, &ce) {
		return cli.ExitCodeError{Code: cli.ExitError, Err: ce}
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.Out, "%s: ok: %d backends, %d routes, default %s\n", file, len(cfg.Backends), len(cfg.Routes), cfg.Default)
	return err
}
