package analyzer

import (
	"go/ast"
	"strings"
)

// ozzoDBXRecognizer reads github.com/go-ozzo/ozzo-dbx, which names
// tables in three ways:
//
//	db.Model(&album).Insert() / .Update() / .Delete()   // writes album's table
//	db.Select().Model(id, &album)                        // reads it
//	db.Select("COUNT(*)").From("album").Row(&n)          // reads album
//	db.Insert("album", dbx.Params{...}).Execute()        // writes album (also Update, Delete, Upsert)
//
// A model's table is its TableName() constant, or else its type name in
// snake case, singular (ozzo's GetTableName).
func ozzoDBXRecognizer() recognizer {
	return &declared[ormFacts]{
		Name: "ozzo-dbx",
		Doc:  "ozzo-dbx model queries and the tables its query builder names",
		Run: func(p *pass, f *ormFacts) hooks {
			return hooks{call: func(call *ast.CallExpr, c callee) { f.ozzoDBCall(p, call, c) }}
		},
		Resolve: resolveORM,
	}
}

func isOzzoDBX(pkg string) bool { return pkg == "github.com/go-ozzo/ozzo-dbx" }

// ozzoDBCall records the tables one ozzo-dbx call names: models in uses,
// tables named by the query builder in tables.
func (f *ormFacts) ozzoDBCall(p *pass, call *ast.CallExpr, c callee) {
	if !isOzzoDBX(c.pkg) {
		return
	}
	model := func(e ast.Expr, kind EdgeKind) {
		if tn := p.modelOf(e); tn != nil {
			f.uses = append(f.uses, ormUse{owner: p.owner(), model: tn, kind: kind, singular: true})
		}
	}
	table := func(e ast.Expr, kind EdgeKind) {
		for _, s := range p.stringValues(e) {
			if name := firstWord(s); isTableName(name) {
				f.tables = append(f.tables, tableUse{p.owner(), strings.ToLower(name), kind})
			}
		}
	}
	switch {
	case c.recv == "ModelQuery" && (c.name == "Insert" || c.name == "Update" || c.name == "Delete"):
		if inner, ok := ast.Unparen(c.recvX).(*ast.CallExpr); ok && len(inner.Args) == 1 {
			if ic := p.callee(inner); ic.name == "Model" {
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
