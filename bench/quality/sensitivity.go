package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"text/tabwriter"

	"github.com/ficus-dev/ficus/planner"
)

// The planner's default weights were chosen on the tune apps. With
// -sensitivity the bench halves and doubles each weight alone, plans every
// real app again with each setting, and prints how the tune and the
// held-out apps move: a default that only the tune apps like (the held-out
// apps gain where the tune apps lose) is tuned to the tune apps, and a
// weight nothing moves is one the plans do not depend on.

// weightKnob is one weight of planner.Weights, by the name ficus.yaml
// gives it.
type weightKnob struct {
	name string
	of   func(*planner.Weights) *float64
}

// weightKnobs are the weights -sensitivity moves: those the structural
// plan reads (co-changes and executes only refine a plan with evidence,
// which the bench's graphs have none of).
func weightKnobs() []weightKnob {
	return []weightKnob{
		{"calls", func(w *planner.Weights) *float64 { return &w.Calls }},
		{"references", func(w *planner.Weights) *float64 { return &w.References }},
		{"embeds", func(w *planner.Weights) *float64 { return &w.Embeds }},
		{"implements", func(w *planner.Weights) *float64 { return &w.Implements }},
		{"handles", func(w *planner.Weights) *float64 { return &w.Handles }},
		{"reads", func(w *planner.Weights) *float64 { return &w.Reads }},
		{"writes", func(w *planner.Weights) *float64 { return &w.Writes }},
		{"uses", func(w *planner.Weights) *float64 { return &w.Uses }},
		{"runs", func(w *planner.Weights) *float64 { return &w.Runs }},
		{"events", func(w *planner.Weights) *float64 { return &w.Events }},
		{"entries", func(w *planner.Weights) *float64 { return &w.Entries }},
		{"receiver", func(w *planner.Weights) *float64 { return &w.Receiver }},
		{"files", func(w *planner.Weights) *float64 { return &w.Files }},
		{"names", func(w *planner.Weights) *float64 { return &w.Names }},
		{"stems", func(w *planner.Weights) *float64 { return &w.Stems }},
		{"resources", func(w *planner.Weights) *float64 { return &w.Resources }},
	}
}

// splitMeans is the mean over a split's apps of each app's mean ARI over
// the seeds.
type splitMeans struct{ tune, holdout float64 }

// sensitivity prints, for the default weights and for each weight halved
// and doubled, the mean ARI of the tune and the held-out real apps, each
// app's ARI the mean over seeds first..first+seeds-1.
func sensitivity(ctx context.Context, w io.Writer, rs []*result, first uint64, seeds int) error {
	var real []*result
	for _, r := range rs {
		if r.App.Synthetic == 0 {
			real = append(real, r)
		}
	}
	if len(real) == 0 {
		return nil
	}
	seeds = max(seeds, 1)
	base, err := splitScores(ctx, real, planner.DefaultConfig(), first, seeds)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nweight sensitivity (mean over the real apps of each app's mean ARI over seeds %d..%d; one weight moved at a time):\n", first, first+uint64(seeds)-1)
	fmt.Fprintf(w, "defaults: tune %.4f, holdout %.4f\n", base.tune, base.holdout)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "weight\tdefault\thalved: tune\tholdout\tdoubled: tune\tholdout\t")
	for _, k := range weightKnobs() {
		def := planner.DefaultConfig()
		v := *k.of(&def.Weights)
		fmt.Fprintf(tw, "%s\t%g\t", k.name, v)
		for _, f := range [...]float64{0.5, 2} {
			c := planner.DefaultConfig()
			*k.of(&c.Weights) = v * f
			m, err := splitScores(ctx, real, c, first, seeds)
			if err != nil {
				return fmt.Errorf("%s x%g: %w", k.name, f, err)
			}
			fmt.Fprintf(tw, "%+.4f\t%+.4f\t", m.tune-base.tune, m.holdout-base.holdout)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// splitScores plans every app with c and each seed, side by side, and
// returns the split means.
func splitScores(ctx context.Context, rs []*result, c planner.Config, first uint64, seeds int) (splitMeans, error) {
	ari := make([]float64, len(rs))
	errs := make([]error, len(rs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ari[i], errs[i] = meanARI(ctx, rs[i], c, first, seeds)
			}
		}()
	}
	for i := range rs {
		next <- i
	}
	close(next)
	wg.Wait()
	var sum splitMeans
	var n struct{ tune, holdout int }
	for i, r := range rs {
		if errs[i] != nil {
			return splitMeans{}, fmt.Errorf("%s: %w", r.App.Name, errs[i])
		}
		if r.App.Split == "tune" {
			sum.tune += ari[i]
			n.tune++
		} else {
			sum.holdout += ari[i]
			n.holdout++
		}
	}
	if n.tune > 0 {
		sum.tune /= float64(n.tune)
	}
	if n.holdout > 0 {
		sum.holdout /= float64(n.holdout)
	}
	return sum, nil
}

// meanARI is an app's mean ARI over the seeds with config c.
func meanARI(ctx context.Context, r *result, c planner.Config, first uint64, seeds int) (float64, error) {
	tp := planOf(r.truth)
	sum := 0.0
	for i := range uint64(seeds) {
		p, err := planner.Propose(ctx, r.doc, planner.Options{Seed: first + i, Config: c})
		if err != nil {
			return 0, fmt.Errorf("plan with seed %d: %w", first+i, err)
		}
		sum += planner.Score(p, tp).ARI
	}
	return sum / float64(seeds), nil
}
