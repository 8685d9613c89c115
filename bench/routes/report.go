package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// The targets every app must meet.
const (
	targetRouteRecall    = 0.97
	targetRoutePrecision = 0.99
	targetTableRecall    = 0.95
	targetTablePrecision = 0.98
)

// printTable writes two Markdown tables, routes then tables with the
// cost of the run, one row per app, then the medians, the totals over all
// apps, and how many apps meet every target.
func printTable(w io.Writer, results []*result) {
	if len(results) == 0 {
		return
	}
	total := &result{App: "**all apps**"}
	meet := 0
	for _, r := range results {
		if r.meetsTargets() {
			meet++
		}
		total.Ficus.add(r.Ficus)
		total.Base.add(r.Base)
		total.NoHandler += r.NoHandler
		total.HandlersNamed += r.HandlersNamed
		total.HandlersRight += r.HandlersRight
		total.Silent = append(total.Silent, r.Silent...)
		total.Dynamic += r.Dynamic
		total.Diagnostics += r.Diagnostics
		total.RouteDiagnostics += r.RouteDiagnostics
		total.Seconds += r.Seconds
		total.MaxRSS = max(total.MaxRSS, r.MaxRSS)
	}
	med := func(f func(score) float64, base bool) string {
		v := make([]float64, len(results))
		for i, r := range results {
			if base {
				v[i] = f(r.Base)
			} else {
				v[i] = f(r.Ficus)
			}
		}
		return pct(median(v))
	}
	medians := func(recall, precision func(score) float64) []any {
		return []any{med(recall, false), med(precision, false), med(recall, true), med(precision, true)}
	}
	rows := append(slices.Clone(results), total)

	fmt.Fprintln(w, "| app | truth | found | right | recall | precision | baseline recall | baseline precision | no handler | handler right | silent misses | route diagnostics |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for i, r := range rows {
		if i == len(results) {
			fmt.Fprintf(w, "| **median** | | | | %s | %s | %s | %s | | | | |\n", medians(score.routeRecall, score.routePrecision)...)
		}
		f, b := r.Ficus, r.Base
		handlers := "–"
		if r.HandlersNamed > 0 {
			handlers = fmt.Sprintf("%d/%d", r.HandlersRight, r.HandlersNamed)
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %s | %s | %s | %s | %d | %s | %d | %d |\n",
			r.App, f.RoutesTruth, f.RoutesFound, f.RoutesRight, pct(f.routeRecall()), pct(f.routePrecision()),
			pct(b.routeRecall()), pct(b.routePrecision()), r.NoHandler, handlers, len(r.Silent), r.RouteDiagnostics)
	}

	fmt.Fprintln(w, "\n| app | truth | found | right | recall | precision | baseline recall | baseline precision | diagnostics | analyze s | max RSS MB |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for i, r := range rows {
		if i == len(results) {
			fmt.Fprintf(w, "| **median** | | | | %s | %s | %s | %s | | | |\n", medians(score.tableRecall, score.tablePrecision)...)
		}
		f, b := r.Ficus, r.Base
		fmt.Fprintf(w, "| %s | %d | %d | %d | %s | %s | %s | %s | %d | %.1f | %.0f |\n",
			r.App, f.TablesTruth, f.TablesFound, f.TablesRight, pct(f.tableRecall()), pct(f.tablePrecision()),
			pct(b.tableRecall()), pct(b.tablePrecision()), r.Diagnostics, r.Seconds, float64(r.MaxRSS)/(1<<20))
	}
	fmt.Fprintf(w, "\n%d of %d apps meet every target (route recall ≥ %.0f%%, precision ≥ %.0f%%; table recall ≥ %.0f%%, precision ≥ %.0f%%; no silent miss).\n",
		meet, len(results), 100*targetRouteRecall, 100*targetRoutePrecision, 100*targetTableRecall, 100*targetTablePrecision)
	fmt.Fprintf(w, "The all-apps rows pool every app's routes and tables; their time is the sum, their RSS the largest. Dynamic routes, outside recall: %d.\n", total.Dynamic)
}

func (r *result) meetsTargets() bool {
	f := r.Ficus
	return f.routeRecall() >= targetRouteRecall && f.routePrecision() >= targetRoutePrecision &&
		f.tableRecall() >= targetTableRecall && f.tablePrecision() >= targetTablePrecision && len(r.Silent) == 0
}

// add pools another app's counts into s.
func (s *score) add(o score) {
	s.RoutesTruth += o.RoutesTruth
	s.RoutesFound += o.RoutesFound
	s.RoutesRight += o.RoutesRight
	s.RoutesRecalled += o.RoutesRecalled
	s.TablesTruth += o.TablesTruth
	s.TablesFound += o.TablesFound
	s.TablesRight += o.TablesRight
}

// printDetails lists, per app, what ficus missed and found wrongly.
func printDetails(w io.Writer, results []*result) {
	for _, r := range results {
		fmt.Fprintf(w, "\n## %s\n", r.App)
		list := func(what string, items []string) {
			if len(items) == 0 {
				return
			}
			items = slices.Clone(items)
			slices.Sort(items)
			fmt.Fprintf(w, "%s (%d):\n  %s\n", what, len(items), strings.Join(items, "\n  "))
		}
		list("missed routes", r.Ficus.MissedRoutes)
		list("false routes", r.Ficus.FalseRoutes)
		list("dynamic routes not found", r.Ficus.MissedDynamic)
		list("silent misses (no route diagnostic in their file)", r.Silent)
		list("missed tables", r.Ficus.MissedTables)
		list("false tables", r.Ficus.FalseTables)
	}
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}
