package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Recognizers
//
// A recognizer reads one framework, ORM or pattern (events, jobs, ent,
// gorm, ...), in the manner of golang.org/x/tools/go/analysis: it is a
// declared value with a name and a doc line, a run over one type-checked
// package that fills facts of its own type, and a resolve step that turns
// the facts of every package into graph nodes, edges and diagnostics once
// the whole module is read.
//
// The run does not walk the syntax itself: one shared walk of each package
// (extract.go) hands every recognizer the nodes it asked for through its
// hooks, so adding a recognizer costs no extra pass over the code. What
// the walk knows (the enclosing declaration, constant folding, the
// functions a handler expression stands for) reaches a recognizer through
// its pass.
//
// Adding a recognizer is one file declaring it, one fixture under
// testdata/fixtures with its expectations inline (// want "..."), and one
// line in recognizers() below; docs/recognizers.md lists every one (a test
// keeps it in step) and explains the steps.

// recognizer is one declared analysis. declared[F] implements it for
// facts of type F; the interface lets the builder hold recognizers of
// different fact types in one list.
type recognizer interface {
	// name is the recognizer's short name, as docs/recognizers.md lists it.
	name() string
	// doc says what the recognizer reads, in one line.
	doc() string
	// start begins a run over one package: the hooks the shared walk
	// calls, and the facts they fill.
	start(p *pass) (hooks, any)
	// finish resolves the facts of every root package, in package order.
	finish(r *resolution, facts []any)
}

// declared is a recognizer whose facts over one package are an F.
type declared[F any] struct {
	Name, Doc string
	// Run returns the hooks that fill f while the package p is walked.
	Run func(p *pass, f *F) hooks
	// Resolve turns the facts of every package into the graph; nil when
	// the run already said everything through its pass.
	Resolve func(r *resolution, all []*F)
}

func (d *declared[F]) name() string { return d.Name }

func (d *declared[F]) doc() string { return d.Doc }

func (d *declared[F]) start(p *pass) (hooks, any) {
	f := new(F)
	return d.Run(p, f), f
}

func (d *declared[F]) finish(r *resolution, facts []any) {
	if d.Resolve == nil {
		return
	}
	all := make([]*F, 0, len(facts))
	for _, f := range facts {
		all = append(all, f.(*F))
	}
	d.Resolve(r, all)
}

// recognizers lists the declared recognizers, in the order their hooks
// run and their facts are resolved. routes resolves last: others hand it
// the route registrations they find (resolution.routes).
func recognizers() []recognizer {
	return []recognizer{
		libRegistrarRecognizer(),
		eventsRecognizer(),
		jobsRecognizer(),
		sqlRecognizer(),
		sqlFilesRecognizer(),
		ormRecognizer(),
		ozzoDBXRecognizer(),
		entRecognizer(),
		dispatchRecognizer(),
		unreadRouterRecognizer(),
		routesRecognizer(),
	}
}

// hooks are the syntax a recognizer asks the shared walk for; each is
// optional.
type hooks struct {
	// enter is called as each declaration starts: a recognizer resets
	// what it keeps per declaration.
	enter func()
	// call is called on each call of a known function or method that no
	// router registration claimed, after the call edges are recorded.
	call func(call *ast.CallExpr, c callee)
	// anyCall is called on every call expression, before anything else
	// reads it: calls of function values and builtins too.
	anyCall func(call *ast.CallExpr, c callee)
	// assign is called on each value given to a variable or field, by
	// an assignment or a declaration.
	assign func(v *types.Var, rhs ast.Expr)
	// compositeLit is called on each composite literal.
	compositeLit func(c *ast.CompositeLit)
	// ifStmt and switchStmt are called on each if and switch statement.
	ifStmt     func(s *ast.IfStmt)
	switchStmt func(s *ast.SwitchStmt)
	// goStmt is called on each go statement.
	goStmt func(g *ast.GoStmt)
	// funcDecl is called once a function or method declaration has
	// been walked.
	funcDecl func(fn *types.Func, d *ast.FuncDecl)
}

// startRecognizers begins every recognizer's run over the package being
// extracted.
func (x *extractor) startRecognizers(recs []recognizer) {
	p := &pass{x: x}
	x.f.recognized = make([]any, len(recs))
	for i, r := range recs {
		h, f := r.start(p)
		x.hooks = append(x.hooks, h)
		x.f.recognized[i] = f
	}
}

