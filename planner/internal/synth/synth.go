// Package synth generates large synthetic ficus graphs shaped like a
// layered monolith, for benchmarks and scale tests of the planner.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/ficus-dev/ficus/analyzer"
)

// layers of every generated area, in call order.
func layers() []string { return []string{"handlers", "services", "repository", "models"} }

// Generate returns a graph of about edges edges: areas of types and
// methods in four layers, each method calling down its own area's layers
// and now and then across areas, a small platform package every area
// calls, and per area a few routes, tables and an event. The same seed
// gives the same graph.
func Generate(seed uint64, edges int) analyzer.Document {
	rng := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	const module = "example.com/big"
	const typesPerLayer, methodsPerType = 10, 8
	// each method makes about 6 edges: receiver reference, 3 calls,
	// a type reference and a platform call; an area has 4*10*8 methods.
	areas := max(2, edges/(len(layers())*typesPerLayer*methodsPerType*6))
	d := analyzer.Document{Schema: analyzer.Schema, Module: module}
	seen := map[[2]string]bool{}
	add := func(from, to string, kind analyzer.EdgeKind) {
		if from == to || seen[[2]string{from, to}] {
			return
		}
		seen[[2]string{from, to}] = true
		d.Edges = append(d.Edges, analyzer.Edge{From: from, To: to, Kind: kind, Weight: 1 + rng.IntN(2)})
	}
	node := func(id string, kind analyzer.NodeKind, name, pkg, pos string) {
		d.Nodes = append(d.Nodes, analyzer.Node{ID: id, Kind: kind, Name: name, Package: pkg, Pos: pos, Lines: 5 + rng.IntN(30)})
	}
	platform := module + "/internal/platform"
	var helpers []string
	for i := 0; i < 40; i++ {
		id := fmt.Sprintf("%s.Helper%d", platform, i)
		node(id, analyzer.KindFunc, fmt.Sprintf("Helper%d", i), platform, fmt.Sprintf("internal/platform/helpers%d.go:%d", i%5, i+1))
		helpers = append(helpers, id)
	}
	method := func(a, l, t, m int) string {
		return fmt.Sprintf("%s/internal/%s.(*Area%dT%d).M%d", module, layers()[l], a, t, m)
	}
	typeID := func(a, l, t int) string {
		return fmt.Sprintf("%s/internal/%s.Area%dT%d", module, layers()[l], a, t)
	}
	for a := 0; a < areas; a++ {
		for l, layer := range layers() {
			pkg := module + "/internal/" + layer
			f := fmt.Sprintf("internal/%s/area%d.go", layer, a)
			for t := 0; t < typesPerLayer; t++ {
				node(typeID(a, l, t), analyzer.KindType, fmt.Sprintf("Area%dT%d", a, t), pkg, fmt.Sprintf("%s:%d", f, t*100+1))
				for m := 0; m < methodsPerType; m++ {
					node(method(a, l, t, m), analyzer.KindMethod, fmt.Sprintf("(*Area%dT%d).M%d", a, t, m), pkg, fmt.Sprintf("%s:%d", f, t*100+m*10+5))
				}
			}
		}
		for r := 0; r < 4; r++ {
			node(fmt.Sprintf("route:GET /area%d/r%d", a, r), analyzer.KindRoute, fmt.Sprintf("GET /area%d/r%d", a, r), module+"/internal/handlers", fmt.Sprintf("internal/handlers/area%d.go:1", a))
		}
		for t := 0; t < 3; t++ {
			node(fmt.Sprintf("table:area%d_t%d", a, t), analyzer.KindTable, fmt.Sprintf("area%d_t%d", a, t), "", "")
		}
		node(fmt.Sprintf("event:area%d.changed", a), analyzer.KindEvent, fmt.Sprintf("area%d.changed", a), "", "")
	}
	for a := 0; a < areas; a++ {
		for r := 0; r < 4; r++ {
			add(fmt.Sprintf("route:GET /area%d/r%d", a, r), method(a, 0, r, 0), analyzer.EdgeHandles)
		}
		for l := range layers() {
			for t := 0; t < typesPerLayer; t++ {
				for m := 0; m < methodsPerType; m++ {
					from := method(a, l, t, m)
					add(from, typeID(a, l, t), analyzer.EdgeReferences)
					for c := 0; c < 3; c++ {
						ta, tl := a, min(l+rng.IntN(2), len(layers())-1)
						if rng.Float64() < 0.05 {
							ta = rng.IntN(areas)
						}
						add(from, method(ta, tl, rng.IntN(typesPerLayer), rng.IntN(methodsPerType)), analyzer.EdgeCalls)
					}
					add(from, typeID(a, len(layers())-1, rng.IntN(typesPerLayer)), analyzer.EdgeReferences)
					add(from, helpers[rng.IntN(len(helpers))], analyzer.EdgeCalls)
					if l == 2 && m < 2 {
						kind := analyzer.EdgeReads
						if m == 0 {
							kind = analyzer.EdgeWrites
						}
						add(from, fmt.Sprintf("table:area%d_t%d", a, t%3), kind)
					}
					if l == 1 && t == 0 && m == 0 {
						add(from, fmt.Sprintf("event:area%d.changed", a), analyzer.EdgePublishes)
						add(method((a+1)%areas, 1, 1, 0), fmt.Sprintf("event:area%d.changed", a), analyzer.EdgeSubscribes)
					}
					if len(d.Edges) >= edges {
						d.Edges = d.Edges[:edges]
						return d
					}
				}
			}
		}
	}
	for len(d.Edges) < edges {
		a := rng.IntN(areas)
		l := rng.IntN(len(layers()))
		add(method(a, l, rng.IntN(typesPerLayer), rng.IntN(methodsPerType)),
			method(a, min(l+1, len(layers())-1), rng.IntN(typesPerLayer), rng.IntN(methodsPerType)), analyzer.EdgeCalls)
	}
	return d
}
