package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// unreadRouterRecognizer reports route registrations on a router library
// ficus does not read:
//
//	f := flamego.New()
//	f.Get("/explore/repos", explore.Repos) // a diagnostic: flamego's routes are not read
//
// Without it such an app has no route in its graph, and nothing says why:
// the plan then has no entry point to read the areas from. A call counts
// when it is a method of a type of another module that serves HTTP itself
// (it has ServeHTTP, as every router has), named like a registration (an
// HTTP verb, Any, Handle, HandleFunc, Route), given a path (a constant
// starting with "/") and something more; the app's own router types,
// whose registrations the route helpers read, are no such library. Each package says so once per
// library, at its first such call.
func unreadRouterRecognizer() recognizer {
	return &declared[unreadRouterFacts]{
		Name: "unread-routers",
		Doc:  "a diagnostic for routes registered on a router library ficus does not read",
		Run: func(p *pass, f *unreadRouterFacts) hooks {
			return hooks{call: func(call *ast.CallExpr, c callee) { f.call(p, call, c) }}
		},
	}
}

// unreadRouterFacts are the router libraries one package already got a
// diagnostic for.
type unreadRouterFacts struct{ told map[string]bool }

func (f *unreadRouterFacts) call(p *pass, call *ast.CallExpr, c callee) {
	if c.fn == nil || c.recvX == nil || len(call.Args) < 2 || !isRegistrationName(c.name) ||
		p.inRoots(c.fn) || p.ownPackage(c.pkg) || isStd(c.pkg) || frameworkOf(c.pkg) != fwNone || f.told[c.pkg] {
		return
	}
	path, ok := p.constString(call.Args[0])
	if !ok || !strings.HasPrefix(path, "/") {
		return
	}
	t := p.info().TypeOf(c.recvX)
	if t == nil || !hasServeHTTP(t) {
		return
	}
	if f.told == nil {
		f.told = map[string]bool{}
	}
	f.told[c.pkg] = true
	p.report(Diagnostic{
		Package: p.pkg(), Pos: p.pos(call.Pos()), Kind: DiagRoute,
		Message: types.ExprString(call.Fun) + "(\"" + path + "\", ...) registers a route on " + types.TypeString(t, nil) +
			", a router library ficus does not read: the routes this package registers through it are not in the graph",
		Hint: "ficus reads net/http, gorilla/mux, chi, gin, echo, fiber, ozzo-routing, kratos, go-zero, httprouter, go-pkgz/routegroup and go-macaron; add the missing routes to the proxy config by hand",
	})
}

// isRegistrationName reports method names routers register routes with.
func isRegistrationName(name string) bool {
	if _, ok := httpMethod(name); ok {
		return true
	}
	switch name {
	case "Any", "Handle", "HandleFunc", "Route":
		return true
	}
	return false
}
