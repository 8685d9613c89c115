package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// sqlBuffers follows SQL built in a local bytes.Buffer or strings.Builder
// and handed on as its String():
//
//	buf := bytes.NewBufferString("SELECT ... FROM view_products")
//	s.applyFilter(filter, buf)
//	buf.WriteString(" OFFSET :offset ROWS")
//	sqldb.NamedQuerySlice(ctx, db, buf.String(), data, &out)
//
// A buffer holds the constant text the declaration gives it, in the order
// of the code (its initial value, then WriteString of constants); text
// written by other functions, or not known before run time, is left out
// and names no table. Enough of a query survives to name the tables of its
// FROM, which is what the graph needs.
type sqlBuffers map[*types.Var]*strings.Builder

// isTextBuffer reports a (pointer to a) bytes.Buffer or strings.Builder.
func isTextBuffer(t types.Type) bool {
	tn := namedOf(t)
	if tn == nil || tn.Pkg() == nil {
		return false
	}
	switch tn.Pkg().Path() + "." + tn.Name() {
	case "bytes.Buffer", "strings.Builder":
		return true
	}
	return false
}

// localVar is the local variable e names, if it names one.
func localVar(p *pass, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := p.info().Uses[id].(*types.Var)
	if !ok {
		v, _ = p.info().Defs[id].(*types.Var)
	}
	if v == nil || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

// assign starts a buffer given a value the declaration can read:
// bytes.NewBufferString(c), bytes.NewBuffer([]byte(c)) or an empty
// literal. Any other value makes it unknown.
func (b sqlBuffers) assign(p *pass, v *types.Var, rhs ast.Expr) {
	if !isTextBuffer(v.Type()) || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return
	}
	delete(b, v)
	rhs = ast.Unparen(rhs)
	if u, ok := rhs.(*ast.UnaryExpr); ok {
		rhs = ast.Unparen(u.X) // &bytes.Buffer{}
	}
	switch e := rhs.(type) {
	case *ast.CompositeLit:
		if len(e.Elts) == 0 {
			b[v] = &strings.Builder{}
		}
	case *ast.CallExpr:
		c := p.callee(e)
		if c.fn == nil || c.pkg != "bytes" || len(e.Args) != 1 {
			return
		}
		arg := ast.Unparen(e.Args[0])
		if conv, ok := arg.(*ast.CallExpr); ok && c.name == "NewBuffer" && len(conv.Args) == 1 {
			arg = conv.Args[0] // []byte(c)
		} else if c.name != "NewBufferString" {
			return
		}
		if s, ok := p.constString(arg); ok {
			b[v] = &strings.Builder{}
			b[v].WriteString(s)
		}
	}
}

// call adds what WriteString writes to a buffer of the declaration; a
// buffer declared without a value starts empty.
func (b sqlBuffers) call(p *pass, call *ast.CallExpr, c callee) {
	if c.name != "WriteString" || (c.pkg != "bytes" && c.pkg != "strings") || len(call.Args) != 1 {
		return
	}
	v := localVar(p, c.recvX)
	if v == nil || !isTextBuffer(v.Type()) {
		return
	}
	if b[v] == nil {
		b[v] = &strings.Builder{}
	}
	if s, ok := p.constString(call.Args[0]); ok {
		b[v].WriteString(s)
	} else {
		b[v].WriteString(" ") // a piece known only at run time
	}
}

// text is the SQL e stands for when it is buf.String() of a buffer of the
// declaration holding SQL.
func (b sqlBuffers) text(p *pass, e ast.Expr) (string, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return "", false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "String" {
		return "", false
	}
	v := localVar(p, sel.X)
	if v == nil || b[v] == nil {
		return "", false
	}
	s := b[v].String()
	return s, LooksLikeSQL(s)
}
