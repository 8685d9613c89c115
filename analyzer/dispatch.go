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

// dispatchRecognizer reads the routes of handlers that dispatch on the
// request themselves.
func dispatchRecognizer() recognizer {
	return &declared[dispatchFacts]{
		Name: "dispatch",
		Doc:  "handlers that compare r.Method and r.URL.Path with constants, switch on them or test path prefixes and regular expressions",
		Run: func(p *pass, f *dispatchFacts) hooks {
			d := &dispatchRun{p: p, f: f}
			return hooks{
				enter:      func() { d.dispatched = map[ast.Node]bool{} },
				ifStmt:     d.dispatchIf,
				switchStmt: d.dispatchSwitch,
			}
		},
		Resolve: func(r *resolution, all []*dispatchFacts) {
			for _, f := range all {
				r.routes(f.routes)
			}
		},
	}
}

// dispatchFacts are the routes one package's handlers dispatch.
type dispatchFacts struct{ routes []routeReg }

// dispatchRun reads the dispatching handlers of one package.
type dispatchRun struct {
	p *pass
	f *dispatchFacts
	// dispatched marks path tests already read inside a method test.
	dispatched map[ast.Node]bool
}

// reqField says whether e reads the method ("method") or path ("path")
// of an *http.Request, or neither ("").
func (d *dispatchRun) reqField(e ast.Expr) string {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	switch sel.Sel.Name {
	case "Method":
		if isHTTPType(d.p.info().TypeOf(sel.X), "Request") {
			return "method"
		}
	case "Path":
		if u, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok && u.Sel.Name == "URL" && isHTTPType(d.p.info().TypeOf(u.X), "Request") {
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
func (d *dispatchRun) readCond(e ast.Expr, dc *dispatchCond) {
	switch v := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch v.Op {
		case token.LAND, token.LOR:
			d.readCond(v.X, dc)
			d.readCond(v.Y, dc)
		case token.EQL:
			field, other := d.reqField(v.X), v.Y
			if field == "" {
				field, other = d.reqField(v.Y), v.X
			}
			if field == "" {
				return
			}
			vals := d.p.stringValues(other)
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
		c := d.p.callee(v)
		switch {
		case c.pkg == "strings" && c.name == "HasPrefix" && len(v.Args) == 2 && d.reqField(v.Args[0]) == "path":
			for _, p := range d.p.stringValues(v.Args[1]) {
				if !strings.HasSuffix(p, "/") {
					p += "/"
				}
				dc.paths = appendUnique(dc.paths, p) // a ServeMux subtree
			}
		case c.pkg == "regexp" && slices.ContainsFunc(v.Args, func(a ast.Expr) bool { return d.reqField(a) == "path" }):
			expr, ok := d.p.compiledRegexp(c.recvX)
			if c.recvX == nil && len(v.Args) == 2 { // regexp.MatchString(expr, r.URL.Path)
				expr, ok = d.p.constString(v.Args[0])
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
func (d *dispatchRun) methodsIn(body ast.Node) []string {
	var out []string
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			var dc dispatchCond
			d.readCond(s.Cond, &dc)
			out = appendUniqueAll(out, dc.methods)
		case *ast.SwitchStmt:
			if s.Tag != nil && d.reqField(s.Tag) == "method" {
				for _, cc := range s.Body.List {
					for _, e := range cc.(*ast.CaseClause).List {
						for _, m := range d.p.stringValues(e) {
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
func (d *dispatchRun) servesRequests() bool {
	sig := d.p.enclosingSig()
	if sig == nil {
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
func (d *dispatchRun) dispatchIf(s *ast.IfStmt) {
	if d.dispatched[s] || !d.servesRequests() {
		return
	}
	var dc dispatchCond
	d.readCond(ifCond(s), &dc)
	if len(dc.methods) > 0 && len(dc.paths) == 0 && dc.unread == "" {
		d.dispatchUnder(s.Body, dc.methods)
		return
	}
	d.dispatchRoutes(s, dc, s.Body, nil)
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
func (d *dispatchRun) dispatchUnder(body ast.Node, methods []string) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			d.dispatched[s] = true
			var dc dispatchCond
			d.readCond(ifCond(s), &dc)
			d.dispatchRoutes(s, dc, s.Body, methods)
		case *ast.SwitchStmt:
			d.dispatched[s] = true
			d.dispatchSwitchWith(s, methods)
		}
		return true
	})
}

// dispatchSwitch reads `switch r.URL.Path { case P: ... }` and tagless
// switches whose cases compare the request's method and path.
func (d *dispatchRun) dispatchSwitch(s *ast.SwitchStmt) {
	if !d.dispatched[s] && d.servesRequests() {
		d.dispatchSwitchWith(s, nil)
	}
}

// dispatchSwitchWith is dispatchSwitch inside a branch taken for the
// methods outer.
func (d *dispatchRun) dispatchSwitchWith(s *ast.SwitchStmt, outer []string) {
	onPath := s.Tag != nil && d.reqField(s.Tag) == "path"
	if s.Tag != nil && !onPath {
		return
	}
	for _, st := range s.Body.List {
		cc := st.(*ast.CaseClause)
		var dc dispatchCond
		for _, e := range cc.List {
			if !onPath {
				d.readCond(e, &dc)
				continue
			}
			if vals := d.p.stringValues(e); len(vals) > 0 {
				dc.paths = appendUniqueAll(dc.paths, vals)
			} else {
				dc.unread = "a switch case " + types.ExprString(e)
			}
		}
		d.dispatchRoutes(cc, dc, &ast.BlockStmt{List: cc.Body}, outer)
	}
}

// dispatchRoutes records the routes one branch serves: its paths, with
// the methods its condition or its body tests, or else the methods of the
// branch around it (outer), or else any method.
func (d *dispatchRun) dispatchRoutes(at ast.Node, dc dispatchCond, body ast.Node, outer []string) {
	if dc.unread != "" {
		d.p.report(Diagnostic{
			Package: d.p.pkg(), Pos: d.p.pos(at.Pos()), Kind: DiagRoute,
			Message: d.p.owner() + " dispatches on the request path in a way ficus cannot read (" + dc.unread + ")",
			Hint:    "the routes it serves are not in the graph; compare r.URL.Path with constants, or add the routes to the proxy config by hand",
		})
	}
	if len(dc.paths) == 0 {
		return
	}
	methods := dc.methods
	if len(methods) == 0 {
		methods = d.methodsIn(body)
	}
	if len(methods) == 0 {
		methods = outer
	}
	if len(methods) == 0 {
		methods = []string{"*"}
	}
	router := routerVal{o: origin{pos: at.Pos()}}
	handlers, passOn := d.branchHandlers(body)
	if passOn {
		return // middleware letting these paths through: whatever serves them registers them
	}
	for _, p := range dc.paths {
		for _, m := range methods {
			d.f.routes = append(d.f.routes, routeReg{at: router, method: m, path: p, fw: fwStd, handlers: handlers, pkg: d.p.pkg(), pos: d.p.pos(at.Pos()), owner: d.p.owner()})
		}
	}
}

// branchHandlers finds the handlers a branch hands the request to: module
// functions its statements call with the request or the response writer
// (s.handleHealth(w, r), s.ensureAdmin(s.handleUsers)(w, r)). Without
// one, the dispatching function is the handler. passOn reports a branch
// that hands the request to a handler value (next.ServeHTTP(w, r),
// next(w, r)): middleware, not a route.
func (d *dispatchRun) branchHandlers(body ast.Node) (handlers []string, passOn bool) {
	var out []string
	block, _ := body.(*ast.BlockStmt)
	if block == nil {
		return []string{d.p.owner()}, false
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
			t := d.p.info().TypeOf(a)
			return isHTTPType(t, "Request") || isHTTPType(t, "ResponseWriter")
		}) {
			continue
		}
		if inner, ok := ast.Unparen(call.Fun).(*ast.CallExpr); ok {
			out = appendUniqueAll(out, d.p.funcValues(inner)) // a handler built by middleware
			continue
		}
		c := d.p.callee(call)
		switch {
		case c.dynamic && len(d.p.localFuncs(d.calledVar(call))) == 0,
			c.iface != nil && c.name == "ServeHTTP" && !d.p.isRoot(c.pkg):
			return nil, true
		case c.fn != nil && c.iface == nil && d.p.inRoots(c.fn):
			out = appendUnique(out, funcID(c.fn))
		}
	}
	if len(out) == 0 {
		return []string{d.p.owner()}, false
	}
	return out, false
}

// calledVar is the variable a call of a function value calls, or nil.
func (d *dispatchRun) calledVar(call *ast.CallExpr) types.Object {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		return d.p.info().Uses[id]
	}
	return nil
}
