package analyzer

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"
)

// gorm many2many join tables
//
//	type Article struct { Tags []Tag `gorm:"many2many:article_tags;"` }
//	db.Model(&article).Related(&article.Tags, "Tags")      // jinzhu/gorm
//	db.Model(&article).Association("Tags").Replace(tags)
//	db.Preload("Tags").Find(&articles)
//
// go through the join table the field's tag names: the query reads it.

// joinCall records the join table a Related, Association or Preload
// call goes through.
func (o *ormRun) joinCall(call *ast.CallExpr, c callee) {
	if ormOf(c.pkg) != ormGorm || c.recvX == nil || len(call.Args) == 0 {
		return
	}
	var field string
	var dest ast.Expr
	switch c.name {
	case "Association", "Preload":
		field, _ = o.p.constString(call.Args[0])
		field, _, _ = strings.Cut(field, ".") // Preload("Orders.Items"): the first step
	case "Related":
		dest = call.Args[0]
		if len(call.Args) > 1 {
			field, _ = o.p.constString(call.Args[1])
		}
	default:
		return
	}
	model := o.readChain(c.recvX).model
	if model == nil {
		return
	}
	if join := m2mTable(model, field, o.p.info().TypeOf(dest)); join != "" {
		o.f.tables = append(o.f.tables, tableUse{o.p.owner(), join, EdgeReads})
	}
}

// m2mTable returns the many2many join table of the model's field named
// field, or, with no name, of its field of type dest.
func m2mTable(model *types.TypeName, field string, dest types.Type) string {
	st, ok := model.Type().Underlying().(*types.Struct)
	if !ok {
		return ""
	}
	if p, ok := dest.(*types.Pointer); ok && dest != nil {
		dest = p.Elem()
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if field != "" && f.Name() != field || field == "" && (dest == nil || !types.Identical(f.Type(), dest)) {
			continue
		}
		for _, part := range strings.Split(reflect.StructTag(st.Tag(i)).Get("gorm"), ";") {
			if name, ok := strings.CutPrefix(strings.TrimSpace(part), "many2many:"); ok && isTableName(name) {
				return strings.ToLower(name)
			}
		}
	}
	return ""
}
