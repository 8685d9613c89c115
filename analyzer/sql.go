package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"unicode"
)

// sqlPackage reports the packages whose calls take SQL.
func sqlPackage(pkg string) bool {
	switch {
	case pkg == "database/sql", pkg == "github.com/jmoiron/sqlx",
		strings.HasPrefix(pkg, "github.com/jackc/pgx"), strings.HasPrefix(pkg, "github.com/jackc/pgconn"):
		return true
	}
	return false
}

// sqlCall finds SQL statements passed to a call: any constant string
// argument of a database/sql, sqlx or pgx call, or of a call named in the
// sql.methods list, that reads as SQL; strings held in local variables
// count. gorm calls name their table through the model type.
func (x *extractor) sqlCall(call *ast.CallExpr, c callee) {
	if c.pkg == "gorm.io/gorm" && c.recv == "DB" {
		x.gormCall(call, c)
	}
	if !sqlPackage(c.pkg) && !slices.Contains(x.cfg.SQL.Methods, c.name) {
		return
	}
	for _, arg := range call.Args {
		for _, q := range x.stringValues(arg) {
			if !LooksLikeSQL(q) {
				continue
			}
			acc := ParseSQLTables(q)
			for _, t := range acc.Reads {
				x.f.edge(x.owner, "table:"+t, EdgeReads)
			}
			for _, t := range acc.Writes {
				x.f.edge(x.owner, "table:"+t, EdgeWrites)
			}
		}
	}
}

// gormCall records table access by gorm's finisher methods. The table is
// the one named by Table("..."), or the model of Model(x), or the type of
// the finisher's destination argument.
func (x *extractor) gormCall(call *ast.CallExpr, c callee) {
	var kinds []EdgeKind
	switch c.name {
	case "Find", "First", "Last", "Take", "Scan", "Count", "Pluck", "Rows", "Row", "FindInBatches":
		kinds = []EdgeKind{EdgeReads}
	case "Create", "CreateInBatches", "Save", "Delete", "Update", "Updates", "UpdateColumn", "UpdateColumns":
		kinds = []EdgeKind{EdgeWrites}
	case "FirstOrCreate":
		kinds = []EdgeKind{EdgeReads, EdgeWrites}
	case "FirstOrInit":
		kinds = []EdgeKind{EdgeReads}
	default:
		return
	}
	var table string
	var model *types.TypeName
	// Walk down the receiver chain for Table and Model.
	for e := c.recvX; e != nil; {
		inner, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		switch sel.Sel.Name {
		case "Table":
			if len(inner.Args) > 0 && table == "" {
				if s, ok := x.constString(inner.Args[0]); ok {
					table = firstWord(s)
				}
			}
		case "Model":
			if len(inner.Args) > 0 && model == nil {
				model = modelType(x.info.TypeOf(inner.Args[0]))
			}
		}
		e = sel.X
	}
	if table == "" && model == nil && len(call.Args) > 0 {
		model = modelType(x.info.TypeOf(call.Args[0]))
	}
	if table == "" && model == nil {
		return
	}
	for _, k := range kinds {
		x.f.gorm = append(x.f.gorm, gormUse{owner: x.owner, model: model, table: strings.ToLower(table), kind: k, pos: call.Pos()})
	}
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return strings.Trim(f[0], "`\"")
	}
	return ""
}

// modelType finds the struct type behind *T, []T, *[]T, []*T.
func modelType(t types.Type) *types.TypeName {
	for t != nil {
		switch tt := types.Unalias(t).(type) {
		case *types.Pointer:
			t = tt.Elem()
		case *types.Slice:
			t = tt.Elem()
		case *types.Named:
			if _, ok := tt.Underlying().(*types.Struct); ok {
				return tt.Origin().Obj()
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// tableNameMethod records `func (T) TableName() string { return "x" }`.
func (x *extractor) tableNameMethod(fn *types.Func, body *ast.BlockStmt) {
	if len(body.List) != 1 {
		return
	}
	ret, ok := body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return
	}
	s, ok := x.constString(ret.Results[0])
	if !ok {
		return
	}
	if tn := namedOf(fn.Type().(*types.Signature).Recv().Type()); tn != nil {
		x.f.tableNames[tn] = strings.ToLower(s)
	}
}

// gormTableName is gorm's default naming: snake_case, pluralized.
func gormTableName(typeName string) string {
	var b strings.Builder
	rs := []rune(typeName)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return plural(b.String())
}

// plural is the English plural rules gorm's inflection applies to the
// common cases.
func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"),
		strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}
