package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// Handlers that route requests themselves
//
//	func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
//		if r.Method == http.MethodPost && r.URL.Path == apiUsersPath { ... }
//		switch r.URL.Path {
//		case "/health": ...
//		case "/orders": if r.Method == "GET" { ... }
//		}
//		if strings.HasPrefix(r.URL.Path, "/static/") { ... }
//	}
//
// serve routes no router registers. Comparisons of the request's method
// and path with constants, switches on them and path prefix tests are read
// as routes handled by the function that makes them. A handler that
// matches the path another way (a regular expression, a comparison with a
// value known only at run time) gets a diagnostic: its routes are not in
// the graph.

// reqField says whether e reads the method ("method") or path ("path")
// of an *http.Request, or neither ("").
func (x *extractor) reqField(e ast.Expr) string {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	switch sel.Sel.Name {
	case "Method":
		if isHTTPType(x.info.TypeOf(sel.X), "Request") {
			return "method"
		}
	case "Path":
		if u, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok && u.Sel.Name == "URL" && isHTTPType(x.info.TypeOf(u.X), "Request") {
			return "path"
		}
	}
	return ""
}

func isHTTPType(t types.Type, name string) bool {
	tn := namedOf(t)
	return tn != nil && tn.Pkg() != nil && tn.Pkg().Path() == "net/http" && tn.Name() == name
}

// dispatchCond is what a condition says about the request.
type dispatchCond struct {
	methods, paths []string
	unread         string // how the path is matched when ficus cannot read it
}

// readCond reads comparisons of the request's method and path joined with
// && and ||.
func (x *extractor) readCond(e ast.Expr, dc *dispatchCond) {
	switch v := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch v.Op {
		case token.LAND, token.LOR:
			x.readCond(v.X, dc)
			x.readCond(v.Y, dc)
		case token.EQL:
			field, other := x.reqField(v.X), v.Y
			if field == "" {
				field, other = x.reqField(v.Y), v.X
			}
			if field == "" {
				return
			}
			vals := x.stringValues(other)
			switch {
			case field == "method":
				for _, m := range vals {
					dc.methods = appendUnique(dc.methods, strings.ToUpper(m))
				}
			case field == "path" && len(vals) == 0:
				dc.unread = "a comparison with " + types.ExprString(other)
			case field == "path":
				dc.paths = appendUniqueAll(dc.paths, vals)
			}
		}
	case *ast.CallExpr:
		c, _ := x.peekCallee(v)
		switch {
		case c.pkg == "strings" && c.name == "HasPrefix" && len(v.Args) == 2 && x.reqField(v.Args[0]) == "path":
			for _, p := range x.stringValues(v.Args[1]) {
				if !strings.HasSuffix(p, "/") {
					p += "/"
				}
				dc.paths = appendUnique(dc.paths, p) // a ServeMux subtree
			}
		case c.pkg == "regexp" && slices.ContainsFunc(v.Args, func(a ast.Expr) bool { return x.reqField(a) == "path" }):
			expr, ok := x.compiledRegexp(c.recvX)
			if c.recvX == nil && len(v.Args) == 2 { // regexp.MatchString(expr, r.URL.Path)
				expr, ok = x.constString(v.Args[0])
			}
			if ps := regexRoutes(expr); ok && len(ps) > 0 {
				dc.paths = appendUniqueAll(dc.paths, ps)
			} else {
				dc.unread = "a regular expression"
				if ok {
					dc.unread += " of a shape no route pattern spells: " + strconv.Quote(expr)
				}
			}
		}
	}
}

// methodsIn collects the methods a block tests the request's method
// against, in if statements and switches, outside function literals.
func (x *extractor) methodsIn(body ast.Node) []string {
	var out []string
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			var dc dispatchCond
			x.readCond(s.Cond, &dc)
			out = appendUniqueAll(out, dc.methods)
		case *ast.SwitchStmt:
			if s.Tag != nil && x.reqField(s.Tag) == "method" {
				for _, cc := range s.Body.List {
					for _, e := range cc.(*ast.CaseClause).List {
						for _, m := range x.stringValues(e) {
							out = appendUnique(out, strings.ToUpper(m))
						}
					}
				}
			}
		}
		return true
	})
	return out
}

