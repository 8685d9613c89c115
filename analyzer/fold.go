package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"strings"
)

// Strings built from constants without being constants themselves
//
//	const uriAdmin = "/admin"
//	var apiBase = "/api" // never assigned again
//	g.GET(path.Join(uriAdmin, "/login"), h)
//	g.GET(fmt.Sprintf("%s/users/%d", apiBase, 2), h)
//
// are folded as the program would compute them: path.Join, fmt.Sprintf
// and + over constants, and package-level string variables given a
// constant and never assigned or taken the address of in their package.

// foldStrings returns the values e computes from constants, or nil.
func (x *extractor) foldStrings(e ast.Expr) []string {
	if s, ok := x.configured(e); ok {
		return []string{s}
	}
	switch v := ast.Unparen(e).(type) {
	case *ast.Ident:
		if s, ok := x.pkgStrings[x.info.Uses[v]]; ok {
			return []string{s}
		}
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return nil
		}
		left := x.stringValues(v.X)
		if len(left) == 0 {
			return nil
		}
		right := x.stringValues(v.Y)
		var out []string
		for _, a := range left {
			for _, b := range right {
				if len(out) < maxStringValues {
					out = append(out, a+b)
				}
			}
		}
		return out
	case *ast.CallExpr:
		return x.foldCall(v)
	}
	return nil
}

// foldCall evaluates path.Join and fmt.Sprintf over constant arguments.
func (x *extractor) foldCall(call *ast.CallExpr) []string {
	c, _ := x.peekCallee(call)
	if c.fn == nil || c.recvX != nil || call.Ellipsis.IsValid() {
		return nil
	}
	switch {
	case c.pkg == "path" && c.name == "Join":
		args := make([][]string, len(call.Args))
		for i, a := range call.Args {
			if args[i] = x.stringValues(a); len(args[i]) == 0 {
				return nil
			}
		}
		return product(args, func(parts []string) string { return path.Join(parts...) })
	case c.pkg == "fmt" && c.name == "Sprintf" && len(call.Args) > 0:
		formats := x.stringValues(call.Args[0])
		if len(formats) == 0 {
			return nil
		}
		var vals []any
		for _, a := range call.Args[1:] {
			v, ok := x.constValue(a)
			if !ok {
				return nil
			}
			vals = append(vals, v)
		}
		var out []string
		for _, f := range formats {
			if hugeWidth(f) {
				return nil
			}
			s := fmt.Sprintf(f, vals...)
			if strings.Contains(s, "%!") {
				return nil // a verb the arguments do not fit
			}
			out = append(out, s)
		}
		return out
	}
	return nil
}

// hugeWidth reports a format verb whose width or precision exceeds what a
// path needs (%09999999d), which ficus does not expand.
func hugeWidth(format string) bool {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		for _, part := range []bool{true, false} { // width, then precision
			if !part {
				if i >= len(format) || format[i] != '.' {
					break
				}
				i++
			}
			n := 0
			for ; i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '*'); i++ {
				if format[i] == '*' {
					return true // taken from an argument
				}
				if n = n*10 + int(format[i]-'0'); n > 64 {
					return true
				}
			}
		}
	}
	return false
}

// constValue returns a constant argument as the Go value fmt would see.
func (x *extractor) constValue(e ast.Expr) (any, bool) {
	if s, ok := x.constString(e); ok {
		return s, true
	}
	tv, ok := x.info.Types[e]
	if !ok || tv.Value == nil {
		return nil, false
	}
	switch tv.Value.Kind() {
	case constant.Int:
		n, exact := constant.Int64Val(tv.Value)
		return n, exact
	case constant.Bool:
		return constant.BoolVal(tv.Value), true
	case constant.Float:
		f, _ := constant.Float64Val(tv.Value)
		return f, true
	}
	return nil, false
}

