package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
)

// Calls through struct fields of function type
//
//	type Checkout struct{ notify func(Order) error }
//	c := &Checkout{notify: mail.SendReceipt}
//	func (c *Checkout) Place(o Order) { c.notify(o) }
//
// are dependencies as real as a direct call: Place calls
// mail.SendReceipt. The extractor records which module functions are
// stored in which fields (struct literals and assignments) and which
// declarations call through which fields; the builder joins them into
// calls edges once every package is read, so a field set in one package
// and called in another counts.

// fieldKey names a struct field across packages: the module's packages
// are checked once and share their objects, so the field's declaration
// object (of the generic type, for an instance) is the key.
func fieldKey(v *types.Var) *types.Var { return v.Origin() }

// funcField returns the module struct field of function type that e
// selects, or nil.
func (x *extractor) funcField(e ast.Expr) *types.Var {
	v := x.selectedField(e)
	if v == nil || !x.inRoots(v) {
		return nil
	}
	if _, ok := v.Type().Underlying().(*types.Signature); !ok {
		return nil
	}
	return v
}

// fieldCall records a call through a function-typed field.
func (x *extractor) fieldCall(call *ast.CallExpr) {
	if v := x.funcField(call.Fun); v != nil {
		x.f.fieldCalls[fieldCallKey{caller: x.owner, field: fieldKey(v)}]++
	}
}

// selectedField returns the struct field e selects (x.f), or nil.
func (x *extractor) selectedField(e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := x.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil
	}
	v, _ := s.Obj().(*types.Var)
	return v
}

// storeFuncField records the module functions a field of function type is
// given.
func (x *extractor) storeFuncField(v *types.Var, value ast.Expr) {
	if v == nil || !v.IsField() || !x.inRoots(v) {
		return
	}
	if _, ok := v.Type().Underlying().(*types.Signature); !ok {
		return
	}
	for _, fn := range x.funcValues(value) {
		if fn == x.owner {
			continue // a function literal: its calls are already the owner's
		}
		x.f.fieldFuncs[fieldKey(v)] = appendUnique(x.f.fieldFuncs[fieldKey(v)], fn)
	}
}

// structLitFields records function values in a struct literal's fields,
// keyed or positional.
func (x *extractor) structLitFields(c *ast.CompositeLit) {
	t := x.info.TypeOf(c)
	if t == nil {
		return
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, el := range c.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok {
				if v, ok := x.info.Uses[key].(*types.Var); ok {
					x.storeFuncField(v, kv.Value)
					x.storeStringField(v, kv.Value)
				}
			}
			continue
		}
		if i < st.NumFields() {
			x.storeFuncField(st.Field(i), el)
		}
	}
}

// fieldCallKey is a declaration calling through a field.
type fieldCallKey struct {
	caller string
	field  *types.Var
}

func appendUniqueAll(list, add []string) []string {
	for _, s := range add {
		list = appendUnique(list, s)
	}
	return list
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
