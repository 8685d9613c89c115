package analyzer

import (
	"bufio"
	"go/ast"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
)

// SQL kept in .sql files
//
//	-- name: get-user                       (goyesql, dotsql)
//	SELECT * FROM users WHERE id = $1;
//	-- name: ListAuthors :many              (sqlc query files)
//	SELECT * FROM authors;
//
// is found in two ways. Named queries: every .sql file of the module is
// split at its "-- name:" lines, and a SQL call given a constant that is
// such a name (dot.Query(db, "get-user"), db.Query(queries["get-user"]))
// reads the named query's tables. Embedded files: a package-level string
// variable filled by //go:embed holds the file's text, so a query passed
// through it reads as a constant would. Struct fields tagged with a query's
// name (`query:"get-user"`, filled by goyesql's ScanToStruct with prepared
// statements) run that query wherever a method is called on them or they
// are passed to a call. The code sqlc generates holds its queries as
// constants and needs nothing more.

// maxSQLFile bounds the size of a .sql file ficus reads.
const maxSQLFile = 4 << 20

// namedQueries indexes the named queries and the views of a module's .sql
// files, read once, on first use, from any package's extraction.
type namedQueries struct {
	dir    string
	once   sync.Once
	byName map[string][]string
	views  viewSet
}

// viewSet is what the module's .sql files say of its views (CREATE
// [MATERIALIZED] VIEW): what each view's query reads, tables or other
// views (reads), and the tables each reads in the end, through the views
// it reads (tables).
type viewSet struct {
	reads, tables map[string][]string
}

// viewTables returns the module's views.
func (q *namedQueries) viewTables() viewSet {
	q.once.Do(q.load)
	return q.views
}

// lookup returns the SQL of the queries called name.
func (q *namedQueries) lookup(name string) []string {
	if name == "" || strings.ContainsAny(name, " \t\n") {
		return nil
	}
	q.once.Do(q.load)
	return q.byName[name]
}

func (q *namedQueries) load() {
	q.byName = map[string][]string{}
	direct := map[string][]string{}
	createView := regexp.MustCompile(createViewPattern)
	_ = filepath.WalkDir(q.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable directory holds no queries ficus can use
		}
		if d.IsDir() {
			switch d.Name() {
			case "vendor", "node_modules", "testdata", ".git":
				if path != q.dir {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), ".sql") {
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() > maxSQLFile {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		for name, sql := range splitNamedQueries(string(data)) {
			q.byName[name] = append(q.byName[name], sql)
		}
		for name, tables := range createdViews(createView, string(data)) {
			direct[name] = appendUniqueAll(direct[name], tables)
		}
		return nil
	})
	q.views = viewSet{reads: direct, tables: map[string][]string{}}
	for name := range direct {
		q.views.tables[name] = expandView(name, direct, map[string]bool{})
	}
}

// createViewPattern matches a CREATE VIEW statement up to its semicolon.
const createViewPattern = (`(?is)\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:MATERIALIZED\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w."]+)(?:\s*\([^)]*\))?\s+AS\s+(.*?)(?:;|\z)`)

// createdViews finds the views a .sql file creates and the tables (or
// other views) their queries read.
func createdViews(createView *regexp.Regexp, text string) map[string][]string {
	out := map[string][]string{}
	for _, m := range createView.FindAllStringSubmatch(text, -1) {
		name := strings.ToLower(strings.ReplaceAll(m[1], `"`, ""))
		out[name] = appendUniqueAll(out[name], ParseSQLTables(m[2]).Reads)
	}
	return out
}

// expandView lists the tables a view reads, through the views it reads.
func expandView(name string, direct map[string][]string, busy map[string]bool) []string {
	if busy[name] {
		return nil
	}
	busy[name] = true
	defer delete(busy, name)
	var out []string
	for _, t := range direct[name] {
		if _, isView := direct[t]; isView {
			out = appendUniqueAll(out, expandView(t, direct, busy))
			continue
		}
		out = appendUnique(out, t)
	}
	return out
}

// splitNamedQueries splits a .sql file at its "-- name: NAME" lines; the
// name is the first word after the colon (sqlc adds ":one", ":many").
func splitNamedQueries(text string) map[string]string {
	out := map[string]string{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			out[name] += body.String()
		}
		body.Reset()
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), maxSQLFile)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "--"); ok {
			if v, ok := strings.CutPrefix(strings.TrimSpace(rest), "name:"); ok {
				flush()
				name = firstWord(v)
				continue
			}
		}
		body.WriteString(line + "\n")
	}
	flush()
	return out
}

