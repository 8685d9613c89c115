package proxycli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/internal/cli"
	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/admin"
	"github.com/ficus-dev/ficus/strangler/config"
)

// proxyRouteOptions are the inputs of 'ficus proxy promote|rollback|status'.
type proxyRouteOptions struct {
	Admin  adminFlags
	Route  string
	Reason string
	JSON   bool
	Force  bool
}

func newProxyPromoteCmd(a *cli.App) *cobra.Command {
	o := &proxyRouteOptions{}
	cmd := &cobra.Command{
		Use:   "promote ROUTE",
		Short: "Move a route one stage on: monolith → shadow → canary → service → retired",
		Long: `Promote moves a route of a running proxy one stage on its lifecycle:
monolith → shadow → canary → service → retired. A canary route with a manual
rollout climbs one step instead. The change is saved in the proxy's state
file and survives restarts.

A shadow route goes to canary only when its shadow evidence would pass the
parity gate: at least rollout.min_requests comparisons, and a mismatch rate
within rollout.max_mismatch_rate. Otherwise promote says why, with the
paths that differ most; --force promotes anyway.`,
		Example: "  ficus proxy promote catalog.get-products-id",
		Args:    routeArg("promote"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Route = args[0]
			return runRouteChange(cmd.Context(), a, o, func(ctx context.Context, c *admin.Client) (strangler.RouteStatus, error) {
				if o.Force {
					return c.ForcePromote(ctx, o.Route)
				}
				return c.Promote(ctx, o.Route)
			})
		},
	}
	addAdminFlags(cmd, &o.Admin)
	cmd.Flags().BoolVar(&o.Force, "force", false, "promote a shadow route to canary even when its parity evidence would not pass the parity gate")
	return cmd
}

func newProxyRollbackCmd(a *cli.App) *cobra.Command {
	o := &proxyRouteOptions{}
	cmd := &cobra.Command{
		Use:     "rollback ROUTE",
		Short:   "Send every request of a route back to the monolith at once",
		Example: `  ficus proxy rollback catalog.get-products-id --reason "wrong prices"`,
		Args:    routeArg("rollback"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Route = args[0]
			return runRouteChange(cmd.Context(), a, o, func(ctx context.Context, c *admin.Client) (strangler.RouteStatus, error) {
				return c.Rollback(ctx, o.Route, o.Reason)
			})
		},
	}
	addAdminFlags(cmd, &o.Admin)
	cmd.Flags().StringVar(&o.Reason, "reason", "", "why, recorded with the rollback")
	return cmd
}

// runRouteChange sends one change through the admin client and prints the
// route's new state.
func runRouteChange(ctx context.Context, a *cli.App, o *proxyRouteOptions, change func(context.Context, *admin.Client) (strangler.RouteStatus, error)) error {
	c, err := newAdminClient(ctx, o.Admin)
	if err != nil {
		return err
	}
	st, err := change(ctx, c)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.Out, "%s: %s, weight %s%%\n", st.Name, modeOf(st), fmtWeight(st.Weight))
	return err
}

func newProxyStatusCmd(a *cli.App) *cobra.Command {
	o := &proxyRouteOptions{}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show each route's mode, weight and rollout step",
		Example: `  ficus proxy status
  ficus proxy status --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProxyStatus(cmd.Context(), a, o)
		},
	}
	addAdminFlags(cmd, &o.Admin)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the admin API's JSON document")
	return cmd
}

func runProxyStatus(ctx context.Context, a *cli.App, o *proxyRouteOptions) error {
	c, err := newAdminClient(ctx, o.Admin)
	if err != nil {
		return err
	}
	doc, err := c.Routes(ctx)
	if err != nil {
		return err
	}
	if o.JSON {
		return cli.WriteJSON(a.Out, doc)
	}
	return writeStatusTable(a.Out, doc)
}

// writeStatusTable prints one line per route.
func writeStatusTable(w io.Writer, doc strangler.RoutesDoc) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ROUTE\tMODE\tWEIGHT\tSTEP\tTO\tNOTE")
	for _, r := range doc.Routes {
		step, note := "-", ""
		if ro := r.Rollout; ro != nil {
			if r.Mode == config.ModeCanary {
				step = fmt.Sprintf("%d/%d", ro.Step+1, len(ro.Steps))
			}
			if rb := ro.LastRollback; rb != nil {
				note = fmt.Sprintf("rolled back %s: %s", rb.At.Format("2006-01-02 15:04:05Z07:00"), rb.Reason)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s%%\t%s\t%s\t%s\n", r.Name, modeOf(r), fmtWeight(r.Weight), step, r.To, note)
	}
	return tw.Flush()
}

func modeOf(r strangler.RouteStatus) string {
	if r.Mode == config.ModeNone {
		return "(weighted)"
	}
	return string(r.Mode)
}

func fmtWeight(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }

// proxyParityOptions are the inputs of 'ficus proxy parity'.
type proxyParityOptions struct {
	Admin   adminFlags
	Route   string
	JSON    bool
	Samples int
}

func newProxyParityCmd(a *cli.App) *cobra.Command {
	o := &proxyParityOptions{}
	cmd := &cobra.Command{
		Use:   "parity [ROUTE]",
		Short: "Show how shadowed services answer compared with the monolith",
		Long: `Parity prints what shadow mode found: per route, the requests compared and
the share whose answers differed beyond noise; per JSON path, the
differences from the service and the differences the monolith has with
itself (noise, like timestamps and generated ids, which are not counted);
and sample diffs.`,
		Example: `  ficus proxy parity
  ficus proxy parity catalog.get-products-id --samples 3
  ficus proxy parity --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Route = args[0]
			}
			return runProxyParity(cmd.Context(), a, o)
		},
	}
	addAdminFlags(cmd, &o.Admin)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the admin API's JSON document (schema "+strangler.ParitySchema+")")
	cmd.Flags().IntVar(&o.Samples, "samples", 1, "sample diffs to print per route")
	return cmd
}

