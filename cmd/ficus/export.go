package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/mesh"
)

// exportOptions are the inputs of 'ficus export'.
type exportOptions struct {
	Target    mesh.Target
	Config    string
	State     string
	OutDir    string
	Namespace string
	Gateway   string
	Hosts     []string
	Strict    bool
}

func newExportCmd(a *app) *cobra.Command {
	return newExportCmdWith(a, runExport)
}

func newExportCmdWith(a *app, runF func(context.Context, *app, exportOptions) error) *cobra.Command {
	var o exportOptions
	names := make([]string, 0, 3)
	for _, t := range mesh.Targets() {
		names = append(names, string(t))
	}
	cmd := &cobra.Command{
		Use:   "export gateway-api|istio|envoy",
		Short: "Turn a proxy configuration into mesh configuration",
		Long: `Export turns a ficus proxy configuration into configuration for a mesh or
gateway you already run:

  gateway-api  Kubernetes Gateway API HTTPRoutes: weighted backendRefs, and a
               RequestMirror filter for routes in shadow mode
  istio        an Istio VirtualService (weights, mirror, retries only where
               ficus would retry) and a DestinationRule per backend
               (outlier detection, connection limits, TLS)
  envoy        an Envoy static bootstrap: weighted clusters, request mirror
               policies, retries only where ficus would retry, outlier
               detection, health checks, path normalization

Backends become Kubernetes Services (or Envoy clusters) named like the
backend, on the port of its URL. Modes and weights are the file's, or the
live ones with --state. Route timeouts are not exported (a mesh timeout
covers the whole response and would cut streams). What each target cannot
express (parity diffing, automatic rollback, sticky cohorts across the
split, fallback to another backend) is listed in docs/exports.md. Where the export routes differently
from the proxy (a match the target cannot express, a precedence it orders
otherwise, a weight it rounds), a warning on stderr names the route and the
change; --strict makes that an error.`,
		Example: `  ficus export istio --config ficus-proxy.yaml -o deploy/mesh
  ficus export gateway-api --config ficus-proxy.yaml --namespace shop --gateway public
  ficus export envoy --config ficus-proxy.yaml --state ficus-proxy.state.json > envoy.yaml`,
		ValidArgs: names,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("export takes one target (%s), got %d arguments", strings.Join(names, ", "), len(args))
			}
			for _, n := range names {
				if args[0] == n {
					return nil
				}
			}
			return usagef("unknown target %q: use %s", args[0], strings.Join(names, ", "))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Target = mesh.Target(args[0])
			return runF(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Config, "config", "c", "ficus-proxy.yaml", "proxy configuration `file`")
	f.StringVar(&o.State, "state", "", "take live modes and weights from this state `file`")
	f.StringVarP(&o.OutDir, "output", "o", "", "write TARGET.yaml into `DIR` (default: stdout)")
	f.StringVar(&o.Namespace, "namespace", "", "Kubernetes `namespace` of the objects")
	f.StringVar(&o.Gateway, "gateway", "", "Gateway the HTTPRoutes attach to (default ficus), or the Istio gateway of the VirtualService (default: the mesh)")
	f.StringSliceVar(&o.Hosts, "host", nil, "host `names` served by routes without a host")
	f.BoolVar(&o.Strict, "strict", false, "fail, writing nothing, when the target cannot route as the proxy does (default: warn on stderr)")
	return cmd
}

func runExport(ctx context.Context, a *app, o exportOptions) error {
	cfg, err := config.Load(ctx, o.Config)
	if err != nil {
		return err
	}
	eo := mesh.Options{Gateway: o.Gateway, Namespace: o.Namespace, Hosts: o.Hosts, Strict: o.Strict}
	if o.State != "" {
		st, err := strangler.ReadState(o.State)
		if err != nil {
			return err
		}
		if st == nil {
			return fmt.Errorf("state file %s does not exist: leave out --state to export the file's modes", o.State)
		}
		eo.State = st
	}
	out := ""
	if o.OutDir != "" {
		if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		out = filepath.Join(o.OutDir, string(o.Target)+".yaml")
	}
	var res mesh.Result
	err = writeOutput(a, out, func(w io.Writer) error {
		var err error
		res, err = mesh.Export(w, o.Target, cfg, eo)
		return err
	})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(a.Err, "ficus: export %s: warning: %s\n", o.Target, w)
	}
	if out != "" {
		fmt.Fprintf(a.Err, "ficus: wrote %s (%d routes)\n", out, len(cfg.Routes))
	}
	return nil
}
