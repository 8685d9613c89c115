package analyzer

import (
	"go/ast"
	"go/types"
)

// libRegistrarRecognizer reads routes a library registers inside its
// own code:
//
//	statsviz.Register(mux) // serves /debug/statsviz/ and /debug/statsviz/ws
//
// Dependencies are checked without their bodies, so ficus cannot see those
// registrations. The routes of the libraries in knownRegistrars are known
// and added, below the router passed and its prefixes. Any other router
// handed to a library function whose parameter is a router (not a plain
// http.Handler it wraps) may get routes there: the call gets a diagnostic
// instead of silence, as does a known one whose options ficus cannot read.
func libRegistrarRecognizer() recognizer {
	return &declared[libRegistrarFacts]{
		Name: "library-registrars",
		Doc:  "routes known libraries register on a router they are given (statsviz); a diagnostic for any other library given a router",
		Run: func(p *pass, f *libRegistrarFacts) hooks {
			return hooks{call: func(call *ast.CallExpr, c callee) { f.call(p, call, c) }}
		},
		Resolve: func(r *resolution, all []*libRegistrarFacts) {
			for _, f := range all {
				r.routes(f.routes)
			}
		},
	}
}

// libRegistrarFacts are the routes known libraries register in one
// package.
type libRegistrarFacts struct{ routes []routeReg }

// knownRegistrar is a library function whose routes ficus knows: it
// registers paths below a root on the ServeMux it is given.
type knownRegistrar struct {
	pkg, name string
	// root is the default root; rootOption names the option function
	// of pkg whose constant argument replaces it.
	root, rootOption string
	// paths are the patterns registered below the root, for any method.
	paths []string
	// what serves them, for the routes' handler field.
	what string
}

// knownRegistrars lists the library functions whose routes ficus adds.
func knownRegistrars() []knownRegistrar {
	return []knownRegistrar{{
		pkg: "github.com/arl/statsviz", name: "Register",
		root: "/debug/statsviz", rootOption: "Root",
		paths: []string{"/", "/ws"},
		what:  "statsviz (its dashboard and metrics websocket)",
	}}
}

// call adds the routes of a known library registrar given a router, or
// reports a router passed to a router parameter of any other function
// outside the module, the standard library and the routing libraries
// ficus reads.
func (f *libRegistrarFacts) call(p *pass, call *ast.CallExpr, c callee) {
	if c.fn == nil || c.iface != nil || p.inRoots(c.fn) || isStd(c.pkg) || frameworkOf(c.pkg) != fwNone {
		return
	}
	sig := c.fn.Type().(*types.Signature)
	for i, a := range call.Args {
		if i >= sig.Params().Len() || !isRouterType(sig.Params().At(i).Type()) || !isRouterType(p.info().TypeOf(a)) {
			continue
		}
		for _, k := range knownRegistrars() {
			if k.pkg != c.pkg || k.name != c.name || c.recvX != nil {
				continue
			}
			if root, ok := k.rootOf(p, call, i+1); ok {
				at := p.router(a)
				for _, path := range k.paths {
					f.routes = append(f.routes, routeReg{at: at, method: "*", path: joinPath(root, path), fw: fwStd, handlers: []string{p.owner()}, pkg: p.pkg(), pos: p.pos(call.Pos()), owner: p.owner(), static: k.what})
				}
				return
			}
		}
		p.report(Diagnostic{
			Package: p.pkg(), Pos: p.pos(call.Pos()), Kind: DiagRoute,
			Message: "router " + types.ExprString(a) + " passed to " + c.pkg + "." + c.name + ", which may register routes ficus does not read (dependencies are read without their bodies)",
			Hint:    "add the routes the library serves to the proxy config",
		})
		return
	}
}

// rootOf reads the root a known registrar's call uses from its options,
// the arguments from opts on: the default, or the constant given to its
// root option. It reports false when an option is not a call ficus can
// read (a variable, a slice passed with ...).
func (k knownRegistrar) rootOf(p *pass, call *ast.CallExpr, opts int) (string, bool) {
	if call.Ellipsis.IsValid() {
		return "", false
	}
	root := k.root
	for _, o := range call.Args[min(opts, len(call.Args)):] {
		oc, ok := ast.Unparen(o).(*ast.CallExpr)
		if !ok {
			return "", false
		}
		c := p.callee(oc)
		if c.pkg != k.pkg {
			return "", false
		}
		if c.name == k.rootOption {
			if len(oc.Args) != 1 {
				return "", false
			}
			s, ok := p.constString(oc.Args[0])
			if !ok {
				return "", false
			}
			root = s
		}
	}
	return root, true
}
