package analyzer

import (
	"go/ast"
	"strings"
)

// kratosLib reads the HTTP transport of github.com/go-kratos/kratos
// (v2/transport/http), which protoc-gen-go-http generates code for:
//
//	r := s.Route("/")                                  // a router below a prefix
//	r.GET("/v1/catalog/beers/{id}", _Catalog_GetBeer0_HTTP_Handler(srv))
//	r.Handle("PATCH", "/v1/x", h); r.Group("/admin").POST("/login", h)
//	s.Handle("/metrics", promhttp.Handler())           // any method, this path
//	s.HandlePrefix("/q/", openapiv2.NewHandler())      // any method, the subtree
//
// Parameters are gorilla/mux's {name} and {name:regexp}, and {name=pattern}.
type kratosLib struct{}

func (kratosLib) framework() framework { return fwKratos }

func (kratosLib) owns(pkg string) bool {
	return pkg == "github.com/go-kratos/kratos/v2/transport/http"
}

func (kratosLib) routerType(name string) bool { return name == "Server" || name == "Router" }

func (kratosLib) handlerCtx(name string) bool { return name == "Context" }

func (kratosLib) group(name string) (int, bool) { return 0, name == "Route" || name == "Group" }

func (l kratosLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.onRouter(call, c, l.register)
}

func (kratosLib) register(x *extractor, call *ast.CallExpr, c callee, at routerVal) {
	if m, ok := httpMethod(c.name); ok && c.name == m && c.recv == "Router" {
		x.verbRoutes(call, at, fwKratos, []string{m}, 0, argAt(call, 1))
		return
	}
	switch {
	case c.recv == "Router" && c.name == "Handle":
		if len(call.Args) > 0 {
			x.verbRoutes(call, at, fwKratos, x.methodList(call.Args[0]), 1, argAt(call, 2))
		}
	case c.recv == "Server" && (c.name == "Handle" || c.name == "HandleFunc"):
		x.verbRoutes(call, at, fwKratos, []string{"*"}, 0, argAt(call, 1))
	case c.recv == "Server" && c.name == "HandlePrefix" && len(call.Args) == 2:
		x.unresolvedRoute(call.Args[0], call.Pos())
		for _, p := range x.stringValues(call.Args[0]) {
			if !strings.HasSuffix(p, "/") {
				p += "/"
			}
			x.addReg(at, "*", p, fwKratos, call.Args[1], call.Pos())
		}
	}
}

func (kratosLib) segment(s string) string {
	if a, ok := anySegment(s); ok {
		return a
	}
	return bracedParam(s)
}
