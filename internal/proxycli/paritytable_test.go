package proxycli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/strangler"
)

// TestParityTableShowsEvidence: the table names its unit, each path's
// class, a sample per differing path with its target and both values, and
// the suggested ignores with their counts.
func TestParityTableShowsEvidence(t *testing.T) {
	doc := strangler.ParityDoc{Routes: []strangler.RouteParity{{
		Route: "orders", Compared: 40, NoiseSampled: 40, Mismatched: 40, MismatchRate: 1, GateArmed: true,
		Paths: []strangler.PathParity{
			{Path: "$.items[*].price", Class: strangler.ClassMismatch, Mismatches: 40, Samples: []strangler.PathSample{
				{Method: "GET", Target: "/orders?page=3", Where: "$.items[2].price", Kind: "value", Monolith: "7", Service: "7.01"},
			}},
			{Path: "$.items[order]", Class: strangler.ClassNoise, Mismatches: 38, Noise: 39},
		},
		SuggestedIgnores: []strangler.IgnoreSuggestion{{Path: "$.items[*].lastUsed", Mismatches: 40, Compared: 40, Why: "values are timestamps"}},
	}}}
	var b bytes.Buffer
	if err := writeParityTable(&b, doc, 1); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"counts are requests",
		"the parity gate judges this evidence",
		"$.items[order]    noise",
		"$.items[*].price (value) at $.items[2].price: GET /orders?page=3: monolith 7, service 7.01",
		`- "$.items[*].lastUsed"  # differs on 40 of 40: values are timestamps`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
