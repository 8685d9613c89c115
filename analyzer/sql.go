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
		for _, q := range x.queryTexts(arg) {
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

// ownParam reports whether e names a string parameter of an enclosing
// function (or function literal), and which.
func (x *extractor) ownParam(e ast.Expr) (paramRef, bool) {
	p, v := x.paramOf(e)
	if v == nil || !isString(v.Type()) {
		return paramRef{}, false
	}
	return p, true
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
