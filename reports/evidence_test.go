package reports

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// TestReportEvidence: routes with traffic appear, busiest first, at most
// five per service, under the service that serves them; co-changes edges
// between files of different services appear, within one service they do
// not; a graph without evidence has neither table.
func TestReportEvidence(t *testing.T) {
	doc := loadShop(t).Document()
	_, plain, plainMD := reportOf(t, doc)
	if plain.HotRoutes != nil || plain.CoChangePairs != nil || strings.Contains(plainMD, "Hottest routes") || strings.Contains(plainMD, "Changed together") {
		t.Fatalf("a graph without evidence shows evidence tables: %v %v", plain.HotRoutes, plain.CoChangePairs)
	}

	addShopEvidence(&doc)
	_, d, md := reportOf(t, doc)

	perService := map[string][]HotRoute{}
	for _, h := range d.HotRoutes {
		perService[h.Service] = append(perService[h.Service], h)
	}
	for _, s := range d.Services {
		hot := perService[s.Name]
		if want := min(len(s.Routes), hotRoutesPerService); len(hot) != want {
			t.Errorf("%s: %d hot routes, want %d", s.Name, len(hot), want)
		}
		for i, h := range hot {
			if !slices.Contains(s.Routes, "route:"+h.Route) {
				t.Errorf("%s: hot route %s is not one of its routes", s.Name, h.Route)
			}
			if i > 0 && h.Requests > hot[i-1].Requests {
				t.Errorf("%s: %s (%d requests) after %s (%d)", s.Name, h.Route, h.Requests, hot[i-1].Route, hot[i-1].Requests)
			}
		}
	}
	if len(d.CoChangePairs) != 1 {
		t.Fatalf("co-change pairs %+v, want only the one across services", d.CoChangePairs)
	}
	c := d.CoChangePairs[0]
	if c.FileA != "internal/repository/catalog.go" || c.FileB != "internal/repository/orders.go" || c.ServiceA == c.ServiceB || c.Commits != 4 {
		t.Errorf("co-change pair %+v, want catalog.go and orders.go of two services, 4 commits", c)
	}
	for _, want := range []string{"### Hottest routes per service", "### Changed together across services", "| `internal/repository/catalog.go` |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown has no %q", want)
		}
	}
}

// reportOf plans doc and builds its report and Markdown summary.
func reportOf(t *testing.T, doc analyzer.Document) (*planner.Plan, *ReportData, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := doc.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := analyzer.ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.Propose(context.Background(), doc, planner.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := BuildReport(g, p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var md strings.Builder
	if err := WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	return p, d, md.String()
}

// addShopEvidence gives the sample shop's routes traffic (1, 2, 3, ...
// requests in id order) and two co-changes edges from the catalog
// repository: one to the orders repository, one to the catalog service.
func addShopEvidence(doc *analyzer.Document) {
	const (
		catalogRepo = "example.com/shop/internal/repository.(*MemoryCatalogRepository).Product"
		ordersRepo  = "example.com/shop/internal/repository.(*MemoryOrderRepository).Create"
		catalogSvc  = "example.com/shop/internal/services.(*CatalogServiceImpl).Product"
	)
	requests := 0
	for i, n := range doc.Nodes {
		if n.Kind == analyzer.KindRoute {
			requests++
			doc.Nodes[i].Traffic = &analyzer.Traffic{Requests: requests, P50Ms: 1.5}
		}
	}
	doc.Edges = append(doc.Edges,
		analyzer.Edge{From: catalogRepo, To: ordersRepo, Kind: analyzer.EdgeCoChanges, Weight: 4 * analyzer.CoChangeScale},
		analyzer.Edge{From: catalogRepo, To: catalogSvc, Kind: analyzer.EdgeCoChanges, Weight: 9 * analyzer.CoChangeScale})
}
