package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/planner"
)

// TestReportNaming: a renamed service carries the plan's naming reason
// into the report's service (its summary, for the HTML detail) and a
// short note into the Markdown; a service named by its own word carries
// neither.
func TestReportNaming(t *testing.T) {
	g := loadShop(t)
	p := &planner.Plan{Services: []planner.Service{
		{Name: "tag", Naming: "named tag after its routes (GET /tag/list), not disable-tag (disable is a verb, not an area)",
			NamingNote: "renamed from disable-tag: disable is a verb, not an area"},
		{Name: "orders"},
	}}
	d, err := BuildReport(g, p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if s := d.Services[0]; !strings.Contains(s.Summary, "not disable-tag (disable is a verb") || s.NamingNote == "" {
		t.Errorf("renamed service: summary %q, note %q; want the naming reason and note", s.Summary, s.NamingNote)
	}
	if s := d.Services[1]; s.Naming != "" || strings.Contains(s.Summary, "named") {
		t.Errorf("kept name: naming %q, summary %q; want none", s.Naming, s.Summary)
	}
	var md strings.Builder
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "- **tag**: renamed from disable-tag: disable is a verb, not an area") {
		t.Errorf("markdown lacks the naming note:\n%s", md.String())
	}
	if strings.Contains(md.String(), "- **orders**") {
		t.Errorf("markdown notes a kept name:\n%s", md.String())
	}
}
