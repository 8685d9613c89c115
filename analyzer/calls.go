package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// callee describes the function a call expression invokes.
type callee struct {
	fn      *types.Func // nil for builtins, conversions and calls of function values
	pkg     string      // import path of fn's package
	recv    string      // name of the receiver's named type, if a method
	name    string
	iface   types.Type // set when the call goes through an interface method
	recvX   ast.Expr   // receiver expression of a method call
	dynamic bool       // a call of a function-typed value
}

// calleeOf resolves the target of a call. It marks the callee identifier so
// that it is not also counted as a function-value reference.
func (x *extractor) calleeOf(call *ast.CallExpr) callee {
	c, id := x.peekCallee(call)
	if id != nil {
		x.called[id] = true
	}
	return c
}

// peekCallee resolves the target of a call without marking anything, for
// detectors that look at calls nested in arguments. It also returns the
// callee identifier.
func (x *extractor) peekCallee(call *ast.CallExpr) (callee, *ast.Ident) {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	var c callee
	var obj types.Object
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
		obj = x.info.Uses[f]
	case *ast.SelectorExpr:
		id = f.Sel
		if sel := x.info.Selections[f]; sel != nil {
			obj = sel.Obj()
			if sel.Kind() == types.MethodVal {
				c.recvX = f.X
				t := sel.Recv()
				if tp, ok := t.(*types.TypeParam); ok {
					t = tp.Constraint()
				}
				if types.IsInterface(t) {
					c.iface = t
				}
			}
		} else {
			obj = x.info.Uses[f.Sel]
		}
	case *ast.FuncLit:
		return c, nil
	}
	switch o := obj.(type) {
	case *types.Func:
		c.fn = o.Origin()
		c.name = o.Name()
		if o.Pkg() != nil {
			c.pkg = o.Pkg().Path()
		}
		if recv := o.Type().(*types.Signature).Recv(); recv != nil {
			if tn := namedOf(recv.Type()); tn != nil {
				c.recv = tn.Name()
			}
			if c.iface == nil && types.IsInterface(recv.Type()) {
				c.iface = recv.Type()
			}
		}
	case *types.Var:
		c.dynamic = true
	}
	return c, id
}

// call records call edges and runs the detectors on one call expression.
func (x *extractor) call(call *ast.CallExpr) {
	c := x.calleeOf(call)
	for _, h := range x.hooks {
		if h.anyCall != nil {
			h.anyCall(call, c)
		}
	}
	if c.dynamic {
		x.fieldCall(call)
		x.litCall(call)
		x.slotCallAt(call)
		x.callbackCall(call)
	}
	if c.fn == nil {
		return
	}
	switch {
	case c.iface != nil:
		// Calls through the module's own interfaces (services,
		// repositories) resolve to its implementations. Calls through
		// library interfaces (http.ResponseWriter, http.Handler, io.Writer,
		// error) would link every caller to every type that happens to
		// implement them: plumbing, not structure.
		if x.roots[c.pkg] {
			x.f.ifaceCalls[ifaceCall{caller: x.owner, iface: c.iface, method: c.name}]++
		}
	case x.inRoots(c.fn):
		x.f.edge(x.owner, x.funcID(c.fn), EdgeCalls)
	}
	if x.consumed[call] {
		return
	}
	if x.routeCall(call, c) {
		return
	}
	x.templateCall(call, c)
	for _, h := range x.hooks {
		if h.call != nil {
			h.call(call, c)
		}
	}
	x.paramFlows(call, c)
	x.callbackArgs(call, c)
}

// isStd reports whether an import path belongs to the standard library.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// litCall follows a call of a local variable holding a function literal
// (mount := func(g *gin.RouterGroup) {...}; mount(r.Group("/v1"))) as a
// call of a helper: routers flow into its parameters, and routes it
// registers from its parameters are made per call.
func (x *extractor) litCall(call *ast.CallExpr) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return
	}
	sc, ok := x.litVars[x.info.Uses[id]]
	if !ok {
		return
	}
	x.routerArgs(call, sc.sig)
	x.templateCallTo(call, sc.id, sc.sig, routerHelper(sc.sig))
}

// paramFlows passes routers given as arguments into the callee's
// parameters, so routes registered inside it get the caller's prefix.
func (x *extractor) paramFlows(call *ast.CallExpr, c callee) {
	if !x.inRoots(c.fn) {
		return
	}
	sig := c.fn.Type().(*types.Signature)
	if c.iface == nil {
		x.routerArgs(call, sig)
		return
	}
	// Through a module interface (m.Routes(r) for each module): the
	// implementations' parameters get the router once they are known.
	for i, arg := range call.Args {
		if i < sig.Params().Len() && isRouterType(sig.Params().At(i).Type()) {
			x.rf.ifaceFlows = append(x.rf.ifaceFlows, ifaceRouterFlow{iface: c.iface, method: c.name, param: i, from: x.evalRouter(arg)})
		}
	}
}

