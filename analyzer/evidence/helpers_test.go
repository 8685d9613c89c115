package evidence

import (
	"github.com/ficus-dev/ficus/analyzer"
)

// testDoc is a small graph: routes of several routers' spellings and the
// functions and methods they might run.
func testDoc() analyzer.Document {
	route := func(id string) analyzer.Node { return analyzer.Node{ID: id, Kind: analyzer.KindRoute, Name: id[6:]} }
	fn := func(id, pkg, pos string, lines int) analyzer.Node {
		return analyzer.Node{ID: id, Kind: analyzer.KindFunc, Package: pkg, Pos: pos, Lines: lines}
	}
	return analyzer.Document{Schema: analyzer.Schema, Module: "example.com/shop", Nodes: []analyzer.Node{
		route("route:GET /orders"),
		route("route:GET /orders/{id}"),
		route("route:GET /orders/search"),
		route("route:POST /orders"),
		route("route:* /healthz"),
		route("route:GET /static/{filepath...}"),
		route("route:GET /files/"),
		fn("example.com/shop/internal/services.(*Orders).Place", "example.com/shop/internal/services", "internal/services/orders.go:10", 20),
		fn("example.com/shop/internal/services.(*Orders).Get", "example.com/shop/internal/services", "internal/services/orders.go:40", 5),
		fn("example.com/shop/internal/services.Catalog.Product", "example.com/shop/internal/services", "internal/services/catalog.go:3", 4),
		fn("example.com/shop/internal/platform.WriteJSON", "example.com/shop/internal/platform", "internal/platform/httpx.go:7", 6),
	}, Edges: []analyzer.Edge{}, Diagnostics: []analyzer.Diagnostic{}}
}
