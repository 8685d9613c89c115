package analyzer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestTypeCache checks that dependencies loaded from the type cache give
// the same graph as dependencies checked from source, and that a damaged
// cache entry is survived.
func TestTypeCache(t *testing.T) {
	cache := t.TempDir()
	dir := filepath.Join("testdata", "fixtures", "nethttp")
	run := func(opts analyzer.Options) string {
		t.Helper()
		opts.Dir, opts.Env = dir, offlineEnv
		g, err := analyzer.Analyze(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := g.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	fromSource := run(analyzer.Options{NoCache: true})
	cold := run(analyzer.Options{CacheDir: cache})
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*.types"))
	if len(entries) == 0 {
		t.Fatal("the cold run stored nothing in the type cache")
	}
	warm := run(analyzer.Options{CacheDir: cache})
	if diff := cmp.Diff(fromSource, cold); diff != "" {
		t.Errorf("cold cache run differs from source (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(fromSource, warm); diff != "" {
		t.Errorf("warm cache run differs from source (-want +got):\n%s", diff)
	}
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("not export data"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(fromSource, run(analyzer.Options{CacheDir: cache})); diff != "" {
		t.Errorf("run over a damaged cache differs from source (-want +got):\n%s", diff)
	}
}
