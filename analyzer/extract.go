package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
)

// extractor walks the syntax of one type-checked root package and records
// its nodes and facts.
type extractor struct {
	l     *loader
	u     *unit
	pkg   string
	info  *types.Info
	cfg   *Config
	roots map[string]bool // import paths of the analyzed packages
	f     *facts
	rf    *routeFacts // the routes recognizer's (routerfacts.go)
	// recs are the declared recognizers, hooks their hooks over this
	// package (recognizer.go).
	recs  []recognizer
	hooks []hooks

	// per declaration
	owner    string              // id of the enclosing declaration
	ownerFn  *types.Func         // enclosing function, when the owner is one
	called   map[*ast.Ident]bool // identifiers in callee position
	consumed map[*ast.CallExpr]bool
	litDepth int
	lits     []litScope                // function literals being walked, innermost last
	litVars  map[types.Object]litScope // local variables given a function literal
	locals   map[types.Object][]string // string variables assigned constants

	// pkgStrings are package-level string variables that keep their
	// constant initial value (fold.go).
	pkgStrings map[types.Object]string
	pkgRegexps map[types.Object]string // regexp.MustCompile(constant), by variable

	// route tables (routes_table.go)
	tableLits map[types.Object]*ast.CompositeLit // package-level variables holding a literal
	localLits map[types.Object]*ast.CompositeLit // local variables holding a literal
	localFns  map[types.Object][]string          // local variables given module functions (h := api.List)
	ranges    map[types.Object]*rangeTable       // range variables over a table literal
	// rangeSlots are range value variables over a package-level slice or
	// map of functions (funcslots.go).
	rangeSlots map[types.Object]*types.Var
	// nilDefaults are router variables inside an if v == nil block that
	// gives them a default (routes.go).
	nilDefaults map[types.Object]*ast.BlockStmt
	// localTmpls, guards and localFuncLits read route helpers that build
	// their pattern in locals (routes_locals.go).
	localTmpls    map[types.Object]localTmpl
	guards        []guardBlock
	prefixTests   []prefixTest
	localFuncLits map[types.Object]*ast.FuncLit
	// handlerCalls are local http.Handler variables given a call's result
	// (h := api.NewHandler(store)), for mounts (routes.go).
	handlerCalls map[types.Object]*ast.CallExpr
	// following are the handlerCalls variables funcValues is reading,
	// against a call that reads its own variable (h = logged(h))
	following map[types.Object]bool
	// libraryVars are local variables given the results of a call of
	// library code (see libraryResults).
	libraryVars map[types.Object]bool
	// handlerRouters are local http.Handler variables given a router,
	// bare or behind middleware.
	handlerRouters map[types.Object]bool
	// localSprintf are local strings given a fmt.Sprintf call, and
	// fieldStrings the constants the package gives its string fields,
	// indexed on first use (sqlsprintf.go).
	localSprintf map[types.Object]*ast.CallExpr
	fieldStrings map[*types.Var][]string
	row          map[types.Object]binding // the row being expanded, or nil
	rowPos       token.Pos

	// fnIDs and helpers memoize funcID and routerHelper by function, and
	// objIDs the ids of types and package-level variables: the walk asks
	// for them at every call and mention, and building an id allocates.
	fnIDs   map[*types.Func]string
	helpers map[*types.Func]bool
	objIDs  map[types.Object]string

	// generated is set while walking a file marked "Code generated ... DO
	// NOT EDIT": its calls and routes count, but its method names say
	// nothing about business events or jobs, and its symbols are marked
	// Generated.
	generated bool
}

func (x *extractor) inRoots(obj types.Object) bool {
	return obj != nil && obj.Pkg() != nil && x.roots[obj.Pkg().Path()]
}

func (x *extractor) pos(p token.Pos) string { return x.l.relPos(x.l.fset.Position(p)) }

func (x *extractor) lines(n ast.Node) int {
	start, end := x.l.fset.Position(n.Pos()), x.l.fset.Position(n.End())
	return end.Line - start.Line + 1
}

