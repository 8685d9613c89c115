package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestDiagnosticSummary(t *testing.T) {
	tests := []struct {
		name string
		ds   []analyzer.Diagnostic
		want []string
	}{
		{"none", nil, nil},
		{"a route note is no load problem", []analyzer.Diagnostic{{Kind: analyzer.DiagRoute, Package: "a"}},
			[]string{"1 route registration could not be read, so its routes are not in the graph"}},
		{"load problems count packages", []analyzer.Diagnostic{
			{Kind: analyzer.DiagType, Package: "a"}, {Kind: analyzer.DiagType, Package: "a"}, {Kind: analyzer.DiagParse, Package: "b"},
			{Kind: analyzer.DiagRoute}, {Kind: analyzer.DiagRoute}, {Kind: analyzer.DiagConfig},
		}, []string{
			"2 packages had load problems (3 diagnostics)",
			"2 route registrations could not be read, so their routes are not in the graph",
			"1 other note from the analysis",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, diagnosticSummary(tt.ds)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
