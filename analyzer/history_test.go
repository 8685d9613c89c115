package analyzer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// gitRepo is a git repository built by a test, with commits at fixed dates.
type gitRepo struct {
	t   *testing.T
	dir string
	day int // days after 2024-01-01 of the next commit
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=ficus", "-c", "user.email=ficus@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = r.dir
	date := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, r.day).Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// commit writes each file (a new line, so it changes) and commits them on
// day r.day, then moves a day on.
func (r *gitRepo) commit(files ...string) {
	r.t.Helper()
	for _, f := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		fh, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			r.t.Fatal(err)
		}
		fmt.Fprintf(fh, "// day %d\n", r.day)
		fh.Close()
	}
	r.git("add", "-A")
	r.git("commit", "-q", "-m", fmt.Sprintf("day %d", r.day))
	r.day++
}

// historyGraph is a graph of symbols declared in files of dir: each
// "file.go" yields a func file.F at line 3 and file.G at line 9.
func historyGraph(dir string, files ...string) *Graph {
	g := NewGraph("example.com/app")
	g.Dir = dir
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".go")
		g.AddNode(Node{ID: "example.com/app." + base + "G", Kind: KindFunc, Pos: f + ":9"})
		g.AddNode(Node{ID: "example.com/app." + base + "F", Kind: KindFunc, Pos: f + ":3"})
	}
	return g
}

func coChangeEdges(g *Graph) map[string]int {
	out := map[string]int{}
	for _, e := range g.Edges() {
		if e.Kind == EdgeCoChanges {
			out[e.From+" "+e.To] = e.Weight
		}
	}
	return out
}

// checkCoChanges adds the history of g.Dir to g and compares its
// co-changes edges with want.
func checkCoChanges(t *testing.T, g *Graph, cfg HistoryConfig, want map[string]int) HistoryStats {
	t.Helper()
	st, err := AddHistory(context.Background(), g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, coChangeEdges(g)); d != "" {
		t.Errorf("co-changes edges (-want +got):\n%s", d)
	}
	return st
}

