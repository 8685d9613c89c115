package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// Routes registered through a monolith's own helpers
//
//	func (s *Server) route(method, path string, h http.HandlerFunc) {
//		s.mux.HandleFunc(method+" "+path, h)
//	}
//	s.route("GET", "/orders/{id}", getOrder)
//
// are found by treating a registration whose pattern is built from the
// enclosing function's parameters, or whose handler is one of them, as a
// template on that function. Each call of the function that passes
// constants and handlers instantiates the template into a route at the
// call site; a call that passes its own parameters makes a template of the
// caller, so helpers may call helpers, across packages.

// tmplPart is a constant piece of a string, or (param >= 0) the value of
// the function's parameter number param.
type tmplPart struct {
	lit   string
	param int
}

// strTmpl is a string built from constants and a function's parameters.
type strTmpl []tmplPart

func (t strTmpl) hasParam() bool {
	for _, p := range t {
		if p.param >= 0 {
			return true
		}
	}
	return false
}

func (t strTmpl) String() string {
	var b strings.Builder
	for _, p := range t {
		if p.param >= 0 {
			b.WriteString("\x00" + strconv.Itoa(p.param) + "\x00")
		} else {
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

// routeTmpl is a registration inside a helper, waiting for the helper's
// callers to supply its pattern or its handler.
type routeTmpl struct {
	fn       string    // the helper
	at       routerVal // the router it registers on
	method   string    // "" when the pattern carries it (ServeMux)
	path     strTmpl
	fw       framework
	handlers []string
	hParam   int    // the helper's parameter holding the handler; -1 when handlers are known
	pkg, pos string // the registration, for a diagnostic when no call fills the template
}

func (t routeTmpl) key() string {
	return t.fn + "\x01" + t.method + "\x01" + t.path.String() + "\x01" + strconv.Itoa(t.hParam) + "\x01" +
		strings.Join(t.handlers, ",") + "\x01" + strconv.Itoa(int(t.fw)) + "\x01" + t.at.prefix + "\x01" + originKey(t.at.o)
}

func originKey(o origin) string {
	switch {
	case o.obj != nil:
		return "o" + strconv.Itoa(int(o.obj.Pos())) + o.obj.Name()
	case o.fn != nil:
		return "f" + funcID(o.fn)
	}
	return "p" + strconv.Itoa(int(o.pos))
}

// tmplCall is a call of a module function with what it passes to the
// parameters a template may use.
type tmplCall struct {
	caller, callee string
	pkg, pos       string
	args           []tmplArg // by parameter index
}

// tmplArg is what one argument holds: constant strings, a string built
// from the caller's own parameters, handler functions, or one of the
// caller's parameters as a handler.
type tmplArg struct {
	strs     []string
	tmpl     strTmpl
	handlers []string
	hParam   int
}

// strTemplate reads e as constants and the enclosing function's string
// parameters joined with +. ok is false for anything else, or when e uses
// no parameter (a constant is read by stringValues).
func (x *extractor) strTemplate(e ast.Expr) (strTmpl, bool) {
	var t strTmpl
	var walk func(e ast.Expr) bool
	walk = func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if s, ok := x.constString(e); ok {
			t = append(t, tmplPart{lit: s, param: -1})
			return true
		}
		if p, ok := x.ownParam(e); ok {
			t = append(t, tmplPart{param: p.param})
			return true
		}
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
			return walk(b.X) && walk(b.Y)
		}
		return false
	}
	if !walk(e) || !t.hasParam() {
		return nil, false
	}
	return t, true
}

// ownParamIndex returns the index of the enclosing function's parameter e
// names, of any type, or -1.
func (x *extractor) ownParamIndex(e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || x.ownerFn == nil {
		return -1
	}
	obj := x.info.Uses[id]
	params := x.ownerFn.Type().(*types.Signature).Params()
	for i := range params.Len() {
		if params.At(i) == obj {
			return i
		}
	}
	return -1
}

// routeTemplate records a registration whose pattern comes from the
// enclosing function's parameters, or whose handler is one of them. It
// reports whether it recorded one.
func (x *extractor) routeTemplate(at routerVal, method string, path, handler ast.Expr, fw framework) bool {
	return x.routeTemplateAt(at, method, nil, path, handler, fw)
}

// routeTemplateAt is routeTemplate for a path written after head: a
// constant prefix, or for a method that is itself a parameter (method
// ""), the ServeMux-style "METHOD prefix" split once the method is known.
func (x *extractor) routeTemplateAt(at routerVal, method string, head strTmpl, path, handler ast.Expr, fw framework) bool {
	if x.ownerFn == nil || x.litDepth > 0 {
		return false
	}
	t := routeTmpl{fn: x.owner, at: at, method: method, fw: fw, hParam: -1, path: slices.Clone(head), pkg: x.pkg, pos: x.pos(path.Pos())}
	if tm, ok := x.strTemplate(path); ok {
		t.path = append(t.path, tm...)
	} else if s, ok := x.constString(path); ok {
		t.path = append(t.path, tmplPart{lit: s, param: -1})
	} else {
		return false
	}
	if handler != nil {
		t.hParam = x.ownParamIndex(handler)
		if t.hParam < 0 {
			t.handlers = x.funcValues(handler)
		}
	}
	if !t.path.hasParam() && t.hParam < 0 {
		return false // an ordinary registration
	}
	x.f.routeTmpls = append(x.f.routeTmpls, t)
	return true
}

// unreadRouteHint is the advice on a route whose path ficus cannot read.
const unreadRouteHint = "ficus reads constant paths, paths passed to route helpers, and route tables; this route is not in the graph, so add it to the proxy config by hand"

// unresolvedRoute reports a registration whose path ficus cannot know
// before run time: not a constant, not built from a helper's parameters
// (the helper's callers supply those), not a route table's row. Such a
// route is missing from the graph; the diagnostic says where.
func (x *extractor) unresolvedRoute(path ast.Expr, pos token.Pos) {
	if len(x.stringValues(path)) > 0 {
		return
	}
	if _, ok := x.strTemplate(path); ok {
		return
	}
	x.f.diags = append(x.f.diags, Diagnostic{
		Package: x.pkg, Pos: x.regPos(pos), Kind: DiagRoute,
		Message: "route path not known before run time: " + types.ExprString(path),
		Hint:    unreadRouteHint,
	})
}

// groupPrefix reads the prefix argument arg of a group call. A prefix
// known only at run time keeps its constant pieces ("/v1" of
// os.Getenv("ROOT") + "/v1"); the pieces it cannot read are named in a
// diagnostic, since the routes below are in the graph without them.
func (x *extractor) groupPrefix(call *ast.CallExpr, arg int) string {
	if arg >= len(call.Args) {
		return ""
	}
	e := call.Args[arg]
	if s, ok := x.constString(e); ok {
		return s
	}
	var known string
	var unknown []string
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		if s, ok := x.constString(e); ok {
			known += s
			return
		}
		if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
			walk(b.X)
			walk(b.Y)
			return
		}
		unknown = append(unknown, types.ExprString(e))
	}
	walk(e)
	msg := "route prefix not known before run time: " + strings.Join(unknown, ", ")
	if full := types.ExprString(e); len(unknown) != 1 || unknown[0] != full {
		msg += " (in " + full + ")"
	}
	x.f.diags = append(x.f.diags, Diagnostic{
		Package: x.pkg, Pos: x.regPos(call.Pos()), Kind: DiagRoute, Message: msg,
		Hint: "the routes below it are in the graph with the prefix's constant parts only; give its value under prefixes in ficus.yaml, or add the routes to the proxy config's patterns",
	})
	return known
}

