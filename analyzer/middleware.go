package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// Middleware is code a router runs before the handler of every route it
// wraps: gin's and echo's Use and Group(prefix, mw...), the Use of chi,
// gorilla and fiber, and the handlers a gin or echo
// registration lists beside the one that serves. The graph joins each
// route to the module's functions so run with a wraps edge, so that a
// planner can tell an authentication check every area passes through from
// the code of one area.

// wrapReg is middleware registered on a router: it wraps the routes
// registered on that router, or below it, under its prefix.
type wrapReg struct {
	at    routerVal
	funcs []string
}

// middlewareCall records the middleware a router method call adds to its
// router: Use(mw...) on the receiver, Group(prefix, mw...) on the group
// it derives. chi's With wraps only the routes chained on its result,
// which share the receiver's router value here, so it is left out. The
// call is still the library's to read for routes.
func (x *extractor) middlewareCall(call *ast.CallExpr, c callee, fw framework) {
	if c.recvX == nil || !isRouterType(x.info.TypeOf(c.recvX)) {
		return
	}
	var fns []string
	var at routerVal
	switch c.name {
	case "Use":
		args := call.Args
		if len(args) > 0 && isStringType(x.info.TypeOf(args[0])) {
			args = args[1:] // fiber's Use("/api", mw): the prefix is read below
		}
		for _, a := range args {
			fns = append(fns, x.middlewareValues(a)...)
		}
		at = x.evalRouter(c.recvX)
		if len(call.Args) > 0 && isStringType(x.info.TypeOf(call.Args[0])) {
			at.prefix = joinPath(at.prefix, x.groupPrefix(call, 0))
		}
	case "Group":
		if !groupTakesMiddleware(fw) {
			return
		}
		fns = x.groupMiddleware(call)
		at = routerVal{o: origin{pos: call.Pos()}} // the group's own router (middlewareGroup)
	default:
		return
	}
	if len(fns) > 0 {
		x.rf.wraps = append(x.rf.wraps, wrapReg{at: at, funcs: fns})
	}
}

// groupTakesMiddleware reports the libraries whose Group(prefix, mw...)
// takes middleware after the prefix (chi's Group and Route take a
// function that registers routes).
func groupTakesMiddleware(fw framework) bool {
	return fw == fwGin || fw == fwEcho || fw == fwFiber || fw == fwOzzo
}

// groupMiddleware is the middleware a Group(prefix, mw...) call lists.
func (x *extractor) groupMiddleware(call *ast.CallExpr) []string {
	var fns []string
	for _, a := range call.Args[min(1, len(call.Args)):] {
		fns = append(fns, x.middlewareValues(a)...)
	}
	return fns
}

// middlewareGroup gives a Group(prefix, mw...) call that lists middleware
// a router of its own, fed by base (its parent with the prefix): only the
// routes registered on that group pass through its middleware, not those
// of a sibling group under the same prefix.
func (x *extractor) middlewareGroup(call *ast.CallExpr, c callee, base routerVal) (routerVal, bool) {
	if c.name != "Group" || !groupTakesMiddleware(frameworkOf(c.pkg)) || len(x.groupMiddleware(call)) == 0 {
		return routerVal{}, false
	}
	own := origin{pos: call.Pos()}
	x.rf.flows = append(x.rf.flows, routerFlow{to: own, from: base})
	return routerVal{o: own}, true
}

// middlewareValues are the module functions an argument given to a router
// as middleware stands for: a function or method value (auth.Require), or
// the function a call makes it with (auth.RequireAdmin()). A function
// literal is the registering function's own code and a string is a prefix
// (fiber's Use("/api", mw)): neither names middleware.
func (x *extractor) middlewareValues(e ast.Expr) []string {
	e = ast.Unparen(e)
	if _, ok := e.(*ast.FuncLit); ok {
		return nil
	}
	if t := x.info.TypeOf(e); t == nil || isStringType(t) {
		return nil
	}
	var out []string
	for _, id := range x.funcValues(e) {
		if id != x.owner {
			out = append(out, id)
		}
	}
	return out
}

// isStringType reports a string or a slice of strings.
func isStringType(t types.Type) bool {
	if s, ok := t.Underlying().(*types.Slice); ok {
		t = s.Elem()
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// routeMiddleware records, on the registrations a gin or echo verb call
// just added (from regs on), the middleware listed beside the handler.
func (x *extractor) routeMiddleware(from int, mws []ast.Expr) {
	var fns []string
	for _, a := range mws {
		fns = append(fns, x.middlewareValues(a)...)
	}
	for i := from; i < len(x.rf.routes) && len(fns) > 0; i++ {
		x.rf.routes[i].wraps = append(x.rf.routes[i].wraps, fns...)
	}
}

// wrapping returns the middleware that wraps a registration: its own, and
// that of every router it is registered on or below (through groups,
// mounts and the routers passed to the functions that register it) whose
// prefix holds the route's path there.
func (r *routeResolver) wrapping(reg routeReg, wraps map[origin][]wrapReg) []string {
	out := append([]string(nil), reg.wraps...)
	type visit struct {
		o    origin
		path string
	}
	seen := map[visit]bool{}
	var walk func(o origin, path string, depth int)
	walk = func(o origin, path string, depth int) {
		if seen[visit{o, path}] || depth > maxWrapDepth || len(seen) > maxWrapVisits {
			return
		}
		seen[visit{o, path}] = true
		for _, w := range wraps[o] {
			if underPrefix(path, w.at.prefix) {
				out = append(out, w.funcs...)
			}
		}
		for _, v := range r.in[o] {
			walk(v.o, joinPath(v.prefix, path), depth+1)
		}
	}
	walk(reg.at.o, joinPath(reg.at.prefix, reg.path), 0)
	slices.Sort(out)
	return slices.Compact(out)
}

// maxWrapDepth and maxWrapVisits bound how far back wrapping looks.
const (
	maxWrapDepth  = 64
	maxWrapVisits = 4096
)

// underPrefix reports whether path is prefix or below it, segment-wise.
func underPrefix(path, prefix string) bool {
	prefix = strings.TrimSuffix(prefix, "/")
	if prefix == "" {
		return true
	}
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}