// run extracts the whole package.
func (x *extractor) run() {
	x.fnIDs, x.helpers, x.objIDs = map[*types.Func]string{}, map[*types.Func]bool{}, map[types.Object]string{}
	x.startRecognizers(x.recs)
	x.indexTableLits()
	x.indexPkgStrings()
	total := 0
	for _, file := range x.u.files {
		total += x.lines(file)
		x.generated = ast.IsGenerated(file)
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				x.funcDecl(d)
			case *ast.GenDecl:
				x.genDecl(d)
			}
		}
	}
	pos := ""
	if len(x.u.files) > 0 {
		pos = x.pos(x.u.files[0].Package)
	}
	x.f.nodes = append(x.f.nodes, Node{ID: pkgID(x.pkg), Kind: KindPackage, Name: x.u.pkg.Name, Package: x.pkg, Pos: pos, Lines: total})
	for _, imp := range x.u.pkg.Imports {
		x.f.edge(pkgID(x.pkg), pkgID(imp.PkgPath), EdgeImports)
	}
}

func pkgID(path string) string { return "pkg:" + path }

func (x *extractor) begin(owner string, fn *types.Func) {
	x.owner, x.ownerFn = owner, fn
	x.called = map[*ast.Ident]bool{}
	x.consumed = map[*ast.CallExpr]bool{}
	x.locals = map[types.Object][]string{}
	x.localLits = map[types.Object]*ast.CompositeLit{}
	x.localFns = map[types.Object][]string{}
	x.ranges = map[types.Object]*rangeTable{}
	x.rangeSlots = map[types.Object]*types.Var{}
	x.nilDefaults = map[types.Object]*ast.BlockStmt{}
	x.localTmpls = map[types.Object]localTmpl{}
	x.guards = x.guards[:0]
	x.prefixTests = x.prefixTests[:0]
	x.localFuncLits = map[types.Object]*ast.FuncLit{}
	x.handlerCalls = map[types.Object]*ast.CallExpr{}
	x.following = map[types.Object]bool{}
	x.libraryVars = map[types.Object]bool{}
	x.handlerRouters = map[types.Object]bool{}
	x.localSprintf = map[types.Object]*ast.CallExpr{}
	x.row, x.rowPos = nil, token.NoPos
	x.litDepth = 0
	x.lits = x.lits[:0]
	x.litVars = map[types.Object]litScope{}
	for _, h := range x.hooks {
		if h.enter != nil {
			h.enter()
		}
	}
}

func (x *extractor) funcDecl(d *ast.FuncDecl) {
	fn, ok := x.info.Defs[d.Name].(*types.Func)
	if !ok {
		return
	}
	id := x.funcID(fn)
	kind, name := KindFunc, fn.Name()
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		kind = KindMethod
		name = recvName(recv.Type()) + "." + fn.Name()
	}
	x.f.nodes = append(x.f.nodes, Node{ID: id, Kind: kind, Name: name, Package: x.pkg, Pos: x.pos(d.Pos()), Lines: x.lines(d), Generated: x.generated})
	x.begin(id, fn)
	if d.Recv != nil {
		x.walk(d.Recv)
	}
	x.walk(d.Type)
	if d.Body != nil {
		x.walk(d.Body)
		if fn.Name() == "TableName" && kind == KindMethod {
			x.tableNameMethod(fn, d.Body)
		}
	}
	for _, h := range x.hooks {
		if h.funcDecl != nil {
			h.funcDecl(fn, d)
		}
	}
}

// recvName spells a receiver type as go/types does in FullName: "(*T)" or "T".
func recvName(t types.Type) string {
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		ptr, t = true, p.Elem()
	}
	name := types.TypeString(t, func(*types.Package) string { return "" })
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	if ptr {
		return "(*" + name + ")"
	}
	return name
}

func (x *extractor) genDecl(d *ast.GenDecl) {
	for _, spec := range d.Specs {
		switch s := spec.(type) {
		case *ast.TypeSpec:
			x.typeSpec(d, s)
		case *ast.ValueSpec:
			if d.Tok != token.VAR {
				continue
			}
			x.varSpec(d, s)
		}
	}
}

func (x *extractor) typeSpec(d *ast.GenDecl, s *ast.TypeSpec) {
	obj, ok := x.info.Defs[s.Name].(*types.TypeName)
	if !ok || s.Name.Name == "_" {
		return
	}
	id := obj.Pkg().Path() + "." + obj.Name()
	var node ast.Node = s
	if len(d.Specs) == 1 {
		node = d // include the doc comment and 'type' keyword in the size
	}
	x.f.nodes = append(x.f.nodes, Node{ID: id, Kind: KindType, Name: obj.Name(), Package: x.pkg, Pos: x.pos(s.Pos()), Lines: x.lines(node), Generated: x.generated})
	x.begin(id, nil)
	if s.TypeParams != nil {
		x.walk(s.TypeParams)
	}
	x.walk(s.Type)
	x.embeds(id, s.Type)
	if st, ok := obj.Type().Underlying().(*types.Struct); ok {
		if name := modelTableTag(st); name != "" {
			x.f.tableNames[obj] = strings.ToLower(name)
		}
	}
}

