package analyzer

import (
	"go/ast"
	"strings"
)

// ozzo-dbx (github.com/go-ozzo/ozzo-dbx) names tables in three ways:
//
//	db.Model(&album).Insert() / .Update() / .Delete()   // writes album's table
//	db.Select().Model(id, &album)                        // reads it
//	db.Select("COUNT(*)").From("album").Row(&n)          // reads album
//	db.Insert("album", dbx.Params{...}).Execute()        // writes album (also Update, Delete, Upsert)
//
// A model's table is its TableName() constant, or else its type name in
// snake case, singular (ozzo's GetTableName).

func isOzzoDBX(pkg string) bool { return pkg == "github.com/go-ozzo/ozzo-dbx" }

// ozzoDBCall records the tables one ozzo-dbx call names.
func (x *extractor) ozzoDBCall(call *ast.CallExpr, c callee) {
	if !isOzzoDBX(c.pkg) {
		return
	}
	model := func(e ast.Expr, kind EdgeKind) {
		if tn := x.modelOf(e); tn != nil {
			x.f.orm = append(x.f.orm, ormUse{owner: x.owner, model: tn, kind: kind, pos: call.Pos(), singular: true})
		}
	}
	table := func(e ast.Expr, kind EdgeKind) {
		for _, s := range x.stringValues(e) {
			if name := firstWord(s); isTableName(name) {
				x.f.edge(x.owner, "table:"+strings.ToLower(name), kind)
			}
		}
	}
	switch {
	case c.recv == "ModelQuery" && (c.name == "Insert" || c.name == "Update" || c.name == "Delete"):
		if inner, ok := ast.Unparen(c.recvX).(*ast.CallExpr); ok && len(inner.Args) == 1 {
			if ic, _ := x.peekCallee(inner); ic.name == "Model" {
				model(inner.Args[0], EdgeWrites)
			}
		}
	case c.recv == "SelectQuery" && c.name == "Model" && len(call.Args) == 2:
		model(call.Args[1], EdgeReads)
	case c.recv == "SelectQuery" && c.name == "From":
		for _, a := range call.Args {
			table(a, EdgeReads)
		}
	case c.recv != "ModelQuery" && c.recv != "SelectQuery" && len(call.Args) > 0 &&
		(c.name == "Insert" || c.name == "Update" || c.name == "Delete" || c.name == "Upsert"):
		table(call.Args[0], EdgeWrites)
	}
}