// pass is what a recognizer's run sees of the package being walked: the
// package, the declaration being walked, and the shared machinery of the
// walk (constant folding, handler resolution, router flow).
type pass struct{ x *extractor }

// pkg is the import path of the package.
func (p *pass) pkg() string { return p.x.pkg }

// info is the package's type information.
func (p *pass) info() *types.Info { return p.x.info }

// config is the module's ficus.yaml.
func (p *pass) config() *Config { return p.x.cfg }

// owner is the id of the declaration being walked.
func (p *pass) owner() string { return p.x.owner }

// generated reports whether the file being walked is generated code.
func (p *pass) generated() bool { return p.x.generated }

// inRoots reports whether obj belongs to one of the analyzed packages.
func (p *pass) inRoots(obj types.Object) bool { return p.x.inRoots(obj) }

// ownPackage reports a package of the analyzed module(s), analyzed or
// not (a subset of the packages given as patterns leaves others out).
func (p *pass) ownPackage(path string) bool { return p.x.l.own[path] }

// pos spells a position relative to the module, as nodes carry it.
func (p *pass) pos(pos token.Pos) string { return p.x.pos(pos) }

// callee resolves the function a call invokes.
func (p *pass) callee(call *ast.CallExpr) callee {
	c, _ := p.x.peekCallee(call)
	return c
}

// constString is the constant string value of e, folded where the
// program computes it from constants.
func (p *pass) constString(e ast.Expr) (string, bool) { return p.x.constString(e) }

// stringValues are the constant strings e may hold.
func (p *pass) stringValues(e ast.Expr) []string { return p.x.stringValues(e) }

// ownParam reports whether e names a string parameter of an enclosing
// function (or function literal), and which.
func (p *pass) ownParam(e ast.Expr) (paramRef, bool) { return p.x.ownParam(e) }

// queryTexts is the SQL a query argument stands for (sqlfiles.go).
func (p *pass) queryTexts(arg ast.Expr) []string { return p.x.queryTexts(arg) }

// namedQueries is the SQL of the queries of the module's .sql files
// called name.
func (p *pass) namedQueries(name string) []string { return p.x.l.queries.lookup(name) }

// structFields maps the field names of a struct literal (or &literal) to
// their expressions, keyed or positional.
func (p *pass) structFields(e ast.Expr) map[string]ast.Expr { return p.x.structFields(e) }

// isRoot reports whether an import path is one of the analyzed packages.
func (p *pass) isRoot(path string) bool { return p.x.roots[path] }

// enclosingSig is the signature of the function being walked: the
// innermost function literal, or the declaration; nil outside functions.
func (p *pass) enclosingSig() *types.Signature {
	switch x := p.x; {
	case len(x.lits) > 0:
		return x.lits[len(x.lits)-1].sig
	case x.ownerFn != nil:
		return x.ownerFn.Type().(*types.Signature)
	}
	return nil
}

// localFuncs are the module functions a local variable of the
// declaration was given (h := api.List).
func (p *pass) localFuncs(obj types.Object) []string { return p.x.localFns[obj] }

// compiledRegexp is the expression a regular expression value was
// compiled from, when it is known.
func (p *pass) compiledRegexp(e ast.Expr) (string, bool) { return p.x.compiledRegexp(e) }

// report adds a diagnostic, in the order the walk finds them.
func (p *pass) report(d Diagnostic) { p.x.f.diags = append(p.x.f.diags, d) }

// router says which router an expression denotes, for routes a
// recognizer registers on it.
func (p *pass) router(e ast.Expr) routerVal { return p.x.evalRouter(e) }

// funcValues are the module functions a handler expression stands for.
func (p *pass) funcValues(e ast.Expr) []string { return p.x.funcValues(e) }

// resolution is what a recognizer's resolve step sees: the graph being
// built and the module-wide indexes.
type resolution struct {
	b  *builder
	ix *implIndex
	// added are route registrations other recognizers found.
	added []routeReg
}

// node adds a node; the first node of an id wins.
func (r *resolution) node(n Node) { r.b.node(n) }

// routes adds route registrations, resolved with the routers' prefixes
// and mounts like those of the routing libraries (routesRecognizer,
// which resolves last).
func (r *resolution) routes(regs []routeReg) { r.added = append(r.added, regs...) }

// edge adds weight w to an edge.
func (r *resolution) edge(from, to string, kind EdgeKind, w int) {
	if from == "" || to == "" {
		return
	}
	r.b.edges[edgeKey{from, to, kind}] += w
}
