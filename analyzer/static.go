package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// Static file servers
//
//	r.Static("/assets", "./public")                  // gin: GET and HEAD /assets/{filepath...}
//	r.StaticFile("/favicon.ico", "./favicon.ico")    // gin: GET and HEAD /favicon.ico
//	e.Static("/static", "assets")                    // echo: GET /static and /static/{any...}
//	e.File("/", "public/index.html")                 // echo: GET /
//	mux.Handle("/files/", http.StripPrefix("/files/", http.FileServer(http.Dir("data"))))
//
// are routes like any other, served by no function of the module: the
// route's handler says which files it serves, and its handles edge goes to
// the function that registers it.

// staticRoute records a gin or echo file-server registration. It reports
// whether the call was one.
func (x *extractor) staticRoute(call *ast.CallExpr, c callee, fw framework, at routerVal) bool {
	args := call.Args
	if len(args) < 2 {
		return false
	}
	var methods, suffixes []string
	switch {
	case fw == fwGin && (c.name == "Static" || c.name == "StaticFS"):
		methods, suffixes = []string{"GET", "HEAD"}, []string{"/*filepath"}
	case fw == fwGin && (c.name == "StaticFile" || c.name == "StaticFileFS"):
		methods, suffixes = []string{"GET", "HEAD"}, []string{""}
	case fw == fwEcho && (c.name == "Static" || c.name == "StaticFS"):
		methods, suffixes = []string{"GET"}, []string{"", "/*"}
	case fw == fwEcho && (c.name == "File" || c.name == "FileFS"):
		methods, suffixes = []string{"GET"}, []string{""}
	default:
		return false
	}
	x.fileRoutes(call, at, fw, methods, suffixes)
	return true
}

// fileRoutes records the routes of a file server registered by call with
// its path and root as the first two arguments: each method at the path
// followed by each suffix.
func (x *extractor) fileRoutes(call *ast.CallExpr, at routerVal, fw framework, methods, suffixes []string) {
	args := call.Args
	if len(args) < 2 {
		return
	}
	x.unresolvedRoute(args[0], call.Pos())
	for _, p := range x.stringValues(args[0]) {
		what := "static files from " + types.ExprString(args[1])
		if suffixes[0] == "" && len(suffixes) == 1 && !strings.Contains(p, "*") {
			// one file, unless the path ends in a wildcard of its own
			// (httprouter's ServeFiles("/static/*filepath", root))
			what = "static file " + types.ExprString(args[1])
		}
		for _, suffix := range suffixes {
			full := p + suffix
			if p == "/" || p == "" {
				full = joinPath(p, suffix) // echo: "/" serves "/*"
			}
			for _, m := range methods {
				x.rf.routes = append(x.rf.routes, routeReg{at: at, method: m, path: full, fw: fw, handlers: []string{x.owner}, pkg: x.pkg, pos: x.regPos(call.Pos()), owner: x.owner, static: what})
			}
		}
	}
}

// fileServer describes the standard library file server a handler
// expression builds (http.FileServer, http.FileServerFS, http.ServeFile in
// a wrapper such as http.StripPrefix), or returns "".
func (x *extractor) fileServer(h ast.Expr) string {
	if h == nil {
		return ""
	}
	var what string
	ast.Inspect(h, func(n ast.Node) bool {
		if _, isLit := n.(*ast.FuncLit); isLit || what != "" {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		c, _ := x.peekCallee(call)
		if c.pkg == "net/http" && c.recv == "" && (c.name == "FileServer" || c.name == "FileServerFS") && len(call.Args) == 1 {
			what = "static files from " + types.ExprString(fsRoot(call.Args[0]))
		}
		return what == ""
	})
	return what
}

// fsRoot unwraps http.Dir("x") and http.FS(f) to the root they name.
func fsRoot(e ast.Expr) ast.Expr {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Dir" || sel.Sel.Name == "FS") {
			return call.Args[0]
		}
	}
	return e
}