// queryTexts returns the SQL a query argument stands for: its constant
// values, a named query a constant names, or the named query an index
// expression with a constant key picks (queries["get-user"]).
func (x *extractor) queryTexts(arg ast.Expr) []string {
	var out []string
	for _, s := range x.stringValues(arg) {
		if LooksLikeSQL(s) {
			out = append(out, s)
			continue
		}
		out = append(out, x.l.queries.lookup(s)...)
	}
	if len(out) == 0 {
		out = x.sprintfSQL(arg)
	}
	if ix, ok := ast.Unparen(arg).(*ast.IndexExpr); ok && len(out) == 0 {
		for _, key := range x.stringValues(ix.Index) {
			out = append(out, x.l.queries.lookup(key)...)
		}
	}
	return out
}

// embeddedString reads the file a package-level string variable is
// filled with by a //go:embed directive of one file, or reports false.
func (x *extractor) embeddedString(gd *ast.GenDecl, vs *ast.ValueSpec) (string, bool) {
	if len(vs.Names) != 1 || len(vs.Values) != 0 || len(x.u.pkg.GoFiles) == 0 {
		return "", false
	}
	if !isString(x.info.TypeOf(vs.Names[0])) {
		return "", false
	}
	var pattern string
	for _, cg := range []*ast.CommentGroup{vs.Doc, gd.Doc} {
		if cg == nil {
			continue
		}
		for _, c := range cg.List {
			if p, ok := strings.CutPrefix(c.Text, "//go:embed "); ok {
				pattern = strings.TrimSpace(p)
			}
		}
	}
	if pattern == "" || strings.ContainsAny(pattern, "*?[ \"`") {
		return "", false
	}
	name := filepath.Join(filepath.Dir(x.u.pkg.GoFiles[0]), filepath.FromSlash(pattern))
	if info, err := os.Stat(name); err != nil || info.Size() > maxSQLFile {
		return "", false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", false
	}
	return string(data), true
}

// sqlFilesRecognizer credits the named query held by a struct field
// tagged with its name (`query:"get-user"`, filled by goyesql's
// ScanToStruct with prepared statements) to the function that runs it: a
// method called on the field (q.GetUser.Get(&u, id)) or a call given the
// field (tx.Stmtx(q.GetUser)). Named queries passed by name or embedded
// files are read wherever SQL is (sqlRecognizer, through queryTexts).
func sqlFilesRecognizer() recognizer {
	return &declared[sqlFileFacts]{
		Name: "sqlfiles",
		Doc:  "named queries of the module's .sql files run through struct fields tagged query:\"NAME\"",
		Run: func(p *pass, f *sqlFileFacts) hooks {
			return hooks{call: func(call *ast.CallExpr, c callee) { f.call(p, call, c) }}
		},
		Resolve: func(r *resolution, all []*sqlFileFacts) {
			for _, f := range all {
				r.tables(f.uses)
			}
		},
	}
}

// sqlFileFacts are the named queries one package runs through tagged
// fields.
type sqlFileFacts struct{ uses []tableUse }

func (f *sqlFileFacts) call(p *pass, call *ast.CallExpr, c callee) {
	exprs := call.Args
	if c.recvX != nil {
		exprs = append([]ast.Expr{c.recvX}, call.Args...)
	}
	for _, e := range exprs {
		for _, q := range p.namedQueries(queryTag(p.info(), e)) {
			f.uses = append(f.uses, sqlUses(p.owner(), q)...)
		}
	}
}

// queryTag returns the `query:"NAME"` tag of the struct field e selects.
func queryTag(info *types.Info, e ast.Expr) string {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return ""
	}
	t, path := s.Recv(), s.Index()
	for i, idx := range path {
		st := structOf(t)
		if st == nil || idx >= st.NumFields() {
			return ""
		}
		if i == len(path)-1 {
			return reflect.StructTag(st.Tag(idx)).Get("query")
		}
		t = st.Field(idx).Type()
	}
	return ""
}