// routerArgs records the routers a call passes to parameters of sig.
func (x *extractor) routerArgs(call *ast.CallExpr, sig *types.Signature) {
	for i, arg := range call.Args {
		if i >= sig.Params().Len() {
			break
		}
		p := sig.Params().At(i)
		if isRouterType(p.Type()) {
			x.rf.flows = append(x.rf.flows, routerFlow{to: origin{obj: p}, from: x.evalRouter(arg)})
		}
	}
}

// funcValues resolves the functions an expression handed to a registration
// call stands for: a function or method value, a function literal (its
// enclosing declaration), a conversion (http.HandlerFunc(f)), wrappers taking
// functions (auth(h.Get)), a factory returning a handler (s.handleList()),
// or a value whose type has a ServeHTTP method.
func (x *extractor) funcValues(e ast.Expr) []string {
	if b, ok := x.bound(e); ok {
		return x.funcValues(b) // a route table's handler field
	}
	e = ast.Unparen(e)
	switch v := e.(type) {
	case *ast.FuncLit:
		return []string{x.owner}
	case *ast.Ident, *ast.SelectorExpr:
		obj := x.refObj(v)
		if fn, ok := obj.(*types.Func); ok {
			fn = fn.Origin()
			if x.inRoots(fn) && !isIfaceMethod(fn) {
				return []string{funcID(fn)}
			}
			return nil
		}
		if fns := x.localFns[obj]; len(fns) > 0 {
			return fns // a local variable given a handler: h := api.List
		}
		if call := x.handlerCalls[obj]; call != nil && !x.following[obj] {
			// a local http.Handler given a call's result: the handler
			// that call builds (h := auth(key)(api.NewFever())); the
			// call may read the variable itself (h = logged(h))
			x.following[obj] = true
			defer delete(x.following, obj)
			return x.funcValues(call)
		}
		if lit := x.localLits[obj]; lit != nil && len(lit.Elts) > 0 && isSlice(obj.Type()) {
			// a handler chain spread into the registration
			// (m.Route(p, "GET", chain...)): its last handler serves
			return x.funcValues(lit.Elts[len(lit.Elts)-1])
		}
		if v, ok := obj.(*types.Var); ok && x.inRoots(v) && v.Parent() == v.Pkg().Scope() && isFuncType(v.Type()) {
			// a package-level handler variable a later file declares
			// (var userDelete = withAdmin(func...)): the variable is
			// the handler, its initializer's code is its own
			return []string{x.objID(v)}
		}
		if obj != nil {
			return x.serveHTTP(obj.Type())
		}
	case *ast.CallExpr:
		if tv, ok := x.info.Types[v.Fun]; ok && tv.IsType() && len(v.Args) == 1 {
			return x.funcValues(v.Args[0])
		}
		c, _ := x.peekCallee(v)
		if c.iface != nil && x.roots[c.pkg] && len(v.Args) == 0 && handlesRequests(x.info.TypeOf(v)) {
			// h.Create() through a module interface: the factories
			// of its implementations, once every package is read.
			return []string{x.ifaceHandler(c.iface, c.name)}
		}
		factory := c.fn != nil && x.inRoots(c.fn) && c.iface == nil
		var out []string
		for _, a := range v.Args {
			// A module function given a callback that handles no request
			// (serveFile("index.html", noop)) is a factory: it is the
			// handler. Given a handler (auth(h.Get)), it is middleware.
			if factory && !handlesRequests(x.info.TypeOf(a)) {
				continue
			}
			out = append(out, x.funcValues(a)...)
		}
		if len(out) > 0 {
			return out
		}
		if factory {
			return []string{funcID(c.fn)}
		}
	case *ast.UnaryExpr, *ast.CompositeLit:
		return x.serveHTTP(x.info.TypeOf(e))
	}
	return nil
}

// ifaceHandlerMark starts the handler id of a factory called through a
// module interface; the builder replaces it by the implementations.
const ifaceHandlerMark = "\x00iface:"

// ifaceHandler names a handler factory called through a module interface
// (h.Create() with h an interface whose implementations return the
// handler).
func (x *extractor) ifaceHandler(iface types.Type, method string) string {
	key := ifaceHandlerMark + types.TypeString(iface, nil) + "." + method
	x.rf.ifaceHandlers[key] = ifaceCall{iface: iface, method: method}
	return key
}

