package source

import (
	"go/ast"
	"go/token"
	"strings"
)

// Access is how one declaration uses a package-level variable.
type Access struct {
	// Write is true when the declaration assigns the variable, an element
	// or field of it, increments it, deletes from it, or calls a mutating
	// method on it (Store, Set, Add, Delete, ...).
	Write bool
	// Line is the first write, or the first use when there is none.
	Line int
	// Once is true when a write happens inside a function passed to a Do
	// method (sync.Once): the variable is a lazily built singleton.
	Once bool
}

// isMutator reports whether a method of this name changes the value it
// is called on.
func isMutator(name string) bool {
	switch name {
	case "Store", "LoadOrStore", "LoadAndDelete", "Swap", "CompareAndSwap", "Delete", "Set", "Add",
		"Put", "Remove", "Clear", "Reset", "Push", "Pop", "Append", "Insert":
		return true
	}
	return false
}

// VarAccess reports how the declaration at s uses the package-level
// variable name, used plainly or qualified by an import name. Locals that
// shadow the variable are told apart within a file.
func (ix *Index) VarAccess(s Span, name string) (Access, error) {
	pf, err := ix.parse(s.File)
	if err != nil {
		return Access{Line: s.First}, err
	}
	var a Access
	refers := func(e ast.Expr) bool { return rootIs(pf, e, name) }
	var visit func(n ast.Node, inOnce bool) bool
	write := func(n ast.Node, inOnce bool) {
		if !a.Write {
			a.Write, a.Line = true, ix.line(n.Pos())
		}
		a.Once = a.Once || inOnce
	}
	r := pf.region(s)
	visit = func(n ast.Node, inOnce bool) bool {
		if n == nil || !r.overlaps(n) {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					if refers(l) {
						write(l, inOnce)
					}
				}
			}
		case *ast.IncDecStmt:
			if refers(n.X) {
				write(n.X, inOnce)
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "delete" || id.Name == "clear") && len(n.Args) > 0 && refers(n.Args[0]) {
				write(n, inOnce)
			}
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if isMutator(sel.Sel.Name) && refers(sel.X) {
					write(n, inOnce)
				}
				if sel.Sel.Name == "Do" && len(n.Args) == 1 {
					if lit, ok := n.Args[0].(*ast.FuncLit); ok {
						ast.Inspect(lit.Body, func(m ast.Node) bool { return visit(m, true) })
						return false
					}
				}
			}
		case *ast.Ident:
			if a.Line == 0 && n.Name == name && isPackageLevel(pf, n) && !isDeclName(pf.file, n) {
				a.Line = ix.line(n.Pos())
			}
		}
		return true
	}
	ast.Inspect(pf.file, func(n ast.Node) bool { return visit(n, false) })
	if a.Line == 0 {
		a.Line = s.First
	}
	return a, nil
}

// rootIs reports whether e, stripped of indexing, field selection,
// dereference and parentheses, is the package-level variable name.
func rootIs(pf *parsedFile, e ast.Expr, name string) bool {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.SelectorExpr:
			if q, ok := x.X.(*ast.Ident); ok && x.Sel.Name == name && q.Obj == nil {
				return true
			}
			e = x.X
		case *ast.Ident:
			return x.Name == name && isPackageLevel(pf, x)
		default:
			return false
		}
	}
}

// isPackageLevel reports whether id, by the parser's resolution within
// its file, is not a local: unresolved (declared in another file of the
// package) or declared by a package-level var spec.
func isPackageLevel(pf *parsedFile, id *ast.Ident) bool {
	if id.Obj == nil {
		return true
	}
	if vs, ok := id.Obj.Decl.(*ast.ValueSpec); ok {
		return pf.top[vs]
	}
	return false
}

// VarKind says what a package-level variable declared at s holds, read
// from its declared type and initializer: "map" (a map or sync.Map),
// "cache" (a type or constructor named cache, or a variable named so) or
// "" for anything else. A sync.Once-built value is found by VarAccess.
func (ix *Index) VarKind(s Span, name string) (string, error) {
	pf, err := ix.parse(s.File)
	if err != nil {
		return "", err
	}
	kind := ""
	r := pf.region(s)
	for _, d := range pf.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR || !r.overlaps(g) {
			continue
		}
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name != name {
					continue
				}
				var val ast.Expr
				if i < len(vs.Values) {
					val = vs.Values[i]
				}
				kind = kindOf(vs.Type, val)
			}
		}
	}
	if kind == "" && strings.Contains(strings.ToLower(name), "cache") {
		kind = "cache"
	}
	return kind, nil
}

// kindOf classifies a declared type and initializer.
func kindOf(typ, val ast.Expr) string {
	for _, e := range []ast.Expr{typ, val} {
		switch x := unwrap(e).(type) {
		case *ast.MapType:
			return "map"
		case *ast.CompositeLit:
			if _, ok := unwrap(x.Type).(*ast.MapType); ok {
				return "map"
			}
			if k := nameKind(x.Type); k != "" {
				return k
			}
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "make" && len(x.Args) > 0 {
				if _, ok := unwrap(x.Args[0]).(*ast.MapType); ok {
					return "map"
				}
			}
			if k := nameKind(x.Fun); k != "" {
				return k
			}
		default:
			if k := nameKind(e); k != "" {
				return k
			}
		}
	}
	return ""
}

// nameKind classifies a type or constructor by its spelling.
func nameKind(e ast.Expr) string {
	var name string
	switch x := unwrap(e).(type) {
	case *ast.Ident:
		name = x.Name
	case *ast.SelectorExpr:
		if q, ok := x.X.(*ast.Ident); ok && q.Name == "sync" && x.Sel.Name == "Map" {
			return "map"
		}
		name = x.Sel.Name
	case *ast.IndexExpr: // a generic type: lru.Cache[K, V]
		return nameKind(x.X)
	case *ast.IndexListExpr:
		return nameKind(x.X)
	}
	if strings.Contains(strings.ToLower(name), "cache") {
		return "cache"
	}
	return ""
}

func unwrap(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return e
		}
	}
}
