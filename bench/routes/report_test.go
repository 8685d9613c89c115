package main

import (
	"strings"
	"testing"
)

func TestPrintTable(t *testing.T) {
	perfect := &result{App: "a", Ficus: score{RoutesTruth: 2, RoutesFound: 2, RoutesRight: 2, RoutesRecalled: 2, TablesTruth: 1, TablesFound: 1, TablesRight: 1},
		Seconds: 1.5, MaxRSS: 64 << 20}
	silent := &result{App: "b", Ficus: score{RoutesTruth: 2, RoutesFound: 1, RoutesRight: 1, RoutesRecalled: 1},
		Silent: []string{"GET /x (x.go)"}, Seconds: 0.5, MaxRSS: 32 << 20}
	var b strings.Builder
	printTable(&b, []*result{perfect, silent})
	out := b.String()
	for _, want := range []string{
		"| a | 2 | 2 | 2 | 100.0% | 100.0% |",
		"| b | 2 | 1 | 1 | 50.0% | 100.0% |",
		"| **median** | | | | 75.0% | 100.0% |",
		"| **all apps** | 4 | 3 | 3 | 75.0% | 100.0% |",
		"| **all apps** | 1 | 1 | 1 | 100.0% | 100.0% | 100.0% | 100.0% | 0 | 2.0 | 64 |",
		"1 of 2 apps meet every target",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
