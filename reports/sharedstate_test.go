package reports

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/planner"
)

// TestReportSharedState: shared mutable state on a plan shows in each
// affected service's summary and in a section of the Markdown report.
func TestReportSharedState(t *testing.T) {
	g := loadShop(t)
	p, err := planner.Propose(context.Background(), g.Document(), planner.Options{Seed: 1, Config: planner.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	a, b := p.Services[0].Name, p.Services[1].Name
	p.SetSharedState([]planner.SharedState{{Var: "example.com/x.Counter", Kind: planner.StateWritten, Owner: a, Services: []string{a, b}, Writers: []string{a, b}}})
	d, err := BuildReport(g, p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Services[:2] {
		if !strings.Contains(s.Summary, "extraction blocked by shared mutable state: example.com/x.Counter") {
			t.Errorf("service %s summary %q does not name the blocker", s.Name, s.Summary)
		}
	}
	if strings.Contains(d.Services[2].Summary, "blocked") {
		t.Errorf("service %s does not use the state, but its summary says %q", d.Services[2].Name, d.Services[2].Summary)
	}
	var md strings.Builder
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"### Shared mutable state (blocks extraction)", "| `example.com/x.Counter` | written |", "give the variable one owner"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
}
