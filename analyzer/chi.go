package analyzer

import (
	"go/ast"
	"strings"
)

// chiLib reads github.com/go-chi/chi (v1 to v5):
//
//	r.Get("/users/{id:[0-9]+}", show)       // Get, Post, ..., Handle, HandleFunc
//	r.Method("PATCH", "/users/{id}", patch)  // Method, MethodFunc
//	r.Route("/admin", func(r chi.Router) { r.Get("/", dash) })
//	r.Mount("/api", apiRouter)               // a router, or a handler serving the subtree
//	r.With(auth).Post("/x", h); r.Group(func(r chi.Router) {...})
//
// Parameters are {name} and {name:regexp}; * is the rest of the path.
type chiLib struct{}

func (chiLib) framework() framework { return fwChi }

func (chiLib) owns(pkg string) bool {
	return pkg == "github.com/go-chi/chi" || strings.HasPrefix(pkg, "github.com/go-chi/chi/v")
}

func (chiLib) routerType(name string) bool { return name == "Router" || name == "Mux" }

func (chiLib) handlerCtx(string) bool { return false }

func (chiLib) group(name string) (int, bool) {
	switch name {
	case "Route":
		return 0, true
	case "With", "Group":
		return -1, true
	}
	return 0, false
}

func (chiLib) route(x *extractor, call *ast.CallExpr, c callee) bool { return x.chiRoute(call, c) }

func (chiLib) segment(s string) string {
	if a, ok := anySegment(s); ok {
		return a
	}
	return regexpParam(s)
}

// regexpParam spells a {name:regexp} segment as {name}.
func regexpParam(s string) string {
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		if name, _, found := strings.Cut(s[1:len(s)-1], ":"); found {
			return "{" + strings.TrimSpace(name) + "}"
		}
	}
	return s
}

func (x *extractor) chiRoute(call *ast.CallExpr, c callee) bool {
	if c.recvX == nil {
		return false
	}
	args := call.Args
	str := func(i int) []string {
		if i < len(args) {
			return x.stringValues(args[i])
		}
		return nil
	}
	at := x.evalRouter(c.recvX)
	if m, ok := httpMethod(c.name); ok && c.name != m && len(args) == 2 {
		x.routeTemplate(at, m, args[0], args[1], fwChi)
		x.unresolvedRoute(args[0], call.Pos())
		for _, p := range str(0) {
			x.addReg(at, m, p, fwChi, args[1], call.Pos())
		}
		return true
	}
	switch c.name {
	case "Handle", "HandleFunc", "Mount":
		if len(args) != 2 {
			return true
		}
		x.unresolvedRoute(args[0], call.Pos())
		for _, p := range str(0) {
			routePath := p
			if c.name == "Mount" {
				routePath = joinPath(p, "*") // a mounted handler serves the subtree
			}
			x.mountOrRoute(at, p, routePath, args[1], fwChi, call.Pos())
		}
	case "Method", "MethodFunc":
		if len(args) != 3 {
			return true
		}
		for _, m := range str(0) {
			for _, p := range str(1) {
				x.addReg(at, strings.ToUpper(m), p, fwChi, args[2], call.Pos())
			}
		}
	case "Route", "Group":
		fnArg, prefix := 1, ""
		if c.name == "Group" {
			fnArg = 0
		} else {
			prefix = x.groupPrefix(call, 0)
		}
		if fnArg < len(args) {
			if p := x.firstParam(args[fnArg]); p != nil {
				x.rf.flows = append(x.rf.flows, routerFlow{to: origin{obj: p}, from: routerVal{o: at.o, prefix: joinPath(at.prefix, prefix)}})
			}
		}
	}
	return true
}