// serveHTTP returns the ServeHTTP method of a module type used as an
// http.Handler value.
func (x *extractor) serveHTTP(t types.Type) []string {
	if t == nil {
		return nil
	}
	if _, isPtr := t.(*types.Pointer); !isPtr && !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	if types.IsInterface(t) {
		return nil
	}
	ms := types.NewMethodSet(t)
	sel := ms.Lookup(nil, "ServeHTTP")
	if sel == nil {
		return nil
	}
	if fn, ok := sel.Obj().(*types.Func); ok && x.inRoots(fn) {
		return []string{funcID(fn)}
	}
	return nil
}

// isIfaceMethod reports whether fn is a method declared in an interface.
func isIfaceMethod(fn *types.Func) bool {
	recv := fn.Type().(*types.Signature).Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// handlesRequests reports whether a value of type t can serve or process
// a request: a handler type, or a function taking an HTTP request, a
// framework context or a context.Context.
func handlesRequests(t types.Type) bool {
	if t == nil {
		return false
	}
	if isHandlerType(t) || isHandlerIface(t) {
		return true
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return hasServeHTTP(t)
	}
	for i := range sig.Params().Len() {
		tn := namedOf(sig.Params().At(i).Type())
		if tn == nil || tn.Pkg() == nil {
			continue
		}
		switch path := tn.Pkg().Path(); {
		case path == "context" && tn.Name() == "Context",
			isRequestOrWriter(tn.Type()),
			isFrameworkContext(tn.Type()):
			return true
		}
		if carriesRequest(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// carriesRequest reports an app's own request context: a named type of a
// package other than net/http that holds the request or the response
// writer in a field, or embeds a web framework's context (a WebContext
// wrapping *gin.Context), or has an accessor returning the request or
// the writer (a WebContext interface with Request() *http.Request; an
// API client's NewRequest(method, url) builds one and is no request
// context). A function taking one handles requests (ToHTTPHandler(deps,
// handlers.List) adapts it to net/http).
func carriesRequest(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	tn := namedOf(t)
	if tn == nil || tn.Pkg() == nil || tn.Pkg().Path() == "net/http" {
		return false
	}
	if st, ok := t.Underlying().(*types.Struct); ok {
		for i := range st.NumFields() {
			// a framework's context counts embedded only (a WebContext
			// that is a *gin.Context and more): a struct merely holding one
			// (a websocket client keeping the context it started from) is
			// no request context of its own
			if f := st.Field(i); isRequestOrWriter(f.Type()) || f.Embedded() && isFrameworkContext(f.Type()) {
				return true
			}
		}
	}
	ms := types.NewMethodSet(t)
	if !types.IsInterface(t) {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for i := range ms.Len() {
		sig, ok := ms.At(i).Type().(*types.Signature)
		if !ok || sig.Params().Len() > 0 {
			continue // an accessor, not a builder (NewRequest(method, url))
		}
		for j := range sig.Results().Len() {
			if isRequestOrWriter(sig.Results().At(j).Type()) {
				return true
			}
		}
	}
	return false
}

// isFrameworkContext reports a web framework's request context (a
// *gin.Context, an echo.Context, a *fiber.Ctx), or a pointer to one.
func isFrameworkContext(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	tn := namedOf(t)
	if tn == nil || tn.Pkg() == nil {
		return false
	}
	fw := frameworkOf(tn.Pkg().Path())
	if fw == fwNone {
		return false
	}
	return tn.Name() == "Context" || libOf(fw) != nil && libOf(fw).handlerCtx(tn.Name())
}

// isRequestOrWriter reports *http.Request and http.ResponseWriter.
func isRequestOrWriter(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	tn := namedOf(t)
	return tn != nil && tn.Pkg() != nil && tn.Pkg().Path() == "net/http" && (tn.Name() == "Request" || tn.Name() == "ResponseWriter")
}

// hasServeHTTP reports whether t or *t has a ServeHTTP method.
func hasServeHTTP(t types.Type) bool {
	if _, isPtr := t.(*types.Pointer); !isPtr && !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	return types.NewMethodSet(t).Lookup(nil, "ServeHTTP") != nil
}

// isFuncType reports whether t is a function type (gin.HandlerFunc, a
// func literal's type).
func isFuncType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// isSlice reports whether t is a slice type ([]macaron.Handler).
func isSlice(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
	return ok
}

// refObj is the object an identifier or a selector (a qualified name, a
// field or a method value) refers to; nil for other expressions.
func (x *extractor) refObj(e ast.Expr) types.Object {
	switch v := e.(type) {
	case *ast.Ident:
		return x.info.Uses[v]
	case *ast.SelectorExpr:
		if s := x.info.Selections[v]; s != nil {
			return s.Obj()
		}
		return x.info.Uses[v.Sel]
	}
	return nil
}

// mentions reports whether e reads obj: middleware wrapped around a
// variable's own value (h = logged(h)).
func (x *extractor) mentions(e ast.Expr, obj types.Object) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && x.info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}
