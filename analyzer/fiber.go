package analyzer

import (
	"go/ast"
	"strings"
)

// fiberLib reads github.com/gofiber/fiber (v2, v3):
//
//	api := app.Group("/api/v1")
//	api.Get("/book/:id", middleware.JWT(), controllers.GetBook) // the last handler serves
//	app.Add("PUT", "/book", h); app.All("/any", h)
//	app.Route("/users", func(r fiber.Router) { r.Post("", create) })
//	app.Static("/assets", "./public")                          // GET and HEAD /assets and below
//	app.Mount("/admin", adminApp)
//
// Parameters are :name, :name? (optional), * and + (the rest of the path).
type fiberLib struct{}

func (fiberLib) framework() framework { return fwFiber }

func (fiberLib) owns(pkg string) bool {
	return pkg == "github.com/gofiber/fiber" || strings.HasPrefix(pkg, "github.com/gofiber/fiber/v")
}

func (fiberLib) routerType(name string) bool {
	return name == "App" || name == "Group" || name == "Router"
}

func (fiberLib) handlerCtx(name string) bool { return name == "Ctx" }

func (fiberLib) group(name string) (int, bool) { return 0, name == "Group" || name == "Route" }

func (l fiberLib) route(x *extractor, call *ast.CallExpr, c callee) bool {
	return x.onRouter(call, c, l.register)
}

func (fiberLib) register(x *extractor, call *ast.CallExpr, c callee, at routerVal) {
	if m, ok := httpMethod(c.name); ok && c.name != m {
		x.verbRoutes(call, at, fwFiber, []string{m}, 0, lastArg(call, 1))
		return
	}
	switch c.name {
	case "All":
		x.verbRoutes(call, at, fwFiber, []string{"*"}, 0, lastArg(call, 1))
	case "Add":
		if len(call.Args) > 0 {
			x.verbRoutes(call, at, fwFiber, x.methodList(call.Args[0]), 1, lastArg(call, 2))
		}
	case "Route":
		if p := x.firstParam(argAt(call, 1)); p != nil {
			x.rf.flows = append(x.rf.flows, routerFlow{to: origin{obj: p}, from: routerVal{o: at.o, prefix: joinPath(at.prefix, x.groupPrefix(call, 0))}})
		}
	case "Mount":
		if child := argAt(call, 1); child != nil && isRouterType(x.info.TypeOf(child)) {
			for _, p := range x.stringValues(call.Args[0]) {
				x.rf.mounts = append(x.rf.mounts, routerMount{child: x.evalRouter(child), parent: at, at: p})
			}
		}
	case "Use":
		// Use(prefix, subApp) mounts; Use(middleware...) routes nothing.
		if child := argAt(call, 1); child != nil && isRouterType(x.info.TypeOf(child)) {
			for _, p := range x.stringValues(call.Args[0]) {
				x.rf.mounts = append(x.rf.mounts, routerMount{child: x.evalRouter(child), parent: at, at: p})
			}
		}
	case "Static":
		x.fileRoutes(call, at, fwFiber, []string{"GET", "HEAD"}, []string{"", "/*"})
	}
}

func (fiberLib) segment(s string) string {
	switch {
	case s == "*":
		return "{any...}"
	case s == "+":
		return "{any...}"
	case len(s) > 1 && s[0] == ':':
		return "{" + strings.TrimSuffix(strings.TrimSuffix(s[1:], "?"), "+") + "}"
	}
	return s
}
