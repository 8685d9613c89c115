package analyzer

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"
	"unicode"

	"github.com/jinzhu/inflection"
)

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

// ormChain is what a query chain says about its table before its
// finishing call.
type ormChain struct {
	table string
	model *types.TypeName
	// modelSet is set when the chain gives a model, even one whose type
	// ficus cannot name (Model(x) with x an interface or type parameter).
	modelSet bool
	// raw is set for Raw and Exec: the SQL names the tables.
	raw bool
	// assoc is set for Association("Field"): the finisher's destination
	// names the table.
	assoc bool
}

// readChain reads a query chain from its outermost receiver inwards, down
// to a variable holding an earlier chain (s = s.Table("x"); s.Find(&out)).
func (x *extractor) readChain(e ast.Expr) ormChain {
	var ch ormChain
	for e != nil {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if prev, ok := x.ormVars[x.info.Uses[id]]; ok {
				ch.merge(prev)
			}
			break
		}
		inner, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		switch sel.Sel.Name {
		case "Association":
			// Association("Field").Find(&x) queries the associated table,
			// the finisher's destination: forget the owner's model.
			return ormChain{assoc: true}
		case "Raw", "Exec":
			ch.raw = true
		case "Table", "ModelTableExpr", "TableExpr":
			if len(inner.Args) > 0 && ch.table == "" && ch.model == nil && !ch.modelSet {
				ch.table, ch.model = x.tableArg(inner.Args[0])
				// A table ficus cannot read (Table(name)) is still not the
				// destination's: no fallback to the model.
				ch.modelSet = true
			}
		case "Model":
			if len(inner.Args) > 0 && !ch.modelSet {
				ch.model, ch.modelSet = x.modelOf(inner.Args[0]), true
			}
		case "ModelContext": // go-pg: ModelContext(ctx, model...)
			if len(inner.Args) > 1 && !ch.modelSet {
				ch.model, ch.modelSet = x.modelOf(inner.Args[1]), true
			}
		}
		e = sel.X
	}
	return ch
}

// merge fills what ch does not say from an earlier part of the chain.
func (ch *ormChain) merge(prev ormChain) {
	if ch.table == "" && ch.model == nil && !ch.modelSet {
		ch.table, ch.model, ch.modelSet = prev.table, prev.model, prev.modelSet
	}
	ch.raw = ch.raw || prev.raw
}

// tableArg reads the argument of Table: a constant name, or a model's
// TableName() (Table(User{}.TableName())).
func (x *extractor) tableArg(e ast.Expr) (string, *types.TypeName) {
	if s, ok := x.constString(e); ok {
		// Quoted parts are unquoted: information_schema.`COLUMNS`.
		name := strings.NewReplacer("`", "", `"`, "").Replace(firstWord(s))
		if isTableName(name) {
			return strings.ToLower(name), nil
		}
		return "", nil
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 0 {
		if c, _ := x.peekCallee(call); c.name == "TableName" && c.recvX != nil {
			return "", x.modelOf(c.recvX)
		}
	}
	return "", nil
}

// modelOf is the module's model type behind an expression: a struct type
// declared in the analyzed packages, through pointers, slices and named
// slice types. Library types (time.Time, gorm.Expr) are never models.
func (x *extractor) modelOf(e ast.Expr) *types.TypeName {
	tn := modelType(x.info.TypeOf(e))
	if tn == nil || !x.inRoots(tn) {
		return nil
	}
	return tn
}

// gormDest reports whether a gorm finisher's first argument is the model
// it queries (Find(&users), Create(&u)), rather than a column, a count or
// a result row (Update("name", v), Count(&n), Scan(&row)).
func gormDest(name string) bool {
	switch name {
	case "Find", "First", "Last", "Take", "Create", "CreateInBatches", "Save", "Delete",
		"Updates", "UpdateColumns", "FirstOrCreate", "FirstOrInit", "FindInBatches":
		return true
	}
	return false
}

// ormCall records table access by an ORM query's finishing call. The table
// is the one the chain names (Table("..."), ModelTableExpr("...")), or the
// table of the model given to Model(x), or of the finisher's destination
// argument. A Raw or Exec chain is read as SQL instead.
func (x *extractor) ormCall(call *ast.CallExpr, c callee) {
	o := ormOf(c.pkg)
	if o == ormNone {
		return
	}
	kinds := ormAccess(o, c.recv, c.name)
	if kinds == nil {
		return
	}
	ch := x.readChain(c.recvX)
	if ch.raw {
		return
	}
	table, model := ch.table, ch.model
	if table == "" && model == nil && !ch.modelSet {
		args := call.Args
		if o == ormGorm {
			args = nil
			if len(call.Args) > 0 && gormDest(c.name) {
				args = call.Args[:1]
			}
		}
		for _, a := range args {
			if model = x.modelOf(a); model != nil {
				break
			}
		}
	}
	if table == "" && model == nil {
		return
	}
	for _, k := range kinds {
		x.f.orm = append(x.f.orm, ormUse{owner: x.owner, model: model, table: table, kind: k, pos: call.Pos()})
	}
}

// ormAssign remembers the chain a query variable holds, for finishers in
// later statements.
func (x *extractor) ormAssign(obj types.Object, rhs ast.Expr) {
	tn := namedOf(obj.Type())
	if tn == nil || tn.Pkg() == nil || ormOf(tn.Pkg().Path()) == ormNone {
		return
	}
	x.ormVars[obj] = x.readChain(rhs)
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

// modelType finds the struct type behind *T, []T, *[]T, []*T, and named
// slice types.
func modelType(t types.Type) *types.TypeName {
	for t != nil {
		switch tt := types.Unalias(t).(type) {
		case *types.Pointer:
			t = tt.Elem()
		case *types.Slice:
			t = tt.Elem()
		case *types.Named:
			switch tt.Underlying().(type) {
			case *types.Struct:
				return tt.Origin().Obj()
			case *types.Slice, *types.Pointer:
				t = tt.Underlying() // type Shares []Share
			default:
				return nil
			}
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
	return inflection.Plural(snakeCase(typeName))
}

// snakeCase spells a Go type name in snake case (APIKey: api_key).
func snakeCase(typeName string) string {
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
	return b.String()
}
