package analyzer

import (
	"go/ast"
	"strings"
)

// routeGroupLib reads github.com/go-pkgz/routegroup, route groups over a
// ServeMux:
//
//	router := routegroup.New(mux)           // routegroup.Mount(mux, "/api") starts below a path
//	api := router.Mount("/api/v1")          // a group below a path; Group and With keep it
//	api.Route(func(r *routegroup.Bundle) { r.HandleFunc("GET /find", find) })
//	api.Handle("POST /comment", h); api.HandleRoot("GET", h)
//	api.HandleFunc("GET /", h)              // the group's root, /api/v1/{$}, no catch-all
//
// The groups hand every pattern, their path joined in, to the ServeMux,
// so the routes are net/http's: Go 1.22 patterns, matched as ServeMux
// matches them.
type routeGroupLib struct{}

func (routeGroupLib) framework() framework { return fwRouteGroup }

func (routeGroupLib) owns(pkg string) bool { return pkg == "github.com/go-pkgz/routegroup" }

func (routeGroupLib) routerType(name string) bool { return name == "Bundle" }

func (routeGroupLib) handlerCtx(string) bool { return false }

func (routeGroupLib) group(name string) (int, bool) {
	switch name {
	case "Mount":
		return 0, true
	case "Group", "With":
		return -1, true
	}
	return 0, false
}

func (routeGroupLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.routeGroupRoute(call, c)
}

// segment keeps ServeMux's own syntax.
func (routeGroupLib) segment(s string) string { return s }

// root reads the package's constructors: New(mux) is a group at the
// mux's root, Mount(mux, path) one below path.
func (routeGroupLib) root(x *extractor, call *ast.CallExpr, c callee) (routerVal, bool) {
	switch {
	case c.name == "New" && len(call.Args) == 1:
		return x.evalRouter(call.Args[0]), true
	case c.name == "Mount" && len(call.Args) == 2:
		v := x.evalRouter(call.Args[0])
		v.prefix = joinPath(v.prefix, x.groupPrefix(call, 1))
		return v, true
	}
	return routerVal{}, false
}

func (x *extractor) routeGroupRoute(call *ast.CallExpr, c callee) bool {
	if c.recvX == nil || !isRouterType(x.info.TypeOf(c.recvX)) {
		return false
	}
	at := x.evalRouter(c.recvX)
	args := call.Args
	switch c.name {
	case "Handle", "HandleFunc":
		if len(args) != 2 {
			return true
		}
		x.routeTemplate(at, "", args[0], args[1], fwStd)
		x.unresolvedRoute(args[0], call.Pos())
		for _, pattern := range x.stringValues(args[0]) {
			method, path := splitStdPattern(pattern)
			if path == "/" && (c.name == "HandleFunc" || !strings.HasSuffix(pattern, "/")) {
				// a group's root, not a catch-all: routegroup registers
				// it as /{$} below the group's path (Handle keeps a
				// pattern ending in a slash as it is, a subtree)
				path = "/{$}"
			}
			if method == "*" {
				// the ServeMux hands the full path to what it serves
				x.mountOrRoute(at, "", path, args[1], fwStd, call.Pos())
				continue
			}
			x.addReg(at, method, path, fwStd, args[1], call.Pos())
		}
	case "HandleRoot", "HandleRootFunc":
		// the group's own path, without a trailing slash ("" for any method)
		if len(args) != 2 {
			return true
		}
		for _, m := range x.stringValues(args[0]) {
			if m == "" {
				m = "*"
			}
			x.addReg(at, m, "", fwStd, args[1], call.Pos())
		}
	case "HandleFiles":
		// a file server on the subtree below the pattern (routegroup adds
		// the trailing slash), for any method
		if len(args) == 2 {
			for _, pattern := range x.stringValues(args[0]) {
				_, path := splitStdPattern(pattern)
				if !strings.HasSuffix(path, "/") {
					path += "/"
				}
				x.addReg(at, "*", path, fwStd, args[1], call.Pos())
			}
		}
	case "Route":
		if len(args) == 1 {
			if p := x.firstParam(args[0]); p != nil {
				x.rf.flows = append(x.rf.flows, routerFlow{to: origin{obj: p}, from: at})
			}
		}
	}
	return true
}
