package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// framework is an HTTP routing library whose registrations ficus reads;
// each has a routerLib (routerlib.go), listed in this order.
type framework int

const (
	fwNone framework = iota
	fwStd
	fwGorilla
	fwChi
	fwGin
	fwEcho
	fwFiber
	fwOzzo
	fwKratos
	fwGoZero
	fwHTTPRouter
	fwRouteGroup
	fwMacaron
)

// isRouterType reports whether t is (a pointer to) a router of a known
// framework.
func isRouterType(t types.Type) bool {
	tn := namedOf(t)
	if tn == nil || tn.Pkg() == nil {
		return false
	}
	if l := libOf(frameworkOf(tn.Pkg().Path())); l != nil {
		return l.routerType(tn.Name())
	}
	return routerIface(t) != fwNone
}

// routerIface recognises an interface a module declares over a router
// (generated OpenAPI servers declare EchoRouter, ServeMux): it has a GET
// (gin, echo), Get (chi) or HandleFunc (net/http) method taking a path and
// a handler. It returns the framework whose registrations it mirrors.
func routerIface(t types.Type) framework {
	tn := namedOf(t)
	if tn == nil || tn.Pkg() == nil || frameworkOf(tn.Pkg().Path()) != fwNone {
		return fwNone
	}
	it, ok := t.Underlying().(*types.Interface)
	if !ok {
		return fwNone
	}
	for i := range it.NumMethods() {
		m := it.Method(i)
		sig := m.Type().(*types.Signature)
		if sig.Params().Len() < 2 || !isString(sig.Params().At(0).Type()) || !isHandlerType(sig.Params().At(1).Type()) {
			continue
		}
		switch m.Name() {
		case "GET":
			if h := namedOf(sig.Params().At(1).Type()); h != nil && h.Pkg() != nil {
				if fw := frameworkOf(h.Pkg().Path()); fw == fwGin || fw == fwEcho {
					return fw
				}
			}
		case "Get":
			return fwChi
		case "HandleFunc":
			return fwStd
		}
	}
	return fwNone
}

// origin is where a router value comes from: a variable, parameter or
// field (obj), a function's result (fn), or a constructor call (pos).
type origin struct {
	obj types.Object
	fn  *types.Func
	pos token.Pos
}

// routerVal is a router: its origin plus the path prefix added on the way
// (groups, subrouters).
type routerVal struct {
	o      origin
	prefix string
}

// routerFlow says that a router value reaches an origin (an assignment,
// an argument, a return).
type routerFlow struct {
	to   origin
	from routerVal
}

// routerMount says that child serves below parent at path at. When the
// child is the result of a function declared to return a plain handler,
// fallback is the route to register instead if the function turns out to
// return no router.
type routerMount struct {
	child    routerVal
	parent   routerVal
	at       string
	fallback *routeReg
}

// routeReg is one registration of a handler for a method and pattern on a
// router; the router's prefixes are known only at the end.
type routeReg struct {
	at       routerVal
	method   string // "*" for any
	path     string // pattern after the method; may start with a host
	fw       framework
	handlers []string
	pkg, pos string
	// owner is the id of the declaration whose code registers the route
	// (for a helper's route, the declaration that calls the helper); the
	// route is served only if a program reaches it (reach.go).
	owner string
	// static describes a file server registered as the handler
	// (static.go); handlers then holds the registering function.
	static string
	// wraps are the middleware listed beside the handler (middleware.go).
	wraps []string
	// unread is the handler expression when it names module code that
	// ficus could not follow to a function (a call of a closure held in a
	// variable): the route is in the graph without a handler.
	unread string
}

// httpMethod maps a registration method name (GET, Get) to its HTTP method.
func httpMethod(name string) (string, bool) {
	switch m := strings.ToUpper(name); m {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE":
		if name == m || name == m[:1]+strings.ToLower(m[1:]) {
			return m, true
		}
	}
	return "", false
}