// templateCall records what a call of a module function passes to its
// string and function parameters, for templates that may sit behind it.
func (x *extractor) templateCall(call *ast.CallExpr, c callee) {
	if c.iface != nil || c.fn == nil || !x.inRoots(c.fn) {
		return
	}
	sig := c.fn.Type().(*types.Signature)
	if sig.Params().Len() == 0 {
		return
	}
	var tc tmplCall
	useful := false
	n := sig.Params().Len()
	for i := range n {
		var arg ast.Expr
		switch {
		case sig.Variadic() && i == n-1:
			// A variadic handler list: its last handler serves.
			if len(call.Args) < n {
				break
			}
			arg = call.Args[len(call.Args)-1]
		case i < len(call.Args):
			arg = call.Args[i]
		}
		if arg == nil {
			break
		}
		a := tmplArg{hParam: -1}
		pt := sig.Params().At(i).Type()
		if sig.Variadic() && i == n-1 {
			if sl, ok := pt.(*types.Slice); ok {
				pt = sl.Elem()
			}
		}
		switch u := pt.Underlying().(type) {
		case *types.Basic:
			if u.Info()&types.IsString != 0 {
				if a.strs = x.stringValues(arg); len(a.strs) == 0 {
					a.tmpl, _ = x.strTemplate(arg)
				}
			}
		default:
			if isHandlerType(pt) {
				if a.hParam = x.ownParamIndex(arg); a.hParam < 0 {
					a.handlers = x.funcValues(arg)
				}
			}
		}
		// Route helpers take a handler (or pass one on), or a router and
		// a path; other calls are not kept, which keeps this small on
		// large modules.
		useful = useful || a.tmpl != nil || a.hParam >= 0 || len(a.handlers) > 0 || len(a.strs) > 0 && routerHelper(c.fn)
		tc.args = append(tc.args, a)
	}
	if useful {
		tc.caller, tc.callee, tc.pkg, tc.pos = x.owner, funcID(c.fn), x.pkg, x.pos(call.Pos())
		x.f.tmplCalls = append(x.f.tmplCalls, tc)
	}
}

