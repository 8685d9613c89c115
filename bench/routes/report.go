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

// printTable writes one Markdown row per app, then the medians, the
// totals over all apps, and how many apps meet every target.
func printTable(w io.Writer, results []*result) {
	fmt.Fprintln(w, "| app | routes truth/found/right | recall | precision | base recall | base precision | no handler | handler right | silent misses | tables truth/found/right | recall | precision | base recall | base precision | diagnostics (route) | analyze s | max RSS MB |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	var total result
	meet := 0
	for _, r := range results {
		printRow(w, r.App, r)
		if r.meetsTargets() {
			meet++
		}
		total.Ficus.add(r.Ficus)
		total.Base.add(r.Base)
		total.NoHandler += r.NoHandler
		total.HandlersNamed += r.HandlersNamed
		total.HandlersRight += r.HandlersRight
		total.Silent = append(total.Silent, r.Silent...)
		total.Diagnostics += r.Diagnostics
		total.RouteDiagnostics += r.RouteDiagnostics
		total.Seconds += r.Seconds
		total.MaxRSS = max(total.MaxRSS, r.MaxRSS)
	}
	if len(results) == 0 {
		return
	}
	med := func(f func(*result) float64) string {
		v := make([]float64, len(results))
		for i, r := range results {
			v[i] = f(r)
		}
		return pct(median(v))
	}
	fmt.Fprintf(w, "| **median** | | %s | %s | %s | %s | | | | | %s | %s | %s | %s | | | |\n",
		med(func(r *result) float64 { return r.Ficus.routeRecall() }),
		med(func(r *result) float64 { return r.Ficus.routePrecision() }),
		med(func(r *result) float64 { return r.Base.routeRecall() }),
		med(func(r *result) float64 { return r.Base.routePrecision() }),
		med(func(r *result) float64 { return r.Ficus.tableRecall() }),
		med(func(r *result) float64 { return r.Ficus.tablePrecision() }),
		med(func(r *result) float64 { return r.Base.tableRecall() }),
		med(func(r *result) float64 { return r.Base.tablePrecision() }))
	printRow(w, "**all apps**", &total)
	fmt.Fprintf(w, "\n%d of %d apps meet every target (route recall ≥ %.0f%%, precision ≥ %.0f%%; table recall ≥ %.0f%%, precision ≥ %.0f%%; no silent miss).\n",
		meet, len(results), 100*targetRouteRecall, 100*targetRoutePrecision, 100*targetTableRecall, 100*targetTablePrecision)
	fmt.Fprintln(w, "The all-apps row pools every app's routes and tables; its time is the sum, its RSS the largest.")
}

func printRow(w io.Writer, name string, r *result) {
	f, b := r.Ficus, r.Base
	handlers := "–"
	if r.HandlersNamed > 0 {
		handlers = fmt.Sprintf("%d/%d", r.HandlersRight, r.HandlersNamed)
	}
	fmt.Fprintf(w, "| %s | %d/%d/%d | %s | %s | %s | %s | %d | %s | %d | %d/%d/%d | %s | %s | %s | %s | %d (%d) | %.1f | %.0f |\n",
		name, f.RoutesTruth, f.RoutesFound, f.RoutesRight,
		pct(f.routeRecall()), pct(f.routePrecision()), pct(b.routeRecall()), pct(b.routePrecision()),
		r.NoHandler, handlers, len(r.Silent),
		f.TablesTruth, f.TablesFound, f.TablesRight,
		pct(f.tableRecall()), pct(f.tablePrecision()), pct(b.tableRecall()), pct(b.tablePrecision()),
		r.Diagnostics, r.RouteDiagnostics, r.Seconds, float64(r.MaxRSS)/(1<<20))
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