// evalRouter says which router an expression denotes.
func (x *extractor) evalRouter(e ast.Expr) routerVal {
	e = ast.Unparen(e)
	switch v := e.(type) {
	case *ast.Ident:
		obj := x.info.Uses[v]
		if obj == nil {
			obj = x.info.Defs[v]
		}
		if v, ok := obj.(*types.Var); ok {
			if p, pv := x.paramOfVar(v); pv != nil {
				x.rf.routerParams[obj] = v.Name() + " of " + displayFn(p.fn)
			}
			return x.groupedAt(routerVal{o: origin{obj: obj}}, e.Pos())
		}
	case *ast.SelectorExpr:
		if sel := x.info.Selections[v]; sel != nil && sel.Kind() == types.FieldVal {
			rv := routerVal{o: origin{obj: sel.Obj()}}
			if f, ok := sel.Obj().(*types.Var); ok && f.Embedded() {
				// m.Router inside a group of m (macaron) is below it too
				if id, ok := ast.Unparen(v.X).(*ast.Ident); ok && x.info.Uses[id] != nil {
					rv.prefix = x.groupedAt(routerVal{o: origin{obj: x.info.Uses[id]}}, e.Pos()).prefix
				}
			}
			return x.groupedAt(rv, e.Pos())
		}
		if obj, ok := x.info.Uses[v.Sel].(*types.Var); ok {
			return x.groupedAt(routerVal{o: origin{obj: obj}}, e.Pos())
		}
	case *ast.CallExpr:
		return x.evalRouterCall(v)
	}
	return routerVal{o: origin{pos: e.Pos()}}
}

func (x *extractor) evalRouterCall(call *ast.CallExpr) routerVal {
	c, _ := x.peekCallee(call)
	root := routerVal{o: origin{pos: call.Pos()}}
	if c.dynamic {
		return x.decorated(call, root)
	}
	if c.fn == nil {
		return root
	}
	if l := libOf(frameworkOf(c.pkg)); l != nil && c.recvX != nil {
		if d, ok := l.(chainLib); ok {
			return d.derive(x, call)
		}
		if arg, ok := l.group(c.name); ok && isRouterType(x.info.TypeOf(c.recvX)) {
			base := x.evalRouter(c.recvX)
			if arg >= 0 {
				base.prefix = joinPath(base.prefix, x.groupPrefix(call, arg))
			}
			if own, ok := x.middlewareGroup(call, c, base); ok {
				return own
			}
			return base
		}
	}
	if l, ok := libOf(frameworkOf(c.pkg)).(rootLib); ok && c.recvX == nil {
		if v, ok := l.root(x, call, c); ok {
			return v
		}
	}
	if x.inRoots(c.fn) {
		res := c.fn.Type().(*types.Signature).Results()
		if res.Len() > 0 && (isRouterType(res.At(0).Type()) || isHandlerIface(res.At(0).Type())) {
			return routerVal{o: origin{fn: c.fn}}
		}
	}
	return root
}

