package analyzer

import (
	"go/ast"
	"strings"
)

// echoLib reads github.com/labstack/echo (v3, v4):
//
//	g := e.Group("/api")
//	g.GET("/users/:id", show, mw)   // the handler follows the path
//	e.Any("/x", h); e.Add("PATCH", "/x", h); e.Match([]string{"GET", "POST"}, "/x", h)
//	e.Static("/static", "assets")   // static.go
//
// Parameters are :name and * (the rest of the path).
type echoLib struct{}

func (echoLib) framework() framework { return fwEcho }

func (echoLib) owns(pkg string) bool {
	return pkg == "github.com/labstack/echo" || strings.HasPrefix(pkg, "github.com/labstack/echo/v")
}

func (echoLib) routerType(name string) bool { return name == "Echo" || name == "Group" }

func (echoLib) handlerCtx(name string) bool { return name == "Context" }

func (echoLib) group(name string) (int, bool) { return 0, name == "Group" }

func (echoLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.ginEchoRoute(call, c, fwEcho)
}

func (echoLib) segment(s string) string { return colonParam(s) }