// product applies join to every combination of one value per slot, a few
// at most.
func product(slots [][]string, join func([]string) string) []string {
	combos := [][]string{nil}
	for _, vals := range slots {
		var next [][]string
		for _, c := range combos {
			for _, v := range vals {
				if len(next) < maxStringValues {
					next = append(next[:len(next):len(next)], append(c[:len(c):len(c)], v))
				}
			}
		}
		combos = next
	}
	out := make([]string, 0, len(combos))
	for _, c := range combos {
		out = append(out, join(c))
	}
	return out
}

// indexPkgStrings finds the package-level string variables initialised
// with a constant, and the regular expressions compiled from one, that no
// code of the package assigns or takes the address of: they hold that
// value whenever routes are registered.
func (x *extractor) indexPkgStrings() {
	x.pkgStrings = map[types.Object]string{}
	x.pkgRegexps = map[types.Object]string{}
	x.pkgVars(func(file *ast.File, gd *ast.GenDecl, vs *ast.ValueSpec) {
		if len(vs.Values) == 0 && hasEmbedImport(file) {
			if s, ok := x.embeddedString(gd, vs); ok {
				if obj := x.info.Defs[vs.Names[0]]; obj != nil {
					x.pkgStrings[obj] = s
				}
			}
			return
		}
		if len(vs.Values) != len(vs.Names) {
			return
		}
		for i, name := range vs.Names {
			obj := x.info.Defs[name]
			if obj == nil {
				continue
			}
			tv, ok := x.info.Types[vs.Values[i]]
			if ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				x.pkgStrings[obj] = constant.StringVal(tv.Value)
			} else if expr, ok := x.compiledRegexp(vs.Values[i]); ok {
				x.pkgRegexps[obj] = expr
			}
		}
	})
	if len(x.pkgStrings) == 0 && len(x.pkgRegexps) == 0 {
		return
	}
	drop := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			delete(x.pkgStrings, x.info.Uses[id])
			delete(x.pkgRegexps, x.info.Uses[id])
		}
	}
	for _, file := range x.u.files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					drop(l)
				}
			case *ast.IncDecStmt:
				drop(n.X)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					drop(n.X)
				}
			}
			return true
		})
	}
}

// configured returns the value ficus.yaml's prefixes give e: by its text,
// or for a call by the function called.
func (x *extractor) configured(e ast.Expr) (string, bool) {
	if len(x.cfg.Prefixes) == 0 {
		return "", false
	}
	e = ast.Unparen(e)
	if s, ok := x.cfg.Prefixes[types.ExprString(e)]; ok {
		return s, true
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return "", false
	}
	c, _ := x.peekCallee(call)
	if c.fn == nil {
		return "", false
	}
	keys := []string{funcID(c.fn), c.name}
	if c.recv != "" {
		keys = append(keys, c.recv+"."+c.name)
	} else if c.fn.Pkg() != nil {
		keys = append(keys, c.fn.Pkg().Name()+"."+c.name)
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		keys = append(keys, types.ExprString(sel))
	}
	for _, k := range keys {
		if s, ok := x.cfg.Prefixes[k]; ok {
			return s, true
		}
	}
	return "", false
}

// hasEmbedImport reports whether a file imports "embed", which a
// //go:embed directive requires.
func hasEmbedImport(f *ast.File) bool {
	for _, imp := range f.Imports {
		if imp.Path.Value == `"embed"` {
			return true
		}
	}
	return false
}

// compiledRegexp returns the expression a regular expression value was
// compiled from: a package-level variable given regexp.MustCompile of a
// constant, or such a call itself.
func (x *extractor) compiledRegexp(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		expr, ok := x.pkgRegexps[x.info.Uses[id]]
		return expr, ok
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return "", false
	}
	if c, _ := x.peekCallee(call); c.pkg != "regexp" || c.recvX != nil || c.name != "MustCompile" && c.name != "MustCompilePOSIX" {
		return "", false
	}
	return x.constString(call.Args[0])
}