// embeds records embedded struct fields and embedded interfaces.
func (x *extractor) embeds(id string, t ast.Expr) {
	var fields *ast.FieldList
	switch tt := t.(type) {
	case *ast.StructType:
		fields = tt.Fields
	case *ast.InterfaceType:
		fields = tt.Methods
	default:
		return
	}
	for _, f := range fields.List {
		if len(f.Names) > 0 {
			continue
		}
		if tn := x.typeNameOf(f.Type); tn != nil && x.inRoots(tn) {
			x.f.edge(id, typeID(tn), EdgeEmbeds)
		}
	}
}

// typeNameOf finds the named type an embedded-field expression denotes.
func (x *extractor) typeNameOf(e ast.Expr) *types.TypeName {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.SelectorExpr:
			tn, _ := x.info.Uses[t.Sel].(*types.TypeName)
			return tn
		case *ast.Ident:
			tn, _ := x.info.Uses[t].(*types.TypeName)
			return tn
		default:
			return nil
		}
	}
}

func typeID(tn *types.TypeName) string { return tn.Pkg().Path() + "." + tn.Name() }

// objID is the id of a package-level type or variable, memoized for the
// package.
func (x *extractor) objID(obj types.Object) string {
	id, ok := x.objIDs[obj]
	if !ok {
		id = obj.Pkg().Path() + "." + obj.Name()
		x.objIDs[obj] = id
	}
	return id
}

func (x *extractor) varSpec(d *ast.GenDecl, s *ast.ValueSpec) {
	for i, name := range s.Names {
		obj, ok := x.info.Defs[name].(*types.Var)
		if !ok || name.Name == "_" {
			continue
		}
		id := obj.Pkg().Path() + "." + obj.Name()
		var node ast.Node = s
		if len(d.Specs) == 1 {
			node = d
		}
		x.f.nodes = append(x.f.nodes, Node{ID: id, Kind: KindVar, Name: obj.Name(), Package: x.pkg, Pos: x.pos(name.Pos()), Lines: x.lines(node), Generated: x.generated})
		x.begin(id, nil)
		if s.Type != nil {
			x.walk(s.Type)
		}
		if len(s.Values) == len(s.Names) {
			x.walk(s.Values[i])
			x.assign(obj, s.Values[i])
			x.storeSlot(name, s.Values[i])
		} else if i == 0 {
			for _, v := range s.Values {
				x.walk(v)
			}
		}
	}
}

// walk visits an expression, statement or body of the current owner.
func (x *extractor) walk(n ast.Node) {
	ast.Inspect(n, x.visit)
}

func (x *extractor) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncLit:
		x.litDepth++
		sc, ok := x.litScopeOf(n)
		if ok {
			x.lits = append(x.lits, sc)
		}
		x.walk(n.Type)
		x.walk(n.Body)
		if ok {
			x.lits = x.lits[:len(x.lits)-1]
		}
		x.litDepth--
		return false
	case *ast.CallExpr:
		x.call(n)
	case *ast.GoStmt:
		for _, h := range x.hooks {
			if h.goStmt != nil {
				h.goStmt(n)
			}
		}
	case *ast.AssignStmt:
		x.assignStmt(n)
	case *ast.ValueSpec:
		for i, name := range n.Names {
			if obj := x.info.Defs[name]; obj != nil && i < len(n.Values) && len(n.Values) == len(n.Names) {
				x.assign(obj, n.Values[i])
			}
		}
	case *ast.RangeStmt:
		x.rangeStmt(n)
		x.rangeSlot(n)
	case *ast.IfStmt:
		for _, h := range x.hooks {
			if h.ifStmt != nil {
				h.ifStmt(n)
			}
		}
		x.nilRouterCheck(n)
		x.guardIf(n)
	case *ast.SwitchStmt:
		for _, h := range x.hooks {
			if h.switchStmt != nil {
				h.switchStmt(n)
			}
		}
	case *ast.ReturnStmt:
		x.returnStmt(n)
	case *ast.CompositeLit:
		x.compositeLit(n)
	case *ast.Ident:
		x.ident(n)
	}
	return true
}

