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

// TestReportServiceRanks: each service carries its place in the migration
// order, its cost level and its size, which the context map colours and
// sizes by.
func TestReportServiceRanks(t *testing.T) {
	_, p, d := shopReport(t)
	rank := map[string]int{}
	for _, st := range p.Order {
		rank[st.Service] = st.Rank
	}
	for i, s := range d.Services {
		ps := p.Services[i]
		t.Run(s.Name, func(t *testing.T) {
			if s.Rank != rank[s.Name] || s.Rank == 0 {
				t.Errorf("rank = %d, want %d (its place in the migration order)", s.Rank, rank[s.Name])
			}
			if s.CostLevel != ps.Cost.Level {
				t.Errorf("cost level = %q, want %q", s.CostLevel, ps.Cost.Level)
			}
			if s.Units != ps.Metrics.Units || s.Lines != ps.Metrics.Lines {
				t.Errorf("units, lines = %d, %d; want %d, %d", s.Units, s.Lines, ps.Metrics.Units, ps.Metrics.Lines)
			}
		})
	}
}
