package main

import (
	"context"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
	"github.com/ficus-dev/ficus/reports"
)

// buildView selects the view the options ask for. With a plan, packages are
// clustered by the service owning most of their code, and a symbols view
// focused on a service's name draws that service's members. The services
// view needs a plan: without --plan the graph is planned here, with
// ficus.yaml, as 'ficus report' plans it.
func buildView(ctx context.Context, a *app, g *analyzer.Graph, o graphOptions) (*reports.View, error) {
	var p *planner.Plan
	if o.Plan != "" || reports.ViewKind(o.View) == reports.ViewServices {
		var err error
		if p, err = planFor(ctx, a, g, o.Source.Dir, o.Plan, o.Services, o.Seed); err != nil {
			return nil, err
		}
	}
	switch reports.ViewKind(o.View) {
	case reports.ViewServices:
		return reports.ServicesView(g, p, o.Filter)
	case reports.ViewSymbols:
		if p == nil {
			return reports.SymbolsView(g, o.Filter, nil, nil)
		}
		m := reports.MembershipOf(p)
		for _, s := range p.Services {
			if s.Name == o.Filter.Focus || (o.Filter.Focus == reports.KernelName && len(p.Shared) > 0) {
				f := o.Filter
				f.Focus = ""
				name := o.Filter.Focus
				return reports.SymbolsView(g, f, nil, func(id string) bool { return m[id] == name })
			}
		}
		return reports.SymbolsView(g, o.Filter, func(id string) string { return m[id] }, nil)
	}
	var groupOf func(string) string
	if p != nil {
		owners := reports.PackageOwners(g, reports.MembershipOf(p))
		groupOf = func(pkg string) string { return owners[pkg] }
	}
	return reports.PackagesView(g, o.Filter, groupOf)
}