// routerHelper reports whether fn may register routes on a router it is
// given: it takes a router, or is a method of a struct holding one.
func routerHelper(fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	for i := range sig.Params().Len() {
		if isRouterType(sig.Params().At(i).Type()) {
			return true
		}
	}
	if sig.Recv() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if isRouterType(st.Field(i).Type()) {
			return true
		}
	}
	return false
}

// isHandlerType reports whether a parameter of type t can take an HTTP
// handler: http.Handler, a HandlerFunc type (net/http, gin, echo), or a
// function taking an http.ResponseWriter, a *gin.Context or an
// echo.Context. Other callbacks are not followed, which keeps the calls
// kept for templates few.
func isHandlerType(t types.Type) bool {
	if isHandlerIface(t) {
		return true
	}
	if tn := namedOf(t); tn != nil && tn.Name() == "HandlerFunc" {
		return true
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return false
	}
	tn := namedOf(sig.Params().At(0).Type())
	if tn == nil || tn.Pkg() == nil {
		return false
	}
	switch fw := frameworkOf(tn.Pkg().Path()); {
	case fw == fwStd:
		return tn.Name() == "ResponseWriter"
	case fw == fwGin || fw == fwEcho:
		return tn.Name() == "Context"
	}
	return false
}

// maxTemplates bounds the templates derived through helpers, against a
// combinatorial blow-up in generated code.
const maxTemplates = 20000

