package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/bench/internal/appsrc"
)

type options struct {
	apps, truth, cache, ficus, gitBase, only string
	verbose                                  bool
}

// result is one app's row.
type result struct {
	App   string `json:"app"`
	Ficus score  `json:"ficus"`
	Base  score  `json:"baseline"`
	// NoHandler counts found routes without a handles edge;
	// HandlersNamed and HandlersRight compare handlers with the truth's.
	NoHandler     int `json:"routes_without_handler"`
	HandlersNamed int `json:"handlers_named"`
	HandlersRight int `json:"handlers_right"`
	// Silent lists missed routes in files no route diagnostic names.
	Silent           []string `json:"silent"`
	Dynamic          int      `json:"dynamic_routes"`
	Diagnostics      int      `json:"diagnostics"`
	RouteDiagnostics int      `json:"route_diagnostics"`
	Seconds          float64  `json:"analyze_seconds"`
	MaxRSS           int64    `json:"max_rss_bytes"`
}

func (o *options) run(ctx context.Context, w io.Writer) error {
	if o.ficus == "" {
		return fmt.Errorf("-ficus: name the ficus binary to measure (bench/routes.sh builds one)")
	}
	cache, err := appsrc.CacheDir(o.cache, "ficus-routes")
	if err != nil {
		return err
	}
	o.cache = cache
	apps, err := readApps(o.apps)
	if err != nil {
		return err
	}
	only := map[string]bool{}
	for _, n := range strings.Split(o.only, ",") {
		if n != "" {
			only[n] = true
		}
	}
	unknown := maps.Clone(only)
	for _, a := range apps {
		delete(unknown, a.Name)
	}
	if len(unknown) > 0 {
		return fmt.Errorf("-only names apps that %s does not list: %s", o.apps, strings.Join(slices.Sorted(maps.Keys(unknown)), ", "))
	}
	var results []*result
	for _, a := range apps {
		if len(only) > 0 && !only[a.Name] {
			continue
		}
		fmt.Fprintf(os.Stderr, "routes: %s...\n", a.Name)
		r, err := o.measure(ctx, a)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		results = append(results, r)
	}
	printTable(w, results)
	if o.verbose {
		printDetails(w, results)
	}
	out := filepath.Join(o.cache, "results.json")
	data, _ := json.MarshalIndent(results, "", "  ")
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "routes: rows written to %s\n", out)
	return nil
}

// measure runs ficus on one app and scores it and the baseline.
func (o *options) measure(ctx context.Context, a App) (*result, error) {
	truth, err := readTruth(o.truth, a.Name)
	if err != nil {
		return nil, err
	}
	root, err := appsrc.Checkout(ctx, o.cache, o.gitBase, a.Name, a.Source)
	if missing := (*appsrc.MissingModulesError)(nil); errors.As(err, &missing) {
		// the packages that need the missing modules are diagnostics
		// of the analysis; the rest is measured
		fmt.Fprintf(os.Stderr, "%s: %v; measuring what loads without them\n", "routes", err)
		err = nil
	}
	if err != nil {
		return nil, err
	}
	if err := truth.checkFiles(root); err != nil {
		return nil, err
	}
	work := filepath.Join(o.cache, "out", a.Name)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	graphFile := filepath.Join(work, "graph.json")
	args := append([]string{"analyze", root}, a.Patterns...)
	args = append(args, "-o", graphFile)
	// The first run fills ficus's type cache; the second, measured, is
	// what a user's later runs cost.
	if _, _, err := appsrc.Measure(ctx, root, o.ficus, args...); err != nil {
		return nil, err
	}
	r := &result{App: a.Name}
	if r.Seconds, r.MaxRSS, err = appsrc.Measure(ctx, root, o.ficus, args...); err != nil {
		return nil, err
	}
	fd, err := readFound(graphFile)
	if err != nil {
		return nil, err
	}
	r.Ficus.scoreRoutes(truth, fd.Routes)
	r.Ficus.scoreTables(truth, fd.Tables)
	r.HandlersNamed, r.HandlersRight, r.NoHandler = fd.handlerCheck(truth)
	r.Silent = fd.silent(truth, r.Ficus)
	r.Diagnostics, r.RouteDiagnostics = fd.Diagnostics, fd.RouteDiagnostics
	for _, t := range truth.Routes {
		if t.Dynamic {
			r.Dynamic++
		}
	}
	baseRoutes, baseTables, err := baseline(root, a.Patterns)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	r.Base.scoreRoutes(truth, baseRoutes)
	r.Base.scoreTables(truth, baseTables)
	return r, nil
}
