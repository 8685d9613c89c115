package reports

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// shopReport plans the sample graph and builds its report.
func shopReport(t *testing.T) (*analyzer.Graph, *planner.Plan, *ReportData) {
	t.Helper()
	g := loadShop(t)
	p, err := planner.Propose(context.Background(), g.Document(), planner.Options{Seed: 1, Config: planner.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	d, err := BuildReport(g, p, time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return g, p, d
}

func TestHTMLSelfContained(t *testing.T) {
	_, _, d := shopReport(t)
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, re := range []string{`<script[^>]+src=`, `<link[^>]+href=`, `<img[^>]+src="http`, `@import`} {
		if regexp.MustCompile(re).MatchString(page) {
			t.Errorf("report loads an outside resource (%s): it must open offline", re)
		}
	}
	if strings.Count(page, "</script>") != 3 {
		t.Errorf("want exactly 3 script elements closed, got %d: embedded code or data closed one early", strings.Count(page, "</script>"))
	}
	for _, s := range d.Services {
		if !strings.Contains(page, s.Name) {
			t.Errorf("service %s missing from the page", s.Name)
		}
	}
}
