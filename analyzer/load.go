package analyzer

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// maxTypeErrors bounds the type errors kept per package; a broken package
// can report thousands.
const maxTypeErrors = 10

// unit is one package of the load, with what type-checking made of it.
type unit struct {
	pkg   *packages.Package
	root  bool // matched by the patterns: analyzed in full
	types *types.Package
	// files and info are kept for root packages only, until extracted.
	files []*ast.File
	info  *types.Info
	diags []Diagnostic

	importers []*unit
	pending   int // imports not yet checked; guarded by loader.mu
}

// loader type-checks a package graph in dependency order, in parallel.
type loader struct {
	fset    *token.FileSet
	dir     string
	sizes   types.Sizes
	units   map[string]*unit // by package ID
	extract func(*unit)      // called for each root once checked
	mu      sync.Mutex
	done    int
	total   int
	report  func(done, total int)
	cache   *typeCache
	queries *namedQueries // the module's named SQL queries (sqlfiles.go)
	// own are the packages of the analyzed module(s), analyzed or not
	// (written once here, read by every worker).
	own map[string]bool
}

// metadata asks the go command (through go/packages) which packages the
// patterns name, with their files and imports. It compiles nothing.
func metadata(ctx context.Context, opts Options) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Context: ctx,
		Dir:     opts.Dir,
		Mode:    packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedEmbedFiles | packages.NeedEmbedPatterns,
		Env:     append(os.Environ(), opts.Env...),
		Tests:   opts.Tests,
	}
	if len(opts.Tags) > 0 {
		cfg.BuildFlags = []string{"-tags=" + strings.Join(opts.Tags, ",")}
	}
	pkgs, err := packages.Load(cfg, opts.Patterns...)
	if err != nil {
		return nil, fmt.Errorf("list packages in %s: %w", opts.Dir, err)
	}
	return pkgs, nil
}

// newLoader prepares units for every package reachable from roots.
func newLoader(roots []*packages.Package, dir string, goarch string, cache *typeCache) *loader {
	l := &loader{fset: token.NewFileSet(), dir: dir, units: map[string]*unit{}, cache: cache, queries: &namedQueries{dir: dir}}
	l.sizes = types.SizesFor("gc", goarch)
	if l.sizes == nil {
		l.sizes = types.SizesFor("gc", runtime.GOARCH)
	}
	rootIDs := map[string]bool{}
	for _, p := range roots {
		rootIDs[p.ID] = true
	}
	l.own = map[string]bool{}
	packages.Visit(roots, nil, func(p *packages.Package) {
		l.units[p.ID] = &unit{pkg: p, root: rootIDs[p.ID]}
		if p.Module != nil && p.Module.Main {
			l.own[p.PkgPath] = true
		}
	})
	for _, u := range l.units {
		for _, imp := range u.pkg.Imports {
			if d := l.units[imp.ID]; d != nil {
				d.importers = append(d.importers, u)
				u.pending++
			}
		}
	}
	l.total = len(l.units)
	return l
}

// run checks every unit, each as soon as its imports are checked, on as many
// workers as there are CPUs.
func (l *loader) run(ctx context.Context) error {
	ready := make(chan *unit, len(l.units))
	for _, u := range l.units {
		if u.pending == 0 {
			ready <- u
		}
	}
	if len(ready) == 0 && len(l.units) > 0 {
		return errorf("import cycle among all %d packages", len(l.units))
	}
	var wg sync.WaitGroup
	remaining := len(l.units)
	finished := make(chan struct{})
	workers := runtime.GOMAXPROCS(0)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-finished:
					return
				case <-ctx.Done():
					return
				case u := <-ready:
					l.check(u)
					if u.root && l.extract != nil {
						l.extract(u)
						u.files, u.info = nil, nil // let the syntax go
					}
					l.mu.Lock()
					l.done++
					remaining--
					if l.report != nil {
						l.report(l.done, l.total)
					}
					for _, imp := range u.importers {
						imp.pending--
						if imp.pending == 0 {
							ready <- imp
						}
					}
					if remaining == 0 {
						close(finished)
					}
					l.mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if remaining > 0 {
		// An import cycle leaves units that never become ready. The go
		// command reports such cycles as package errors already.
		for _, u := range l.units {
			if u.types == nil {
				u.types = types.NewPackage(u.pkg.PkgPath, u.pkg.Name)
			}
		}
	}
	return nil
}

