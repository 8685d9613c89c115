package analyzer

import (
	"go/ast"
	"go/types"
)

// libRegistrarRecognizer reports routes a library registers inside its
// own code:
//
//	statsviz.Register(mux) // serves /debug/statsviz/ and /debug/statsviz/ws
//
// They are out of ficus's sight: dependencies are checked without their
// bodies. A router handed to a library function whose parameter is a
// router (not a plain http.Handler it wraps) may get routes there, so the
// call gets a diagnostic instead of silence. It has no facts to resolve.
func libRegistrarRecognizer() recognizer {
	return &declared[struct{}]{
		Name: "library-registrars",
		Doc:  "a router passed to a library function that may register routes ficus cannot read: a diagnostic",
		Run: func(p *pass, _ *struct{}) hooks {
			return hooks{call: func(call *ast.CallExpr, c callee) { libraryRegistrar(p, call, c) }}
		},
	}
}

// libraryRegistrar reports a router passed to a router parameter of a
// function outside the module, the standard library and the routing
// libraries ficus reads.
func libraryRegistrar(p *pass, call *ast.CallExpr, c callee) {
	if c.fn == nil || c.iface != nil || p.inRoots(c.fn) || isStd(c.pkg) || frameworkOf(c.pkg) != fwNone {
		return
	}
	sig := c.fn.Type().(*types.Signature)
	for i, a := range call.Args {
		if i >= sig.Params().Len() || !isRouterType(sig.Params().At(i).Type()) || !isRouterType(p.info().TypeOf(a)) {
			continue
		}
		p.report(Diagnostic{
			Package: p.pkg(), Pos: p.pos(call.Pos()), Kind: DiagRoute,
			Message: "router " + types.ExprString(a) + " passed to " + c.pkg + "." + c.name + ", which may register routes ficus does not read (dependencies are read without their bodies)",
			Hint:    "add the routes the library serves to the proxy config",
		})
		return
	}
}
