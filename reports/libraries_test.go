package reports

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/planner"
)

// TestReportLibraries: the generic libraries the kernel holds whole are in
// the report data and the Markdown report tells them from the kernel
// proper.
func TestReportLibraries(t *testing.T) {
	g := loadShop(t)
	p, err := planner.Propose(context.Background(), g.Document(), planner.Options{Seed: 1, Config: planner.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Libraries) == 0 {
		t.Fatal("the shop's plan has no libraries; its internal/platform package should be one")
	}
	d, err := BuildReport(g, p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Libraries) != len(p.Libraries) {
		t.Errorf("report libraries %v, want %v", d.Libraries, p.Libraries)
	}
	var md strings.Builder
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	want := "are generic libraries (`" + p.Libraries[0].Package + "`"
	if !strings.Contains(md.String(), want) || !strings.Contains(md.String(), "the kernel proper is") {
		t.Errorf("markdown lacks the libraries (%q):\n%s", want, md.String())
	}
}
