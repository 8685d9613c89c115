package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/ficus-dev/ficus/planner"
)

// The planner's clustering is seeded. One seed's ARI can sit a few hundredths
// above or below what the planner does on average on an app, so a change
// judged on one seed can be a change of luck. With -seeds N the bench plans
// every app again, in process, with the N-1 seeds that follow -seed and
// prints each app's mean and lowest ARI over the N plans.

// seedScores plans the app's graph with seeds after the first and records
// every ARI (the first plan's included) in r.SeedARI.
func (o *options) seedScores(ctx context.Context, r *result, truth map[string]string) error {
	if o.seeds <= 1 {
		return nil
	}
	tp := planOf(truth)
	r.SeedARI = []float64{r.Ficus.ARI}
	r.SeedKernel = []float64{r.Kernel}
	for i := uint64(1); i < uint64(o.seeds); i++ {
		p, err := planner.Propose(ctx, r.doc, planner.Options{Seed: o.seed + i})
		if err != nil {
			return fmt.Errorf("plan with seed %d: %w", o.seed+i, err)
		}
		r.SeedARI = append(r.SeedARI, planner.Score(p, tp).ARI)
		r.SeedKernel = append(r.SeedKernel, kernelShare(p))
	}
	return nil
}

// printSeeds prints each app's mean and lowest ARI over the seeds, with
// the medians of both by split.
func printSeeds(w io.Writer, rs []*result, first uint64, n int) {
	if n <= 1 {
		return
	}
	fmt.Fprintf(w, "\nARI over seeds %d..%d (mean, lowest):\n", first, first+uint64(n)-1)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "app\tsplit\tmean\tlowest\tper seed\tlargest kernel")
	for _, r := range rs {
		if len(r.SeedARI) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%s\t%.0f%%\n", r.App.Name, r.App.Split, mean(r.SeedARI), slices.Min(r.SeedARI), fmtList(r.SeedARI), 100*slices.Max(r.SeedKernel))
	}
	tw.Flush()
	for _, split := range []string{"", "tune", "holdout"} {
		var means, lows []float64
		for _, r := range rs {
			if len(r.SeedARI) > 0 && (split == "" || r.App.Split == split) {
				means = append(means, mean(r.SeedARI))
				lows = append(lows, slices.Min(r.SeedARI))
			}
		}
		if len(means) == 0 {
			continue
		}
		slices.Sort(means)
		slices.Sort(lows)
		name := split
		if name == "" {
			name = "all"
		}
		fmt.Fprintf(w, "median over seeds, %s (%d apps): mean ARI %.2f, lowest ARI %.2f\n", name, len(means), medianOf(means), medianOf(lows))
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func fmtList(xs []float64) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += " "
		}
		out += fmt.Sprintf("%.2f", x)
	}
	return out
}

// kernelShare is the plan's kernel proper (its shared units less its
// libraries') as a share of its placed units.
func kernelShare(p *planner.Plan) float64 {
	placed := len(p.Shared)
	for _, s := range p.Services {
		placed += len(s.Members)
	}
	if placed == 0 {
		return 0
	}
	return float64(len(p.Shared)-p.LibraryUnits()) / float64(placed)
}
