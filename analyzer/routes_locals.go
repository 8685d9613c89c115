package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Route helpers that build their pattern in local variables
//
//	func (a *App) HandlerFunc(method, group, path string, hf HandlerFunc) {
//		h := func(w http.ResponseWriter, r *http.Request) { hf(r.Context(), r) }
//		finalPath := path
//		if group != "" {
//			finalPath = "/" + group + path
//		}
//		finalPath = fmt.Sprintf("%s %s", method, finalPath)
//		a.mux.HandleFunc(finalPath, h)
//	}
//
// are templates like those whose pattern is written in the call: a local
// string variable holds the templates assigned to it in order (an
// assignment replaces them, one inside if p != "" or if p == "" on a
// string parameter adds its own under that condition), fmt.Sprintf with
// %s and %v verbs joins its arguments, and a handler that is a local
// function literal calling a handler parameter is that parameter. Each
// call then makes the route its constants select.

// tmplGuard says that a template holds only for calls whose string
// parameter param is empty (empty set) or not; or, when prefix is set,
// starts with prefix (has set) or not.
type tmplGuard struct {
	param  int
	empty  bool
	prefix string
	has    bool
}

// holds reports whether a call passing s for the guard's parameter meets
// the guard.
func (g tmplGuard) holds(s string) bool {
	if g.prefix != "" {
		return strings.HasPrefix(s, g.prefix) == g.has
	}
	return (s == "") == g.empty
}

// tmplAlt is one template a path may be, under its guards.
type tmplAlt struct {
	t      strTmpl
	guards []tmplGuard
}

// localTmpl is what a local string variable holds: templates over the
// parameters of fn.
type localTmpl struct {
	fn   string
	alts []tmplAlt
}

// guardBlock is the body of an if statement testing a string parameter
// of fn against "".
type guardBlock struct {
	body *ast.BlockStmt
	fn   string
	g    tmplGuard
}

// maxTmplAlts bounds the templates one expression may stand for.
const maxTmplAlts = 8

// strTemplates reads e as the templates it may be: constants, string
// parameters (or string fields of struct parameters) of one enclosing
// function, local variables holding such templates, joined with + or
// fmt.Sprintf. ok is false for anything else, or when no template uses
// a parameter.
func (x *extractor) strTemplates(e ast.Expr) (alts []tmplAlt, fn string, ok bool) {
	alts, fn, ok = x.tmplAlts(e)
	if !ok {
		return nil, "", false
	}
	for _, a := range alts {
		if a.t.hasParam() {
			return alts, fn, true
		}
	}
	return nil, "", false
}

// tmplAlts is strTemplates without the demand for a parameter.
func (x *extractor) tmplAlts(e ast.Expr) ([]tmplAlt, string, bool) {
	fn := ""
	same := func(f string) bool {
		if fn != "" && fn != f {
			return false
		}
		fn = f
		return true
	}
	var walk func(e ast.Expr) ([]tmplAlt, bool)
	walk = func(e ast.Expr) ([]tmplAlt, bool) {
		e = ast.Unparen(e)
		// Locals first: constString folds a local given one constant,
		// which would hide the parameter it holds on another branch.
		switch v := e.(type) {
		case *ast.Ident:
			if lt, ok := x.localTmpls[x.info.Uses[v]]; ok {
				return lt.alts, same(lt.fn)
			}
		case *ast.BinaryExpr:
			if v.Op == token.ADD {
				if a, ok := walk(v.X); ok {
					if b, ok := walk(v.Y); ok {
						return joinAlts(a, b), true
					}
				}
			}
		}
		if s, ok := x.constString(e); ok {
			return []tmplAlt{{t: strTmpl{{lit: s, param: -1}}}}, true
		}
		if part, pfn, ok := x.paramPart(e); ok {
			return []tmplAlt{{t: strTmpl{part}}}, same(pfn)
		}
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return nil, false
		}
		pieces, ok := x.sprintfPieces(call)
		if !ok {
			return nil, false
		}
		out := []tmplAlt{{}}
		for _, p := range pieces {
			a := []tmplAlt{{t: strTmpl{{lit: p.lit, param: -1}}}}
			if p.arg != nil {
				if a, ok = walk(p.arg); !ok {
					return nil, false
				}
			}
			out = joinAlts(out, a)
		}
		return out, true
	}
	alts, ok := walk(e)
	return alts, fn, ok
}

// joinAlts concatenates every template of a with every one of b.
func joinAlts(a, b []tmplAlt) []tmplAlt {
	var out []tmplAlt
	for _, x := range a {
		for _, y := range b {
			if len(out) == maxTmplAlts {
				return out
			}
			t := append(x.t[:len(x.t):len(x.t)], y.t...)
			g := append(x.guards[:len(x.guards):len(x.guards)], y.guards...)
			out = append(out, tmplAlt{t: t, guards: g})
		}
	}
	return out
}

