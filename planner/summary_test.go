package planner

import (
	"strings"
	"testing"
)

// TestSummaryNamingNotes: each renamed service gets one line under the
// services saying what it was called and why not; a service named by its
// own word gets none.
func TestSummaryNamingNotes(t *testing.T) {
	p := &Plan{Services: []Service{
		{Name: "tag", Naming: "named tag after its routes (GET /tag/list), not disable-tag (disable is a verb, not an area)",
			NamingNote: "renamed from disable-tag: disable is a verb, not an area"},
		{Name: "orders"},
	}}
	var b strings.Builder
	if err := WriteSummary(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	tests := []struct {
		name     string
		line     string
		wantSeen bool
	}{
		{"the renamed service's note", "  tag: renamed from disable-tag: disable is a verb, not an area\n", true},
		{"no note for a kept name", "  orders: ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Contains(out, tt.line); got != tt.wantSeen {
				t.Errorf("summary has %q: %v, want %v\n%s", tt.line, got, tt.wantSeen, out)
			}
		})
	}
}
