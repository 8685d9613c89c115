package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Route tables
//
//	var routes = []Route{
//		{"GET", "/orders", listOrders},
//		{Method: "POST", Pattern: "/orders", Handler: createOrder},
//	}
//	for _, r := range routes {
//		router.Methods(r.Method).Path(r.Pattern).Handler(r.Handler)
//	}
//
// are read by expanding the registration once per row: while it is
// expanded, the range variables stand for the row's fields (or, ranging
// over a map, its key and value), and constString and funcValues read
// through them. The table must be a composite literal: in the range
// statement, in a local variable, in a package-level variable of the
// same package, or returned by a function or method of the package that
// takes no arguments and does nothing else.

// maxTableRows bounds the rows expanded per table.
const maxTableRows = 1000

// binding is what a range variable stands for in one row: the row's
// expression, and for a struct row its fields by name.
type binding struct {
	whole  ast.Expr
	fields map[string]ast.Expr
}

// rangeTable is the rows a range statement iterates over, a binding per
// range variable in each.
type rangeTable struct {
	rows []map[types.Object]binding
}

// tableLits indexes the package's package-level variables initialised
// with a composite literal, and its functions and methods whose body
// returns one (func (h *Handler) Routes() []Route { return []Route{...} }).
func (x *extractor) indexTableLits() {
	x.tableLits = map[types.Object]*ast.CompositeLit{}
	for _, file := range x.u.files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok {
				if lit := returnedLit(fd); lit != nil {
					if obj := x.info.Defs[fd.Name]; obj != nil {
						x.tableLits[obj] = lit
					}
				}
			}
		}
	}
	x.pkgVars(func(_ *ast.File, _ *ast.GenDecl, vs *ast.ValueSpec) {
		if len(vs.Values) != len(vs.Names) {
			return
		}
		for i, name := range vs.Names {
			if lit, ok := ast.Unparen(vs.Values[i]).(*ast.CompositeLit); ok {
				if obj := x.info.Defs[name]; obj != nil {
					x.tableLits[obj] = lit
				}
			}
		}
	})
}

// pkgVars calls f for each package-level var declaration of the package.
func (x *extractor) pkgVars(f func(file *ast.File, gd *ast.GenDecl, vs *ast.ValueSpec)) {
	for _, file := range x.u.files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				f(file, gd, spec.(*ast.ValueSpec))
			}
		}
	}
}

// rangeStmt records the rows of a range over a route-table literal.
func (x *extractor) rangeStmt(r *ast.RangeStmt) {
	lit := x.tableLit(r.X)
	if lit == nil {
		return
	}
	key, _ := r.Key.(*ast.Ident)
	val, _ := r.Value.(*ast.Ident)
	keyObj, valObj := x.defOrUse(key), x.defOrUse(val)
	if keyObj == nil && valObj == nil {
		return
	}
	_, isMap := x.info.TypeOf(lit).Underlying().(*types.Map)
	t := &rangeTable{}
	for _, el := range lit.Elts {
		if len(t.rows) >= maxTableRows {
			break
		}
		row := map[types.Object]binding{}
		kv, _ := el.(*ast.KeyValueExpr)
		v := el
		if kv != nil {
			v = kv.Value
			if isMap && keyObj != nil {
				row[keyObj] = binding{whole: kv.Key}
			}
		}
		if valObj != nil {
			row[valObj] = binding{whole: v, fields: x.structFields(v)}
		}
		if len(row) > 0 {
			t.rows = append(t.rows, row)
		}
	}
	if len(t.rows) == 0 {
		return
	}
	for _, obj := range []types.Object{keyObj, valObj} {
		if obj != nil {
			x.ranges[obj] = t
		}
	}
}

func (x *extractor) defOrUse(id *ast.Ident) types.Object {
	if id == nil || id.Name == "_" {
		return nil
	}
	if obj := x.info.Defs[id]; obj != nil {
		return obj
	}
	return x.info.Uses[id]
}

// tableLit returns the composite literal e denotes: itself, the one a
// local or package-level variable was given, or the one a function of
// the package returns.
func (x *extractor) tableLit(e ast.Expr) *ast.CompositeLit {
	switch v := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return v
	case *ast.Ident:
		obj := x.info.Uses[v]
		if lit := x.localLits[obj]; lit != nil {
			return lit
		}
		return x.tableLits[obj]
	case *ast.CallExpr:
		if len(v.Args) > 0 {
			return nil // what it returns may depend on its arguments
		}
		c, _ := x.peekCallee(v)
		if c.fn != nil && c.iface == nil {
			return x.tableLits[c.fn.Origin()]
		}
	}
	return nil
}

// returnedLit returns the composite literal a function body returns as
// its only statement, or nil.
func returnedLit(fd *ast.FuncDecl) *ast.CompositeLit {
	if fd.Body == nil || len(fd.Body.List) != 1 {
		return nil
	}
	ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	lit, _ := ast.Unparen(ret.Results[0]).(*ast.CompositeLit)
	return lit
}

// structFields maps the field names of a struct literal (or &literal) to
// their expressions, keyed or positional.
func (x *extractor) structFields(e ast.Expr) map[string]ast.Expr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	t := x.info.TypeOf(lit)
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	fields := map[string]ast.Expr{}
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				fields[id.Name] = kv.Value
			}
			continue
		}
		if i < st.NumFields() {
			fields[st.Field(i).Name()] = el
		}
	}
	return fields
}

// bound returns the expression e stands for in the row being expanded:
// a range variable's row, or a field of it.
func (x *extractor) bound(e ast.Expr) (ast.Expr, bool) {
	if x.row == nil {
		return nil, false
	}
	switch v := ast.Unparen(e).(type) {
	case *ast.Ident:
		if b, ok := x.row[x.info.Uses[v]]; ok {
			return b.whole, true
		}
	case *ast.SelectorExpr:
		id, ok := ast.Unparen(v.X).(*ast.Ident)
		if !ok {
			return nil, false
		}
		if b, ok := x.row[x.info.Uses[id]]; ok && b.fields != nil {
			f, ok := b.fields[v.Sel.Name]
			return f, ok
		}
	}
	return nil, false
}

// rowString reads a string in the row being expanded: a bound field, or
// bound fields and constants joined with +.
func (x *extractor) rowString(e ast.Expr) (string, bool) {
	if b, ok := x.bound(e); ok {
		return x.constString(b)
	}
	if bin, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && bin.Op == token.ADD {
		a, ok1 := x.constString(bin.X)
		b, ok2 := x.constString(bin.Y)
		if ok1 && ok2 {
			return a + b, true
		}
	}
	return "", false
}

// tableRows returns the rows to expand a registration call over: those of
// the route table whose range variables its arguments use (through a
// gorilla/mux chain too), or nil.
func (x *extractor) tableRows(call *ast.CallExpr) *rangeTable {
	if len(x.ranges) == 0 || x.row != nil {
		return nil
	}
	var t *rangeTable
	ast.Inspect(call, func(n ast.Node) bool {
		if t != nil {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			t = x.ranges[x.info.Uses[id]]
		}
		return true
	})
	return t
}

// expandRows runs register once per row of t, with the row bound; routes
// it adds are placed at their row.
func (x *extractor) expandRows(t *rangeTable, register func()) {
	for _, row := range t.rows {
		x.row, x.rowPos = row, token.NoPos
		for _, b := range row {
			if p := b.whole.Pos(); x.rowPos == token.NoPos || p < x.rowPos {
				x.rowPos = p
			}
		}
		register()
	}
	x.row, x.rowPos = nil, token.NoPos
}