// sprintfPiece is the format's text (arg nil) or an argument.
type sprintfPiece struct {
	lit string
	arg ast.Expr
}

// sprintfPieces splits fmt.Sprintf(format, args...) whose constant format
// has only %s and %v verbs over strings into the text and arguments it
// joins.
func (x *extractor) sprintfPieces(call *ast.CallExpr) ([]sprintfPiece, bool) {
	c, _ := x.peekCallee(call)
	if c.pkg != "fmt" || c.name != "Sprintf" || len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return nil, false
	}
	format, ok := x.constString(call.Args[0])
	if !ok {
		return nil, false
	}
	args := call.Args[1:]
	var out []sprintfPiece
	var text strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			text.WriteByte(format[i])
			continue
		}
		if i+1 >= len(format) {
			return nil, false
		}
		i++
		switch format[i] {
		case '%':
			text.WriteByte('%')
		case 's', 'v':
			if n >= len(args) || !isString(x.info.TypeOf(args[n])) {
				return nil, false
			}
			out = append(out, sprintfPiece{lit: text.String()}, sprintfPiece{arg: args[n]})
			text.Reset()
			n++
		default:
			return nil, false
		}
	}
	out = append(out, sprintfPiece{lit: text.String()})
	return out, n == len(args)
}

// localTemplate records what an assignment to a local string variable
// gives it.
func (x *extractor) localTemplate(obj types.Object, rhs ast.Expr) {
	alts, fn, ok := x.tmplAlts(rhs)
	if !ok {
		delete(x.localTmpls, obj)
		return
	}
	old, had := x.localTmpls[obj]
	if !had {
		// a parameter assigned anew holds what the call passed until then
		if v, ok := obj.(*types.Var); ok {
			if p, pv := x.paramOfVar(v); pv != nil {
				old, had = localTmpl{fn: p.fn, alts: []tmplAlt{{t: strTmpl{{param: p.param}}}}}, true
			}
		}
	}
	if vt := x.prefixTestAt(rhs.Pos(), obj); vt != nil && had {
		x.localTmpls[obj] = x.underPrefixTest(obj, rhs, old, vt)
		return
	}
	gfn := fn
	if gfn == "" {
		gfn = old.fn // a constant assigned under a test of the earlier value's parameter
	}
	gb := x.guardAt(rhs.Pos(), gfn)
	if gb == nil || !had || old.fn != fn && old.fn != "" && fn != "" {
		if fn == "" {
			fn = old.fn
		}
		x.localTmpls[obj] = localTmpl{fn: fn, alts: alts}
		return
	}
	// Assigned under a condition: the earlier values hold when it fails.
	var out []tmplAlt
	for _, a := range old.alts {
		out = append(out, tmplAlt{t: a.t, guards: append(a.guards[:len(a.guards):len(a.guards)], tmplGuard{param: gb.g.param, empty: !gb.g.empty})})
	}
	for _, a := range alts {
		out = append(out, tmplAlt{t: a.t, guards: append(a.guards[:len(a.guards):len(a.guards)], gb.g)})
	}
	if len(out) > maxTmplAlts {
		out = out[:maxTmplAlts]
	}
	if fn == "" {
		fn = old.fn
	}
	x.localTmpls[obj] = localTmpl{fn: fn, alts: out}
}

// prefixTest is the body of an if statement testing whether a local
// string variable starts with a constant: strings.HasPrefix(v, "/"), or
// its negation (has false).
type prefixTest struct {
	body   *ast.BlockStmt
	obj    types.Object
	prefix string
	has    bool
}

// prefixIf notes an if statement that tests a local string variable with
// strings.HasPrefix and a constant.
func (x *extractor) prefixIf(s *ast.IfStmt) {
	cond, has := ast.Unparen(s.Cond), true
	if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		cond, has = ast.Unparen(u.X), false
	}
	call, ok := cond.(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return
	}
	if c, _ := x.peekCallee(call); c.pkg != "strings" || c.name != "HasPrefix" {
		return
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return
	}
	prefix, ok := x.constString(call.Args[1])
	if obj := x.info.Uses[id]; ok && prefix != "" && obj != nil && isString(obj.Type()) {
		x.prefixTests = append(x.prefixTests, prefixTest{body: s.Body, obj: obj, prefix: prefix, has: has})
	}
}

// prefixTestAt returns the innermost prefix test of obj around pos.
func (x *extractor) prefixTestAt(pos token.Pos, obj types.Object) *prefixTest {
	return innermost(x.prefixTests, pos, func(t *prefixTest) (*ast.BlockStmt, bool) { return t.body, t.obj == obj })
}

