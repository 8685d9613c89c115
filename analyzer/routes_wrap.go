package analyzer

import (
	"cmp"
	"fmt"
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
// the function's parameter number param, or of its field named field
// (options.BaseURL).
type tmplPart struct {
	lit   string
	param int
	field string
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
			b.WriteString("\x00" + strconv.Itoa(p.param) + "." + p.field + "\x00")
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
	atParam  int    // the helper's parameter holding the router at is; -1 for none
	pkg, pos string // the registration, for a diagnostic when no call fills the template
	// generated marks a template in generated code, whose unused variants
	// (oapi-codegen's HandlerFromMuxWithBaseURL) need no diagnostic.
	generated bool
	// guards are conditions on the helper's string parameters under
	// which the path is this one (routes_locals.go).
	guards []tmplGuard
}

func (t routeTmpl) key() string {
	return t.fn + "\x01" + t.method + "\x01" + t.path.String() + "\x01" + strconv.Itoa(t.hParam) + "\x01" + strconv.Itoa(t.atParam) + "\x01" +
		strings.Join(t.handlers, ",") + "\x01" + strconv.Itoa(int(t.fw)) + "\x01" + t.at.prefix + "\x01" + originKey(t.at.o) + "\x01" + fmt.Sprint(t.guards)
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
	// owner is the declaration the call is in (caller may name a
	// function literal in it).
	owner     string
	pkg, pos  string
	args      []tmplArg // by parameter index
	generated bool      // the call is in generated code
}

// tmplArg is what one argument holds: constant strings, a string built
// from the caller's own parameters, handler functions, the string fields
// of a struct literal (fields absent from it are ""), or one of the
// caller's parameters passed on as it is (hParam).
type tmplArg struct {
	strs     []string
	tmpl     strTmpl
	handlers []string
	fields   map[string]tmplArg
	router   *routerVal // the router passed to a router parameter
	hParam   int
	// elsewhere marks a string field read through the field's own call
	// (routes_fields.go): a template needing it is filled there.
	elsewhere bool
}

// strTemplate reads e as one template (strTemplates, routes_locals.go):
// constants and string parameters (or string fields of struct
// parameters) of one enclosing function joined with + or fmt.Sprintf, or
// a local holding one. ok is false for anything else, for several
// templates, or when e uses no parameter (a constant is read by
// stringValues). fn is the function whose parameters it uses.
func (x *extractor) strTemplate(e ast.Expr) (t strTmpl, fn string, ok bool) {
	alts, fn, ok := x.strTemplates(e)
	if !ok || len(alts) != 1 || len(alts[0].guards) > 0 {
		return nil, "", false
	}
	return alts[0].t, fn, true
}

// routeTemplate records a registration whose pattern comes from the
// enclosing function's parameters, or whose handler is one of them. It
// reports whether it recorded one.
func (x *extractor) routeTemplate(at routerVal, method string, path, handler ast.Expr, fw framework) bool {
	return x.routeTemplateAt(at, method, nil, "", path, handler, fw)
}

// routeTemplateAt is routeTemplate for a path written after head: a
// constant prefix, or for a method that is itself a parameter of headFn
// (method ""), the ServeMux-style "METHOD prefix" split once the method is
// known.
func (x *extractor) routeTemplateAt(at routerVal, method string, head strTmpl, headFn string, path, handler ast.Expr, fw framework) bool {
	t := routeTmpl{fn: headFn, at: at, method: method, fw: fw, hParam: -1, atParam: -1, pkg: x.pkg, pos: x.pos(path.Pos()), generated: x.generated}
	var alts []tmplAlt
	if as, fn, ok := x.strTemplates(path); ok {
		if t.fn != "" && t.fn != fn {
			return false
		}
		alts, t.fn = as, fn
	} else if s, ok := x.constString(path); ok {
		alts = []tmplAlt{{t: strTmpl{{lit: s, param: -1}}}}
	} else {
		return false
	}
	if handler != nil {
		if p, v := x.paramOf(handler); v != nil && (t.fn == "" || t.fn == p.fn) {
			t.hParam, t.fn = p.param, p.fn
		} else if p, ok := x.handlerParam(handler, 0); ok && (t.fn == "" || t.fn == p.fn) {
			t.hParam, t.fn = p.param, p.fn
		} else if p, ok := x.adaptedParam(handler); ok && (t.fn == "" || t.fn == p.fn) {
			t.hParam, t.fn = p.param, p.fn
		} else {
			t.handlers = x.funcValues(handler)
		}
	}
	hasParam := false
	for _, a := range alts {
		hasParam = hasParam || a.t.hasParam()
	}
	if !hasParam && t.hParam < 0 {
		return false // an ordinary registration
	}
	// A router the helper is given is the one each call passes, so that
	// every call's paths go to its own router only.
	if v, ok := at.o.obj.(*types.Var); ok {
		if p, pv := x.paramOfVar(v); pv != nil && p.fn == t.fn {
			t.atParam = p.param
		}
	}
	for _, a := range alts {
		ta := t
		ta.path = append(slices.Clone(head), a.t...)
		ta.guards = a.guards
		x.rf.routeTmpls = append(x.rf.routeTmpls, ta)
	}
	return true
}

// unreadRouteHint is the advice on a route whose path ficus cannot read.
const unreadRouteHint = "ficus reads constant paths, paths passed to route helpers, and route tables; this route is not in the graph: give the value under prefixes in ficus.yaml, or add the route to the proxy config by hand"

// adaptedParam returns the handler parameter a registration's handler
// adapts: mux.Handle("GET", path, e.wrap(mws, handler)) or
// http.HandlerFunc(handler) serves the handler the helper is given, so
// each caller's handler is the route's. Exactly one argument of the call
// must be a handler-typed parameter.
func (x *extractor) adaptedParam(e ast.Expr) (paramRef, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return paramRef{}, false
	}
	var found paramRef
	n := 0
	for _, a := range call.Args {
		if p, v := x.paramOf(a); v != nil && isHandlerType(v.Type()) {
			found = p
			n++
		}
	}
	return found, n == 1
}

