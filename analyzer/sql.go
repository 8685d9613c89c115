package analyzer

import (
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/jinzhu/inflection"
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
// count. ORM queries (gorm, bun, go-pg) name their table through the
// model type.
func (x *extractor) sqlCall(call *ast.CallExpr, c callee) {
	x.ormCall(call, c)
	if !sqlPackage(c.pkg) && !slices.Contains(x.cfg.SQL.Methods, c.name) {
		return
	}
	qi := queryParam(c.fn)
	if qi < 0 || qi >= len(call.Args) {
		return
	}
	for _, arg := range call.Args[qi : qi+1] {
		if p, ok := x.ownParam(arg); ok {
			x.f.sqlSinks = append(x.f.sqlSinks, p)
		}
		for _, q := range x.stringValues(arg) {
			if !LooksLikeSQL(q) {
				continue
			}
			for _, k := range sqlEdgeKeys(x.owner, q) {
				x.f.edges[k]++
			}
		}
	}
}

// queryParam is the index of the parameter that takes the SQL text: the
// first string parameter (after a context, before bound values).
func queryParam(fn *types.Func) int {
	params := fn.Type().(*types.Signature).Params()
	for i := range params.Len() {
		if b, ok := params.At(i).Type().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			return i
		}
	}
	return -1
}

// sqlEdgeKeys returns the reads and writes of one statement by owner.
func sqlEdgeKeys(owner, q string) []edgeKey {
	acc := ParseSQLTables(q)
	keys := make([]edgeKey, 0, len(acc.Reads)+len(acc.Writes))
	for _, t := range acc.Reads {
		keys = append(keys, edgeKey{owner, "table:" + t, EdgeReads})
	}
	for _, t := range acc.Writes {
		keys = append(keys, edgeKey{owner, "table:" + t, EdgeWrites})
	}
	return keys
}

// ownParam reports whether e names a string parameter of the enclosing
// function, and which.
func (x *extractor) ownParam(e ast.Expr) (paramRef, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || x.ownerFn == nil {
		return paramRef{}, false
	}
	obj := x.info.Uses[id]
	params := x.ownerFn.Type().(*types.Signature).Params()
	for i := range params.Len() {
		if params.At(i) == obj {
			if b, ok := obj.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
				return paramRef{x.owner, i}, true
			}
		}
	}
	return paramRef{}, false
}

// sqlThroughParams records what module calls pass to string parameters,
// so that SQL handed to a helper (r.fetch(ctx, query)) that runs it counts
// for the caller.
func (x *extractor) sqlThroughParams(call *ast.CallExpr, c callee) {
	if c.iface != nil || !x.inRoots(c.fn) {
		return
	}
	params := c.fn.Type().(*types.Signature).Params()
	id := funcID(c.fn)
	for i, arg := range call.Args {
		if i >= params.Len() {
			break
		}
		to := paramRef{id, i}
		if p, ok := x.ownParam(arg); ok {
			x.f.sqlFwd = append(x.f.sqlFwd, sqlForward{from: p, to: to})
			continue
		}
		for _, q := range x.stringValues(arg) {
			if LooksLikeSQL(q) {
				x.f.sqlArgs = append(x.f.sqlArgs, sqlArg{caller: x.owner, to: to, sql: q})
			}
		}
	}
}

// orm is an object-relational mapper whose queries name their table
// through a model type.
type orm int

const (
	ormNone orm = iota
	ormGorm
	ormBun
	ormGoPG
)

func ormOf(pkg string) orm {
	switch {
	case pkg == "gorm.io/gorm", pkg == "github.com/jinzhu/gorm":
		return ormGorm
	case pkg == "github.com/uptrace/bun":
		return ormBun
	case strings.HasPrefix(pkg, "github.com/go-pg/pg"):
		return ormGoPG
	}
	return ormNone
}

