package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// sqlPackage reports the packages whose calls take SQL.
func sqlPackage(pkg string) bool {
	switch {
	case pkg == "database/sql", pkg == "github.com/jmoiron/sqlx",
		pkg == "github.com/qustavo/dotsql", pkg == "github.com/gchaincl/dotsql",
		strings.HasPrefix(pkg, "github.com/jackc/pgx"), strings.HasPrefix(pkg, "github.com/jackc/pgconn"),
		pkg == "github.com/zeromicro/go-zero/core/stores/sqlx", pkg == "github.com/zeromicro/go-zero/core/stores/sqlc":
		return true
	}
	return false
}

// xormSQL reports the xorm calls whose first argument is SQL text; its
// parameter is an interface{}, so queryParam cannot find it.
func xormSQL(pkg, name string) bool {
	if pkg != "xorm.io/xorm" && pkg != "github.com/go-xorm/xorm" {
		return false
	}
	switch name {
	case "SQL", "Sql", "Exec", "Query", "QueryString", "QueryInterface", "QuerySliceString":
		return true
	}
	return false
}

// sqlRecognizer reads SQL statements passed to a call: any constant
// string argument of a database/sql, sqlx, pgx, dotsql or go-zero sqlx
// call, the SQL text of xorm's SQL, Exec and Query, or of a call named in the sql.methods list of ficus.yaml, that
// reads as SQL:
//
//	db.QueryContext(ctx, "SELECT id FROM accounts WHERE ...")   // reads accounts
//	r.exec(ctx, "UPDATE article SET ...")   // a helper whose parameter reaches ExecContext
//
// Strings held in local variables, folded from constants, built by
// fmt.Sprintf around constant fields, named queries of the module's .sql
// files, //go:embed files and local bytes.Buffer and strings.Builder
// values of constant text (sqlbuffer.go) count. SQL handed to a module helper's string
// parameter that reaches such a call, directly or through further helpers,
// counts for the caller, resolved once every package is read. ORM queries
// name their table through the model type (ormRecognizer).
func sqlRecognizer() recognizer {
	return &declared[sqlFacts]{
		Name: "sql",
		Doc:  "SQL text given to database/sql, sqlx, pgx, dotsql, go-zero sqlx, xorm and sql.methods calls, directly or through module helpers",
		Run: func(p *pass, f *sqlFacts) hooks {
			return hooks{
				enter: func() {
					if f.bufs == nil || len(f.bufs) > 0 {
						f.bufs = sqlBuffers{}
					}
				},
				assign: func(v *types.Var, rhs ast.Expr) { f.bufs.assign(p, v, rhs) },
				call: func(call *ast.CallExpr, c callee) {
					f.bufs.call(p, call, c)
					f.call(p, call, c)
					f.throughParams(p, call, c)
				},
			}
		},
		Resolve: resolveSQL,
	}
}

// sqlFacts are the statements one package runs, and what it hands to
// module helpers.
type sqlFacts struct {
	uses []tableUse
	// sinks are string parameters that reach a SQL call; fwd pass a
	// parameter on to another function's; args are SQL constants given
	// to module functions' parameters.
	sinks []paramRef
	fwd   []sqlForward
	args  []sqlArg
	// bufs are the declaration's SQL buffers (sqlbuffer.go).
	bufs sqlBuffers
}

// sqlForward says that a function passes its parameter from on to
// parameter to of another: if to reaches a SQL call, so does from.
type sqlForward struct{ from, to paramRef }

// sqlArg is a SQL-looking constant passed to a module function's
// parameter; it counts if that parameter reaches a SQL call.
type sqlArg struct {
	caller string
	to     paramRef
	sql    string
}

// tableUse is a read or write of a table by a declaration.
type tableUse struct {
	owner, table string
	kind         EdgeKind
}

// sqlUses returns the reads and writes of one statement by owner.
func sqlUses(owner, q string) []tableUse {
	acc := ParseSQLTables(q)
	uses := make([]tableUse, 0, len(acc.Reads)+len(acc.Writes))
	for _, t := range acc.Reads {
		uses = append(uses, tableUse{owner, t, EdgeReads})
	}
	for _, t := range acc.Writes {
		uses = append(uses, tableUse{owner, t, EdgeWrites})
	}
	return uses
}

// tables adds an edge per table use.
func (r *resolution) tables(uses []tableUse) {
	for _, u := range uses {
		r.edge(u.owner, "table:"+u.table, u.kind, 1)
	}
}

func (f *sqlFacts) call(p *pass, call *ast.CallExpr, c callee) {
	qi := -1
	switch {
	case xormSQL(c.pkg, c.name):
		qi = 0 // SQL(query interface{}, args...), Exec(sqlOrArgs...)
	case sqlPackage(c.pkg) || slices.Contains(p.config().SQL.Methods, c.name):
		qi = queryParam(c.fn)
	default:
		return
	}
	if qi < 0 || qi >= len(call.Args) {
		return
	}
	arg := call.Args[qi]
	if pr, ok := p.ownParam(arg); ok {
		f.sinks = append(f.sinks, pr)
	}
	qs := p.queryTexts(arg)
	if q, ok := f.bufs.text(p, arg); ok && len(qs) == 0 {
		qs = []string{q}
	}
	for _, q := range qs {
		f.uses = append(f.uses, sqlUses(p.owner(), q)...)
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

// throughParams records what module calls pass to string parameters,
// so that SQL handed to a helper (r.fetch(ctx, query)) that runs it counts
// for the caller.
func (f *sqlFacts) throughParams(p *pass, call *ast.CallExpr, c callee) {
	if c.iface != nil || !p.inRoots(c.fn) {
		return
	}
	params := c.fn.Type().(*types.Signature).Params()
	id := p.x.funcID(c.fn)
	for i, arg := range call.Args {
		if i >= params.Len() {
			break
		}
		if !isString(params.At(i).Type()) {
			continue // only a string parameter reaches a query (sinks)
		}
		to := paramRef{id, i}
		if pr, ok := p.ownParam(arg); ok {
			f.fwd = append(f.fwd, sqlForward{from: pr, to: to})
			continue
		}
		qs := p.stringValues(arg)
		if q, ok := f.bufs.text(p, arg); ok && len(qs) == 0 {
			qs = []string{q}
		}
		for _, q := range qs {
			if LooksLikeSQL(q) {
				f.args = append(f.args, sqlArg{caller: p.owner(), to: to, sql: q})
			}
		}
	}
}

// resolveSQL adds the statements' tables, and finds the parameters that
// reach a SQL call, directly or through other helpers, to credit the SQL
// constants passed to them to the callers.
func resolveSQL(r *resolution, all []*sqlFacts) {
	sink := map[paramRef]bool{}
	for _, f := range all {
		r.tables(f.uses)
		for _, p := range f.sinks {
			sink[p] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, f := range all {
			for _, fw := range f.fwd {
				if sink[fw.to] && !sink[fw.from] {
					sink[fw.from], changed = true, true
				}
			}
		}
	}
	for _, f := range all {
		for _, a := range f.args {
			if sink[a.to] {
				r.tables(sqlUses(a.caller, a.sql))
			}
		}
	}
}

// ownParam reports whether e names a string parameter of an enclosing
// function (or function literal), and which.
func (x *extractor) ownParam(e ast.Expr) (paramRef, bool) {
	p, v := x.paramOf(e)
	if v == nil || !isString(v.Type()) {
		return paramRef{}, false
	}
	return p, true
}