// unresolvedRoute reports a registration whose path ficus cannot know
// before run time: not a constant, not built from a helper's parameters
// (the helper's callers supply those), not a route table's row. Such a
// route is missing from the graph; the diagnostic says where.
func (x *extractor) unresolvedRoute(path ast.Expr, pos token.Pos) {
	if len(x.stringValues(path)) > 0 {
		return
	}
	if _, _, ok := x.strTemplates(path); ok {
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
	helper, ok := x.helpers[c.fn]
	if !ok {
		helper = routerHelper(sig)
		x.helpers[c.fn] = helper
	}
	x.templateCallTo(call, x.funcID(c.fn), sig, helper)
}

// templateCallTo records a call of the template holder callee, of
// signature sig; helper says it may register routes on a router it is
// given, so that constant paths alone make the call worth keeping.
func (x *extractor) templateCallTo(call *ast.CallExpr, callee string, sig *types.Signature, helper bool) {
	n := sig.Params().Len()
	if n == 0 {
		return
	}
	var tc tmplCall
	useful := false
	caller := ""
	// fields are the arguments that are string fields of module structs;
	// option says the callee returns a function, a functional option that
	// may keep its strings in fields (routes_fields.go).
	var fields []fieldArgAt
	option := returnsFunc(sig)
	// from notes the function whose parameter an argument passes on: all
	// must be the same one (a literal's, or the declaration's).
	from := func(fn string) bool {
		if caller != "" && caller != fn {
			return false
		}
		caller = fn
		return true
	}
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
		switch {
		case isRouterType(pt):
			r := x.evalRouter(arg)
			a.router = &r
			if p, v := x.paramOf(arg); v != nil && from(p.fn) {
				a.hParam = p.param
			}
		case isString(pt):
			if a.strs = x.stringValues(arg); len(a.strs) == 0 {
				if t, fn, ok := x.strTemplate(arg); ok && from(fn) {
					a.tmpl = t
				} else if v := x.stringField(arg); v != nil {
					fields = append(fields, fieldArgAt{i, v})
				}
			}
		case isHandlerType(pt) || structOf(pt) != nil:
			if p, v := x.paramOf(arg); v != nil {
				if from(p.fn) {
					a.hParam = p.param
				}
			} else if isHandlerType(pt) {
				a.handlers = x.funcValues(arg)
			} else {
				a.fields = x.stringFields(arg, from)
			}
		}
		// Route helpers take a handler (or pass one on), or a router and
		// a path; other calls are not kept, which keeps this small on
		// large modules.
		// A helper given a string known only at run time is kept too, so
		// that a template it fills is reported at this call.
		useful = useful || a.tmpl != nil || len(a.handlers) > 0 || a.hParam >= 0 && (helper || isHandlerType(pt)) ||
			(helper || option) && (len(a.strs) > 0 || a.fields != nil || isString(pt))
		tc.args = append(tc.args, a)
	}
	if !useful {
		return
	}
	if caller == "" {
		caller = x.owner
	}
	tc.caller, tc.callee, tc.pkg, tc.pos, tc.generated = caller, callee, x.pkg, x.pos(call.Pos()), x.generated
	tc.owner = x.owner
	if len(fields) > 0 && helper {
		// The path is in struct fields: their values come from where the
		// module stores them (routes_fields.go).
		x.fieldTemplateCalls(tc, fields)
		return
	}
	x.rf.tmplCalls = append(x.rf.tmplCalls, tc)
}