func runProxyParity(ctx context.Context, a *cli.App, o *proxyParityOptions) error {
	c, err := newAdminClient(ctx, o.Admin)
	if err != nil {
		return err
	}
	doc, err := c.Parity(ctx)
	if err != nil {
		return err
	}
	if o.Route != "" {
		var keep []strangler.RouteParity
		for _, r := range doc.Routes {
			if r.Route == o.Route {
				keep = append(keep, r)
			}
		}
		doc.Routes = keep
	}
	if o.JSON {
		return cli.WriteJSON(a.Out, doc)
	}
	return writeParityTable(a.Out, doc, o.Samples)
}

// writeParityTable prints the routes, then each route's paths and samples.
func writeParityTable(w io.Writer, doc strangler.ParityDoc, samples int) error {
	if len(doc.Routes) == 0 {
		_, err := fmt.Fprintln(w, "no shadow results yet: put a route in shadow mode with 'ficus proxy promote ROUTE' and send it traffic")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ROUTE\tMODE\tCOMPARED\tMISMATCHED\tRATE\tERRORS\tDROPPED")
	for _, r := range doc.Routes {
		dropped := int64(0)
		for _, n := range r.Dropped {
			dropped += n
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f%%\t%d\t%d\n", r.Route, r.Mode, r.Compared, r.Mismatched, 100*r.MismatchRate, r.Errors, dropped)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range doc.Routes {
		if len(r.Paths) == 0 && len(r.Samples) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:", r.Route)
		if r.Restored {
			fmt.Fprint(w, " (evidence from the state file)")
		}
		if r.GateArmed {
			fmt.Fprint(w, " (the parity gate judges this evidence)")
		}
		fmt.Fprintf(w, "\n  counts are requests: MISMATCHES of %d compared had the service differ at the path, NOISE of %d the monolith differ from itself\n", r.Compared, r.NoiseSampled)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  PATH\tCLASS\tMISMATCHES\tNOISE")
		for _, p := range r.Paths {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\n", p.Path, p.Class, p.Mismatches, p.Noise)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, c := range r.ClassChanges {
			fmt.Fprintf(w, "  %s: %s became %s (service differs on %.1f%%, monolith on %.1f%%, over %d)\n",
				c.At.Format("15:04:05"), c.Path, c.To, 100*c.MismatchRate, 100*c.NoiseRate, c.Compared)
		}
		if len(r.SuggestedIgnores) > 0 {
			fmt.Fprintf(w, "  suggested shadow.ignore for route %s (values specific to each instance):\n", r.Route)
			for _, sg := range r.SuggestedIgnores {
				fmt.Fprintf(w, "    - %q  # differs on %d of %d: %s\n", sg.Path, sg.Mismatches, sg.Compared, sg.Why)
			}
		}
		for _, p := range r.Paths {
			if p.Class != strangler.ClassMismatch {
				continue
			}
			for i, ps := range p.Samples {
				if i >= samples {
					break
				}
				fmt.Fprintf(w, "  %s (%s) at %s: %s %s: monolith %s, service %s\n", p.Path, ps.Kind, ps.Where, ps.Method, ps.Target, orDash(ps.Monolith), orDash(ps.Service))
			}
		}
		for i, s := range r.Samples {
			if i >= samples {
				break
			}
			writeSample(w, s)
		}
	}
	return nil
}

func writeSample(w io.Writer, s strangler.ParitySample) {
	fmt.Fprintf(w, "  sample: %s %s  monolith %d", s.Method, s.Target, s.Monolith)
	if s.Error != "" {
		fmt.Fprintf(w, ", service error: %s\n", s.Error)
		return
	}
	fmt.Fprintf(w, ", service %d\n", s.Service)
	for _, d := range s.Diffs {
		fmt.Fprintf(w, "    %s (%s): monolith %s, service %s\n", d.At, d.Kind, orDash(d.A), orDash(d.B))
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
