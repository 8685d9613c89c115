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
	"strconv"
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
		wants, err := inlineWants(dir)
		if err != nil {
			t.Fatal(err)
		}
		if def := filepath.Join(dir, "expect.txt"); len(wants) > 0 && !slices.Contains(expects, def) {
			expects = append(expects, def) // inline expectations only
		}
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
				if fileExists(exp) {
					checkExpect(t, g, nil, exp)
				}
				if filepath.Base(exp) == "expect.txt" {
					checkLines(t, g, wants)
				}
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
	var lines []expectLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		lines = append(lines, expectLine{where: fmt.Sprintf("%s:%d", path, n), text: strings.TrimSpace(sc.Text())})
	}
	checkLines(t, g, lines)
}

// expectLine is one fact to check and where it was written.
type expectLine struct{ where, text string }

// checkLines verifies facts in the expect grammar against a graph.
func checkLines(t *testing.T, g *analyzer.Graph, lines []expectLine) {
	t.Helper()
	edges := map[string]bool{}
	for _, e := range g.Edges() {
		edges[e.From+" -> "+e.To+" "+string(e.Kind)] = true
	}
	diags := map[string]bool{}
	for _, d := range g.Diagnostics {
		diags[d.Package] = true
	}
	for _, l := range lines {
		text, where := l.text, l.where
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(text, " ")
		switch verb {
		case "node":
			if _, ok := g.Node(rest); !ok {
				t.Errorf("%s: missing node %s", where, rest)
			}
		case "nonode":
			if _, ok := g.Node(rest); ok {
				t.Errorf("%s: unexpected node %s", where, rest)
			}
		case "view":
			if n, ok := g.Node(rest); !ok || n.Kind != analyzer.KindTable || !n.View {
				t.Errorf("%s: want a table node %s marked as a view, have %+v", where, rest, n)
			}
		case "generated", "notgenerated":
			if n, ok := g.Node(rest); !ok || n.Generated != (verb == "generated") {
				t.Errorf("%s: want node %s with generated=%v, have %+v", where, rest, verb == "generated", n)
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
		case "diagtext", "nodiagtext":
			has := slices.ContainsFunc(g.Diagnostics, func(d analyzer.Diagnostic) bool { return strings.Contains(d.String(), rest) })
			if has != (verb == "diagtext") {
				if has {
					t.Errorf("%s: a diagnostic says %q", where, rest)
				} else {
					t.Errorf("%s: no diagnostic says %q", where, rest)
				}
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

// inlineWants reads the expectations written in a fixture's Go files as
// comments, in the manner of go/analysis fixtures:
//
//	r.GET(path.Join(admin, "/login"), login) // want "route:GET /admin/login"
//
// Each quoted string is one line of the expect grammar; a string that
// starts with no verb is a node id. They hold for the default load.
func inlineWants(dir string) ([]expectLine, error) {
	var out []expectLine
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for n, line := range strings.Split(string(data), "\n") {
			_, rest, ok := strings.Cut(line, "// want ")
			if !ok {
				continue
			}
			where := fmt.Sprintf("%s:%d", path, n+1)
			for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
				q, err := strconv.QuotedPrefix(rest)
				if err != nil {
					return fmt.Errorf("%s: malformed want comment %q: quote each fact", where, rest)
				}
				rest = rest[len(q):]
				fact, _ := strconv.Unquote(q)
				switch verb, _, _ := strings.Cut(fact, " "); verb {
				case "node", "nonode", "view", "generated", "notgenerated", "edge", "noedge", "diag", "nodiag", "diagtext", "nodiagtext":
				default:
					fact = "node " + fact
				}
				out = append(out, expectLine{where: where, text: fact})
			}
		}
		return nil
	})
	return out, err
}