// innermost returns the block of bs whose body holds pos most closely
// among those it keeps (body gives each one's body and whether it is
// kept); nil when none holds pos.
func innermost[T any](bs []T, pos token.Pos, body func(*T) (*ast.BlockStmt, bool)) *T {
	var best *T
	var bestBody *ast.BlockStmt
	for i := range bs {
		b, keep := body(&bs[i])
		if keep && b.Pos() <= pos && pos < b.End() && (best == nil || b.Pos() > bestBody.Pos()) {
			best, bestBody = &bs[i], b
		}
	}
	return best
}

// underPrefixTest is what obj holds after rhs is assigned to it under
// prefix test t: each earlier template the test selects takes rhs (read
// with obj holding that template), the others stay. A template that
// starts with a constant is selected or not by that constant; one that
// is a parameter alone is split by a guard on it; any other may be
// either, and both are kept.
func (x *extractor) underPrefixTest(obj types.Object, rhs ast.Expr, old localTmpl, t *prefixTest) localTmpl {
	assigned := func(a tmplAlt) []tmplAlt {
		x.localTmpls[obj] = localTmpl{fn: old.fn, alts: []tmplAlt{a}}
		alts, fn, ok := x.tmplAlts(rhs)
		if !ok || fn != "" && fn != old.fn {
			return nil
		}
		return alts
	}
	var out []tmplAlt
	for _, a := range old.alts {
		switch {
		case len(a.t) > 0 && a.t[0].param < 0 && (len(a.t[0].lit) >= len(t.prefix) || !strings.HasPrefix(t.prefix, a.t[0].lit)):
			if strings.HasPrefix(a.t[0].lit, t.prefix) == t.has {
				out = append(out, assigned(a)...)
			} else {
				out = append(out, a)
			}
		case len(a.t) == 1 && a.t[0].param >= 0 && a.t[0].field == "":
			for _, has := range []bool{t.has, !t.has} {
				g := tmplAlt{t: a.t, guards: append(a.guards[:len(a.guards):len(a.guards)], tmplGuard{param: a.t[0].param, prefix: t.prefix, has: has})}
				if has == t.has {
					out = append(out, assigned(g)...)
				} else {
					out = append(out, g)
				}
			}
		default:
			out = append(out, a)
			out = append(out, assigned(a)...)
		}
	}
	if len(out) > maxTmplAlts {
		out = out[:maxTmplAlts]
	}
	return localTmpl{fn: old.fn, alts: out}
}

// localsUnderPrefixTest is what the constants obj holds become once rhs
// is assigned to it under prefix test t: each the test selects takes
// rhs's values with obj holding it, the others stay.
func (x *extractor) localsUnderPrefixTest(obj types.Object, rhs ast.Expr, t *prefixTest) []string {
	old := x.locals[obj]
	var out []string
	for _, v := range old {
		if strings.HasPrefix(v, t.prefix) != t.has {
			out = append(out, v)
			continue
		}
		x.locals[obj] = []string{v}
		out = append(out, x.stringValues(rhs)...)
	}
	x.locals[obj] = old
	if len(out) > maxStringValues {
		out = out[:maxStringValues]
	}
	return out
}

// guardIf notes an if statement testing a string parameter against "".
func (x *extractor) guardIf(s *ast.IfStmt) {
	x.prefixIf(s)
	b, ok := s.Cond.(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ && b.Op != token.EQL {
		return
	}
	p, ok := x.ownParam(b.X)
	if !ok {
		return
	}
	if v, ok := x.constString(b.Y); !ok || v != "" {
		return
	}
	x.guards = append(x.guards, guardBlock{body: s.Body, fn: p.fn, g: tmplGuard{param: p.param, empty: b.Op == token.EQL}})
}

// guardAt returns the innermost guard block of fn around pos.
func (x *extractor) guardAt(pos token.Pos, fn string) *guardBlock {
	return innermost(x.guards, pos, func(g *guardBlock) (*ast.BlockStmt, bool) { return g.body, g.fn == fn })
}

// handlerParam returns the handler parameter a local function literal
// calls (h := func(w, r) { hf(ctx, r) }), through other such literals.
func (x *extractor) handlerParam(e ast.Expr, depth int) (paramRef, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || depth > 3 {
		return paramRef{}, false
	}
	lit := x.localFuncLits[x.info.Uses[id]]
	if lit == nil {
		return paramRef{}, false
	}
	var found paramRef
	ok = false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if ok || !isCall {
			return !ok
		}
		if p, v := x.paramOf(call.Fun); v != nil && isHandlerType(v.Type()) {
			found, ok = p, true
		} else if p, inner := x.handlerParam(call.Fun, depth+1); inner {
			found, ok = p, true
		}
		return !ok
	})
	return found, ok
}
