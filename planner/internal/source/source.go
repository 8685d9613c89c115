package source

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Index answers questions about the files of one analyzed directory. It
// is safe for concurrent use.
type Index struct {
	dir   string
	fset  *token.FileSet
	mu    sync.Mutex
	files map[string]*parsedFile
}

type parsedFile struct {
	once sync.Once
	file *ast.File
	tf   *token.File
	err  error
	// top holds the file's package-level value specs, to tell a use of a
	// package-level variable from a local of the same name.
	top map[*ast.ValueSpec]bool
}

// New returns an index of the files under dir; positions ("file:line")
// are relative to it, as in the graph.
func New(dir string) *Index {
	return &Index{dir: dir, fset: token.NewFileSet(), files: map[string]*parsedFile{}}
}

// Span is the lines of a declaration: Pos ("file:line") and its size in
// lines, as the graph records them.
type Span struct {
	File        string
	First, Last int
}

// SpanOf turns a graph position and size into a span.
func SpanOf(pos string, lines int) (Span, bool) {
	i := strings.LastIndexByte(pos, ':')
	if i < 0 {
		return Span{}, false
	}
	line, err := strconv.Atoi(pos[i+1:])
	if err != nil || line < 1 {
		return Span{}, false
	}
	return Span{File: pos[:i], First: line, Last: line + max(lines, 1) - 1}, true
}

// Preload parses files on every CPU, ahead of the questions about them,
// and stops early when ctx is done. Errors wait for the questions.
func (ix *Index) Preload(ctx context.Context, files []string) {
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				_, _ = ix.parse(f)
			}
		}()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		work <- f
	}
	close(work)
	wg.Wait()
}

func (ix *Index) parse(file string) (*parsedFile, error) {
	ix.mu.Lock()
	pf := ix.files[file]
	if pf == nil {
		pf = &parsedFile{}
		ix.files[file] = pf
	}
	ix.mu.Unlock()
	pf.once.Do(func() {
		pf.file, pf.err = parser.ParseFile(ix.fset, ix.abs(file), nil, 0)
		if pf.err != nil && pf.file == nil {
			pf.err = fmt.Errorf("source: parse %s: %w", file, pf.err)
			return
		}
		pf.err = nil // a partial file still answers what it can
		pf.tf = ix.fset.File(pf.file.Pos())
		pf.top = map[*ast.ValueSpec]bool{}
		for _, d := range pf.file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, s := range g.Specs {
					pf.top[s.(*ast.ValueSpec)] = true
				}
			}
		}
	})
	return pf, pf.err
}

// abs is the path of a file or directory named relative to the index's
// directory (or absolute, as the graph names files outside it).
func (ix *Index) abs(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(ix.dir, filepath.FromSlash(name))
}

func (ix *Index) line(p token.Pos) int { return ix.fset.Position(p).Line }

// UseLine returns the first line inside the declaration at s that names
// name (as an identifier or the selected name of a selector), or s.First
// when none does (the use is implicit, such as an interface
// satisfaction).
func (ix *Index) UseLine(s Span, name string) (int, error) {
	pf, err := ix.parse(s.File)
	if err != nil {
		return s.First, err
	}
	l := ix.first(pf, s, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		return ok && id.Name == name && !isDeclName(pf.file, id)
	})
	if l == 0 {
		return s.First, nil
	}
	return l, nil
}

// first returns the line of the first node inside the declaration at s
// that match accepts, or 0.
func (ix *Index) first(pf *parsedFile, s Span, match func(ast.Node) bool) int {
	found := 0
	r := pf.region(s)
	ast.Inspect(pf.file, func(n ast.Node) bool {
		if n == nil || found != 0 || !r.overlaps(n) {
			return false
		}
		if match(n) {
			found = ix.line(n.Pos())
		}
		return true
	})
	return found
}

// region is the source range of a span's lines, to test nodes against
// without computing their lines.
type region struct{ lo, hi token.Pos }

// overlaps reports whether node n has a character in the region.
func (r region) overlaps(n ast.Node) bool { return n.End() > r.lo && n.Pos() < r.hi }

// region returns the range of s's lines in the file; empty when they lie
// outside it.
func (pf *parsedFile) region(s Span) region {
	tf := pf.tf
	if tf == nil || s.First > tf.LineCount() || s.Last < 1 || s.Last < s.First {
		return region{}
	}
	lo := tf.LineStart(max(s.First, 1))
	hi := token.Pos(tf.Base() + tf.Size() + 1)
	if s.Last < tf.LineCount() {
		hi = tf.LineStart(s.Last + 1)
	}
	return region{lo, hi}
}

// isDeclName reports whether id names a package-level declaration.
func isDeclName(f *ast.File, id *ast.Ident) bool {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name == id {
				return true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name == id {
						return true
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n == id {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// ShortName returns the name a symbol is spelled with at a use site: the
// graph's node name without receiver ("(*Orders).Place" gives "Place").
func ShortName(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// LiteralLine returns the first line inside the declaration at s with a
// string literal that holds word as a whole word, ignoring case (a table
// name in a SQL statement), or 0 when there is none.
func (ix *Index) LiteralLine(s Span, word string) (int, error) {
	pf, err := ix.parse(s.File)
	if err != nil {
		return 0, err
	}
	word = strings.ToLower(word)
	return ix.first(pf, s, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		return ok && lit.Kind == token.STRING && hasWord(strings.ToLower(lit.Value), word)
	}), nil
}

// hasWord reports whether text holds word with no letter, digit or
// underscore on either side.
func hasWord(text, word string) bool {
	for i := 0; word != ""; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(word)
		if (a == 0 || !isWordByte(text[a-1])) && (b == len(text) || !isWordByte(text[b])) {
			return true
		}
		i = a + 1
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
