package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// framework is an HTTP routing library whose registrations ficus reads.
type framework int

const (
	fwNone framework = iota
	fwStd
	fwGorilla
	fwChi
	fwGin
	fwEcho
	// Libraries with a recognizer of their own (routerlib.go) follow.
	fwFiber
	fwOzzo
	fwKratos
	fwGoZero
)

func frameworkOf(pkg string) framework {
	switch {
	case pkg == "net/http":
		return fwStd
	case pkg == "github.com/gorilla/mux":
		return fwGorilla
	case pkg == "github.com/go-chi/chi" || strings.HasPrefix(pkg, "github.com/go-chi/chi/v"):
		return fwChi
	case pkg == "github.com/gin-gonic/gin":
		return fwGin
	case pkg == "github.com/labstack/echo" || strings.HasPrefix(pkg, "github.com/labstack/echo/v"):
		return fwEcho
	}
	return libFramework(pkg)
}

// routerTypes names, per framework, the types that register routes.
func routerTypes(fw framework) []string {
	switch fw {
	case fwStd:
		return []string{"ServeMux"}
	case fwGorilla:
		return []string{"Router"}
	case fwChi:
		return []string{"Router", "Mux"}
	case fwGin:
		return []string{"Engine", "RouterGroup", "IRouter", "IRoutes"}
	case fwEcho:
		return []string{"Echo", "Group"}
	}
	return nil
}

// isRouterType reports whether t is (a pointer to) a router of a known
// framework.
func isRouterType(t types.Type) bool {
	tn := namedOf(t)
	if tn == nil || tn.Pkg() == nil {
		return false
	}
	fw := frameworkOf(tn.Pkg().Path())
	if l := libOf(fw); l != nil {
		return l.routerType(tn.Name())
	}
	for _, name := range routerTypes(fw) {
		if tn.Name() == name {
			return true
		}
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
	// static describes a file server registered as the handler
	// (static.go); handlers then holds the registering function.
	static string
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
				x.f.routerParams[obj] = v.Name() + " of " + displayFn(p.fn)
			}
			return routerVal{o: origin{obj: obj}}
		}
	case *ast.SelectorExpr:
		if sel := x.info.Selections[v]; sel != nil && sel.Kind() == types.FieldVal {
			return routerVal{o: origin{obj: sel.Obj()}}
		}
		if obj, ok := x.info.Uses[v.Sel].(*types.Var); ok {
			return routerVal{o: origin{obj: obj}}
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
	fw := frameworkOf(c.pkg)
	if l := libOf(fw); l != nil && c.recvX != nil {
		if arg, ok := l.group(c.name); ok && isRouterType(x.info.TypeOf(c.recvX)) {
			base := x.evalRouter(c.recvX)
			base.prefix = joinPath(base.prefix, x.groupPrefix(call, arg))
			return base
		}
	}
	if c.recvX != nil {
		switch {
		case (fw == fwGin || fw == fwEcho) && c.name == "Group":
			base := x.evalRouter(c.recvX)
			base.prefix = joinPath(base.prefix, x.groupPrefix(call, 0))
			return base
		case fw == fwGin && c.name == "Use":
			// RouterGroup.Use adds middleware and returns the same group.
			return x.evalRouter(c.recvX)
		case fw == fwChi && c.name == "Route":
			base := x.evalRouter(c.recvX)
			base.prefix = joinPath(base.prefix, x.groupPrefix(call, 0))
			return base
		case fw == fwChi && (c.name == "With" || c.name == "Group"):
			return x.evalRouter(c.recvX)
		case fw == fwGorilla:
			val, _ := x.gorillaChain(call, false)
			return val
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
		x.f.mounts = append(x.f.mounts, routerMount{child: x.evalRouter(x.wrappedRouter(h, 0)), parent: at, at: mountPath})
		return
	}
	reg := x.newReg(at, "*", routePath, fw, h, pos)
	if id, ok := ast.Unparen(h).(*ast.Ident); ok && x.handlerCalls[x.info.Uses[id]] != nil {
		h = x.handlerCalls[x.info.Uses[id]] // h := api.NewHandler(store); mux.Handle("/v1/", h)
	}
	if call, ok := ast.Unparen(h).(*ast.CallExpr); ok {
		v := x.evalRouter(call)
		if v.o.fn != nil {
			x.f.mounts = append(x.f.mounts, routerMount{child: v, parent: at, at: mountPath, fallback: &reg})
			return
		}
		if c, _ := x.peekCallee(call); c.dynamic && v.o.obj != nil {
			x.f.mounts = append(x.f.mounts, routerMount{child: v, parent: at, at: mountPath})
			return
		}
	}
	x.f.routes = append(x.f.routes, reg)
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
	switch fw {
	case fwStd:
		return x.stdRoute(call, c)
	case fwGorilla:
		if c.recvX == nil {
			return false
		}
		_, ok := x.gorillaChain(call, true)
		return ok
	case fwChi:
		return x.chiRoute(call, c)
	case fwGin, fwEcho:
		return x.ginEchoRoute(call, c, fw)
	}
	if l := libOf(fw); l != nil {
		return x.libRoute(call, c, l)
	}
	return false
}

func (x *extractor) addReg(at routerVal, method, path string, fw framework, h ast.Expr, pos token.Pos) {
	x.f.routes = append(x.f.routes, x.newReg(at, method, path, fw, h, pos))
}

// newReg is a registration of handler h: the functions it stands for, or
// the file server it is.
func (x *extractor) newReg(at routerVal, method, path string, fw framework, h ast.Expr, pos token.Pos) routeReg {
	reg := routeReg{at: at, method: method, path: path, fw: fw, pkg: x.pkg, pos: x.regPos(pos)}
	if reg.static = x.fileServer(h); reg.static != "" {
		reg.handlers = []string{x.owner}
	} else {
		reg.handlers = x.funcValues(h)
	}
	return reg
}

// regPos is where a registration is: its row in a route table being
// expanded, or the call.
func (x *extractor) regPos(pos token.Pos) string {
	if x.row != nil && x.rowPos.IsValid() {
		pos = x.rowPos
	}
	return x.pos(pos)
}

// stdRoute reads (*http.ServeMux).Handle/HandleFunc and http.Handle/HandleFunc.
func (x *extractor) stdRoute(call *ast.CallExpr, c callee) bool {
	if c.name != "Handle" && c.name != "HandleFunc" || len(call.Args) != 2 {
		return c.name == "StripPrefix"
	}
	var at routerVal
	switch {
	case (c.recv == "ServeMux" || c.iface != nil) && c.recvX != nil:
		at = x.evalRouter(c.recvX)
	case c.recv == "" && c.fn.Pkg() != nil:
		def := c.fn.Pkg().Scope().Lookup("DefaultServeMux")
		if def == nil {
			return false
		}
		at = routerVal{o: origin{obj: def}}
	default:
		return false
	}
	h := ast.Unparen(call.Args[1])
	x.routeTemplate(at, "", call.Args[0], h, fwStd)
	x.unresolvedRoute(call.Args[0], call.Pos())
	for _, pattern := range x.stringValues(call.Args[0]) {
		method, path := splitStdPattern(pattern)
		// A sub-router served below a path is a mount, not a route.
		if sc, ok := h.(*ast.CallExpr); ok {
			inner, _ := x.peekCallee(sc)
			if inner.pkg == "net/http" && inner.name == "StripPrefix" && len(sc.Args) == 2 && isRouterType(x.info.TypeOf(sc.Args[1])) {
				strip, _ := x.constString(sc.Args[0])
				x.f.mounts = append(x.f.mounts, routerMount{child: x.evalRouter(sc.Args[1]), parent: at, at: strip})
				continue
			}
		}
		if method == "*" {
			// A ServeMux hands the full path down to a handler it serves.
			x.mountOrRoute(at, "", path, h, fwStd, call.Pos())
			continue
		}
		x.addReg(at, method, path, fwStd, h, call.Pos())
	}
	return true
}

// splitStdPattern splits a ServeMux pattern "[METHOD ][HOST]/PATH".
func splitStdPattern(p string) (method, rest string) {
	p = strings.TrimSpace(p)
	if i := strings.IndexAny(p, " \t"); i > 0 {
		return p[:i], strings.TrimLeft(p[i:], " \t")
	}
	return "*", p
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
				x.f.flows = append(x.f.flows, routerFlow{to: origin{obj: p}, from: routerVal{o: at.o, prefix: joinPath(at.prefix, prefix)}})
			}
		}
	}
	return true
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

