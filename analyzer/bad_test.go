package analyzer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// copyDir copies a fixture tree so it can be analyzed outside this module.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestBadInput checks that each broken module yields a clear error or a
// partial graph with its problems listed as diagnostics, never a panic.
// Each is checked against its expect*.txt files and a message it must give.
func TestBadInput(t *testing.T) {
	offline(t)
	tests := []struct {
		dir      string
		wantErr  error  // nil: a graph is produced
		wantText string // in the error message or in some diagnostic
	}{
		{dir: "nogomod", wantErr: analyzer.ErrNoModule, wantText: "go mod init"},
		{dir: "nogo", wantErr: analyzer.ErrNoPackages, wantText: ".go files"},
		{dir: "syntax", wantText: "expected"},
		{dir: "types", wantText: "undefined"},
		{dir: "missingdep", wantText: "go mod download"},
		{dir: "cgo", wantText: "cgo"},
		{dir: "embed", wantText: "//go:embed pattern matches no file"},
		{dir: "depbroken", wantText: "undefined: a"},
		{dir: "reachbroken", wantText: "undefined: newServer"},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := copyDir(t, filepath.Join("testdata", "bad", tt.dir))
			expects, _ := filepath.Glob(filepath.Join(dir, "expect*.txt"))
			if len(expects) == 0 {
				t.Fatalf("%s has no expect.txt", tt.dir)
			}
			for _, exp := range expects {
				opts := expectVariant(dir, filepath.Base(exp))
				g, err := analyzer.Analyze(context.Background(), opts)
				checkExpect(t, g, err, exp)
				if filepath.Base(exp) != "expect.txt" {
					continue
				}
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.wantText) {
						t.Errorf("Analyze error = %v, want %v saying %q", err, tt.wantErr, tt.wantText)
					}
					continue
				}
				var all []string
				for _, d := range g.Diagnostics {
					all = append(all, d.String())
				}
				if !strings.Contains(strings.Join(all, "\n"), tt.wantText) {
					t.Errorf("no diagnostic says %q; got:\n%s", tt.wantText, strings.Join(all, "\n"))
				}
			}
		})
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func TestMissingDirectory(t *testing.T) {
	_, err := analyzer.Analyze(context.Background(), analyzer.Options{Dir: filepath.Join(t.TempDir(), "nope")})
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("Analyze(missing dir) = %v, want a 'does not exist' error", err)
	}
}

// TestNothingAnalyzed: a module whose only package cannot be parsed at all
// still returns its diagnostics, with ErrNothingAnalyzed.
func TestNothingAnalyzed(t *testing.T) {
	offline(t)
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/broken\n\ngo 1.22\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "a.go"), []byte("packag broken\n"), 0o644))
	g, err := analyzer.Analyze(context.Background(), analyzer.Options{Dir: dir})
	if !errors.Is(err, analyzer.ErrNothingAnalyzed) {
		t.Fatalf("Analyze = %v, want ErrNothingAnalyzed", err)
	}
	if g == nil || len(g.Diagnostics) == 0 {
		t.Fatalf("want the diagnostics returned with the error, got %+v", g)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
