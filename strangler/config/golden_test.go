package config

import (
	"flag"
	"path/filepath"
	"testing"

	goldenfile "github.com/ficus-dev/ficus/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got, *update)
}
