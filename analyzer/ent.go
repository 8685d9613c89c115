package analyzer

import (
	"go/ast"
	"strings"
)

// entRecognizer reads ent (entgo.io/ent), which generates a package per schema whose builders run
// SQL through sqlgraph specs naming the schema's table constant:
//
//	_spec := &sqlgraph.QuerySpec{Node: &sqlgraph.NodeSpec{Table: beer.Table, ...}}
//	_spec := &sqlgraph.CreateSpec{Table: beer.Table, ...}
//	_spec := sqlgraph.NewUpdateSpec(beer.Table, beer.Columns, ...)      // newer releases
//
// A query spec reads the table; create, update and delete specs write it.
// The edge goes from the generated builder method, which the module's
// data code reaches through its calls.

func entRecognizer() recognizer {
	return &declared[entFacts]{
		Name: "ent",
		Doc:  "ent's generated sqlgraph specs: the schema's table, read by queries and written by create, update and delete",
		Run: func(p *pass, f *entFacts) hooks {
			return hooks{
				call:         func(call *ast.CallExpr, c callee) { f.specCall(p, call, c) },
				compositeLit: func(c *ast.CompositeLit) { f.specLit(p, c) },
			}
		},
		Resolve: func(r *resolution, all []*entFacts) {
			for _, f := range all {
				r.tables(f.uses)
			}
		},
	}
}

// entFacts are the tables one package's specs name.
type entFacts struct{ uses []tableUse }

// entSpecKind says what a sqlgraph spec type or constructor does to its
// table, or returns "" for other names.
func entSpecKind(name string) EdgeKind {
	switch strings.TrimPrefix(name, "New") {
	case "QuerySpec":
		return EdgeReads
	case "CreateSpec", "BatchCreateSpec", "UpdateSpec", "DeleteSpec":
		return EdgeWrites
	}
	return ""
}

// isSQLGraph reports ent's sqlgraph package.
func isSQLGraph(pkg string) bool { return pkg == "entgo.io/ent/dialect/sql/sqlgraph" }

// specLit records the table of a sqlgraph spec literal.
func (f *entFacts) specLit(p *pass, c *ast.CompositeLit) {
	tn := namedOf(p.info().TypeOf(c))
	if tn == nil || tn.Pkg() == nil || !isSQLGraph(tn.Pkg().Path()) {
		return
	}
	kind := entSpecKind(tn.Name())
	if kind == "" {
		return
	}
	fields := p.structFields(c)
	table := fields["Table"]
	if node := fields["Node"]; table == nil && node != nil {
		table = p.structFields(node)["Table"]
	}
	f.table(p, table, kind)
}

// specCall records the table of a sqlgraph.New...Spec call.
func (f *entFacts) specCall(p *pass, call *ast.CallExpr, c callee) {
	if !isSQLGraph(c.pkg) || c.recvX != nil || !strings.HasPrefix(c.name, "New") || len(call.Args) == 0 {
		return
	}
	if kind := entSpecKind(c.name); kind != "" {
		f.table(p, call.Args[0], kind)
	}
}

func (f *entFacts) table(p *pass, e ast.Expr, kind EdgeKind) {
	if e == nil {
		return
	}
	if s, ok := p.constString(e); ok && s != "" {
		f.uses = append(f.uses, tableUse{p.owner(), strings.ToLower(s), kind})
	}
}