// servesRequests reports whether the function being walked (the
// innermost literal, or the declaration) has a handler's shape: it takes
// the *http.Request and returns nothing, or only an error. A helper that
// answers a check (func (m *csrf) validate(w, r) bool) does not route.
func (x *extractor) servesRequests() bool {
	var sig *types.Signature
	switch {
	case len(x.lits) > 0:
		sig = x.lits[len(x.lits)-1].sig
	case x.ownerFn != nil:
		sig = x.ownerFn.Type().(*types.Signature)
	default:
		return false
	}
	res := sig.Results()
	if res.Len() > 1 || res.Len() == 1 && res.At(0).Type().String() != "error" {
		return false
	}
	for i := range sig.Params().Len() {
		if isHTTPType(sig.Params().At(i).Type(), "Request") {
			return true
		}
	}
	return false
}

// dispatchIf reads `if r.Method == M && r.URL.Path == P { ... }`, and
// `if r.Method == M { ... }` around path tests.
func (x *extractor) dispatchIf(s *ast.IfStmt) {
	if x.dispatched[s] || !x.servesRequests() {
		return
	}
	var dc dispatchCond
	x.readCond(ifCond(s), &dc)
	if len(dc.methods) > 0 && len(dc.paths) == 0 && dc.unread == "" {
		x.dispatchUnder(s.Body, dc.methods)
		return
	}
	x.dispatchRoutes(s, dc, s.Body, nil)
}

// ifCond is the condition an if statement tests, read through its init
// statement when it tests a variable that statement sets
// (if ok, _ := regexp.MatchString(expr, r.URL.Path); ok).
func ifCond(s *ast.IfStmt) ast.Expr {
	id, ok := ast.Unparen(s.Cond).(*ast.Ident)
	init, _ := s.Init.(*ast.AssignStmt)
	if !ok || init == nil || len(init.Rhs) != 1 || len(init.Lhs) == 0 {
		return s.Cond
	}
	if l, ok := init.Lhs[0].(*ast.Ident); ok && l.Name == id.Name {
		return init.Rhs[0]
	}
	return s.Cond
}

// dispatchUnder reads the path tests inside a branch taken for methods;
// the routes they make have those methods unless they test their own.
func (x *extractor) dispatchUnder(body ast.Node, methods []string) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			x.dispatched[s] = true
			var dc dispatchCond
			x.readCond(ifCond(s), &dc)
			x.dispatchRoutes(s, dc, s.Body, methods)
		case *ast.SwitchStmt:
			x.dispatched[s] = true
			x.dispatchSwitchWith(s, methods)
		}
		return true
	})
}

// dispatchSwitch reads `switch r.URL.Path { case P: ... }` and tagless
// switches whose cases compare the request's method and path.
func (x *extractor) dispatchSwitch(s *ast.SwitchStmt) {
	if !x.dispatched[s] && x.servesRequests() {
		x.dispatchSwitchWith(s, nil)
	}
}

// dispatchSwitchWith is dispatchSwitch inside a branch taken for the
// methods outer.
func (x *extractor) dispatchSwitchWith(s *ast.SwitchStmt, outer []string) {
	onPath := s.Tag != nil && x.reqField(s.Tag) == "path"
	if s.Tag != nil && !onPath {
		return
	}
	for _, st := range s.Body.List {
		cc := st.(*ast.CaseClause)
		var dc dispatchCond
		for _, e := range cc.List {
			if !onPath {
				x.readCond(e, &dc)
				continue
			}
			if vals := x.stringValues(e); len(vals) > 0 {
				dc.paths = appendUniqueAll(dc.paths, vals)
			} else {
				dc.unread = "a switch case " + types.ExprString(e)
			}
		}
		x.dispatchRoutes(cc, dc, &ast.BlockStmt{List: cc.Body}, outer)
	}
}

