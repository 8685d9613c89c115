package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/ficus-dev/ficus/planner"
)

// baselines are the trivial splits printed beside ficus, in column order.
func baselines() []string { return []string{"folder", "file", "louvain"} }

func fmtScores(s planner.Scores) string {
	return fmt.Sprintf("%.2f %.2f %3.0f", s.ARI, s.NMI, s.MoJoFM)
}

// printTable prints one row per app (ARI NMI MoJoFM for ficus and each
// baseline) and the medians.
func printTable(w io.Writer, rs []*result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "app\tstyle\tsplit\titems\tficus ARI NMI MoJo\tfolder\tfile\tlouvain\t≥best\tservices\tkernel\tlibs\tanalyze s\tplan s\tpropose s\tbad names")
	for _, r := range rs {
		best := bestBaseline(r)
		ok := "yes"
		// ARI is printed to two decimals; a lead below that is a tie.
		if r.Ficus.ARI+0.005 < best {
			ok = fmt.Sprintf("no (%.2f)", best)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%.0f%%\t%.0f%%\t%.2f\t%.2f\t%.2f\t%d\n", r.App.Name, r.App.Style, r.App.Split,
			r.Items, fmtScores(r.Ficus), fmtScores(r.Base["folder"]), fmtScores(r.Base["file"]), fmtScores(r.Base["louvain"]),
			ok, r.Services, 100*r.Kernel, 100*r.Libraries, r.Analyze, r.Plan, r.Propose, len(r.BadNames))
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, split := range []string{"", "tune", "holdout"} {
		var sel []*result
		for _, r := range rs {
			if split == "" || r.App.Split == split {
				sel = append(sel, r)
			}
		}
		if len(sel) == 0 {
			continue
		}
		label := "all"
		if split != "" {
			label = split
		}
		fmt.Fprintf(w, "median ARI, %s (%d apps): ficus %.2f", label, len(sel), median(sel, func(r *result) float64 { return r.Ficus.ARI }))
		for _, b := range baselines() {
			fmt.Fprintf(w, ", %s %.2f", b, median(sel, func(r *result) float64 { return r.Base[b].ARI }))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	for _, r := range rs {
		names := r.Names
		if len(names) > 16 {
			names = append(slices.Clone(names[:16]), fmt.Sprintf("... (%d more)", len(r.Names)-16))
		}
		fmt.Fprintf(w, "%s services: %s\n", r.App.Name, strings.Join(names, " "))
		if len(r.BadNames) > 0 {
			fmt.Fprintf(w, "  no domain name: %s\n", strings.Join(r.BadNames, ", "))
		}
	}
	printBadNames(w, rs)
	printProxyInit(w, rs)
}

func bestBaseline(r *result) float64 {
	best := -1.0
	for _, b := range baselines() {
		best = max(best, r.Base[b].ARI)
	}
	return best
}

func median(rs []*result, f func(*result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// grid is the set of planner settings leave-one-out chooses from: the
// knobs a user can set in ficus.yaml that most move the result.
func grid() []planner.Config {
	var out []planner.Config
	for _, names := range []float64{0.25, 0.5, 1} {
		for _, stems := range []float64{0.5, 1, 2} {
			c := planner.DefaultConfig()
			c.Weights.Names, c.Weights.Stems = names, stems
			out = append(out, c)
		}
	}
	return out
}

// leaveOneOut scores each real app with the grid setting that has the
// best median ARI on the other apps, so the figure says how well tuning
// on some apps carries to one it was not tuned on.
func leaveOneOut(ctx context.Context, w io.Writer, rs []*result, seed uint64) error {
	var real []*result
	for _, r := range rs {
		if r.App.Synthetic == 0 {
			real = append(real, r)
		}
	}
	if len(real) < 3 {
		return nil
	}
	g := grid()
	ari := make([][]float64, len(real)) // app × setting
	for i, r := range real {
		tp := planOf(r.truth)
		ari[i] = make([]float64, len(g))
		for j, c := range g {
			p, err := planner.Propose(ctx, r.doc, planner.Options{Seed: seed, Config: c})
			if err != nil {
				return fmt.Errorf("%s: %w", r.App.Name, err)
			}
			ari[i][j] = planner.Score(p, tp).ARI
		}
	}
	fmt.Fprintln(w, "settings (median ARI of the real apps with each; the default is chosen on the tune apps):")
	for j, c := range g {
		var tune, hold []float64
		for i, r := range real {
			if r.App.Split == "tune" {
				tune = append(tune, ari[i][j])
			} else {
				hold = append(hold, ari[i][j])
			}
		}
		slices.Sort(tune)
		slices.Sort(hold)
		mark := ""
		if c.Weights == planner.DefaultConfig().Weights {
			mark = "  <- default"
		}
		fmt.Fprintf(w, "  names %.2f stems %.2f: tune %.2f, holdout %.2f%s\n", c.Weights.Names, c.Weights.Stems, medianOf(tune), medianOf(hold), mark)
	}
	var loo []float64
	fmt.Fprintln(w, "leave-one-out (each app scored with the setting best on the others):")
	for i, r := range real {
		best, bestMed := 0, -2.0
		for j := range g {
			var others []float64
			for k := range real {
				if k != i {
					others = append(others, ari[k][j])
				}
			}
			slices.Sort(others)
			// ties go to the shipped default, then to the first setting
			m := medianOf(others)
			if m > bestMed+1e-12 || (m > bestMed-1e-12 && g[j].Weights == planner.DefaultConfig().Weights) {
				best, bestMed = j, m
			}
		}
		loo = append(loo, ari[i][best])
		fmt.Fprintf(w, "  %-20s ARI %.2f (default %.2f; chosen names %.2f stems %.2f)\n", r.App.Name, ari[i][best], r.Ficus.ARI,
			g[best].Weights.Names, g[best].Weights.Stems)
	}
	slices.Sort(loo)
	fmt.Fprintf(w, "median leave-one-out ARI: %.2f\n", medianOf(loo))
	return nil
}

func medianOf(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// printConfusion prints, for each truth class, how its units spread over
// the plan's services (the kernel is "(shared)"): where a plan goes wrong.
// With misplaced it also lists each unit that is not in its class's main
// service.
func printConfusion(w io.Writer, r *result, plan map[string]string, misplaced bool) {
	by := map[string]map[string]int{}
	for id, t := range r.truth {
		p, ok := plan[id]
		if !ok {
			p = "(unplaced)"
		}
		if by[t] == nil {
			by[t] = map[string]int{}
		}
		by[t][p]++
	}
	fmt.Fprintf(w, "%s: truth class -> plan services (units)\n", r.App.Name)
	for _, t := range slices.Sorted(maps.Keys(by)) {
		var parts []string
		for _, p := range slices.Sorted(maps.Keys(by[t])) {
			parts = append(parts, fmt.Sprintf("%s:%d", p, by[t][p]))
		}
		fmt.Fprintf(w, "  %-24s %s\n", t, strings.Join(parts, " "))
	}
	if !misplaced {
		return
	}
	main := map[string]string{}
	for t, ps := range by {
		for _, p := range slices.Sorted(maps.Keys(ps)) {
			if ps[p] > ps[main[t]] {
				main[t] = p
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(r.truth)) {
		t := r.truth[id]
		p, ok := plan[id]
		if !ok {
			p = "(unplaced)"
		}
		if p != main[t] {
			fmt.Fprintf(w, "    %s -> %s: %s\n", t, p, id)
		}
	}
}

// printBadNames prints how many service names are no domain names (see
// vocabulary.go): in all, and the median share per app.
func printBadNames(w io.Writer, rs []*result) {
	bad, all := 0, 0
	for _, r := range rs {
		bad += len(r.BadNames)
		all += r.Services
	}
	fmt.Fprintf(w, "service names that are no domain name: %d of %d; median per app %.0f (share %.0f%%)\n", bad, all,
		median(rs, func(r *result) float64 { return float64(len(r.BadNames)) }),
		100*median(rs, func(r *result) float64 { return float64(len(r.BadNames)) / float64(max(1, r.Services)) }))
}

// printProxyInit prints on how many real apps the configuration 'ficus
// proxy init' writes passes 'ficus proxy validate', and why the others
// fail.
func printProxyInit(w io.Writer, rs []*result) {
	valid, all := 0, 0
	var failed []string
	for _, r := range rs {
		if r.ProxyInit == "" {
			continue
		}
		all++
		if r.ProxyInit == "valid" {
			valid++
		} else {
			failed = append(failed, r.App.Name+": "+r.ProxyInit)
		}
	}
	if all == 0 {
		return
	}
	fmt.Fprintf(w, "proxy init: the configuration it writes validates on %d of %d real apps\n", valid, all)
	for _, f := range failed {
		fmt.Fprintf(w, "  %s\n", f)
	}
}
