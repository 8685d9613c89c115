package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// macaronLib reads gopkg.in/macaron.v1 (go-macaron):
//
//	m := macaron.Classic()
//	m.Get("/explore/repos", ignSignIn, route.ExploreRepos) // Get, Post, ..., Any: the last handler serves
//	m.Group("/user/settings", func() {                     // routes on m inside fn are below the prefix
//		m.Combo("/email").Get(user.Emails).Post(user.EmailPost)
//		m.Route("/delete", "GET,POST", user.Delete)
//	}, reqSignIn)
//
// A group is no router value: the routes registered on the same router
// inside the function literal given to Group are below its prefix, groups
// nesting. Parameters are :name, :name:int, :name(regexp) and * (the rest
// of the path); a pattern written ^...$ is a regular expression, read by
// its parameters' names.
type macaronLib struct{}

func (macaronLib) framework() framework { return fwMacaron }

func (macaronLib) owns(pkg string) bool {
	return pkg == "gopkg.in/macaron.v1" || pkg == "github.com/go-macaron/macaron" || pkg == "github.com/Unknwon/macaron"
}

func (macaronLib) routerType(name string) bool { return name == "Macaron" || name == "Router" }

func (macaronLib) handlerCtx(name string) bool { return name == "Context" }

func (macaronLib) group(string) (int, bool) { return 0, false }

func (macaronLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.macaronRoute(call, c)
}

// segment spells :name, :name:int and :name(regexp) as {name}, and * as
// {any...}.
func (macaronLib) segment(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "^"), "$")
	if s == "*" || s == "*.*" {
		return "{any...}"
	}
	if len(s) > 1 && s[0] == ':' {
		name := s[1:]
		if i := strings.IndexAny(name, ":("); i > 0 {
			name = name[:i]
		}
		return "{" + name + "}"
	}
	return s
}

// implicitGroup is a macaron group: the routes registered on router at
// within [from, to) (the function literal's body) are below prefix.
type implicitGroup struct {
	at       origin
	prefix   string
	from, to token.Pos
}

// groupedAt adds to at the prefixes of the implicit groups on its router
// that enclose pos, outermost first. evalRouter asks it for every router
// variable it reads, so that a router used inside a group, to register a
// route or passed to a function that registers them
// (apiv1.RegisterRoutes(m)), carries the group's prefix.
func (x *extractor) groupedAt(at routerVal, pos token.Pos) routerVal {
	if len(x.rf.groups) == 0 {
		return at
	}
	var in []implicitGroup
	for _, g := range x.rf.groups {
		if g.at == at.o && g.from <= pos && pos < g.to {
			in = append(in, g)
		}
	}
	slices.SortFunc(in, func(a, b implicitGroup) int { return int(a.from) - int(b.from) })
	prefix := ""
	for _, g := range in {
		prefix = joinPath(prefix, g.prefix)
	}
	at.prefix = joinPath(prefix, at.prefix)
	return at
}

func (x *extractor) macaronRoute(call *ast.CallExpr, c callee) bool {
	if c.recvX == nil {
		return false
	}
	args := call.Args
	last := func(from int) ast.Expr {
		if len(args) > from {
			return args[len(args)-1]
		}
		return nil
	}
	if c.recv == "ComboRouter" {
		// m.Combo("/email").Get(h).Post(h2): the pattern and router are
		// the Combo call's at the head of the chain
		m, ok := httpMethod(c.name)
		if !ok {
			return true
		}
		head := x.comboHead(c.recvX)
		if head == nil || len(head.Args) == 0 {
			return true
		}
		hc, _ := x.peekCallee(head)
		at := x.evalRouter(hc.recvX)
		x.verbRoutes(head, at, fwMacaron, []string{m}, 0, last(0))
		return true
	}
	if !isRouterType(x.info.TypeOf(c.recvX)) {
		return false
	}
	at := x.evalRouter(c.recvX)
	if m, ok := httpMethod(c.name); ok {
		x.verbRoutes(call, at, fwMacaron, []string{m}, 0, last(1))
		return true
	}
	switch c.name {
	case "Any":
		x.verbRoutes(call, at, fwMacaron, []string{"*"}, 0, last(1))
	case "Route":
		if len(args) >= 2 {
			x.verbRoutes(call, at, fwMacaron, x.methodList(args[1]), 0, last(2))
		}
	case "Handle":
		if len(args) == 3 {
			var h ast.Expr
			if lit, ok := ast.Unparen(args[2]).(*ast.CompositeLit); ok && len(lit.Elts) > 0 {
				h = lit.Elts[len(lit.Elts)-1]
			}
			x.verbRoutes(call, at, fwMacaron, x.methodList(args[0]), 1, h)
		}
	case "Group":
		// the enclosing groups' prefixes are added where a route is
		// registered (groupedAt), so a group keeps its own
		if len(args) < 2 {
			return true
		}
		fn, ok := ast.Unparen(args[1]).(*ast.FuncLit)
		if !ok {
			x.f.diags = append(x.f.diags, Diagnostic{Package: x.pkg, Pos: x.pos(call.Pos()), Kind: DiagRoute,
				Message: "macaron group " + x.groupPrefix(call, 0) + " registers its routes in " + types.ExprString(args[1]) +
					", not in a function literal: ficus does not give those routes the group's prefix",
				Hint: "write the group's body as func() { ... } calling the function, or add the routes to the proxy config by hand"})
			return true
		}
		o := at.o
		if sel, ok := ast.Unparen(c.recvX).(*ast.SelectorExpr); ok {
			// m.Router.Group(...): the routes registered on m inside it
			// are below it too
			if s := x.info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				if f, ok := s.Obj().(*types.Var); ok && f.Embedded() {
					if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && x.info.Uses[id] != nil {
						o = origin{obj: x.info.Uses[id]}
					}
				}
			}
		}
		x.rf.groups = append(x.rf.groups, implicitGroup{at: o, prefix: x.groupPrefix(call, 0), from: fn.Body.Pos(), to: fn.Body.End()})
	}
	return true
}

// comboHead walks a ComboRouter chain (m.Combo(p).Get(h).Post(h2)) back
// to its Combo call.
func (x *extractor) comboHead(e ast.Expr) *ast.CallExpr {
	for range 16 {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return nil
		}
		c, _ := x.peekCallee(call)
		if c.name == "Combo" && c.recv != "ComboRouter" {
			return call
		}
		if c.recv != "ComboRouter" || c.recvX == nil {
			return nil
		}
		e = c.recvX
	}
	return nil
}
