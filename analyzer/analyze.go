package analyzer

import (
	"context"
	"errors"
	"fmt"
	"go/types"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"
)

// Options says what to analyze.
type Options struct {
	// Dir is the directory of the module (or workspace) to analyze.
	Dir string
	// Patterns are go package patterns relative to Dir; default "./...".
	Patterns []string
	// Tags are build tags, as for 'go build -tags'.
	Tags []string
	// Env adds environment variables for the go command, such as
	// "GOOS=windows" or "GOWORK=off".
	Env []string
	// Tests includes test files and test packages.
	Tests bool
	// Config overrides ficus.yaml in Dir when set.
	Config *Config
	// Logger receives debug detail; nil discards it.
	Logger *slog.Logger
	// Progress, when set, is called as packages are checked.
	Progress func(done, total int)
	// CacheDir holds the type information of dependencies between runs
	// (default DefaultCacheDir()); NoCache turns the cache off.
	CacheDir string
	NoCache  bool
}

// Analyze loads the packages of opts.Dir and builds their graph. Problems
// with single packages are reported as the graph's Diagnostics; the error is
// non-nil only when nothing could be analyzed (then the graph, if any, still
// holds the diagnostics).
func Analyze(ctx context.Context, opts Options) (*Graph, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	dir, err := checkDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	opts.Dir = dir
	if len(opts.Patterns) == 0 {
		opts.Patterns = []string{"./..."}
		ws, err := workspacePatterns(dir)
		if err != nil {
			return nil, err
		}
		if len(ws) > 0 {
			opts.Patterns = ws
		}
	}
	var diags []Diagnostic
	cfg := opts.Config
	if cfg == nil {
		c, err := LoadConfig(dir)
		if err != nil {
			diags = append(diags, Diagnostic{Kind: DiagConfig, Message: err.Error(), Hint: "the defaults are used instead"})
		}
		cfg = &c
	}

	roots, err := metadata(ctx, opts)
	if err != nil {
		return nil, explainListError(dir, err)
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("%w matching %s in %s: check the patterns, or that the directory holds .go files", ErrNoPackages, strings.Join(opts.Patterns, " "), dir)
	}
	goarch := runtime.GOARCH
	for _, kv := range append(os.Environ(), opts.Env...) {
		if v, ok := strings.CutPrefix(kv, "GOARCH="); ok && v != "" {
			goarch = v
		}
	}
	cacheDir := opts.CacheDir
	if cacheDir == "" {
		cacheDir = DefaultCacheDir()
	}
	if opts.NoCache {
		cacheDir = ""
	}
	cache := newTypeCache(cacheDir)
	l := newLoader(roots, dir, goarch, cache)
	cache.computeKeys(l.units, goarch, opts.Tests)
	l.report = opts.Progress
	rootPaths := map[string]bool{}
	for _, p := range roots {
		rootPaths[p.PkgPath] = true
	}
	recs := recognizers()
	var mu sync.Mutex
	all := map[string]*facts{}
	l.extract = func(u *unit) {
		x := &extractor{l: l, u: u, pkg: u.pkg.PkgPath, info: u.info, cfg: cfg, roots: rootPaths, f: newFacts(), recs: recs}
		x.run()
		mu.Lock()
		all[u.pkg.ID] = x.f
		mu.Unlock()
	}
	opts.Logger.Debug("checking packages", "packages", len(l.units), "roots", len(roots))
	if err := l.run(ctx); err != nil {
		return nil, fmt.Errorf("analyze %s: %w", dir, err)
	}

	g := NewGraph(moduleName(dir, roots))
	g.Dir = dir
	b := newBuilder(g, recs)
	b.views = l.queries.viewTables
	b.broken = map[string]bool{}
	analyzed := 0
	var rootTypes []*types.Package
	for _, u := range l.sortedUnits() {
		diags = append(diags, u.diags...)
		if !u.root {
			continue
		}
		if hasLoadError(u.diags) {
			b.broken[u.pkg.PkgPath] = true
		}
		if len(u.pkg.GoFiles) > 0 && u.types != nil {
			rootTypes = append(rootTypes, u.types)
			if !hasSyntaxOrListError(u.diags) || len(u.types.Scope().Names()) > 0 {
				analyzed++
			}
		}
		if f := all[u.pkg.ID]; f != nil {
			b.addFacts(f)
			diags = append(diags, f.diags...)
		}
	}
	for _, u := range l.sortedUnits() {
		if !u.root {
			continue
		}
		for _, imp := range u.pkg.Imports {
			if !rootPaths[imp.PkgPath] {
				b.external(imp)
			}
		}
	}
	b.resolve(rootTypes)
	b.flush()
	diags = append(diags, b.diags...)
	g.Diagnostics = dedupeDiags(diags)
	if analyzed == 0 {
		return g, fmt.Errorf("%w in %s: %d diagnostics; the first: %s", ErrNothingAnalyzed, dir, len(g.Diagnostics), firstDiag(g.Diagnostics))
	}
	return g, nil
}

// hasLoadError reports a package the go command, the parser or the type
// checker found errors in.
func hasLoadError(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool {
		return d.Kind == DiagList || d.Kind == DiagParse || d.Kind == DiagType
	})
}

func hasSyntaxOrListError(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Kind == DiagList || d.Kind == DiagParse })
}

func firstDiag(ds []Diagnostic) string {
	if len(ds) == 0 {
		return "none"
	}
	return ds[0].String()
}

func dedupeDiags(ds []Diagnostic) []Diagnostic {
	seen := map[Diagnostic]bool{}
	out := ds[:0]
	for _, d := range ds {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// checkDir resolves dir and makes sure it is inside a Go module or
// workspace, with a message that says what to do when not.
func checkDir(dir string) (string, error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", dir, err)
	}
	st, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("directory %s does not exist: give the path of a Go module", dir)
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", dir, err)
	}
	if !st.IsDir() {
		return "", fmt.Errorf("%s is a file, not a directory: give the directory that holds go.mod", dir)
	}
	if os.Getenv("GOWORK") != "" && os.Getenv("GOWORK") != "off" {
		return abs, nil
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, name := range []string{"go.mod", "go.work"} {
			if _, err := os.Stat(filepath.Join(d, name)); err == nil {
				return abs, nil
			}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", fmt.Errorf("%w in %s or any parent directory: ficus analyzes Go modules; point it at the directory that holds go.mod, or create one with 'go mod init'", ErrNoModule, dir)
}

// explainListError adds a hint to go command failures.
func explainListError(dir string, err error) error {
	msg := err.Error()
	if h := hintFor(msg); h != "" {
		return fmt.Errorf("load %s: %w\nhint: %s", dir, err, h)
	}
	return fmt.Errorf("load %s: %w", dir, err)
}

// moduleName names the analyzed module(s).
func moduleName(dir string, roots []*packages.Package) string {
	var mods []string
	for _, p := range roots {
		if p.Module != nil && p.Module.Main && !slices.Contains(mods, p.Module.Path) {
			mods = append(mods, p.Module.Path)
		}
	}
	if len(mods) == 0 {
		// The go command reports no module for packages in GOROOT (such as
		// GOROOT/src/cmd, module "cmd"): read the directory's go.mod.
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			return modfile.ModulePath(data)
		}
	}
	slices.Sort(mods)
	return strings.Join(mods, ",")
}
