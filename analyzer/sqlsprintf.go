package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// SQL built with fmt.Sprintf around values that are not constants
//
//	func newUserModel(conn sqlx.SqlConn) *defaultUserModel {
//		return &defaultUserModel{conn: conn, table: "`user`"}
//	}
//	query := fmt.Sprintf("select %s from %s where `id` = ?", userRows, m.table)
//	m.conn.QueryRowCtx(ctx, &resp, query, id)
//
// (go-zero's generated models) names its table through a struct field
// that the package only ever sets to one constant. Each %s or %v argument
// is read as its one constant value (a constant, a package-level string,
// such a field) or else as a placeholder that names no table (a column
// list held in a variable), and the statement is read as SQL.

// sqlPlaceholder stands for an argument whose value is unknown; the SQL
// reader takes it for no name.
const sqlPlaceholder = "\x1a"

// sprintfSQL returns the statement a fmt.Sprintf call (or a local variable
// given one) builds, when its text reads as SQL.
func (x *extractor) sprintfSQL(e ast.Expr) []string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if id, isID := ast.Unparen(e).(*ast.Ident); isID {
		call, ok = x.localSprintf[x.info.Uses[id]], x.localSprintf[x.info.Uses[id]] != nil
	}
	if !ok {
		return nil
	}
	pieces, ok := x.sprintfPieces(call)
	if !ok {
		return nil
	}
	var b strings.Builder
	for _, p := range pieces {
		if p.arg == nil {
			b.WriteString(p.lit)
			continue
		}
		vs := x.stringValues(p.arg)
		if len(vs) == 0 {
			vs = x.fieldConstants(p.arg)
		}
		if len(vs) == 1 {
			b.WriteString(vs[0])
		} else {
			b.WriteString(sqlPlaceholder)
		}
	}
	if q := b.String(); LooksLikeSQL(q) {
		return []string{q}
	}
	return nil
}

// fieldConstants returns the one constant a string field of a struct of
// this package is ever given in it (keyed literals and assignments), or
// nil when it is given anything else or several values.
func (x *extractor) fieldConstants(e ast.Expr) []string {
	v := x.selectedField(e)
	if v == nil || v.Pkg() == nil || v.Pkg().Path() != x.pkg || !isString(v.Type()) {
		return nil
	}
	if x.fieldStrings == nil {
		x.indexFieldStrings()
	}
	if vs := x.fieldStrings[v]; len(vs) == 1 {
		return vs
	}
	return nil
}

// indexFieldStrings collects, for the string fields of the package's
// structs, the constants the package gives them; a field given anything
// else, or whose address is taken, maps to nil.
func (x *extractor) indexFieldStrings() {
	x.fieldStrings = map[*types.Var][]string{}
	poisoned := map[*types.Var]bool{}
	give := func(v *types.Var, value ast.Expr) {
		if v == nil || poisoned[v] || !isString(v.Type()) {
			return
		}
		if s, ok := x.constString(value); ok {
			x.fieldStrings[v] = appendUnique(x.fieldStrings[v], s)
			return
		}
		poisoned[v] = true
	}
	for _, file := range x.u.files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if key, ok := kv.Key.(*ast.Ident); ok {
							v, _ := x.info.Uses[key].(*types.Var)
							if v != nil && v.IsField() {
								give(v, kv.Value)
							}
						}
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if v := x.selectedField(lhs); v != nil {
						if len(n.Lhs) == len(n.Rhs) && n.Tok == token.ASSIGN {
							give(v, n.Rhs[i])
						} else {
							poisoned[v] = true
						}
					}
				}
			case *ast.UnaryExpr:
				if v := x.selectedField(n.X); n.Op == token.AND && v != nil {
					poisoned[v] = true
				}
			}
			return true
		})
	}
	for v := range poisoned {
		x.fieldStrings[v] = nil
	}
}