// decorated reads a call of a function value handed one router and
// returning a handler or router (createHandler(api)) as that router: a
// callback given a router returns it, decorated.
func (x *extractor) decorated(call *ast.CallExpr, root routerVal) routerVal {
	t := x.info.TypeOf(call)
	if t == nil || !isHandlerIface(t) && !isRouterType(t) {
		return root
	}
	var found []ast.Expr
	for _, a := range call.Args {
		if isRouterType(x.info.TypeOf(a)) {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		return root
	}
	return x.evalRouter(found[0])
}

// nilRouterCheck notes an if r == nil block on a router variable: a
// router made inside it is a default for a caller that passed none
// (oapi-codegen's HandlerWithOptions), served only then.
func (x *extractor) nilRouterCheck(s *ast.IfStmt) {
	b, ok := s.Cond.(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL {
		return
	}
	id, ok := ast.Unparen(b.X).(*ast.Ident)
	if !ok || !x.info.Types[b.Y].IsNil() {
		return
	}
	if obj := x.info.Uses[id]; obj != nil && isRouterType(obj.Type()) {
		x.nilDefaults[obj] = s.Body
	}
}

// nilDefault reports a router constructed inside an if v == nil block
// for v, when v is also given routers elsewhere: the default is not
// followed, so routes registered on v get the prefixes of the router
// the callers pass.
func (x *extractor) nilDefault(obj types.Object, rhs ast.Expr) bool {
	body := x.nilDefaults[obj]
	if body == nil || rhs.Pos() < body.Pos() || rhs.End() > body.End() {
		return false
	}
	_, isCall := ast.Unparen(rhs).(*ast.CallExpr)
	return isCall
}

// isModuleCall reports a call of a function of the analyzed packages,
// whose result mountOrRoute follows through its returns.
func (x *extractor) isModuleCall(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	c, _ := x.peekCallee(call)
	return c.fn != nil && x.inRoots(c.fn) && c.iface == nil
}

// wrappedRouter returns the router a handler expression wraps in
// middleware (mw.cors(mw.auth(mux))): a call returning a handler whose
// one router or handler-wrapping argument leads to a router. It returns
// nil otherwise.
func (x *extractor) wrappedRouter(e ast.Expr, depth int) ast.Expr {
	if isRouterType(x.info.TypeOf(e)) {
		return e
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && x.handlerRouters[x.info.Uses[id]] {
		return e
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || depth > 8 || !isHandlerIface(x.info.TypeOf(call)) {
		return nil
	}
	var found ast.Expr
	for _, a := range call.Args {
		if r := x.wrappedRouter(a, depth+1); r != nil {
			if found != nil {
				return nil
			}
			found = r
		}
	}
	return found
}

// isHandlerIface reports net/http.Handler, which a function may return a
// router as.
func isHandlerIface(t types.Type) bool {
	tn := namedOf(t)
	return tn != nil && tn.Pkg() != nil && tn.Pkg().Path() == "net/http" && tn.Name() == "Handler"
}

// mountOrRoute records a handler served below a path: a mount when it is a
// router, a possible mount when it is the result of a module function
// declared to return http.Handler, and a route otherwise.
// The child router sees paths below mountPath; the route, if it is one, is
// registered as routePath.
func (x *extractor) mountOrRoute(at routerVal, mountPath, routePath string, h ast.Expr, fw framework, pos token.Pos) {
	if isRouterType(x.info.TypeOf(h)) || x.wrappedRouter(h, 0) != nil && !x.isModuleCall(h) {
		x.rf.mounts = append(x.rf.mounts, routerMount{child: x.evalRouter(x.wrappedRouter(h, 0)), parent: at, at: mountPath})
		return
	}
	reg := x.newReg(at, "*", routePath, fw, h, pos)
	h = x.handlerExpr(h) // h := api.NewHandler(store); mux.Handle("/v1/", h)
	if call, ok := ast.Unparen(h).(*ast.CallExpr); ok {
		v := x.evalRouter(call)
		if v.o.fn != nil {
			x.rf.mounts = append(x.rf.mounts, routerMount{child: v, parent: at, at: mountPath, fallback: &reg})
			return
		}
		if c, _ := x.peekCallee(call); c.dynamic && v.o.obj != nil {
			x.rf.mounts = append(x.rf.mounts, routerMount{child: v, parent: at, at: mountPath})
			return
		}
	}
	x.rf.routes = append(x.rf.routes, reg)
}

// routeCall records route registrations, mounts and groups. It reports
// whether the call belonged to a routing library.
func (x *extractor) routeCall(call *ast.CallExpr, c callee) bool {
	fw := frameworkOf(c.pkg)
	if fw == fwNone && c.iface != nil && x.roots[c.pkg] {
		fw = routerIface(c.iface)
	}
	if fw == fwNone {
		return false
	}
	if t := x.tableRows(call); t != nil {
		handled := false
		x.expandRows(t, func() { handled = x.routeCall(call, c) || handled })
		return handled
	}
	x.middlewareCall(call, c, fw)
	return libOf(fw).route(x, call, c)
}

func (x *extractor) addReg(at routerVal, method, path string, fw framework, h ast.Expr, pos token.Pos) {
	x.rf.routes = append(x.rf.routes, x.newReg(at, method, path, fw, h, pos))
}

// newReg is a registration of handler h: the functions it stands for, or
// the file server it is.
func (x *extractor) newReg(at routerVal, method, path string, fw framework, h ast.Expr, pos token.Pos) routeReg {
	reg := routeReg{at: at, method: method, path: path, fw: fw, pkg: x.pkg, pos: x.regPos(pos), owner: x.owner}
	h = x.handlerExpr(h)
	if reg.static = x.fileServer(h); reg.static != "" {
		reg.handlers = []string{x.owner}
	} else {
		reg.handlers = x.funcValues(h)
		if len(reg.handlers) == 0 && x.namesModuleCode(h) {
			reg.unread = types.ExprString(h)
		}
	}
	return reg
}

// handlerExpr reads a local http.Handler given a call's result as that
// call (fs := http.FileServer(dir); mux.Handle("/", fs)); any other
// handler expression is itself.
func (x *extractor) handlerExpr(h ast.Expr) ast.Expr {
	if id, ok := ast.Unparen(h).(*ast.Ident); ok {
		if call := x.handlerCalls[x.info.Uses[id]]; call != nil {
			return call
		}
	}
	return h
}

// namesModuleCode reports whether the handler expression e is module
// code: a function or variable of the analyzed module, or a call of one
// (a closure held in a variable, a factory returning several values).
// Library code given module values (http.StripPrefix("/assets/",
// hashfs.FileServer(assets.FS))) is no module code ficus fails to follow.
// A parameter of a helper does not count, nor a closure calling one: the
// helper's callers give the handler (see routes_wrap.go).
func (x *extractor) namesModuleCode(e ast.Expr) bool {
	if _, ok := x.handlerParam(e, 0); ok {
		return false
	}
	switch v := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if tv, ok := x.info.Types[v.Fun]; ok && tv.IsType() && len(v.Args) == 1 {
			return x.namesModuleCode(v.Args[0]) // a conversion
		}
		return x.namesModuleCode(v.Fun)
	case *ast.Ident, *ast.SelectorExpr:
		return x.moduleObj(x.refObj(v))
	}
	return false
}

// moduleObj reports whether obj is a function or a variable (no
// parameter, nor a variable given a library call's results or holding a
// library type's value) of the analyzed module.
func (x *extractor) moduleObj(obj types.Object) bool {
	switch o := obj.(type) {
	case *types.Func:
		return x.inRoots(o)
	case *types.Var:
		_, param := x.paramOfVar(o)
		return x.inRoots(o) && param == nil && !x.libraryVars[o] && !x.libraryValue(o.Type())
	}
	return false
}

// libraryValue reports a type whose values are library code: a named
// type of another module that is no interface (a *ring.Ring held in a
// field serves with the library's ServeHTTP).
func (x *extractor) libraryValue(t types.Type) bool {
	tn := namedOf(t)
	if tn == nil || x.inRoots(tn) {
		return false
	}
	_, iface := tn.Type().Underlying().(*types.Interface)
	return !iface && !isFuncType(tn.Type())
}

// regPos is where a registration is: its row in a route table being
// expanded, or the call.
func (x *extractor) regPos(pos token.Pos) string {
	if x.row != nil && x.rowPos.IsValid() {
		pos = x.rowPos
	}
	return x.pos(pos)
}

// firstParam returns the first parameter of a function literal or of a
// named function or method value.
func (x *extractor) firstParam(e ast.Expr) types.Object {
	switch v := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		if ps := v.Type.Params; ps != nil && len(ps.List) > 0 && len(ps.List[0].Names) > 0 {
			return x.info.Defs[ps.List[0].Names[0]]
		}
	default:
		if t, ok := x.info.TypeOf(e).(*types.Signature); ok && t.Params().Len() > 0 {
			// A method value's signature has no receiver; its params are
			// those of the method, which are the declared objects.
			var obj types.Object
			switch w := v.(type) {
			case *ast.Ident:
				obj = x.info.Uses[w]
			case *ast.SelectorExpr:
				obj = x.info.Uses[w.Sel]
			}
			if fn, ok := obj.(*types.Func); ok {
				return fn.Type().(*types.Signature).Params().At(0)
			}
		}
	}
	return nil
}
