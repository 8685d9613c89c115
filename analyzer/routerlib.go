package analyzer

import (
	"go/ast"
	"strings"
)

// routerLib is a routing library recognized by one file of its own
// (fiber.go, ozzo.go, kratos.go, gozero.go): the packages it owns, which
// of their types are routers, how a call on a router registers routes or
// derives a sub-router, and how its path parameters are spelled. The
// libraries older than this interface (net/http, gorilla, chi, gin, echo)
// are read in routes.go.
type routerLib interface {
	framework() framework
	owns(pkg string) bool
	routerType(name string) bool
	// handlerCtx reports a type of the library that handlers take as
	// their request (fiber.Ctx, routing.Context).
	handlerCtx(name string) bool
	// group returns the argument holding the prefix when the method
	// named derives a sub-router from its receiver.
	group(name string) (arg int, ok bool)
	// register records the routes one call on a router makes.
	register(x *extractor, call *ast.CallExpr, c callee, at routerVal)
	// segment spells one path segment in ServeMux syntax.
	segment(seg string) string
}

// routerLibs lists the libraries with a recognizer of their own.
func routerLibs() [4]routerLib {
	return [4]routerLib{fiberLib{}, ozzoLib{}, kratosLib{}, goZeroLib{}}
}

// libOf returns the recognizer of a framework, or nil for the frameworks
// routes.go reads.
func libOf(fw framework) routerLib {
	if fw < fwFiber {
		return nil
	}
	for _, l := range routerLibs() {
		if l.framework() == fw {
			return l
		}
	}
	return nil
}

// libFramework returns the library that owns pkg, or fwNone.
func libFramework(pkg string) framework {
	for _, l := range routerLibs() {
		if l.owns(pkg) {
			return l.framework()
		}
	}
	return fwNone
}

// libRoute reads a call on a router of a library with its own recognizer.
// Calls on other types of the library (fiber's Ctx.Get) are not routes.
func (x *extractor) libRoute(call *ast.CallExpr, c callee, l routerLib) bool {
	if c.recvX == nil || !isRouterType(x.info.TypeOf(c.recvX)) {
		return false
	}
	l.register(x, call, c, x.evalRouter(c.recvX))
	return true
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
