package strangler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/strangler/parity"
)

func TestNoiseFiltering(t *testing.T) {
	primary := &exchange{status: 200, body: []byte(`{"id":"a1","at":"10:00:00","items":[{"sku":"x","qty":1}],"total":10}`)}
	second := &exchange{status: 200, body: []byte(`{"id":"a2","at":"10:00:01","items":[{"sku":"x","qty":1}],"total":10}`)}
	tests := []struct {
		name      string
		candidate string
		second    *exchange
		ignore    []string
		wantPaths []string
	}{
		{"only noise", `{"id":"b","at":"11:00","items":[{"sku":"x","qty":1}],"total":10}`, second, nil, nil},
		{"real difference above noise", `{"id":"b","at":"11:00","items":[{"sku":"x","qty":2}],"total":10}`, second, nil, []string{"$.items[*].qty"}},
		{"no noise source", `{"id":"b","at":"10:00:00","items":[{"sku":"x","qty":1}],"total":10}`, nil, nil, []string{"$.id"}},
		{"ignored", `{"id":"b","at":"10:00:00","items":[{"sku":"x","qty":1}],"total":10}`, nil, []string{"$.id"}, nil},
		{"ignored subtree", `{"id":"a1","at":"10:00:00","items":[{"sku":"y","qty":3}],"total":10}`, nil, []string{"$.items[0]"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pa := newParity(2)
			var ignore []parity.Glob
			for _, s := range tt.ignore {
				g, err := parity.ParseGlob(s)
				if err != nil {
					t.Fatal(err)
				}
				ignore = append(ignore, g)
			}
			got, _ := pa.record("r", ParitySample{}, primary, &exchange{status: 200, body: []byte(tt.candidate)}, tt.second, compareOptions{}, ignore)
			var paths []string
			for _, d := range got {
				paths = append(paths, d.Path)
			}
			if d := cmp.Diff(tt.wantPaths, paths); d != "" {
				t.Errorf("paths (-want +got):\n%s", d)
			}
		})
	}
}

// TestNoiseIsStatistical: one answer where the monolith disagreed with
// itself at $.status (a write between the two reads) must not silence
// $.status, while a field the monolith changes on every read stays noise.
// Each path's class change is recorded.
func TestNoiseIsStatistical(t *testing.T) {
	pa := newParity(5)
	ex := func(status string, at int) *exchange {
		return &exchange{status: 200, body: []byte(fmt.Sprintf(`{"status":%q,"at":%d}`, status, at))}
	}
	const n = 200
	for i := range n {
		second := ex("open", 2*i+1)
		if i == 0 {
			second = ex("closed", 2*i+1) // the one noisy read
		}
		cand := "open"
		if i%4 == 0 {
			cand = "OPEN" // the service's bug, on a quarter of the answers
		}
		pa.record("r", ParitySample{Target: fmt.Sprintf("/orders/%d", i)}, ex("open", 2*i), ex(cand, 5000+i), second, compareOptions{}, nil)
	}
	doc := pa.routes["r"].doc()
	byPath := map[string]PathParity{}
	for _, p := range doc.Paths {
		byPath[p.Path] = p
	}
	status, at := byPath["$.status"], byPath["$.at"]
	if status.Class != ClassMismatch || status.Mismatches != n/4 || status.Noise != 1 {
		t.Errorf("$.status = %+v, want a mismatch on %d requests with 1 noisy read", status, n/4)
	}
	if at.Class != ClassNoise {
		t.Errorf("$.at = %+v, want noise", at)
	}
	if doc.WindowMismatched != n/4 || doc.MismatchRate != 0.25 {
		t.Errorf("window %d of %d mismatched (rate %g), want %d: the noisy read must not hide the others", doc.WindowMismatched, doc.WindowCompared, doc.MismatchRate, n/4)
	}
	if len(status.Samples) == 0 || status.Samples[0].Monolith != `"open"` || status.Samples[0].Service != `"OPEN"` || !strings.HasPrefix(status.Samples[0].Target, "/orders/") {
		t.Errorf("$.status samples %+v, want the request target and both values", status.Samples)
	}
	// $.status was noise after the first read (its only observation was
	// noisy), and became a mismatch again with the next difference.
	var trail []string
	for _, c := range doc.ClassChanges {
		if c.Path == "$.status" {
			trail = append(trail, c.From+"→"+c.To)
		}
	}
	if d := cmp.Diff([]string{"mismatch→noise", "noise→mismatch"}, trail); d != "" {
		t.Errorf("class changes of $.status (-want +got):\n%s", d)
	}
}

// TestIsNoiseThresholds pins the statistical rule.
func TestIsNoiseThresholds(t *testing.T) {
	tests := []struct {
		name        string
		diff, noise float64
		want        bool
	}{
		{"monolith never disagrees", 0.001, 0, false},
		{"as often as the monolith", 1, 1, true},
		{"a little more often than the monolith", 0.55, 0.5, true},
		{"far more often than one noisy read", 0.25, 0.005, false},
		{"rarer than the monolith", 0.1, 0.5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isNoise(tt.diff, tt.noise); got != tt.want {
				t.Errorf("isNoise(%g, %g) = %v, want %v", tt.diff, tt.noise, got, tt.want)
			}
		})
	}
}
