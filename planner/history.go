package planner

import (
	"path"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// minHistoryFiles is the fewest versioned files a folder needs to be read
// as a schema-migration history.
const minHistoryFiles = 3

// historyFiles marks the files of schema-migration histories: a folder in
// which at least minHistoryFiles Go files, and more than half of them,
// are named by a version or a timestamp (20190324205606.go,
// 001_add_org_id.go, v12.go), the way goose, xormigrate, gormigrate and
// hand-rolled migrators keep one file per schema change. Such code is the
// database layer's plumbing: it touches every area's tables once, in the
// order the schema grew, and owns none of them. Tests are not counted.
func historyFiles(nodes []analyzer.Node) map[string]bool {
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
		t := dirs[path.Dir(f)]
		if t.versioned >= minHistoryFiles && 2*t.versioned > t.all {
			out[f] = true
		}
	}
	return out
}

// versionedName reports a Go file named by a version or a timestamp: its
// name starts with three digits or more (20190324205606.go,
// 001_add_org_id.go), or is a "v" and a number, alone or before an
// underscore (v12.go, v3_add_index.go).
func versionedName(base string) bool {
	b := strings.TrimSuffix(base, ".go")
	digits := func(s string) int {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		return n
	}
	if digits(b) >= 3 {
		return true
	}
	if rest, ok := strings.CutPrefix(strings.ToLower(b), "v"); ok {
		if n := digits(rest); n > 0 && (n == len(rest) || rest[n] == '_') {
			return true
		}
	}
	return false
}
