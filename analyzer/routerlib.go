package analyzer

import (
	"go/ast"
	"strings"
)

// routerLib is a routing library, recognized by one file of its own
// (nethttp.go, chi.go, gin.go, echo.go, gorilla.go, fiber.go, ozzo.go,
// kratos.go, gozero.go, httprouter.go, routegroup.go, macaron.go): the packages it owns, which of their types are
// routers, how a call on a router registers routes or derives a
// sub-router, and how its path parameters are spelled. What it finds is
// route registrations, mounts and router flows, resolved together with
// every other library's by the router resolution (routes_resolve.go), so
// that a router made with one library and mounted on another gets its
// prefix.
//
// Adding a routing library is its file, a framework constant (routes.go)
// and its line in routerLibs, in the constants' order.
type routerLib interface {
	framework() framework
	owns(pkg string) bool
	routerType(name string) bool
	// handlerCtx reports a type of the library that handlers take as
	// their request (fiber.Ctx, routing.Context).
	handlerCtx(name string) bool
	// group returns the argument holding the prefix when the method
	// named derives a sub-router from its receiver, or -1 when the
	// sub-router has the receiver's prefix (gin's Use, chi's With).
	group(name string) (arg int, ok bool)
	// route records the routes, mounts and router flows one call of the
	// library makes, and reports whether the call was the library's.
	route(x *extractor, call *ast.CallExpr, c callee) bool
	// segment spells one path segment in ServeMux syntax.
	segment(seg string) string
}

// chainLib is a routing library whose sub-routers come from chains of
// calls (gorilla/mux: r.PathPrefix("/api").Subrouter()) rather than from
// one group call.
type chainLib interface {
	derive(x *extractor, call *ast.CallExpr) routerVal
}

// rootLib is a routing library whose routers also come from functions
// of its package given another router (routegroup.New(mux)).
type rootLib interface {
	root(x *extractor, call *ast.CallExpr, c callee) (routerVal, bool)
}

// routerLibs lists the routing libraries, in the order of their
// framework constants.
func routerLibs() [12]routerLib {
	return [12]routerLib{stdLib{}, gorillaLib{}, chiLib{}, ginLib{}, echoLib{}, fiberLib{}, ozzoLib{}, kratosLib{}, goZeroLib{}, httpRouterLib{}, routeGroupLib{}, macaronLib{}}
}

// libOf returns the library of a framework, or nil for fwNone.
func libOf(fw framework) routerLib {
	libs := routerLibs()
	if fw <= fwNone || int(fw) > len(libs) {
		return nil
	}
	return libs[fw-1]
}

// frameworkOf returns the library that owns pkg, or fwNone.
func frameworkOf(pkg string) framework {
	for _, l := range routerLibs() {
		if l.owns(pkg) {
			return l.framework()
		}
	}
	return fwNone
}

// onRouter reads a call on a router of a library with register, given
// the router the call is made on. Calls on other types of the library
// (fiber's Ctx.Get) are not routes.
func (x *extractor) onRouter(call *ast.CallExpr, c callee, register func(x *extractor, call *ast.CallExpr, c callee, at routerVal)) bool {
	if c.recvX == nil || !isRouterType(x.info.TypeOf(c.recvX)) {
		return false
	}
	register(x, call, c, x.evalRouter(c.recvX))
	return true
}

// anySegment spells a bare * segment, the rest of the path in most
// libraries, as ServeMux's {any...}.
func anySegment(s string) (string, bool) {
	if s == "*" {
		return "{any...}", true
	}
	return s, false
}

// verbRoutes registers handler h (nil when the call passes none) for
// methods at the path argument pathArg of call on router at: constant
// paths, paths a helper's callers pass (templates), or a diagnostic.
func (x *extractor) verbRoutes(call *ast.CallExpr, at routerVal, fw framework, methods []string, pathArg int, h ast.Expr) {
	if pathArg >= len(call.Args) {
		return
	}
	path := call.Args[pathArg]
	if h != nil {
		for _, m := range methods {
			x.routeTemplate(at, m, path, h, fw)
		}
	}
	x.unresolvedRoute(path, call.Pos())
	for _, p := range x.stringValues(path) {
		for _, m := range methods {
			x.addReg(at, m, p, fw, h, call.Pos())
		}
	}
}

// methodList reads the methods argument of a registration: a constant
// "GET" or "GET,HEAD", upper-cased.
func (x *extractor) methodList(e ast.Expr) []string {
	var out []string
	for _, s := range x.stringValues(e) {
		for _, m := range strings.Split(s, ",") {
			if m = strings.ToUpper(strings.TrimSpace(m)); m != "" {
				out = append(out, m)
			}
		}
	}
	return out
}

// lastArg returns the last argument of call when it has more than from
// arguments (the handler of a variadic handler list), or nil.
func lastArg(call *ast.CallExpr, from int) ast.Expr {
	if len(call.Args) > from {
		return call.Args[len(call.Args)-1]
	}
	return nil
}

// argAt returns argument i of call, or nil.
func argAt(call *ast.CallExpr, i int) ast.Expr {
	if i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}

// bracedParam spells a {name} or {name:regex} (or {name=pattern})
// segment as {name}.
func bracedParam(s string) string {
	if len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' {
		if i := strings.IndexAny(s, ":="); i > 0 {
			return "{" + strings.TrimSpace(s[1:i]) + "}"
		}
	}
	return s
}
