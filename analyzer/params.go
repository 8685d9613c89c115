package analyzer

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// Parameters of the function being walked: of the innermost function
// literal, or of the enclosing declaration. Route templates, SQL helpers
// and router flows name a parameter by the function that declares it
// (a literal gets an id of its own) and its index.

// paramPart reads a string parameter, or a string field of a struct
// parameter, of an enclosing function.
func (x *extractor) paramPart(e ast.Expr) (tmplPart, string, bool) {
	if p, ok := x.ownParam(e); ok {
		return tmplPart{param: p.param}, p.fn, true
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || !isString(x.info.TypeOf(sel)) {
		return tmplPart{}, "", false
	}
	if s := x.info.Selections[sel]; s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return tmplPart{}, "", false
	}
	if p, v := x.paramOf(sel.X); v != nil && structOf(v.Type()) != nil {
		return tmplPart{param: p.param, field: sel.Sel.Name}, p.fn, true
	}
	return tmplPart{}, "", false
}

func isString(t types.Type) bool {
	b, ok := t.(*types.Basic)
	if t != nil && !ok {
		b, ok = t.Underlying().(*types.Basic)
	}
	return ok && b.Info()&types.IsString != 0
}

// structOf returns the struct type behind a (pointer to a) struct type.
func structOf(t types.Type) *types.Struct {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// litScope is a function literal being walked: an id for its templates,
// and its signature, whose parameters are the literal's.
type litScope struct {
	id  string
	sig *types.Signature
}

// litScopeOf names a function literal of the current owner.
func (x *extractor) litScopeOf(lit *ast.FuncLit) (litScope, bool) {
	sig, ok := x.info.TypeOf(lit).(*types.Signature)
	if !ok {
		return litScope{}, false
	}
	return litScope{id: x.owner + "$" + strconv.Itoa(int(lit.Pos())), sig: sig}, true
}

// paramOf finds the parameter e names, of any type: of the innermost
// function literal declaring it, or of the enclosing declaration.
func (x *extractor) paramOf(e ast.Expr) (paramRef, *types.Var) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return paramRef{}, nil
	}
	v, ok := x.info.Uses[id].(*types.Var)
	if !ok {
		return paramRef{}, nil
	}
	return x.paramOfVar(v)
}

// paramOfVar is paramOf for a variable already resolved.
func (x *extractor) paramOfVar(v *types.Var) (paramRef, *types.Var) {
	find := func(fn string, sig *types.Signature) (paramRef, *types.Var) {
		for i := range sig.Params().Len() {
			if sig.Params().At(i) == v {
				return paramRef{fn, i}, v
			}
		}
		return paramRef{}, nil
	}
	for i := len(x.lits) - 1; i >= 0; i-- {
		if p, pv := find(x.lits[i].id, x.lits[i].sig); pv != nil {
			return p, pv
		}
	}
	if x.ownerFn != nil {
		return find(x.owner, x.ownerFn.Type().(*types.Signature))
	}
	return paramRef{}, nil
}

// displayFn names a template's function for a person: a function
// literal is named by the declaration around it.
func displayFn(fn string) string {
	if s, ok := displayField(fn); ok {
		return s
	}
	if owner, _, ok := strings.Cut(fn, "$"); ok {
		return "a function literal in " + owner
	}
	return fn
}
