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

// ormRecognizer reads the queries of gorm (gorm.io/gorm and
// jinzhu/gorm), bun, go-pg and xorm, which name their table through a
// model type:
//
//	db.Model(&User{}).Where("id = ?", id).Updates(u)  // writes users
//	db.Table("billing.invoices").Find(&out)           // reads billing.invoices
//	db.NewSelect().Model(&posts).Scan(ctx)            // bun: reads posts' table
//	db.Preload("Tags").Find(&articles)                // and the many2many join table
//	engine.ID(id).Get(&repo)                          // xorm: reads repo's table
//
// The table is the one the chain names (Table, ModelTableExpr), or the
// table of the model given to Model(x), or of the finisher's destination;
// the finisher decides read or write. A model's table is its TableName()
// constant, its bun or go-pg struct tag, or else the snake_case plural the
// ORMs' inflection gives (xorm's snake case is singular), resolved once
// every package is read. A Raw, Exec or SQL chain is SQL (sqlRecognizer
// reads its text when it is a constant).
func ormRecognizer() recognizer {
	return &declared[ormFacts]{
		Name: "orm",
		Doc:  "gorm, bun, go-pg and xorm query chains: the model's or the chain's table, read or written by the finisher, and gorm many2many join tables",
		Run: func(p *pass, f *ormFacts) hooks {
			o := &ormRun{p: p, f: f}
			return hooks{
				enter:  func() { o.vars = map[types.Object]ormChain{} },
				assign: o.assign,
				call: func(call *ast.CallExpr, c callee) {
					o.call(call, c)
					o.joinCall(call, c)
				},
			}
		},
		Resolve: resolveORM,
	}
}

// resolveORM adds the tables of ORM queries: those named through models,
// and those named outright.
func resolveORM(r *resolution, all []*ormFacts) {
	for _, f := range all {
		r.modelTables(f.uses)
		r.tables(f.tables)
	}
}

// ormFacts are the ORM queries of one package: tables named through
// models, resolved at the end, and join tables.
type ormFacts struct {
	uses []ormUse
	// tables are those the queries name outright: join tables, query
	// builders' From("album").
	tables []tableUse
}

// ormUse is an ORM query on a model type whose table is named at the end.
type ormUse struct {
	owner string
	model *types.TypeName
	table string // set when the chain names it with Table("...")
	kind  EdgeKind
	// singular is set for ORMs that name a model's table in the singular
	// (ozzo-dbx: Album is album).
	singular bool
}

// modelTables adds an edge per ORM use, naming the table of its model
// where the query does not name one.
func (r *resolution) modelTables(uses []ormUse) {
	for _, u := range uses {
		table := u.table
		if table == "" && u.model != nil {
			if t, ok := r.b.all.tableNames[u.model]; ok {
				table = t
			} else if u.singular {
				table = snakeCase(u.model.Name())
			} else {
				table = defaultTableName(u.model.Name())
			}
		}
		if table != "" {
			r.edge(u.owner, "table:"+table, u.kind, 1)
		}
	}
}

// ormRun reads the ORM queries of one package.
type ormRun struct {
	p *pass
	f *ormFacts
	// vars are the query variables of the declaration being walked and
	// the chain each holds.
	vars map[types.Object]ormChain
}

// orm is an object-relational mapper whose queries name their table
// through a model type.
type orm int

const (
	ormNone orm = iota
	ormGorm
	ormBun
	ormGoPG
	ormXorm
)

