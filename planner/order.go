package planner

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Cost weights: how much each kind of work adds to an extraction's score
// (documented in docs/plan-format.md).
const (
	costPerKLines      = 1.0 // per 1000 lines moved
	costPerAPISymbol   = 0.5 // per symbol to expose remotely
	costPerCall        = 0.1 // per call edge that becomes remote, either way
	costPerSharedTable = 3.0 // per table whose data must be split
	costMedium         = 5.0
	costHigh           = 15.0
)

// cost estimates the work of extracting s.
func cost(s *Service, inCalls, outCalls int) *Cost {
	c := &Cost{
		Lines: s.Metrics.Lines, APISymbols: len(s.API), InboundCalls: inCalls,
		OutboundCalls: outCalls, SharedTables: len(s.SharedTables),
	}
	c.Score = round4(costPerKLines*float64(c.Lines)/1000 + costPerAPISymbol*float64(c.APISymbols) +
		costPerCall*float64(c.InboundCalls+c.OutboundCalls) + costPerSharedTable*float64(c.SharedTables))
	switch {
	case c.Score >= costHigh:
		c.Level = "high"
	case c.Score >= costMedium:
		c.Level = "medium"
	default:
		c.Level = "low"
	}
	return c
}

// Ordering weights: what makes a service harder to extract early.
const (
	orderPerInboundCall  = 1.0 // others call it: they must switch to a client first
	orderPerSharedTable  = 3.0 // its data must be split
	orderPerOutboundCall = 0.25
	orderNoRoutes        = 5.0 // the proxy has no traffic to move to it
)

// migrationOrder ranks services, easiest to extract first: few inbound
// calls, no shared tables, and routes of its own so that the strangler
// proxy can move their traffic. Ties go to the smaller service, then by
// name.
func migrationOrder(out []Service) []Step {
	steps := make([]Step, len(out))
	size := make(map[string]int, len(out))
	for i, s := range out {
		c := s.Cost
		score := orderPerInboundCall*float64(c.InboundCalls) + orderPerSharedTable*float64(c.SharedTables) +
			orderPerOutboundCall*float64(c.OutboundCalls)
		if len(s.Routes) == 0 {
			score += orderNoRoutes
		}
		steps[i] = Step{Service: s.Name, Score: round4(score), Reason: reason(&s)}
		size[s.Name] = c.Lines
	}
	slices.SortFunc(steps, func(a, b Step) int {
		return cmp.Or(cmp.Compare(a.Score, b.Score), cmp.Compare(size[a.Service], size[b.Service]), cmp.Compare(a.Service, b.Service))
	})
	for i := range steps {
		steps[i].Rank = i + 1
	}
	return steps
}

// reason says in a sentence why a service sits where it does.
func reason(s *Service) string {
	c := s.Cost
	var parts []string
	if len(s.Routes) == 0 {
		parts = append(parts, "serves no route, so traffic cannot move to it through the proxy")
	} else {
		parts = append(parts, fmt.Sprintf("serves %s the proxy can move", plural(len(s.Routes), "route")))
	}
	if c.InboundCalls == 0 {
		parts = append(parts, "no other service calls it")
	} else {
		callers := map[string]bool{}
		for _, a := range s.API {
			for _, cl := range a.Callers {
				if cl.Kind == "calls" {
					callers[cl.Service] = true
				}
			}
		}
		parts = append(parts, fmt.Sprintf("%s from %s", plural(c.InboundCalls, "call"), plural(len(callers), "service")))
	}
	if c.SharedTables == 0 {
		parts = append(parts, "writes no shared table")
	} else {
		parts = append(parts, fmt.Sprintf("shares writes to %s with other services (split the data first)", strings.Join(s.SharedTables, ", ")))
	}
	if c.OutboundCalls > 0 {
		parts = append(parts, fmt.Sprintf("makes %s out", plural(c.OutboundCalls, "call")))
	}
	return strings.Join(parts, "; ")
}

// plural spells a count with its noun: "1 route", "3 routes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
