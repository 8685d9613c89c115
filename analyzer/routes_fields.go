package analyzer

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// Paths kept in struct fields
//
//	func WithFileServer(dir, path string) Option {
//		return func(o *Options) { o.sites = append(o.sites, site{dir: dir, path: path}) }
//	}
//	for _, s := range opts.sites { app.FileServer(s.dir, s.path) } // a route helper given a field
//	mux.WebAPI(cfg, mux.WithFileServer("static", "/"))             // the value, at last
//
// A route helper given a string field of a module struct (not a field of
// its caller's struct parameter, which templates read already) is filled
// with the values the module stores in that field. The field is read as a
// helper of one parameter: the call of the route helper becomes a
// template on it, and each keyed literal or assignment that stores a
// constant or a parameter of its function in the field is a call of it.
// The routes then sit where the value is finally a constant.

// fieldHelperMark starts the id of a string field read as a helper.
const fieldHelperMark = "\x00field:"

// fieldHelper names the string field v as a helper of one parameter.
func fieldHelper(v *types.Var) string {
	return fieldHelperMark + v.Pkg().Path() + "." + v.Name() + "#" + strconv.Itoa(int(v.Pos()))
}

// displayField spells a field helper's id for a diagnostic, or reports
// false for another id.
func displayField(id string) (string, bool) {
	rest, ok := strings.CutPrefix(id, fieldHelperMark)
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(rest, "#")
	return "the values stored in field " + name, true
}

// stringField returns the string field of a module struct that e
// selects, or nil.
func (x *extractor) stringField(e ast.Expr) *types.Var {
	v := x.selectedField(e)
	if v == nil || !isString(v.Type()) || !x.inRoots(v) {
		return nil
	}
	return v
}

// fieldArgAt is argument i of a call, the string field v.
type fieldArgAt struct {
	i int
	v *types.Var
}

// fieldTemplateCalls records the call tc of a route helper whose
// arguments fields are string fields as calls made by each field's
// helper, passing its one parameter there; the other fields are read
// through their own calls. What the other arguments take from the
// caller's own parameters is not known to a field: it is left out.
func (x *extractor) fieldTemplateCalls(tc tmplCall, fields []fieldArgAt) {
	for _, f := range fields {
		args := make([]tmplArg, len(tc.args))
		for j, a := range tc.args {
			a.tmpl, a.hParam = nil, -1
			args[j] = a
		}
		for _, other := range fields {
			args[other.i].elsewhere = true
		}
		args[f.i] = tmplArg{hParam: -1, tmpl: strTmpl{{param: 0}}}
		fc := tc
		fc.caller, fc.args = fieldHelper(f.v), args
		x.rf.tmplCalls = append(x.rf.tmplCalls, fc)
	}
}

// returnsFunc reports a function returning a function: a functional
// option, whose string arguments may end up in the fields of the struct
// it configures. Its calls with constants are kept for templates.
func returnsFunc(sig *types.Signature) bool {
	if sig.Results().Len() != 1 {
		return false
	}
	_, ok := sig.Results().At(0).Type().Underlying().(*types.Signature)
	return ok
}

// fieldStore is a value stored in a string field: a call of the
// field's helper, kept in this compact form (most fields never reach a
// route helper) and made a tmplCall only for the fields that do.
type fieldStore struct {
	field                   *types.Var
	caller, owner, pkg, pos string
	arg                     tmplArg
	gen                     bool
}

// storeStringField records a value stored in a string field of a module
// struct, when the value is a constant or a parameter of the function
// storing it.
func (x *extractor) storeStringField(v *types.Var, value ast.Expr) {
	if !v.IsField() || !isString(v.Type()) || !x.inRoots(v) {
		return
	}
	a := tmplArg{hParam: -1, strs: x.stringValues(value)}
	caller := x.owner
	if len(a.strs) == 0 {
		t, fn, ok := x.strTemplate(value)
		if !ok {
			return
		}
		a.tmpl, caller = t, fn
	}
	x.rf.fieldStores = append(x.rf.fieldStores, fieldStore{field: v, caller: caller, owner: x.owner, pkg: x.pkg, pos: x.pos(value.Pos()), arg: a, gen: x.generated})
}

// fieldCalls are the stores in the fields read as helpers (the callers
// of calls), as calls of those helpers.
func fieldCalls(stores []fieldStore, calls []tmplCall) []tmplCall {
	read := map[string]bool{}
	for _, c := range calls {
		if strings.HasPrefix(c.caller, fieldHelperMark) {
			read[c.caller] = true
		}
	}
	var out []tmplCall
	for _, s := range stores {
		if id := fieldHelper(s.field); read[id] {
			out = append(out, tmplCall{caller: s.caller, callee: id, owner: s.owner, pkg: s.pkg, pos: s.pos, args: []tmplArg{s.arg}, generated: s.gen})
		}
	}
	return out
}
