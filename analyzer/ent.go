package analyzer

import (
	"go/ast"
	"strings"
)

// ent (entgo.io/ent) generates a package per schema whose builders run
// SQL through sqlgraph specs naming the schema's table constant:
//
//	_spec := &sqlgraph.QuerySpec{Node: &sqlgraph.NodeSpec{Table: beer.Table, ...}}
//	_spec := &sqlgraph.CreateSpec{Table: beer.Table, ...}
//	_spec := sqlgraph.NewUpdateSpec(beer.Table, beer.Columns, ...)      // newer releases
//
// A query spec reads the table; create, update and delete specs write it.
// The edge goes from the generated builder method, which the module's
// data code reaches through its calls.

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

// entSpecLit records the table of a sqlgraph spec literal.
func (x *extractor) entSpecLit(c *ast.CompositeLit) {
	tn := namedOf(x.info.TypeOf(c))
	if tn == nil || tn.Pkg() == nil || !isSQLGraph(tn.Pkg().Path()) {
		return
	}
	kind := entSpecKind(tn.Name())
	if kind == "" {
		return
	}
	fields := x.structFields(c)
	table := fields["Table"]
	if node := fields["Node"]; table == nil && node != nil {
		table = x.structFields(node)["Table"]
	}
	x.entTable(table, kind)
}

// entSpecCall records the table of a sqlgraph.New...Spec call.
func (x *extractor) entSpecCall(call *ast.CallExpr, c callee) {
	if !isSQLGraph(c.pkg) || c.recvX != nil || !strings.HasPrefix(c.name, "New") || len(call.Args) == 0 {
		return
	}
	if kind := entSpecKind(c.name); kind != "" {
		x.entTable(call.Args[0], kind)
	}
}

func (x *extractor) entTable(e ast.Expr, kind EdgeKind) {
	if e == nil {
		return
	}
	if s, ok := x.constString(e); ok && s != "" {
		x.f.edge(x.owner, "table:"+strings.ToLower(s), kind)
	}
}