func (x *extractor) ginEchoRoute(call *ast.CallExpr, c callee, fw framework) bool {
	if c.recvX == nil {
		return false
	}
	args := call.Args
	at := x.evalRouter(c.recvX)
	// gin: (path, handlers...) with the handler last; echo: (path, h, mw...).
	reg := func(methods []string, pathArg int) {
		h := argAt(call, pathArg+1)
		if fw == fwGin {
			h = lastArg(call, pathArg+1)
		}
		x.verbRoutes(call, at, fw, methods, pathArg, h)
	}
	if m, ok := httpMethod(c.name); ok && c.name == m {
		reg([]string{m}, 0)
		return true
	}
	if x.staticRoute(call, c, fw, at) {
		return true
	}
	switch c.name {
	case "Any":
		reg([]string{"*"}, 0)
	case "Handle", "Add":
		if len(args) > 0 {
			var ms []string
			for _, m := range x.stringValues(args[0]) {
				ms = append(ms, strings.ToUpper(m))
			}
			reg(ms, 1)
		}
	case "Match":
		if len(args) > 0 {
			reg(x.stringList(args[0]), 1)
		}
	}
	return true
}

// stringList reads a []string{...} literal of constants.
func (x *extractor) stringList(e ast.Expr) []string {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []string
	for _, el := range lit.Elts {
		if s, ok := x.constString(el); ok {
			out = append(out, strings.ToUpper(s))
		}
	}
	return out
}

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
				x.f.mounts = append(x.f.mounts, routerMount{child: x.evalRouter(handler), parent: at, at: full})
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
