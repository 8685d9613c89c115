package analyzer

import (
	"go/ast"
	"strings"
)

// ozzoLib reads github.com/go-ozzo/ozzo-routing (v2):
//
//	rg := router.Group("/v1")
//	rg.Get("/albums/<id>", res.get)             // the last handler serves
//	rg.To("GET,HEAD", "/healthcheck", health)   // several methods at once
//	rg.Any("/proxy", forward)
//
// Parameters are <name> and <name:regexp>; a regexp that matches slashes
// (.*) takes the rest of the path. Router.Route(name) looks a route up by
// name: it derives no group.
type ozzoLib struct{}

func (ozzoLib) framework() framework { return fwOzzo }

func (ozzoLib) owns(pkg string) bool {
	return pkg == "github.com/go-ozzo/ozzo-routing" || strings.HasPrefix(pkg, "github.com/go-ozzo/ozzo-routing/v")
}

func (ozzoLib) routerType(name string) bool { return name == "Router" || name == "RouteGroup" }

func (ozzoLib) handlerCtx(name string) bool { return name == "Context" }

func (ozzoLib) group(name string) (int, bool) { return 0, name == "Group" }

func (l ozzoLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.onRouter(call, c, l.register)
}

func (ozzoLib) register(x *extractor, call *ast.CallExpr, c callee, at routerVal) {
	if m, ok := httpMethod(c.name); ok && c.name != m {
		x.verbRoutes(call, at, fwOzzo, []string{m}, 0, lastArg(call, 1))
		return
	}
	switch c.name {
	case "Any":
		x.verbRoutes(call, at, fwOzzo, []string{"*"}, 0, lastArg(call, 1))
	case "To":
		if len(call.Args) > 0 {
			x.verbRoutes(call, at, fwOzzo, x.methodList(call.Args[0]), 1, lastArg(call, 2))
		}
	}
}

func (ozzoLib) segment(s string) string {
	if a, ok := anySegment(s); ok {
		return a
	}
	if len(s) < 3 || s[0] != '<' || s[len(s)-1] != '>' {
		return s
	}
	name, re, _ := strings.Cut(s[1:len(s)-1], ":")
	if name == "" {
		name = "any"
	}
	if strings.Contains(re, ".*") || strings.Contains(re, ".+") {
		return "{" + name + "...}"
	}
	return "{" + name + "}"
}