func ormOf(pkg string) orm {
	switch {
	case pkg == "gorm.io/gorm", pkg == "github.com/jinzhu/gorm":
		return ormGorm
	case pkg == "github.com/uptrace/bun":
		return ormBun
	case strings.HasPrefix(pkg, "github.com/go-pg/pg"):
		return ormGoPG
	case pkg == "xorm.io/xorm", pkg == "github.com/go-xorm/xorm":
		return ormXorm
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
	case ormXorm:
		switch name {
		case "Get", "Find", "FindAndCount", "Count", "Exist", "Iterate", "Rows", "Sum", "Sums", "SumInt", "SumsInt":
			return read
		case "Insert", "InsertOne", "InsertMulti", "Update", "Delete", "Replace":
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
func (o *ormRun) readChain(e ast.Expr) ormChain {
	var ch ormChain
	for e != nil {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if prev, ok := o.vars[o.p.info().Uses[id]]; ok {
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
		case "Raw", "Exec", "SQL", "Sql":
			ch.raw = true
		case "Table", "ModelTableExpr", "TableExpr":
			if len(inner.Args) > 0 && ch.table == "" && ch.model == nil && !ch.modelSet {
				ch.table, ch.model = o.tableArg(inner.Args[0])
				if ch.table == "" && ch.model == nil {
					// xorm's Table(new(Repo)) names a bean's table
					ch.model = o.p.modelOf(inner.Args[0])
				}
				// A table ficus cannot read (Table(name)) is still not the
				// destination's: no fallback to the model.
				ch.modelSet = true
			}
		case "Model":
			if len(inner.Args) > 0 && !ch.modelSet {
				ch.model, ch.modelSet = o.p.modelOf(inner.Args[0]), true
			}
		case "ModelContext": // go-pg: ModelContext(ctx, model...)
			if len(inner.Args) > 1 && !ch.modelSet {
				ch.model, ch.modelSet = o.p.modelOf(inner.Args[1]), true
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
func (o *ormRun) tableArg(e ast.Expr) (string, *types.TypeName) {
	if s, ok := o.p.constString(e); ok {
		// Quoted parts are unquoted: information_schema.`COLUMNS`.
		name := strings.NewReplacer("`", "", `"`, "").Replace(firstWord(s))
		if isTableName(name) {
			return strings.ToLower(name), nil
		}
		return "", nil
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 0 {
		if c := o.p.callee(call); c.name == "TableName" && c.recvX != nil {
			return "", o.p.modelOf(c.recvX)
		}
	}
	return "", nil
}

// modelOf is the module's model type behind an expression: a struct type
// declared in the analyzed packages, through pointers, slices and named
// slice types. Library types (time.Time, gorm.Expr) are never models.
func (p *pass) modelOf(e ast.Expr) *types.TypeName {
	tn := modelType(p.info().TypeOf(e))
	if tn == nil || !p.inRoots(tn) {
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

// call records table access by an ORM query's finishing call. The table
// is the one the chain names (Table("..."), ModelTableExpr("...")), or the
// table of the model given to Model(x), or of the finisher's destination
// argument. A Raw or Exec chain is read as SQL instead.
func (o *ormRun) call(call *ast.CallExpr, c callee) {
	which := ormOf(c.pkg)
	if which == ormNone {
		return
	}
	kinds := ormAccess(which, c.recv, c.name)
	if kinds == nil {
		return
	}
	ch := o.readChain(c.recvX)
	if ch.raw {
		return
	}
	table := ch.table
	// the models whose tables the call reads or writes: the chain's, or
	// the destination's (each bean's, for xorm's Insert(a, b))
	var models []*types.TypeName
	if ch.model != nil {
		models = []*types.TypeName{ch.model}
	}
	if table == "" && ch.model == nil && !ch.modelSet {
		args := call.Args
		all := false
		switch {
		case which == ormGorm:
			args = nil
			if len(call.Args) > 0 && gormDest(c.name) {
				args = call.Args[:1]
			}
		case which == ormXorm && strings.HasPrefix(c.name, "Insert"):
			all = true
		case which == ormXorm && len(call.Args) > 1:
			// Find(&rows, condiBean), Update(bean, condiBean): the first
			// argument is the model
			args = call.Args[:1]
		}
		for _, a := range args {
			if mt := o.p.modelOf(a); mt != nil && !slices.Contains(models, mt) {
				models = append(models, mt)
				if !all {
					break
				}
			}
		}
	}
	if table == "" && len(models) == 0 {
		return
	}
	if len(models) == 0 {
		models = []*types.TypeName{nil} // the chain names the table
	}
	for _, mt := range models {
		for _, k := range kinds {
			o.f.uses = append(o.f.uses, ormUse{owner: o.p.owner(), model: mt, table: table, kind: k, singular: which == ormXorm})
		}
	}
}

// assign remembers the chain a query variable holds, for finishers in
// later statements.
func (o *ormRun) assign(v *types.Var, rhs ast.Expr) {
	tn := namedOf(v.Type())
	if tn == nil || tn.Pkg() == nil || ormOf(tn.Pkg().Path()) == ormNone {
		return
	}
	o.vars[v] = o.readChain(rhs)
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
		case *types.Map:
			t = tt.Elem() // xorm's Find(&map[int64]*User{})
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