// dispatchRoutes records the routes one branch serves: its paths, with
// the methods its condition or its body tests, or else the methods of the
// branch around it (outer), or else any method.
func (x *extractor) dispatchRoutes(at ast.Node, dc dispatchCond, body ast.Node, outer []string) {
	if dc.unread != "" {
		x.f.diags = append(x.f.diags, Diagnostic{
			Package: x.pkg, Pos: x.pos(at.Pos()), Kind: DiagRoute,
			Message: x.owner + " dispatches on the request path in a way ficus cannot read (" + dc.unread + ")",
			Hint:    "the routes it serves are not in the graph; compare r.URL.Path with constants, or add the routes to the proxy config by hand",
		})
	}
	if len(dc.paths) == 0 {
		return
	}
	methods := dc.methods
	if len(methods) == 0 {
		methods = x.methodsIn(body)
	}
	if len(methods) == 0 {
		methods = outer
	}
	if len(methods) == 0 {
		methods = []string{"*"}
	}
	router := routerVal{o: origin{pos: at.Pos()}}
	handlers, passOn := x.branchHandlers(body)
	if passOn {
		return // middleware letting these paths through: whatever serves them registers them
	}
	for _, p := range dc.paths {
		for _, m := range methods {
			x.f.routes = append(x.f.routes, routeReg{at: router, method: m, path: p, fw: fwStd, handlers: handlers, pkg: x.pkg, pos: x.regPos(at.Pos())})
		}
	}
}

// branchHandlers finds the handlers a branch hands the request to: module
// functions its statements call with the request or the response writer
// (s.handleHealth(w, r), s.ensureAdmin(s.handleUsers)(w, r)). Without
// one, the dispatching function is the handler. passOn reports a branch
// that hands the request to a handler value (next.ServeHTTP(w, r),
// next(w, r)): middleware, not a route.
func (x *extractor) branchHandlers(body ast.Node) (handlers []string, passOn bool) {
	var out []string
	block, _ := body.(*ast.BlockStmt)
	if block == nil {
		return []string{x.owner}, false
	}
	for _, st := range block.List {
		var e ast.Expr
		switch st := st.(type) {
		case *ast.ExprStmt:
			e = st.X
		case *ast.ReturnStmt:
			if len(st.Results) > 0 {
				e = st.Results[0]
			}
		case *ast.AssignStmt:
			if len(st.Rhs) > 0 {
				e = st.Rhs[0]
			}
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || !slices.ContainsFunc(call.Args, func(a ast.Expr) bool {
			t := x.info.TypeOf(a)
			return isHTTPType(t, "Request") || isHTTPType(t, "ResponseWriter")
		}) {
			continue
		}
		if inner, ok := ast.Unparen(call.Fun).(*ast.CallExpr); ok {
			out = appendUniqueAll(out, x.funcValues(inner)) // a handler built by middleware
			continue
		}
		c, _ := x.peekCallee(call)
		switch {
		case c.dynamic && len(x.localFns[x.calledVar(call)]) == 0,
			c.iface != nil && c.name == "ServeHTTP" && !x.roots[c.pkg]:
			return nil, true
		case c.fn != nil && c.iface == nil && x.inRoots(c.fn):
			out = appendUnique(out, funcID(c.fn))
		}
	}
	if len(out) == 0 {
		return []string{x.owner}, false
	}
	return out, false
}

// calledVar is the variable a call of a function value calls, or nil.
func (x *extractor) calledVar(call *ast.CallExpr) types.Object {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		return x.info.Uses[id]
	}
	return nil
}

// compiledRegexp returns the expression a regular expression value was
// compiled from: a package-level variable given regexp.MustCompile of a
// constant, or such a call itself.
func (x *extractor) compiledRegexp(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		expr, ok := x.pkgRegexps[x.info.Uses[id]]
		return expr, ok
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return "", false
	}
	if c, _ := x.peekCallee(call); c.pkg != "regexp" || c.recvX != nil || c.name != "MustCompile" && c.name != "MustCompilePOSIX" {
		return "", false
	}
	return x.constString(call.Args[0])
}
