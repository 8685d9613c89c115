package analyzer

import "go/ast"

// httpRouterLib reads github.com/julienschmidt/httprouter, and so the
// routers apps build over it (an Engine whose Get(path, h) calls
// mux.Handle("GET", path, ...) is a route helper, routes_wrap.go):
//
//	r.GET("/users/:id", show)                  // GET, POST, ..., OPTIONS
//	r.Handle("PATCH", "/users/:id", patch)     // Handle, Handler, HandlerFunc
//	r.ServeFiles("/static/*filepath", root)    // GET on the subtree
//
// Parameters are :name and *rest, as in gin, whose tree came from it.
type httpRouterLib struct{}

func (httpRouterLib) framework() framework { return fwHTTPRouter }

func (httpRouterLib) owns(pkg string) bool {
	return pkg == "github.com/julienschmidt/httprouter"
}

func (httpRouterLib) routerType(name string) bool { return name == "Router" }

func (httpRouterLib) handlerCtx(string) bool { return false }

func (httpRouterLib) group(string) (int, bool) { return 0, false }

func (l httpRouterLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.onRouter(call, c, l.register)
}

func (httpRouterLib) register(x *extractor, call *ast.CallExpr, c callee, at routerVal) {
	if m, ok := httpMethod(c.name); ok && c.name == m {
		x.verbRoutes(call, at, fwHTTPRouter, []string{m}, 0, argAt(call, 1))
		return
	}
	switch c.name {
	case "Handle", "Handler", "HandlerFunc":
		if len(call.Args) != 3 {
			return
		}
		if ms := x.methodList(call.Args[0]); len(ms) > 0 {
			x.verbRoutes(call, at, fwHTTPRouter, ms, 1, call.Args[2])
			return
		}
		// a helper's own method parameter: route(method, path, h)
		if p, ok := x.ownParam(call.Args[0]); ok {
			head := strTmpl{{param: p.param}, {lit: " ", param: -1}}
			x.routeTemplateAt(at, "", head, p.fn, call.Args[1], call.Args[2], fwHTTPRouter)
		}
	case "ServeFiles":
		x.fileRoutes(call, at, fwHTTPRouter, []string{"GET"}, []string{""})
	}
}

func (httpRouterLib) segment(s string) string { return colonParam(s) }
