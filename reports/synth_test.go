package reports

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// synthWords name the generated services, as a real app's would read.
func synthWords() []string {
	return []string{"accounts", "billing", "catalog", "checkout", "customers", "delivery", "discounts", "fulfillment",
		"gift-cards", "identity", "inventory", "invoicing", "loyalty", "marketing", "media", "notifications", "orders",
		"payments", "pricing", "procurement", "promotions", "recommendations", "refunds", "reporting", "returns",
		"reviews", "search", "sessions", "shipping", "subscriptions", "suppliers", "support-tickets", "tax",
		"translations", "warehouse", "wishlists", "audit-log", "feature-flags", "scheduling", "webhooks"}
}

// synthPlan builds a graph and its plan shaped like a large app: services
// services, each one package of functions with routes, its share of
// tables tables and an event; calls to a few other services with weights
// from 1 to a few hundred; a platform package every service calls (the
// shared kernel); one table in ten written by a second service. The same
// seed gives the same graph and plan.
func synthPlan(seed uint64, services, tables int) (*analyzer.Graph, *planner.Plan) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const module = "example.com/synth"
	g := analyzer.NewGraph(module)
	p := &planner.Plan{Schema: planner.Schema, Module: module}
	names := synthWords()
	for i := len(names); i < services; i++ {
		names = append(names, fmt.Sprintf("area-%d", i))
	}
	names = names[:services]
	pkgOf := func(s string) string { return module + "/internal/" + s }
	fn := func(s string, i int) string { return fmt.Sprintf("%s.Handle%d", pkgOf(s), i) }
	platform := module + "/internal/platform"
	g.AddNode(analyzer.Node{ID: "pkg:" + platform, Kind: analyzer.KindPackage, Name: "platform", Package: platform, Lines: 400})
	for i := range 10 {
		id := fmt.Sprintf("%s.Helper%d", platform, i)
		g.AddNode(analyzer.Node{ID: id, Kind: analyzer.KindFunc, Name: fmt.Sprintf("Helper%d", i), Package: platform, Pos: fmt.Sprintf("internal/platform/h.go:%d", i*10+1), Lines: 8})
		p.Shared = append(p.Shared, id)
	}
	funcs := make([]int, services)
	for i, s := range names {
		funcs[i] = 3 + rng.IntN(12+3*(i%7))
		lines := 0
		g.AddNode(analyzer.Node{ID: "pkg:" + pkgOf(s), Kind: analyzer.KindPackage, Name: s, Package: pkgOf(s)})
		sv := planner.Service{Name: s}
		for f := range funcs[i] {
			n := analyzer.Node{ID: fn(s, f), Kind: analyzer.KindFunc, Name: fmt.Sprintf("Handle%d", f), Package: pkgOf(s), Pos: fmt.Sprintf("internal/%s/%s.go:%d", s, s, f*20+1), Lines: 10 + rng.IntN(70)}
			g.AddNode(n)
			sv.Members = append(sv.Members, n.ID)
			lines += n.Lines
		}
		for r := range 1 + rng.IntN(6) {
			id := fmt.Sprintf("route:GET /%s/r%d", s, r)
			g.AddNode(analyzer.Node{ID: id, Kind: analyzer.KindRoute, Name: id[len("route:"):], Package: pkgOf(s)})
			mustEdge(g, id, fn(s, r%funcs[i]), analyzer.EdgeHandles, 1)
			sv.Members = append(sv.Members, id)
			sv.Routes = append(sv.Routes, id)
		}
		ev := "event:" + s + ".changed"
		g.AddNode(analyzer.Node{ID: ev, Kind: analyzer.KindEvent, Name: s + ".changed"})
		mustEdge(g, fn(s, 0), ev, analyzer.EdgePublishes, 1)
		sv.Publishes = []string{s + ".changed"}
		sv.Metrics = &planner.ServiceMetrics{Units: len(sv.Members), Symbols: funcs[i], Lines: lines}
		p.Services = append(p.Services, sv)
	}
	for t := range tables {
		owner := t % services
		name := fmt.Sprintf("%s_t%d", names[owner], t/services)
		g.AddNode(analyzer.Node{ID: "table:" + name, Kind: analyzer.KindTable, Name: name})
		mustEdge(g, fn(names[owner], 0), "table:"+name, analyzer.EdgeWrites, 1)
		sv := &p.Services[owner]
		sv.Members = append(sv.Members, "table:"+name)
		sv.Tables = append(sv.Tables, name)
		sv.Writes = append(sv.Writes, name)
		if t%10 == 9 {
			other := (owner + 1 + rng.IntN(services-1)) % services
			mustEdge(g, fn(names[other], 0), "table:"+name, analyzer.EdgeWrites, 1)
			p.Services[other].Writes = append(p.Services[other].Writes, name)
			p.SharedTables = append(p.SharedTables, planner.SharedTable{Table: name, Owner: names[owner], Writers: []string{names[owner], names[other]}})
		}
	}
	in, out := make([]int, services), make([]int, services)
	for i, s := range names {
		mustEdge(g, fn(s, 0), fmt.Sprintf("%s.Helper%d", platform, i%10), analyzer.EdgeCalls, 1+rng.IntN(40))
		mustEdge(g, "pkg:"+pkgOf(s), "pkg:"+platform, analyzer.EdgeImports, 1)
		for range 1 + rng.IntN(4) {
			j := (i + 1 + rng.IntN(services-1)) % services
			w := 1 + rng.IntN(8)
			if rng.IntN(6) == 0 {
				w *= 40
			}
			mustEdge(g, fn(s, rng.IntN(funcs[i])), fn(names[j], 0), analyzer.EdgeCalls, w)
			mustEdge(g, "pkg:"+pkgOf(s), "pkg:"+pkgOf(names[j]), analyzer.EdgeImports, 1)
			out[i] += w
			in[j] += w
			p.Services[j].API = append(p.Services[j].API, planner.APIEntry{Symbol: fn(names[j], 0), Callers: []planner.Caller{{Symbol: fn(s, 0), Service: s, Kind: "calls"}}})
			if rng.IntN(3) == 0 {
				p.Services[j].Subscribes = append(p.Services[j].Subscribes, s+".changed")
			}
		}
	}
	for i := range p.Services {
		sv := &p.Services[i]
		score := float64(sv.Metrics.Lines)/100 + float64(in[i])/20 + float64(out[i])/40
		level := "low"
		if score > 30 {
			level = "high"
		} else if score > 12 {
			level = "medium"
		}
		sv.Cost = &planner.Cost{Lines: sv.Metrics.Lines, InboundCalls: in[i], OutboundCalls: out[i], Score: score, Level: level}
	}
	byScore := slices.Clone(p.Services)
	slices.SortFunc(byScore, func(a, b planner.Service) int {
		return cmp.Or(cmp.Compare(a.Cost.Score, b.Cost.Score), cmp.Compare(a.Name, b.Name))
	})
	for r, sv := range byScore {
		p.Order = append(p.Order, planner.Step{Rank: r + 1, Service: sv.Name, Score: sv.Cost.Score, Reason: fmt.Sprintf("cost %.1f", sv.Cost.Score)})
	}
	return g, p
}

func mustEdge(g *analyzer.Graph, from, to string, kind analyzer.EdgeKind, weight int) {
	if err := g.AddEdge(from, to, kind, weight); err != nil {
		panic(fmt.Sprintf("synthetic graph: %v", err))
	}
}