// check parses and type-checks one unit. Dependencies are checked without
// function bodies and keep no syntax.
func (l *loader) check(u *unit) {
	p := u.pkg
	if p.PkgPath == "unsafe" {
		u.types = types.Unsafe
		return
	}
	if !u.root {
		if pkg, ok := l.cache.load(u, l.fset); ok {
			u.types = pkg
			return
		}
	}
	for _, e := range p.Errors {
		if u.root || e.Kind == packages.ListError {
			u.diags = append(u.diags, l.listDiag(p, e))
		}
	}
	mode := parser.SkipObjectResolution
	if u.root {
		mode |= parser.ParseComments
	}
	files := make([]*ast.File, 0, len(p.GoFiles))
	usesCgo := false
	for _, name := range p.GoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Kind: DiagParse, Message: err.Error()})
			continue
		}
		f, err := parser.ParseFile(l.fset, name, src, mode)
		if err != nil && u.root {
			var list scanner.ErrorList
			if errors.As(err, &list) {
				for i, e := range list {
					if i == maxTypeErrors {
						u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Kind: DiagLimit, Message: fmt.Sprintf("%d more syntax errors", len(list)-i)})
						break
					}
					u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Pos: l.relPos(e.Pos), Kind: DiagParse, Message: e.Msg, Hint: hintFor("syntax error")})
				}
			} else {
				u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Kind: DiagParse, Message: err.Error()})
			}
		}
		if f == nil {
			continue
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				usesCgo = true
			}
		}
		files = append(files, f)
	}
	typeErrs := 0
	conf := types.Config{
		Importer:         importerFunc(func(path string) (*types.Package, error) { return l.importFor(u, path) }),
		Sizes:            l.sizes,
		IgnoreFuncBodies: !u.root,
		FakeImportC:      usesCgo,
		Error: func(err error) {
			typeErrs++
			// A dependency shows its first error, so that the count that
			// follows is something a person can act on.
			if typeErrs > maxTypeErrors || !u.root && typeErrs > 1 {
				return
			}
			var te types.Error
			if errors.As(err, &te) {
				u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Pos: l.relPos(te.Fset.Position(te.Pos)), Kind: DiagType, Message: te.Msg, Hint: hintFor(te.Msg)})
				return
			}
			u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Kind: DiagType, Message: err.Error()})
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	var info *types.Info
	if u.root {
		info = &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Defs:       map[*ast.Ident]types.Object{},
			Uses:       map[*ast.Ident]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
		}
	}
	tp, _ := conf.Check(p.PkgPath, l.fset, files, info) // errors reported through conf.Error
	switch {
	case u.root && typeErrs > maxTypeErrors:
		u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Kind: DiagLimit, Message: fmt.Sprintf("%d more type errors", typeErrs-maxTypeErrors)})
	case !u.root && typeErrs > 1:
		u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Kind: DiagLimit, Message: fmt.Sprintf("%d more type errors in this dependency, after the one above", typeErrs-1),
			Hint: "a dependency that does not type-check leaves the calls into it unresolved; check that 'go build' succeeds"})
	}
	if typeErrs > 0 {
		if d, ok := l.cgoOff(p); ok {
			u.diags = append(u.diags, d)
		}
	}
	if usesCgo && u.root {
		u.diags = append(u.diags, Diagnostic{Package: p.PkgPath, Kind: DiagType, Message: "package uses cgo", Hint: hintFor("cgo")})
	}
	u.types = tp
	l.cache.register(tp)
	if u.root {
		u.files, u.info = files, info
	} else if typeErrs == 0 && !usesCgo && len(files) == len(p.GoFiles) {
		l.cache.store(u, l.fset)
	}
}

// cgoOff explains type errors of a package whose files that import "C"
// were left out of the build: cgo was off (CGO_ENABLED=0, or no C
// compiler), so declarations those files hold are missing.
func (l *loader) cgoOff(p *packages.Package) (Diagnostic, bool) {
	var left []string
	for _, name := range p.IgnoredFiles {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				left = append(left, filepath.Base(name))
				break
			}
		}
	}
	if len(left) == 0 {
		return Diagnostic{}, false
	}
	return Diagnostic{
		Package: p.PkgPath, Kind: DiagType,
		Message: fmt.Sprintf("cgo was off: %d files that import \"C\" were left out (%s), so the type errors above may not happen in a cgo build", len(left), strings.Join(left, ", ")),
		Hint:    "analyze with CGO_ENABLED=1 and a C compiler on PATH, as 'go build' would build it",
	}, true
}

func (l *loader) importFor(u *unit, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	dep := u.pkg.Imports[path]
	if dep == nil {
		return nil, fmt.Errorf("package %s is not known to the go command (is it in go.mod?)", path)
	}
	d := l.units[dep.ID]
	if d == nil || d.types == nil || d.pkg.Name == "" {
		if d != nil && len(d.pkg.Errors) > 0 {
			return nil, fmt.Errorf("package %s could not be loaded: %s", path, d.pkg.Errors[0].Msg)
		}
		return nil, fmt.Errorf("package %s could not be loaded", path)
	}
	return d.types, nil
}

func (l *loader) listDiag(p *packages.Package, e packages.Error) Diagnostic {
	d := Diagnostic{Package: p.PkgPath, Kind: DiagList, Message: e.Msg, Hint: hintFor(e.Msg)}
	switch e.Kind {
	case packages.ParseError:
		d.Kind = DiagParse
	case packages.TypeError:
		d.Kind = DiagType
	}
	if e.Pos != "" && e.Pos != "-" {
		d.Pos = l.relFile(e.Pos)
	}
	return d
}

// relPos spells a position as "file:line" with the file relative to the
// analyzed directory.
func (l *loader) relPos(p token.Position) string {
	if !p.IsValid() {
		return ""
	}
	return fmt.Sprintf("%s:%d", l.relFile(p.Filename), p.Line)
}

func (l *loader) relFile(name string) string {
	if rel, err := filepath.Rel(l.dir, name); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(name)
}

// sortedUnits returns the units in a fixed order, so results are stable.
func (l *loader) sortedUnits() []*unit {
	us := make([]*unit, 0, len(l.units))
	for _, u := range l.units {
		us = append(us, u)
	}
	slices.SortFunc(us, func(a, b *unit) int { return strings.Compare(a.pkg.ID, b.pkg.ID) })
	return us
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
