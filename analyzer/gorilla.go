package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// gorillaLib reads github.com/gorilla/mux, whose routes are chains:
//
//	s := r.PathPrefix("/api").Subrouter()
//	s.HandleFunc("/users/{id:[0-9]+}", show).Methods("GET", "HEAD")
//	r.Path("/x").Methods("POST").HandlerFunc(h)
//
// Parameters are {name} and {name:regexp}; a * is literal.
type gorillaLib struct{}

func (gorillaLib) framework() framework { return fwGorilla }

func (gorillaLib) owns(pkg string) bool { return pkg == "github.com/gorilla/mux" }

func (gorillaLib) routerType(name string) bool { return name == "Router" }

func (gorillaLib) handlerCtx(string) bool { return false }

func (gorillaLib) group(string) (int, bool) { return 0, false }

func (gorillaLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	if c.recvX == nil {
		return false
	}
	_, ok := x.gorillaChain(call, true)
	return ok
}

// derive evaluates a chain to the sub-router it makes.
func (gorillaLib) derive(x *extractor, call *ast.CallExpr) routerVal {
	val, _ := x.gorillaChain(call, false)
	return val
}

func (gorillaLib) segment(s string) string { return regexpParam(s) }

// gorillaChain reads a chain of gorilla/mux calls such as
// r.PathPrefix("/api").Subrouter() or r.HandleFunc("/x", h).Methods("GET"),
// from the outermost call. With register set it records the route or mount
// the chain makes; it returns the router the chain evaluates to.
func (x *extractor) gorillaChain(call *ast.CallExpr, register bool) (routerVal, bool) {
	type step struct {
		name string
		args []ast.Expr
	}
	var steps []step
	var base ast.Expr = call
	for {
		cur, ok := ast.Unparen(base).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(cur.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		s := x.info.Selections[sel]
		if s == nil || s.Kind() != types.MethodVal {
			break
		}
		fn, _ := s.Obj().(*types.Func)
		if fn == nil || fn.Pkg() == nil || frameworkOf(fn.Pkg().Path()) != fwGorilla {
			break
		}
		if register {
			x.consumed[cur] = true
		}
		steps = append(steps, step{fn.Name(), cur.Args})
		base = sel.X
	}
	if len(steps) == 0 {
		return routerVal{o: origin{pos: call.Pos()}}, false
	}
	at := x.evalRouter(base)
	var prefix, path string
	var methods []string
	var handler, pathExpr, methodExpr ast.Expr
	str := func(args []ast.Expr) string {
		if len(args) > 0 {
			s, _ := x.constString(args[0])
			return s
		}
		return ""
	}
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		switch s.name {
		case "PathPrefix":
			prefix = joinPath(prefix, str(s.args))
		case "Path":
			path = str(s.args)
			if len(s.args) > 0 {
				pathExpr = s.args[0]
			}
		case "HandleFunc", "Handle":
			path = str(s.args)
			if len(s.args) > 0 {
				pathExpr = s.args[0]
			}
			if len(s.args) == 2 {
				handler = s.args[1]
			}
		case "HandlerFunc", "Handler":
			if len(s.args) == 1 {
				handler = s.args[0]
			}
		case "Methods":
			methods = methods[:0]
			methodExpr = nil
			if len(s.args) == 1 {
				methodExpr = s.args[0]
			}
			for _, a := range s.args {
				if m, ok := x.constString(a); ok {
					methods = append(methods, strings.ToUpper(m))
				}
			}
		case "Subrouter":
			at.prefix = joinPath(at.prefix, joinPath(prefix, path))
			prefix, path, methods, handler, pathExpr, methodExpr = "", "", nil, nil, nil, nil
		}
	}
	if register && handler != nil && pathExpr != nil && !isRouterType(x.info.TypeOf(handler)) {
		// A helper's parameters may supply the method, the path or the
		// handler.
		head := strTmpl{{lit: prefix, param: -1}}
		if p, ok := x.ownParam(methodExpr); ok && len(methods) == 0 {
			head = strTmpl{{param: p.param}, {lit: " " + prefix, param: -1}}
			x.routeTemplateAt(at, "", head, p.fn, pathExpr, handler, fwGorilla)
		} else {
			ms := methods
			if len(ms) == 0 {
				ms = []string{"*"}
			}
			for _, m := range ms {
				x.routeTemplateAt(at, m, head, "", pathExpr, handler, fwGorilla)
			}
		}
	}
	paths := []string{path}
	if pathExpr != nil {
		// A path from local variables may take several values
		// (prefix := ""; if cfg.X { prefix = "/d" }); none is a path known
		// only at run time (or from a helper's caller): no route here.
		if paths = x.stringValues(pathExpr); len(paths) == 0 {
			if register && handler != nil {
				x.unresolvedRoute(pathExpr, call.Pos())
			}
			return at, true
		}
	}
	if register && handler != nil {
		for _, path := range paths {
			full := joinPath(prefix, path)
			if isRouterType(x.info.TypeOf(handler)) {
				x.rf.mounts = append(x.rf.mounts, routerMount{child: x.evalRouter(handler), parent: at, at: full})
				continue
			}
			ms := methods
			if len(ms) == 0 {
				ms = []string{"*"}
			}
			for _, m := range ms {
				x.addReg(at, m, full, fwGorilla, handler, call.Pos())
			}
		}
	}
	return at, true
}
