package analyzer

import (
	"go/ast"
	"strings"
)

// stdLib reads net/http's ServeMux:
//
//	mux.HandleFunc("GET /orders/{id}", h)           // Go 1.22 method and host patterns
//	http.Handle("/metrics", promhttp.Handler())    // the default mux
//	mux.Handle("/api/", http.StripPrefix("/api", sub)) // sub's routes under /api
//
// A pattern without a method serves any; a handler registered for a
// whole subtree that is itself a router is a mount.
type stdLib struct{}

func (stdLib) framework() framework { return fwStd }

func (stdLib) owns(pkg string) bool { return pkg == "net/http" }

func (stdLib) routerType(name string) bool { return name == "ServeMux" }

func (stdLib) handlerCtx(name string) bool { return name == "ResponseWriter" }

func (stdLib) group(string) (int, bool) { return 0, false }

func (stdLib) route(x *extractor, call *ast.CallExpr, c callee) bool { return x.stdRoute(call, c) }

// segment keeps ServeMux's own syntax.
func (stdLib) segment(s string) string { return s }

// stdRoute reads (*http.ServeMux).Handle/HandleFunc and http.Handle/HandleFunc.
func (x *extractor) stdRoute(call *ast.CallExpr, c callee) bool {
	if c.name != "Handle" && c.name != "HandleFunc" || len(call.Args) != 2 {
		return c.name == "StripPrefix"
	}
	var at routerVal
	switch {
	case (c.recv == "ServeMux" || c.iface != nil) && c.recvX != nil:
		at = x.evalRouter(c.recvX)
	case c.recv == "" && c.fn.Pkg() != nil:
		def := c.fn.Pkg().Scope().Lookup("DefaultServeMux")
		if def == nil {
			return false
		}
		at = routerVal{o: origin{obj: def}}
	default:
		return false
	}
	h := ast.Unparen(call.Args[1])
	x.routeTemplate(at, "", call.Args[0], h, fwStd)
	x.unresolvedRoute(call.Args[0], call.Pos())
	for _, pattern := range x.stringValues(call.Args[0]) {
		method, path := splitStdPattern(pattern)
		// A sub-router served below a path is a mount, not a route.
		if sc, ok := h.(*ast.CallExpr); ok {
			inner, _ := x.peekCallee(sc)
			if inner.pkg == "net/http" && inner.name == "StripPrefix" && len(sc.Args) == 2 && isRouterType(x.info.TypeOf(sc.Args[1])) {
				strip, _ := x.constString(sc.Args[0])
				x.rf.mounts = append(x.rf.mounts, routerMount{child: x.evalRouter(sc.Args[1]), parent: at, at: strip})
				continue
			}
		}
		if method == "*" {
			// A ServeMux hands the full path down to a handler it serves.
			x.mountOrRoute(at, "", path, h, fwStd, call.Pos())
			continue
		}
		x.addReg(at, method, path, fwStd, h, call.Pos())
	}
	return true
}

// splitStdPattern splits a ServeMux pattern "[METHOD ][HOST]/PATH".
func splitStdPattern(p string) (method, rest string) {
	p = strings.TrimSpace(p)
	if i := strings.IndexAny(p, " \t"); i > 0 {
		return p[:i], strings.TrimLeft(p[i:], " \t")
	}
	return "*", p
}
