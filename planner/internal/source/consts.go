package source

import (
	"go/ast"
	"go/token"
	"os"
	"path"
	"strings"
)

// ConstLine returns the first line inside the declaration at s that names
// a package-level constant (of the same package, in any of its files)
// whose string value holds word as a whole word, ignoring case: a table
// named in a SQL statement kept in a constant. 0 when there is none.
func (ix *Index) ConstLine(s Span, word string) (int, error) {
	pf, err := ix.parse(s.File)
	if err != nil {
		return 0, err
	}
	consts, err := ix.packageConsts(path.Dir(s.File))
	if err != nil {
		return 0, err
	}
	word = strings.ToLower(word)
	return ix.first(pf, s, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		return ok && !isDeclName(pf.file, id) && hasWord(consts[id.Name], word)
	}), nil
}

// packageConsts maps the package-level constants of the package in dir
// (a slash path relative to the index's directory) to the text of the
// string literals of their values, lower-cased.
func (ix *Index) packageConsts(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(ix.abs(dir))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		pf, err := ix.parse(path.Join(dir, name))
		if err != nil {
			continue // a file that does not parse names no constant
		}
		for _, d := range pf.file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						out[n.Name] = strings.ToLower(literalText(vs.Values[i]))
					}
				}
			}
		}
	}
	return out, nil
}

// literalText joins the string literals of an expression.
func literalText(e ast.Expr) string {
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			b.WriteString(lit.Value)
			b.WriteByte(' ')
		}
		return true
	})
	return b.String()
}