// routesThroughHelpers instantiates route templates at their callers,
// transitively, and returns the routes that end with constants, and a
// diagnostic for each call that passes a path known only at run time.
func routesThroughHelpers(tmpls []routeTmpl, calls []tmplCall) ([]routeReg, []Diagnostic) {
	byFn := map[string][]routeTmpl{}
	seen := map[string]bool{}
	var queue []string
	add := func(t routeTmpl) {
		k := t.key()
		if seen[k] || len(seen) >= maxTemplates {
			return
		}
		seen[k] = true
		byFn[t.fn] = append(byFn[t.fn], t)
		queue = append(queue, t.fn)
	}
	for _, t := range tmpls {
		add(t)
	}
	callsTo := map[string][]int{}
	for i, c := range calls {
		callsTo[c.callee] = append(callsTo[c.callee], i)
	}
	type pair struct {
		call int
		tmpl string
	}
	done := map[pair]bool{}
	var out []routeReg
	var diags []Diagnostic
	reported := map[int]bool{}
	regSeen := map[string]bool{}
	for len(queue) > 0 {
		fn := queue[0]
		queue = queue[1:]
		for _, ci := range callsTo[fn] {
			c := calls[ci]
			for _, t := range byFn[fn] {
				p := pair{ci, t.key()}
				if done[p] {
					continue
				}
				done[p] = true
				regs, derived, unknown := instantiate(t, c)
				if unknown && !reported[ci] {
					reported[ci] = true
					diags = append(diags, Diagnostic{
						Package: c.pkg, Pos: c.pos, Kind: DiagRoute,
						Message: "route helper " + c.callee + " called with a path not known before run time",
						Hint:    unreadRouteHint,
					})
				}
				for _, r := range regs {
					k := r.method + " " + r.path + "\x01" + r.pos + "\x01" + strings.Join(r.handlers, ",") + originKey(r.at.o)
					if !regSeen[k] {
						regSeen[k] = true
						out = append(out, r)
					}
				}
				for _, d := range derived {
					add(d)
				}
			}
		}
	}
	for fn, ts := range byFn {
		if len(callsTo[fn]) > 0 {
			continue
		}
		if i := slices.IndexFunc(ts, func(t routeTmpl) bool { return t.path.hasParam() }); i >= 0 {
			diags = append(diags, Diagnostic{
				Package: ts[i].pkg, Pos: ts[i].pos, Kind: DiagRoute,
				Message: "route helper " + fn + " builds its paths from its parameters, and no call of it passes constants",
				Hint:    unreadRouteHint,
			})
		}
	}
	slices.SortFunc(diags, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Pos, b.Pos), cmp.Compare(a.Message, b.Message))
	})
	return out, diags
}

// instantiate fills a template with what one call passes: routes when
// everything is known, templates of the caller when the call passes its
// own parameters on. unknown reports a path the call passes that is known
// only at run time.
func instantiate(t routeTmpl, c tmplCall) (regs []routeReg, derived []routeTmpl, unknown bool) {
	arg := func(i int) (tmplArg, bool) {
		if i < 0 || i >= len(c.args) {
			return tmplArg{}, false
		}
		return c.args[i], true
	}
	paths := []strTmpl{nil}
	for _, part := range t.path {
		if part.param < 0 {
			for i := range paths {
				paths[i] = append(paths[i][:len(paths[i]):len(paths[i])], part)
			}
			continue
		}
		a, ok := arg(part.param)
		switch {
		case !ok:
			return nil, nil, false
		case len(a.strs) > 0:
			var next []strTmpl
			for _, p := range paths {
				for _, s := range a.strs {
					next = append(next, append(p[:len(p):len(p)], tmplPart{lit: s, param: -1}))
				}
			}
			if len(next) > 64 {
				next = next[:64]
			}
			paths = next
		case a.tmpl != nil:
			for i := range paths {
				paths[i] = append(paths[i][:len(paths[i]):len(paths[i])], a.tmpl...)
			}
		default:
			return nil, nil, true // not known before run time
		}
	}
	handlers, hParam := t.handlers, -1
	if t.hParam >= 0 {
		a, ok := arg(t.hParam)
		if !ok {
			return nil, nil, false
		}
		handlers, hParam = a.handlers, a.hParam
	}
	for _, p := range paths {
		if p.hasParam() || hParam >= 0 {
			derived = append(derived, routeTmpl{fn: c.caller, at: t.at, method: t.method, path: p, fw: t.fw, handlers: handlers, hParam: hParam, pkg: c.pkg, pos: c.pos})
			continue
		}
		s := p.String()
		method, path := t.method, s
		if method == "" {
			method, path = splitStdPattern(s)
			if t.fw == fwGorilla {
				method = strings.ToUpper(method) // as Methods("get") registers
			}
		}
		regs = append(regs, routeReg{at: t.at, method: method, path: path, fw: t.fw, handlers: handlers, pkg: c.pkg, pos: c.pos})
	}
	return regs, derived, false
}