// ormAccess says whether a finishing call of an ORM query reads or writes.
func ormAccess(o orm, recv, name string) []EdgeKind {
	read, write := []EdgeKind{EdgeReads}, []EdgeKind{EdgeWrites}
	switch o {
	case ormGorm:
		switch name {
		case "Find", "First", "Last", "Take", "Scan", "Count", "Pluck", "Rows", "Row", "FindInBatches", "FirstOrInit":
			return read
		case "Create", "CreateInBatches", "Save", "Delete", "Update", "Updates", "UpdateColumn", "UpdateColumns":
			return write
		case "FirstOrCreate":
			return []EdgeKind{EdgeReads, EdgeWrites}
		}
	case ormBun:
		if name != "Exec" && name != "Scan" && name != "Count" && name != "ScanAndCount" && name != "Exists" {
			return nil
		}
		switch recv {
		case "SelectQuery":
			return read
		case "InsertQuery", "UpdateQuery", "DeleteQuery", "MergeQuery", "TruncateTableQuery":
			return write
		}
	case ormGoPG:
		switch name {
		case "Select", "SelectAndCount", "SelectAndCountEstimate", "First", "Last", "Count", "CountEstimate", "Exists", "ForEach", "SelectOrInsert":
			if name == "SelectOrInsert" {
				return []EdgeKind{EdgeReads, EdgeWrites}
			}
			return read
		case "Insert", "Update", "UpdateNotZero", "Delete", "ForceDelete":
			return write
		}
	}
	return nil
}

// ormCall records table access by an ORM query's finishing call. The table
// is the one the chain names (Table("..."), ModelTableExpr("...")), or the
// table of the model given to Model(x), or of the finisher's destination
// argument.
func (x *extractor) ormCall(call *ast.CallExpr, c callee) {
	o := ormOf(c.pkg)
	if o == ormNone {
		return
	}
	kinds := ormAccess(o, c.recv, c.name)
	if kinds == nil {
		return
	}
	var table string
	var model *types.TypeName
	for e := c.recvX; e != nil; {
		inner, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		if sel.Sel.Name == "Association" {
			// Association("Field").Find(&x) queries the associated table,
			// the finisher's destination: forget the owner's model.
			table, model = "", nil
			break
		}
		switch sel.Sel.Name {
		case "Table", "ModelTableExpr", "TableExpr":
			if len(inner.Args) > 0 && table == "" {
				if s, ok := x.constString(inner.Args[0]); ok && isTableName(firstWord(s)) {
					table = firstWord(s)
				}
			}
		case "Model":
			if len(inner.Args) > 0 && model == nil {
				model = modelType(x.info.TypeOf(inner.Args[0]))
			}
		case "ModelContext": // go-pg: ModelContext(ctx, model...)
			if len(inner.Args) > 1 && model == nil {
				model = modelType(x.info.TypeOf(inner.Args[1]))
			}
		}
		e = sel.X
	}
	if table == "" && model == nil {
		for _, a := range call.Args {
			if model = modelType(x.info.TypeOf(a)); model != nil {
				break
			}
		}
	}
	if table == "" && model == nil {
		return
	}
	for _, k := range kinds {
		x.f.orm = append(x.f.orm, ormUse{owner: x.owner, model: model, table: strings.ToLower(table), kind: k, pos: call.Pos()})
	}
}

// modelTableTag reads a table name from a model's struct tags: an embedded
// bun.BaseModel with `bun:"table:NAME"`, or a go-pg `tableName struct{}`
// field with `pg:"NAME"` (or `sql:"NAME"`).
func modelTableTag(st *types.Struct) string {
	for i := range st.NumFields() {
		f, tag := st.Field(i), reflect.StructTag(st.Tag(i))
		if v, ok := tag.Lookup("bun"); ok && f.Embedded() {
			for _, part := range strings.Split(v, ",") {
				if name, ok := strings.CutPrefix(strings.TrimSpace(part), "table:"); ok {
					return name
				}
			}
		}
		if f.Name() == "tableName" {
			for _, key := range []string{"pg", "sql"} {
				if v, ok := tag.Lookup(key); ok {
					if name, _, _ := strings.Cut(v, ","); name != "" && name != "_" {
						return strings.Trim(name, `"`)
					}
				}
			}
		}
	}
	return ""
}

// isTableName reports whether s reads as a (qualified) table name rather
// than a subquery placeholder such as "(?)".
func isTableName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '.' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
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

// defaultTableName is the naming gorm, bun and go-pg share: snake_case,
// pluralized with the inflection rules they all use.
func defaultTableName(typeName string) string {
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
	return inflection.Plural(b.String())
}
