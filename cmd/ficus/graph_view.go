package main

import (
	"context"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/reports"
)

// buildView selects the view the options ask for.
func buildView(_ context.Context, _ *app, g *analyzer.Graph, o graphOptions) (*reports.View, error) {
	switch reports.ViewKind(o.View) {
	case reports.ViewSymbols:
		return reports.SymbolsView(g, o.Filter, nil, nil)
	case reports.ViewServices:
		return nil, usagef("the services view draws a plan: pass --plan FILE (from 'ficus plan -o FILE')")
	}
	return reports.PackagesView(g, o.Filter, nil)
}
