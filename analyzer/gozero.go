package analyzer

import (
	"go/ast"
	"go/types"
	"path"
)

// goZeroLib reads the REST server of github.com/zeromicro/go-zero, whose
// routes goctl generates as literals:
//
//	server.AddRoutes(
//		[]rest.Route{{Method: http.MethodPost, Path: "/user/login", Handler: user.LoginHandler(svcCtx)}},
//		rest.WithPrefix("/usercenter/v1"),
//	)
//	server.AddRoute(rest.Route{Method: http.MethodGet, Path: "/ping", Handler: ping})
//
// Parameters are :name. WithPrefix joins with path.Join.
type goZeroLib struct{}

func (goZeroLib) framework() framework { return fwGoZero }

func (goZeroLib) owns(pkg string) bool { return pkg == "github.com/zeromicro/go-zero/rest" }

func (goZeroLib) routerType(name string) bool { return name == "Server" }

func (goZeroLib) handlerCtx(string) bool { return false }

func (goZeroLib) group(string) (int, bool) { return 0, false }

func (l goZeroLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.onRouter(call, c, l.register)
}

func (l goZeroLib) register(x *extractor, call *ast.CallExpr, c callee, at routerVal) {
	if (c.name != "AddRoutes" && c.name != "AddRoute") || len(call.Args) == 0 {
		return
	}
	for _, opt := range call.Args[1:] {
		oc, ok := ast.Unparen(opt).(*ast.CallExpr)
		if !ok {
			continue
		}
		if inner, _ := x.peekCallee(oc); inner.name == "WithPrefix" && l.owns(inner.pkg) {
			at.prefix = joinPath(at.prefix, x.groupPrefix(oc, 0))
		}
	}
	lit := x.literalOf(call.Args[0])
	if lit == nil {
		x.f.diags = append(x.f.diags, Diagnostic{
			Package: x.pkg, Pos: x.pos(call.Pos()), Kind: DiagRoute,
			Message: "go-zero routes not written as a literal: " + types.ExprString(call.Args[0]),
			Hint:    unreadRouteHint,
		})
		return
	}
	rows := []ast.Expr{lit}
	if c.name == "AddRoutes" {
		rows = lit.Elts
	}
	for _, row := range rows {
		fields := x.structFields(row)
		method, p, h := fields["Method"], fields["Path"], fields["Handler"]
		if method == nil || p == nil {
			continue
		}
		x.unresolvedRoute(p, row.Pos())
		for _, m := range x.methodList(method) {
			for _, s := range x.stringValues(p) {
				x.addReg(at, m, path.Clean("/"+s), fwGoZero, h, row.Pos())
			}
		}
	}
}

// literalOf returns the composite literal e is, or that the local
// variable e names was given.
func (x *extractor) literalOf(e ast.Expr) *ast.CompositeLit {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok {
		e = u.X
	}
	switch v := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return v
	case *ast.Ident:
		return x.localLits[x.info.Uses[v]]
	}
	return nil
}

func (goZeroLib) segment(s string) string {
	if a, ok := anySegment(s); ok {
		return a
	}
	if len(s) > 1 && s[0] == ':' {
		return "{" + s[1:] + "}"
	}
	return s
}