// stringFields reads the string fields of a struct literal (&T{...}, or a
// local variable given one) by field name: constants, or strings built
// from the parameters of the function from accepts; an empty map for a
// literal that sets none. It returns nil for anything else.
func (x *extractor) stringFields(e ast.Expr, from func(fn string) bool) map[string]tmplArg {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if lit := x.localLits[x.info.Uses[id]]; lit != nil {
			e = lit
		}
	}
	if _, ok := ast.Unparen(e).(*ast.CompositeLit); !ok {
		return nil
	}
	out := map[string]tmplArg{}
	for name, v := range x.structFields(e) {
		if !isString(x.info.TypeOf(v)) {
			continue
		}
		a := tmplArg{hParam: -1, strs: x.stringValues(v)}
		if len(a.strs) == 0 {
			if t, fn, ok := x.strTemplate(v); ok && from(fn) {
				a.tmpl = t
			}
		}
		out[name] = a // neither: set, but known only at run time
	}
	return out
}

// routerHelper reports whether a function of signature sig may register
// routes on a router it is given: it takes a router, or a struct holding
// one (options), or is a method of such a struct; the struct may hold it
// through one more struct (a route group holding its engine, which holds
// the library's router).
func routerHelper(sig *types.Signature) bool {
	var holds func(t types.Type, depth int) bool
	holds = func(t types.Type, depth int) bool {
		if isRouterType(t) {
			return true
		}
		st := structOf(t)
		if st == nil || depth == 0 {
			return false
		}
		for i := range st.NumFields() {
			if holds(st.Field(i).Type(), depth-1) {
				return true
			}
		}
		return false
	}
	for i := range sig.Params().Len() {
		if holds(sig.Params().At(i).Type(), 2) {
			return true
		}
	}
	return sig.Recv() != nil && holds(sig.Recv().Type(), 2)
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
	if l := libOf(frameworkOf(tn.Pkg().Path())); l != nil {
		return l.handlerCtx(tn.Name())
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
						Message: "route helper " + displayFn(c.callee) + " called with a path not known before run time",
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
		if i := slices.IndexFunc(ts, func(t routeTmpl) bool { return t.path.hasParam() && !t.generated }); i >= 0 {
			diags = append(diags, Diagnostic{
				Package: ts[i].pkg, Pos: ts[i].pos, Kind: DiagRoute,
				Message: "route helper " + displayFn(fn) + " builds its paths from its parameters, and no call of it passes constants",
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
	var guards []tmplGuard
	for _, g := range t.guards {
		a, ok := arg(g.param)
		switch {
		case !ok:
			return nil, nil, false
		case len(a.strs) > 0:
			if !slices.ContainsFunc(a.strs, g.holds) {
				return nil, nil, false // this call takes the other branch
			}
		case a.hParam >= 0:
			g.param = a.hParam
			guards = append(guards, g)
		}
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
		if ok && part.field != "" {
			a, ok = fieldArg(a, part.field)
		}
		switch {
		case !ok || a.elsewhere:
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
		case a.hParam >= 0 && part.field != "":
			for i := range paths {
				paths[i] = append(paths[i][:len(paths[i]):len(paths[i])], tmplPart{param: a.hParam, field: part.field})
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
	at, atParam := t.at, -1
	if a, ok := arg(t.atParam); ok && a.router != nil {
		at = routerVal{o: a.router.o, prefix: joinPath(a.router.prefix, t.at.prefix)}
		atParam = a.hParam
	}
	for _, p := range paths {
		if p.hasParam() || hParam >= 0 {
			derived = append(derived, routeTmpl{fn: c.caller, at: at, method: t.method, path: p, fw: t.fw, handlers: handlers, hParam: hParam, atParam: atParam, pkg: c.pkg, pos: c.pos, generated: c.generated, guards: guards})
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
		regs = append(regs, routeReg{at: at, method: method, path: path, fw: t.fw, handlers: handlers, pkg: c.pkg, pos: c.pos, owner: c.owner})
	}
	return regs, derived, false
}

// fieldArg is what a struct argument holds in one string field: its
// constants, the zero value "" when the literal leaves it out, or the
// caller's struct parameter passed on (the field is then read from the
// caller's callers).
func fieldArg(a tmplArg, field string) (tmplArg, bool) {
	switch {
	case a.fields != nil:
		f, set := a.fields[field]
		if !set {
			f = tmplArg{strs: []string{""}, hParam: -1}
		}
		return f, true
	case a.hParam >= 0:
		return tmplArg{hParam: a.hParam}, true
	}
	return tmplArg{hParam: -1}, true // not known before run time
}