// ident records references to module types, function values and
// package-level variables.
func (x *extractor) ident(id *ast.Ident) {
	obj := x.info.Uses[id]
	if obj == nil || !x.inRoots(obj) {
		return
	}
	switch o := obj.(type) {
	case *types.TypeName:
		if o.Parent() == o.Pkg().Scope() {
			x.f.edge(x.owner, x.objID(o), EdgeReferences)
		}
	case *types.Func:
		if x.called[id] {
			return
		}
		o = o.Origin()
		if recv := o.Type().(*types.Signature).Recv(); recv != nil && types.IsInterface(recv.Type()) {
			if tn := namedOf(recv.Type()); tn != nil && x.inRoots(tn) {
				x.f.edge(x.owner, x.objID(tn), EdgeReferences)
			}
			return
		}
		x.f.edge(x.owner, x.funcID(o), EdgeReferences)
	case *types.Var:
		if !o.IsField() && o.Parent() == o.Pkg().Scope() {
			x.f.edge(x.owner, x.objID(o), EdgeUses)
		}
	}
}

// namedOf returns the type name of a (pointer to a) named type.
func namedOf(t types.Type) *types.TypeName {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch n := types.Unalias(t).(type) {
	case *types.Named:
		return n.Origin().Obj()
	}
	return nil
}

// constString returns the constant string value of e, if it has one.
func (x *extractor) constString(e ast.Expr) (string, bool) {
	tv, ok := x.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		if x.row != nil {
			if s, ok := x.rowString(e); ok {
				return s, true // a route table's row is being expanded
			}
		}
		if vs := x.foldStrings(e); len(vs) == 1 {
			return vs[0], true
		}
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// stringValues returns the constant strings e may hold: its constant value,
// the constants assigned to the local variable it names, or the
// concatenations of those.
func (x *extractor) stringValues(e ast.Expr) []string {
	if s, ok := x.constString(e); ok {
		return []string{s}
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if obj := x.info.Uses[id]; obj != nil && x.locals[obj] != nil {
			return x.locals[obj]
		}
	}
	// prefix + "/x" where prefix is a local given constants: every
	// combination, a few at most; path.Join and fmt.Sprintf likewise.
	return x.foldStrings(e)
}

// maxStringValues bounds the values stringValues returns for one
// expression.
const maxStringValues = 16

func (x *extractor) assignStmt(a *ast.AssignStmt) {
	if len(a.Lhs) != len(a.Rhs) {
		x.libraryResults(a)
		return
	}
	for i, lhs := range a.Lhs {
		var obj types.Object
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			obj = x.defOrUse(l)
		case *ast.SelectorExpr:
			if sel := x.info.Selections[l]; sel != nil {
				obj = sel.Obj()
			} else {
				obj = x.info.Uses[l.Sel]
			}
		}
		if obj != nil {
			x.assign(obj, a.Rhs[i])
		}
		x.storeSlot(lhs, a.Rhs[i])
	}
}

// libraryResults marks the local variables given the results of one call
// of library code (authHandler, avatarHandler := auth.Handlers()): what
// they hold is the library's, no module code ficus failed to follow.
func (x *extractor) libraryResults(a *ast.AssignStmt) {
	call, ok := ast.Unparen(a.Rhs[0]).(*ast.CallExpr)
	if len(a.Rhs) != 1 || !ok {
		return
	}
	if c, _ := x.peekCallee(call); c.fn == nil || x.inRoots(c.fn) {
		return
	}
	for _, lhs := range a.Lhs {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			if obj := x.defOrUse(id); obj != nil {
				x.libraryVars[obj] = true
			}
		}
	}
}

