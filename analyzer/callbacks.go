package analyzer

import (
	"go/ast"
	"go/types"
)

// Routers handed to callbacks
//
//	func RunHTTPServer(createHandler func(chi.Router) http.Handler) {
//		api := chi.NewRouter()
//		root := chi.NewRouter()
//		root.Mount("/api", createHandler(api))
//	}
//	server.RunHTTPServer(func(r chi.Router) http.Handler { return ports.HandlerFromMux(h, r) })
//
// A function that calls a callback parameter with a router passes that
// router to every function its callers give for the parameter (function
// literals and named functions, passed on through other helpers), so the
// routes they register get its prefixes. A callback handed a router and
// returning a handler returns that router (decorated): mounting its
// result mounts the router.

// cbCall is a call of parameter param of fn with routers by argument.
type cbCall struct {
	at      paramRef
	routers map[int]routerVal
}

// cbArg is a function passed for a callback parameter: its parameters,
// or (from set) the caller's own parameter passed on.
type cbArg struct {
	to     paramRef
	params []types.Object
	from   *paramRef
}

// callbackCall records a call of a function-typed parameter of the
// enclosing function that passes routers.
func (x *extractor) callbackCall(call *ast.CallExpr) {
	p, v := x.paramOf(call.Fun)
	if v == nil {
		return
	}
	cc := cbCall{at: p, routers: map[int]routerVal{}}
	for i, a := range call.Args {
		if isRouterType(x.info.TypeOf(a)) {
			cc.routers[i] = x.evalRouter(a)
		}
	}
	if len(cc.routers) > 0 {
		x.rf.cbCalls = append(x.rf.cbCalls, cc)
	}
}

// callbackArgs records the functions a call of a module function passes
// for parameters that are functions taking a router.
func (x *extractor) callbackArgs(call *ast.CallExpr, c callee) {
	if c.iface != nil || !x.inRoots(c.fn) {
		return
	}
	sig := c.fn.Type().(*types.Signature)
	for i, a := range call.Args {
		if i >= sig.Params().Len() || !takesRouter(sig.Params().At(i).Type()) {
			continue
		}
		to := paramRef{fn: funcID(c.fn), param: i}
		if p, v := x.paramOf(a); v != nil {
			x.rf.cbArgs = append(x.rf.cbArgs, cbArg{to: to, from: &p})
			continue
		}
		if ps := x.funcParams(a); len(ps) > 0 {
			x.rf.cbArgs = append(x.rf.cbArgs, cbArg{to: to, params: ps})
		}
	}
}

// takesRouter reports a function type with a router parameter.
func takesRouter(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	for i := range sig.Params().Len() {
		if isRouterType(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// funcParams returns the parameter objects of a function literal or a
// named module function.
func (x *extractor) funcParams(e ast.Expr) []types.Object {
	var sig *types.Signature
	switch v := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		sig, _ = x.info.TypeOf(v).(*types.Signature)
		var out []types.Object
		for _, f := range v.Type.Params.List {
			for _, n := range f.Names {
				out = append(out, x.info.Defs[n])
			}
		}
		if sig != nil && len(out) == sig.Params().Len() {
			return out
		}
		return nil
	case *ast.Ident:
		if fn, ok := x.info.Uses[v].(*types.Func); ok && x.inRoots(fn) {
			sig = fn.Type().(*types.Signature)
		}
	case *ast.SelectorExpr:
		if fn, ok := x.info.Uses[v.Sel].(*types.Func); ok && x.inRoots(fn) {
			sig = fn.Type().(*types.Signature)
		}
	}
	if sig == nil {
		return nil
	}
	out := make([]types.Object, sig.Params().Len())
	for i := range out {
		out[i] = sig.Params().At(i)
	}
	return out
}

// callbackFlows joins callback calls to the functions passed for them:
// the routers they pass flow into those functions' parameters.
func (f *routeFacts) callbackFlows() []routerFlow {
	if len(f.cbCalls) == 0 {
		return nil
	}
	given := map[paramRef][][]types.Object{}
	var fwd []cbArg
	for _, a := range f.cbArgs {
		if a.from != nil {
			fwd = append(fwd, a)
			continue
		}
		given[a.to] = append(given[a.to], a.params)
	}
	// A parameter passed on gets what its own callers give, to a fixed
	// point (bounded by the forwards' count).
	for range len(fwd) {
		changed := false
		for _, a := range fwd {
			for _, ps := range given[*a.from] {
				if !containsParams(given[a.to], ps) {
					given[a.to] = append(given[a.to], ps)
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	var out []routerFlow
	for _, c := range f.cbCalls {
		for _, ps := range given[c.at] {
			for i, r := range c.routers {
				if i < len(ps) && ps[i] != nil && isRouterType(ps[i].Type()) {
					out = append(out, routerFlow{to: origin{obj: ps[i]}, from: r})
				}
			}
		}
	}
	return out
}

// containsParams reports whether list holds the parameters of the
// function ps are (the same first parameter object).
func containsParams(list [][]types.Object, ps []types.Object) bool {
	for _, l := range list {
		if len(l) > 0 && len(ps) > 0 && l[0] == ps[0] {
			return true
		}
	}
	return false
}
