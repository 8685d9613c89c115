package analyzer_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
	goldenfile "github.com/ficus-dev/ficus/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files")

// offlineEnv makes the go command resolve fixture modules from their
// replace directives alone, never from the network.
var offlineEnv = []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"}

// offline sets offlineEnv for a whole (non-parallel) test.
func offline(t *testing.T) {
	t.Helper()
	for _, kv := range offlineEnv {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

// expectVariant maps an expect file name to the options it is checked with:
// expect.txt (defaults), expect-windows.txt (GOOS), expect-TAG.txt (build
// tag), expect-noconfig.txt (ficus.yaml ignored).
func expectVariant(dir, name string) analyzer.Options {
	opts := analyzer.Options{Dir: dir, Env: slices.Clone(offlineEnv)}
	if fileExists(filepath.Join(dir, "go.work")) {
		opts.Env = []string{"GOPROXY=off", "GOWORK=", "GOFLAGS="} // the fixture's own workspace
	}
	v := strings.TrimSuffix(strings.TrimPrefix(name, "expect"), ".txt")
	v = strings.TrimPrefix(v, "-")
	switch v {
	case "":
	case "windows", "linux", "darwin", "freebsd":
		opts.Env = append(opts.Env, "GOOS="+v)
	case "noconfig":
		def := analyzer.DefaultConfig()
		opts.Config = &def
	case "nocgo":
		opts.Env = append(opts.Env, "CGO_ENABLED=0")
	default:
		opts.Tags = []string{v}
	}
	return opts
}

// TestFixtures checks each fixture module against the facts written by
// hand in its expect*.txt files, and against its golden graph.
func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob("testdata/fixtures/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		expects, _ := filepath.Glob(filepath.Join(dir, "expect*.txt"))
		for _, exp := range expects {
			name := filepath.Base(dir) + "/" + filepath.Base(exp)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				opts := expectVariant(dir, filepath.Base(exp))
				g, err := analyzer.Analyze(context.Background(), opts)
				if err != nil {
					t.Fatalf("Analyze(%s): %v", dir, err)
				}
				for _, d := range g.Diagnostics {
					t.Logf("diagnostic: %s", d)
				}
				checkExpect(t, g, nil, exp)
				golden := filepath.Join("testdata", "golden", strings.TrimSuffix(strings.ReplaceAll(name, "/", "-"), ".txt")+".json")
				checkGolden(t, g, golden)
			})
		}
	}
}

// checkExpect verifies an expect file (grammar in testdata/README.md)
// against the result of one load: the graph g, or the error loadErr.
func checkExpect(t *testing.T, g *analyzer.Graph, loadErr error, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want, ok := failLine(data); ok || loadErr != nil {
		switch {
		case !ok:
			t.Fatalf("%s: load failed: %v", path, loadErr)
		case loadErr == nil:
			t.Fatalf("%s: load succeeded, want it to fail", path)
		case !strings.Contains(loadErr.Error(), want):
			t.Fatalf("%s: load error %q does not contain %q", path, loadErr, want)
		}
		return
	}
	edges := map[string]bool{}
	for _, e := range g.Edges() {
		edges[e.From+" -> "+e.To+" "+string(e.Kind)] = true
	}
	diags := map[string]bool{}
	for _, d := range g.Diagnostics {
		diags[d.Package] = true
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(text, " ")
		where := fmt.Sprintf("%s:%d", path, line)
		switch verb {
		case "node":
			if _, ok := g.Node(rest); !ok {
				t.Errorf("%s: missing node %s", where, rest)
			}
		case "nonode":
			if _, ok := g.Node(rest); ok {
				t.Errorf("%s: unexpected node %s", where, rest)
			}
		case "edge", "noedge":
			i := strings.LastIndexByte(rest, ' ')
			if i < 0 || !strings.Contains(rest, " -> ") {
				t.Errorf("%s: malformed edge line %q", where, text)
				continue
			}
			key := rest
			if has := edges[key]; has != (verb == "edge") {
				if verb == "edge" {
					t.Errorf("%s: missing edge %s", where, rest)
				} else {
					t.Errorf("%s: unexpected edge %s", where, rest)
				}
			}
		case "diag":
			if !diags[rest] {
				t.Errorf("%s: no diagnostic for package %s", where, rest)
			}
		case "nodiag":
			if diags[rest] {
				t.Errorf("%s: unexpected diagnostic for package %s", where, rest)
			}
		case "fail":
		default:
			t.Errorf("%s: unknown verb %q", where, verb)
		}
	}
}

func checkGolden(t *testing.T, g *analyzer.Graph, path string) {
	t.Helper()
	var buf bytes.Buffer
	if err := g.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	goldenfile.Check(t, path, buf.Bytes(), *update)
}

// failLine finds a "fail [TEXT]" line.
func failLine(data []byte) (string, bool) {
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "fail" {
			return "", true
		}
		if text, ok := strings.CutPrefix(line, "fail "); ok {
			return text, true
		}
	}
	return "", false
}