// assign follows values into variables: constant strings (for SQL held in
// locals) and routers (for route prefixes).
func (x *extractor) assign(obj types.Object, rhs ast.Expr) {
	if v, isVar := obj.(*types.Var); isVar && v.Parent() != nil && v.Parent() != v.Pkg().Scope() {
		switch lit := ast.Unparen(rhs).(type) {
		case *ast.CompositeLit:
			x.localLits[obj] = lit
		case *ast.FuncLit:
			if sc, ok := x.litScopeOf(lit); ok {
				x.litVars[obj] = sc
			}
			x.localFuncLits[obj] = lit
		}
		if isString(v.Type()) {
			x.localTemplate(obj, rhs)
			if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok {
				x.localSprintf[obj] = call
			}
		}
		if isHandlerIface(v.Type()) {
			if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && (x.handlerCalls[obj] == nil || !x.mentions(call, obj)) {
				// middleware wrapped around the variable's own handler
				// (fs = cacheControl(fs)) leaves the handler it wraps
				x.handlerCalls[obj] = call
			}
			if r := x.wrappedRouter(rhs, 0); r != nil {
				// var h http.Handler = mux; h = middleware(h)
				x.handlerRouters[obj] = true
				x.rf.flows = append(x.rf.flows, routerFlow{to: origin{obj: obj}, from: x.evalRouter(r)})
			}
		}
		if isFuncType(v.Type()) {
			if fns := x.funcValues(rhs); len(fns) > 0 {
				x.localFns[obj] = appendUniqueAll(x.localFns[obj], fns)
			}
		}
	}
	if t := x.prefixTestAt(rhs.Pos(), obj); t != nil && len(x.locals[obj]) > 0 {
		// under if !strings.HasPrefix(v, "/"): only the values the test
		// selects take the new value (v = "/" + v)
		x.locals[obj] = x.localsUnderPrefixTest(obj, rhs, t)
	} else if s, ok := x.constString(rhs); ok {
		if v, isVar := obj.(*types.Var); isVar && v.Parent() != nil && v.Parent() != v.Pkg().Scope() {
			x.locals[obj] = append(x.locals[obj], s)
		}
	}
	if isRouterType(obj.Type()) && !x.nilDefault(obj, rhs) {
		x.rf.flows = append(x.rf.flows, routerFlow{to: origin{obj: obj}, from: x.evalRouter(rhs)})
	}
	if v, ok := obj.(*types.Var); ok {
		x.storeFuncField(v, rhs)
		x.storeStringField(v, rhs)
		for _, h := range x.hooks {
			if h.assign != nil {
				h.assign(v, rhs)
			}
		}
	}
}

func (x *extractor) returnStmt(r *ast.ReturnStmt) {
	if x.litDepth > 0 || x.ownerFn == nil {
		return
	}
	res := x.ownerFn.Type().(*types.Signature).Results()
	if res.Len() != len(r.Results) {
		return
	}
	for i, e := range r.Results {
		if isRouterType(res.At(i).Type()) || isHandlerIface(res.At(i).Type()) && isRouterType(x.info.TypeOf(e)) {
			x.rf.flows = append(x.rf.flows, routerFlow{to: origin{fn: x.ownerFn}, from: x.evalRouter(e)})
		} else if isHandlerIface(res.At(i).Type()) {
			if r := x.wrappedRouter(e, 0); r != nil {
				x.rf.flows = append(x.rf.flows, routerFlow{to: origin{fn: x.ownerFn}, from: x.evalRouter(r)})
			}
		}
	}
}

// compositeLit follows routers stored in struct fields by keyed literals.
func (x *extractor) compositeLit(c *ast.CompositeLit) {
	x.structLitFields(c)
	for _, h := range x.hooks {
		if h.compositeLit != nil {
			h.compositeLit(c)
		}
	}
	for _, el := range c.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if fld, ok := x.info.Uses[key].(*types.Var); ok && fld.IsField() && isRouterType(fld.Type()) {
			x.rf.flows = append(x.rf.flows, routerFlow{to: origin{obj: fld}, from: x.evalRouter(kv.Value)})
		}
	}
}

// funcID spells a function or method id as the graph format documents:
// "pkgpath.Name", "pkgpath.(*T).M" or "pkgpath.T.M".
// funcID is funcID(fn), memoized for the package.
func (x *extractor) funcID(fn *types.Func) string {
	id, ok := x.fnIDs[fn]
	if !ok {
		id = funcID(fn)
		x.fnIDs[fn] = id
	}
	return id
}

func funcID(fn *types.Func) string {
	fn = fn.Origin()
	path := ""
	if fn.Pkg() != nil {
		path = fn.Pkg().Path() + "."
	}
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		return path + recvName(recv.Type()) + "." + fn.Name()
	}
	return path + fn.Name()
}
