package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Functions kept in package-level slices and maps
//
//	var routerCheckRole = make([]func(v1 *gin.RouterGroup), 0)
//	func init() { routerCheckRole = append(routerCheckRole, registerDeptRouter) }
//	...
//	v1 := r.Group("/api/v1")
//	for _, f := range routerCheckRole { f(v1) }
//
// are called where the slice is ranged over (or indexed): the call f(v1)
// calls every function ever stored in it, so the routers it passes reach
// their parameters and their routes get the group's prefix. The stores
// (append, a literal, an index assignment) and the calls may sit in any
// file of any package; the builder joins them once every package is read.

// slotCall is a call of a function taken from the package-level variable
// slot, with the routers it passes by parameter index.
type slotCall struct {
	caller  string
	slot    *types.Var
	routers map[int]routerVal
}

// funcSlot returns the package-level module variable, a slice or map of
// functions, that e reads a function from: slot[k], or the value variable
// of a range over slot. It returns nil otherwise.
func (x *extractor) funcSlot(e ast.Expr) *types.Var {
	switch v := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		return x.slotVar(v.X)
	case *ast.Ident:
		return x.rangeSlots[x.info.Uses[v]]
	}
	return nil
}

// slotVar returns the package-level variable e names when it is a module
// slice or map of functions.
func (x *extractor) slotVar(e ast.Expr) *types.Var {
	var obj types.Object
	switch v := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj = x.info.Uses[v]
		if obj == nil {
			obj = x.info.Defs[v]
		}
	case *ast.SelectorExpr:
		obj = x.info.Uses[v.Sel]
	}
	pv, ok := obj.(*types.Var)
	if !ok || pv.IsField() || !x.inRoots(pv) || pv.Parent() != pv.Pkg().Scope() {
		return nil
	}
	var elem types.Type
	switch t := pv.Type().Underlying().(type) {
	case *types.Slice:
		elem = t.Elem()
	case *types.Map:
		elem = t.Elem()
	default:
		return nil
	}
	if _, ok := elem.Underlying().(*types.Signature); !ok {
		return nil
	}
	return pv
}

// rangeSlot notes the value variable of a range over a function slot.
func (x *extractor) rangeSlot(r *ast.RangeStmt) {
	slot := x.slotVar(r.X)
	if slot == nil {
		return
	}
	v, ok := r.Value.(*ast.Ident)
	if !ok {
		return
	}
	if obj := x.defOrUse(v); obj != nil {
		x.rangeSlots[obj] = slot
	}
}

// slotCallAt records a call of a function read from a slot.
func (x *extractor) slotCallAt(call *ast.CallExpr) {
	slot := x.funcSlot(call.Fun)
	if slot == nil {
		return
	}
	sc := slotCall{caller: x.owner, slot: slot, routers: map[int]routerVal{}}
	for i, a := range call.Args {
		if isRouterType(x.info.TypeOf(a)) {
			sc.routers[i] = x.evalRouter(a)
		}
	}
	x.f.slotCalls = append(x.f.slotCalls, sc)
}

// storeSlot records the module functions an assignment to a slot stores:
// slot = append(slot, f, g), slot[k] = f, or an initial literal.
func (x *extractor) storeSlot(lhs, rhs ast.Expr) {
	var slot *types.Var
	if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
		slot = x.slotVar(ix.X)
		x.addSlotFuncs(slot, rhs)
		return
	}
	if slot = x.slotVar(lhs); slot == nil {
		return
	}
	switch v := ast.Unparen(rhs).(type) {
	case *ast.CallExpr:
		if id, ok := ast.Unparen(v.Fun).(*ast.Ident); ok && id.Name == "append" && len(v.Args) > 1 && v.Ellipsis == token.NoPos {
			for _, a := range v.Args[1:] {
				x.addSlotFuncs(slot, a)
			}
		}
	case *ast.CompositeLit:
		for _, el := range v.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			x.addSlotFuncs(slot, el)
		}
	}
}

func (x *extractor) addSlotFuncs(slot *types.Var, e ast.Expr) {
	if slot == nil {
		return
	}
	var obj types.Object
	switch v := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj = x.info.Uses[v]
	case *ast.SelectorExpr:
		obj = x.info.Uses[v.Sel]
	}
	if fn, ok := obj.(*types.Func); ok && x.inRoots(fn) {
		x.f.slotFuncs[slot] = append(x.f.slotFuncs[slot], fn.Origin())
	}
}

// slotCalls resolves the calls through slots: a calls edge to every
// function stored.
func (b *builder) slotCalls() {
	for _, c := range b.all.slotCalls {
		for _, fn := range b.all.slotFuncs[c.slot] {
			b.edges[edgeKey{c.caller, funcID(fn), EdgeCalls}]++
		}
	}
}

// slotRouterFlows are the routers the calls through slots pass to the
// parameters of the functions stored.
func slotRouterFlows(f *facts) []routerFlow {
	var out []routerFlow
	for _, c := range f.slotCalls {
		for _, fn := range f.slotFuncs[c.slot] {
			ps := fn.Type().(*types.Signature).Params()
			for i, r := range c.routers {
				if i < ps.Len() && isRouterType(ps.At(i).Type()) {
					out = append(out, routerFlow{to: origin{obj: ps.At(i)}, from: r})
				}
			}
		}
	}
	return out
}