func TestAddHistory(t *testing.T) {
	const (
		a, b, c = "example.com/app.aF", "example.com/app.bF", "example.com/app.cF"
	)
	cfg := func(edit func(*HistoryConfig)) HistoryConfig {
		c := DefaultHistoryConfig()
		c.MinCommits = 1
		if edit != nil {
			edit(&c)
		}
		return c
	}
	tests := []struct {
		name      string
		commits   [][]string
		cfg       HistoryConfig
		wantEdges map[string]int
		wantStats HistoryStats
	}{
		{
			name:      "files changed together are joined through their first symbols",
			commits:   [][]string{{"a.go", "b.go"}, {"c.go"}},
			cfg:       cfg(nil),
			wantEdges: map[string]int{a + " " + b: 100},
			wantStats: HistoryStats{Commits: 2, Pairs: 1, Edges: 1},
		},
		{
			name:      "an older commit weighs less: half after a half-life",
			commits:   [][]string{{"a.go", "b.go"}, {"a.go", "c.go"}, {"x.txt"}},
			cfg:       cfg(func(c *HistoryConfig) { c.HalfLifeDays = 1 }),
			wantEdges: map[string]int{a + " " + b: 25, a + " " + c: 50},
			wantStats: HistoryStats{Commits: 3, Pairs: 2, Edges: 2},
		},
		{
			name:      "weights add up over commits",
			commits:   [][]string{{"a.go", "b.go"}, {"a.go", "b.go"}, {"a.go", "c.go"}},
			cfg:       cfg(func(c *HistoryConfig) { c.MinCommits, c.HalfLifeDays = 2, 1e6 }),
			wantEdges: map[string]int{a + " " + b: 200},
			wantStats: HistoryStats{Commits: 3, Pairs: 1, Edges: 1},
		},
		{
			name:      "bulk commits are left out",
			commits:   [][]string{{"a.go", "b.go", "c.go"}, {"a.go", "b.go"}},
			cfg:       cfg(func(c *HistoryConfig) { c.MaxFiles = 2 }),
			wantEdges: map[string]int{a + " " + b: 100},
			wantStats: HistoryStats{Commits: 2, Bulk: 1, Pairs: 1, Edges: 1},
		},
		{
			name:      "vendored, generated, excluded and unknown files are left out",
			commits:   [][]string{{"a.go", "vendor/v/v.go", "gen.go", "skip/s.go", "README.md"}},
			cfg:       cfg(func(c *HistoryConfig) { c.Exclude = []string{"skip/"} }),
			wantEdges: map[string]int{},
			wantStats: HistoryStats{Commits: 1},
		},
		{
			name:      "the edge limit keeps the strongest pairs",
			commits:   [][]string{{"a.go", "b.go"}, {"a.go", "b.go"}, {"b.go", "c.go"}},
			cfg:       cfg(func(c *HistoryConfig) { c.MaxEdges, c.HalfLifeDays = 1, 1e6 }),
			wantEdges: map[string]int{a + " " + b: 200},
			wantStats: HistoryStats{Commits: 3, Pairs: 2, Edges: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newGitRepo(t)
			if err := os.MkdirAll(filepath.Join(r.dir, "skip"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(r.dir, "gen.go"), []byte("// Code generated by hand. DO NOT EDIT.\n\npackage app\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, c := range tt.commits {
				r.commit(c...)
			}
			g := historyGraph(r.dir, "a.go", "b.go", "c.go", "gen.go", "skip/s.go", "vendor/v/v.go")
			st := checkCoChanges(t, g, tt.cfg, tt.wantEdges)
			st.Oldest, st.Newest = time.Time{}, time.Time{}
			if d := cmp.Diff(tt.wantStats, st); d != "" {
				t.Errorf("stats (-want +got):\n%s", d)
			}
			limited := slices.ContainsFunc(g.Diagnostics, func(d Diagnostic) bool { return d.Kind == DiagHistory })
			if want := tt.wantStats.Pairs > tt.wantStats.Edges; limited != want {
				t.Errorf("limit diagnostic = %v, want %v: %v", limited, want, g.Diagnostics)
			}
		})
	}
}

// TestAddHistoryModuleBelowGitRoot reads a module in a folder of its
// repository: paths are relative to the module, and commits that change
// only other folders are not read.
func TestAddHistoryModuleBelowGitRoot(t *testing.T) {
	r := newGitRepo(t)
	r.commit("svc/a.go", "svc/b.go")
	r.commit("other/a.go", "other/b.go")
	r.commit("svc/a.go", "svc/b.go", "other/c.go")
	g := historyGraph(filepath.Join(r.dir, "svc"), "a.go", "b.go")
	cfg := DefaultHistoryConfig()
	cfg.HalfLifeDays = 2 // the older commit of svc/ is two days older: it weighs half
	st := checkCoChanges(t, g, cfg, map[string]int{"example.com/app.aF example.com/app.bF": 100 + 50})
	if st.Commits != 2 {
		t.Errorf("read %d commits, want the 2 that change svc/", st.Commits)
	}
}

func TestAddHistoryMergesLeftOut(t *testing.T) {
	r := newGitRepo(t)
	r.commit("a.go")
	r.git("checkout", "-q", "-b", "side")
	r.commit("a.go", "b.go")
	r.git("checkout", "-q", "main")
	r.commit("c.go")
	r.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
	g := historyGraph(r.dir, "a.go", "b.go", "c.go")
	cfg := DefaultHistoryConfig()
	cfg.MinCommits = 1
	// the merge commit is neither counted nor read for pairs
	st := checkCoChanges(t, g, cfg, map[string]int{"example.com/app.aF example.com/app.bF": 100})
	if st.Commits != 3 {
		t.Errorf("read %d commits, want 3 (the merge left out)", st.Commits)
	}
}

func TestAddHistoryShallow(t *testing.T) {
	r := newGitRepo(t)
	for range 3 {
		r.commit("a.go", "b.go")
	}
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("clone", "-q", "--depth=1", "file://"+r.dir, clone)
	g := historyGraph(clone, "a.go", "b.go")
	cfg := DefaultHistoryConfig()
	cfg.MinCommits = 1
	st, err := AddHistory(context.Background(), g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Shallow || st.Commits != 1 {
		t.Fatalf("stats = %+v, want a shallow history of 1 commit", st)
	}
	if len(g.Diagnostics) != 1 || g.Diagnostics[0].Kind != DiagHistory || !strings.Contains(g.Diagnostics[0].Hint, "git fetch --unshallow") {
		t.Errorf("diagnostics = %v, want one saying how to deepen the clone", g.Diagnostics)
	}
}

func TestAddHistoryErrors(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T) string
		cfg     HistoryConfig
		wantErr string
		wantIs  error
	}{
		{name: "not a repository", setup: func(t *testing.T) string { return t.TempDir() }, cfg: DefaultHistoryConfig(), wantIs: ErrNoHistory},
		{name: "no commits", setup: func(t *testing.T) string { return newGitRepo(t).dir }, cfg: DefaultHistoryConfig(), wantErr: "no commits yet"},
		{name: "bad config", setup: func(t *testing.T) string { return t.TempDir() }, cfg: HistoryConfig{}, wantErr: "history.max_files is 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := exec.LookPath("git"); err != nil {
				t.Skip("git is not installed")
			}
			g := historyGraph(tt.setup(t), "a.go")
			_, err := AddHistory(context.Background(), g, tt.cfg)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
}

// TestAddHistoryOnThisRepository reads ficus's own history: its files
// change together, so some co-changes edges must come out.
func TestAddHistoryOnThisRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Run(); err != nil {
		t.Skip("not in a git clone")
	}
	g := historyGraph(dir, "graph.go", "json.go", "analyze.go", "builder.go", "config.go", "extract.go")
	st, err := AddHistory(context.Background(), g, DefaultHistoryConfig())
	if err != nil {
		t.Fatal(err)
	}
	if st.Commits == 0 || st.Edges == 0 {
		t.Fatalf("stats = %+v, want commits and co-changes edges", st)
	}
	for _, e := range g.Edges() {
		if e.Kind != EdgeCoChanges || e.From >= e.To || e.Weight < 1 {
			t.Errorf("edge %+v: want co-changes from the lower id, weight 1 or more", e)
		}
	}
}
