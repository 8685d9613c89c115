package analyzer

import (
	"strings"
)

// Reachability
//
// A route registered in code that no program of the module runs is not
// served: a domain package whose Routes function nothing calls, a helper
// only tests call. In a module with programs (main packages), a route
// counts only when a program reaches the declaration that registers it,
// from its main and init functions and the package-level variables of
// the packages it imports (their initializers run), through calls and
// through every other mention of a function, method, variable or type:
// a function value handed anywhere may be called, and a type's methods may
// be called through interfaces ficus does not see (http.Handler in the
// standard library), so a reached type reaches all its methods. That
// errs towards serving, and so does code that does not type-check: a
// call ficus could not type has no edge, so a package with errors that a
// program imports counts as reached in whole, with every package it
// imports. A module without programs (a library) serves nothing itself,
// and keeps every route.

// programReach returns the declarations the module's programs reach, by
// id, or nil when the module has no program.
func (b *builder) programReach() map[string]bool {
	var programs []string
	pkgs := map[string][]string{}    // package path -> its init and variables
	methods := map[string][]string{} // receiver type id -> its methods
	decls := map[string][]string{}   // package path -> its declarations, when some package is broken
	for id, n := range b.nodes {
		if len(b.broken) > 0 && !n.External && n.Kind != KindPackage && n.Package != "" {
			decls[n.Package] = append(decls[n.Package], id)
		}
		switch {
		case n.External:
		case n.Kind == KindPackage:
			if n.Name == "main" && !strings.HasSuffix(n.Package, ".test") {
				programs = append(programs, n.Package)
			}
		case n.Kind == KindVar && !inTestFile(n.Pos):
			pkgs[n.Package] = append(pkgs[n.Package], id)
		case n.Kind == KindMethod:
			methods[recvTypeID(n)] = append(methods[recvTypeID(n)], id)
		}
	}
	if len(programs) == 0 {
		return nil
	}
	adj := map[string][]string{}
	imports := map[string][]string{}
	for k := range b.edges {
		switch k.kind {
		case EdgeImports:
			imports[k.from] = append(imports[k.from], k.to)
		case EdgeCalls, EdgeReferences, EdgeUses, EdgeEmbeds:
			adj[k.from] = append(adj[k.from], k.to)
		}
	}

	reached := map[string]bool{}
	var queue []string
	visit := func(id string) {
		if !reached[id] {
			reached[id] = true
			queue = append(queue, id)
		}
	}
	// The packages a program imports, itself included, are initialized:
	// their init functions and variable initializers run.
	inited := map[string]bool{}
	var pq []string
	for _, p := range programs {
		visit(p + ".main")
		inited[pkgID(p)] = true
		pq = append(pq, pkgID(p))
	}
	for len(pq) > 0 {
		p := pq[0]
		pq = pq[1:]
		path := strings.TrimPrefix(p, "pkg:")
		visit(path + ".init")
		for _, v := range pkgs[path] {
			visit(v)
		}
		if b.broken[path] {
			for _, q := range append([]string{p}, imports[p]...) {
				for _, d := range decls[strings.TrimPrefix(q, "pkg:")] {
					visit(d)
				}
			}
		}
		for _, q := range imports[p] {
			if !inited[q] {
				inited[q] = true
				pq = append(pq, q)
			}
		}
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, to := range adj[id] {
			visit(to)
		}
		for _, m := range methods[id] {
			visit(m)
		}
	}
	return reached
}

// recvTypeID is the id of the type a method node is declared on:
// "path.(*T).M" and "path.T.M" are methods of "path.T".
func recvTypeID(n Node) string {
	name := n.Name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "(*"), ")")
	return n.Package + "." + name
}

// inTestFile reports whether a node's "file:line" position is in a test
// file, which no program is built from.
func inTestFile(pos string) bool {
	if i := strings.LastIndexByte(pos, ':'); i >= 0 {
		pos = pos[:i]
	}
	return strings.HasSuffix(pos, "_test.go")
}

// unservedRoute is the diagnostic for a route registered only in code no
// program reaches.
func (b *builder) unservedRoute(route string, reg routeReg) Diagnostic {
	where := "test code"
	if !inTestFile(reg.pos) {
		where = displayDecl(reg.owner, b.nodes[reg.owner]) + ", which no program reaches"
	}
	return Diagnostic{
		Package: reg.pkg, Pos: reg.pos, Kind: DiagRoute,
		Message: "route " + route + " is registered in " + where + "; not served",
		Hint:    "ficus follows calls and function values from each program's main, init and package variables; if the route is served through code it cannot follow, add it to the proxy config",
	}
}

// displayDecl names a declaration as Go code does from outside its
// package: "oauthapp.Routes", "web.(*App).HandlerFunc".
func displayDecl(id string, n Node) string {
	if n.Package == "" || n.Name == "" {
		return id
	}
	return n.Package[strings.LastIndexByte(n.Package, '/')+1:] + "." + n.Name
}
