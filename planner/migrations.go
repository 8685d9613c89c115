package planner

import (
	"path"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// minMigrationFiles is the fewest versioned files a folder needs to be
// read as a schema-migration history.
const minMigrationFiles = 3

// migrationFiles marks the files of schema-migration histories: a folder
// whose path names migrations (a folder called migration(s), migrate,
// schema, upgrade(s) or version(s)) and in which at least
// minMigrationFiles Go files, and more than half of them, are named by a
// version or a timestamp (20190324205606.go, 001_add_org_id.go, v12.go),
// the way goose, xormigrate, gormigrate and hand-rolled migrators keep
// one file per schema change. The whole folder is marked, its driver too.
// Such code is the database layer's plumbing: it touches every area's
// tables once, in the order the schema grew, and owns none of them.
// Tests are not counted.
func migrationFiles(nodes []analyzer.Node) map[string]bool {
	type tally struct{ versioned, all int }
	dirs := map[string]*tally{}
	seen := map[string]bool{}
	for _, n := range nodes {
		if n.External || !isSymbol(n) {
			continue
		}
		f := file(n)
		if f == "" || seen[f] || strings.HasSuffix(f, "_test.go") {
			continue
		}
		seen[f] = true
		d := path.Dir(f)
		if !migrationFolder(d) {
			continue
		}
		t := dirs[d]
		if t == nil {
			t = &tally{}
			dirs[d] = t
		}
		t.all++
		if versionedName(path.Base(f)) {
			t.versioned++
		}
	}
	out := map[string]bool{}
	for f := range seen {
		if t := dirs[path.Dir(f)]; t != nil && t.versioned >= minMigrationFiles && 2*t.versioned > t.all {
			out[f] = true
		}
	}
	return out
}

// migrationFolder reports a folder whose path names schema migrations:
// one of its folders is a migration(s), migrate(s), migrator, schema(s),
// upgrade(s) or version(s) folder. A folder of API versions (v1.go,
// v2.go beside the handlers) is not.
func migrationFolder(dir string) bool {
	for _, seg := range strings.Split(strings.ToLower(dir), "/") {
		switch seg {
		case "migration", "migrations", "migrate", "migrates", "migrator", "migrations_sql",
			"schema", "schemas", "upgrade", "upgrades", "version", "versions":
			return true
		}
	}
	return false
}

// versionedName reports a Go file named by a version or a timestamp: its
// name is a number, or starts with one before an underscore
// (20190324205606.go, 001_add_org_id.go, 1_initial.go), or is a "v" and
// a number, alone or before an underscore (v12.go, v3_add_index.go).
func versionedName(base string) bool {
	b := strings.ToLower(strings.TrimSuffix(base, ".go"))
	b = strings.TrimPrefix(b, "v")
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	return n > 0 && (n == len(b) || b[n] == '_')
}
