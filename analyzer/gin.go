package analyzer

import (
	"go/ast"
	"strings"
)

// ginLib reads github.com/gin-gonic/gin:
//
//	v1 := r.Group("/api/v1"); v1.Use(auth)   // Use returns the same group
//	v1.GET("/users/:id", mw, show)             // the last handler serves
//	r.Any("/x", h); r.Handle("PATCH", "/x", h); r.Match([]string{"GET", "POST"}, "/x", h)
//	r.Static("/assets", "./public")            // static.go
//
// Parameters are :name and *rest.
type ginLib struct{}

func (ginLib) framework() framework { return fwGin }

func (ginLib) owns(pkg string) bool { return pkg == "github.com/gin-gonic/gin" }

func (ginLib) routerType(name string) bool {
	return name == "Engine" || name == "RouterGroup" || name == "IRouter" || name == "IRoutes"
}

func (ginLib) handlerCtx(name string) bool { return name == "Context" }

func (ginLib) group(name string) (int, bool) {
	switch name {
	case "Group":
		return 0, true
	case "Use":
		return -1, true // RouterGroup.Use adds middleware and returns the same group
	}
	return 0, false
}

func (ginLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.ginEchoRoute(call, c, fwGin)
}

func (ginLib) segment(s string) string { return colonParam(s) }

// colonParam spells gin's and echo's :name as {name}, *rest as
// {rest...} and a bare * as {any...}.
func colonParam(s string) string {
	switch {
	case s == "*":
		return "{any...}"
	case len(s) > 1 && s[0] == ':':
		return "{" + s[1:] + "}"
	case len(s) > 1 && s[0] == '*':
		return "{" + s[1:] + "...}"
	}
	return s
}

// ginEchoRoute reads the registrations gin and echo share, which differ
// in where the handler is: gin's is the last argument, echo's follows the
// path (middleware after it).
func (x *extractor) ginEchoRoute(call *ast.CallExpr, c callee, fw framework) bool {
	if c.recvX == nil {
		return false
	}
	args := call.Args
	at := x.evalRouter(c.recvX)
	// gin: (path, handlers...) with the handler last; echo: (path, h, mw...).
	reg := func(methods []string, pathArg int) {
		h := argAt(call, pathArg+1)
		var mws []ast.Expr
		if fw == fwGin {
			h = lastArg(call, pathArg+1)
			if n := len(args); n > pathArg+2 {
				mws = args[pathArg+1 : n-1]
			}
		} else if len(args) > pathArg+2 {
			mws = args[pathArg+2:]
		}
		from := len(x.rf.routes)
		x.verbRoutes(call, at, fw, methods, pathArg, h)
		x.routeMiddleware(from, mws)
	}
	if m, ok := httpMethod(c.name); ok && c.name == m {
		reg([]string{m}, 0)
		return true
	}
	if x.staticRoute(call, c, fw, at) {
		return true
	}
	switch c.name {
	case "Any":
		reg([]string{"*"}, 0)
	case "Handle", "Add":
		if len(args) > 0 {
			var ms []string
			for _, m := range x.stringValues(args[0]) {
				ms = append(ms, strings.ToUpper(m))
			}
			reg(ms, 1)
		}
	case "Match":
		if len(args) > 0 {
			reg(x.stringList(args[0]), 1)
		}
	}
	return true
}

// stringList reads a []string{...} literal of constants.
func (x *extractor) stringList(e ast.Expr) []string {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []string
	for _, el := range lit.Elts {
		if s, ok := x.constString(el); ok {
			out = append(out, strings.ToUpper(s))
		}
	}
	return out
}
