package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/planner"
)

// TestReportTools: the programs a plan sets aside as tools are in the
// report data, the Markdown report and the HTML report's data.
func TestReportTools(t *testing.T) {
	g := loadShop(t)
	p, err := planner.Propose(context.Background(), g.Document(), planner.Options{Seed: 1, Config: planner.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	p.Tools = []planner.Tool{{Name: "logfmt", Members: []string{"example.com/shop/tools/logfmt.main", "example.com/shop/tools/logfmt.format"},
		Reason: "a program of its own that serves no route, owns no table and runs no job, and logfmt is a general technique, format or mechanism: a tool, not a service"}}
	d, err := BuildReport(g, p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tools) != 1 || d.Tools[0].Name != "logfmt" || d.Tools[0].Units != 2 {
		t.Fatalf("report tools %+v, want logfmt with 2 units", d.Tools)
	}
	var md strings.Builder
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	if want := "Tool, not a service: **logfmt** (2 units)"; !strings.Contains(md.String(), want) {
		t.Errorf("markdown lacks %q:\n%s", want, md.String())
	}
	var html bytes.Buffer
	if err := WriteHTML(&html, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"tools":[{"name":"logfmt","units":2`, `id="tools-section"`} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("html lacks %s", want)
		}
	}
}
