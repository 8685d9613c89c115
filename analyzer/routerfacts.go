package analyzer

import (
	"go/types"
	"slices"
)

// routesRecognizer is the router family: net/http, chi, gin, echo,
// gorilla/mux, fiber, ozzo-routing, kratos, go-zero, httprouter, routegroup and macaron (one
// routerLib each), static file servers, route helpers and route tables, and
// the router interfaces generated OpenAPI servers declare. Its run is the
// shared walk's router machinery (routes.go and the files it names), because
// a router's value flows through the same assignments, calls, returns and
// fields the walk follows for everything else; it fills one routeFacts per
// package. Its resolve step gives every registration the prefixes of the
// routers it reaches, through groups, mounts and calls, across packages
// (routes_resolve.go).
//
// It resolves after the other recognizers, which add registrations of their
// own through resolution.routes (dispatch).
func routesRecognizer() recognizer {
	return &declared[routeFacts]{
		Name: "routes",
		Doc:  "HTTP routes of the routing libraries, static file servers, route helpers and tables, and OpenAPI servers' router interfaces",
		Run: func(p *pass, f *routeFacts) hooks {
			f.routerParams = map[types.Object]string{}
			f.ifaceHandlers = map[string]ifaceCall{}
			p.x.rf = f
			return hooks{}
		},
		Resolve: resolveRoutes,
	}
}

// routeFacts is what the walk learns about routes in one package: the
// registrations, and how routers flow between variables, parameters,
// fields and results so that each registration gets its prefixes.
type routeFacts struct {
	routes []routeReg
	flows  []routerFlow
	mounts []routerMount
	// groups are macaron's groups, which prefix the routes registered on
	// their router inside a function literal (macaron.go).
	groups []implicitGroup
	// routeTmpls and tmplCalls are registrations whose path or handler
	// a helper's callers give, and the calls that give them
	// (routes_wrap.go).
	routeTmpls []routeTmpl
	tmplCalls  []tmplCall
	// ifaceFlows are routers passed to a module interface's method, for
	// the implementations' parameters; routerParams names the router
	// parameters routes are registered on, for a diagnostic when no call
	// passes them a router.
	ifaceFlows   []ifaceRouterFlow
	routerParams map[types.Object]string
	// cbCalls and cbArgs are routers passed to callback parameters and
	// the functions given for them (callbacks.go).
	cbCalls []cbCall
	cbArgs  []cbArg
	// ifaceHandlers are handler factories called through module
	// interfaces, by the id routes name them with (calls.go).
	ifaceHandlers map[string]ifaceCall
	// fieldStores are values stored in string fields (routes_fields.go).
	fieldStores []fieldStore
	// wraps is the middleware added to routers (middleware.go).
	wraps []wrapReg
}

// ifaceRouterFlow is a router passed as parameter param of a call of
// method through the interface iface.
type ifaceRouterFlow struct {
	iface  types.Type
	method string
	param  int
	from   routerVal
}

// mergeRouteFacts joins the route facts of every package.
func mergeRouteFacts(all []*routeFacts) *routeFacts {
	m := &routeFacts{routerParams: map[types.Object]string{}, ifaceHandlers: map[string]ifaceCall{}}
	for _, f := range all {
		m.routes = append(m.routes, f.routes...)
		m.flows = append(m.flows, f.flows...)
		m.mounts = append(m.mounts, f.mounts...)
		m.routeTmpls = append(m.routeTmpls, f.routeTmpls...)
		m.tmplCalls = append(m.tmplCalls, f.tmplCalls...)
		m.ifaceFlows = append(m.ifaceFlows, f.ifaceFlows...)
		for k, v := range f.routerParams {
			m.routerParams[k] = v
		}
		m.cbCalls = append(m.cbCalls, f.cbCalls...)
		m.cbArgs = append(m.cbArgs, f.cbArgs...)
		for k, v := range f.ifaceHandlers {
			m.ifaceHandlers[k] = v
		}
		m.fieldStores = append(m.fieldStores, f.fieldStores...)
		m.wraps = append(m.wraps, f.wraps...)
	}
	return m
}

// resolveRoutes adds a route node per registration and prefix, with
// handles edges to its handlers.
func resolveRoutes(r *resolution, all []*routeFacts) {
	m := mergeRouteFacts(all)
	m.routes = append(m.routes, r.added...)
	m.flows = append(m.flows, slotRouterFlows(r.b.all)...)
	m.flows = append(m.flows, m.callbackFlows()...)
	m.tmplCalls = append(m.tmplCalls, fieldCalls(m.fieldStores, m.tmplCalls)...)
	helperRoutes, helperDiags := routesThroughHelpers(m.routeTmpls, m.tmplCalls)
	m.routes = append(m.routes, helperRoutes...)
	r.b.diags = append(r.b.diags, helperDiags...)
	for _, f := range m.ifaceFlows {
		for _, fn := range r.ix.implementations(f.iface, f.method) {
			if ps := fn.Type().(*types.Signature).Params(); f.param < ps.Len() {
				m.flows = append(m.flows, routerFlow{to: origin{obj: ps.At(f.param)}, from: f.from})
			}
		}
	}
	rr := newRouteResolver(m.flows, m.mounts)
	reached := r.b.programReach()
	served := func(reg routeReg) bool {
		return reached == nil || !inTestFile(reg.pos) && (reg.owner == "" || reached[reg.owner])
	}
	r.b.diags = append(r.b.diags, rr.unfedParams(slices.DeleteFunc(slices.Clone(m.routes), func(reg routeReg) bool { return !served(reg) }), m.routerParams)...)
	wraps := map[origin][]wrapReg{}
	for _, w := range m.wraps {
		wraps[w.at.o] = append(wraps[w.at.o], w)
	}
	var unserved []resolvedRoute
	unread := map[string]bool{} // registrations already named
	for _, reg := range append(m.routes, rr.fallbacks...) {
		for _, route := range rr.resolve(reg) {
			if d, ok := droppedParamPatterns(reg, route.name); ok {
				r.b.diags = append(r.b.diags, d)
			}
			if !served(reg) {
				unserved = append(unserved, route)
				continue
			}
			r.node(Node{ID: route.id, Kind: KindRoute, Name: route.name, Package: reg.pkg, Pos: reg.pos, Lines: 1, Handler: reg.static, Framework: reg.fw.name()})
			if reg.unread != "" && !unread[reg.pos] {
				unread[reg.pos] = true
				r.b.diags = append(r.b.diags, unreadHandler(route.name, reg))
			}
			for _, h := range reg.handlers {
				if ic, ok := m.ifaceHandlers[h]; ok {
					for _, fn := range r.ix.implementations(ic.iface, ic.method) {
						r.edge(route.id, funcID(fn), EdgeHandles, 1)
					}
					continue
				}
				r.edge(route.id, h, EdgeHandles, 1)
			}
			for _, w := range rr.wrapping(reg, wraps) {
				if !slices.Contains(reg.handlers, w) {
					r.edge(route.id, w, EdgeWraps, 1)
				}
			}
		}
	}
	// A route registered elsewhere too, in code a program reaches, is
	// served: only the others are named.
	for _, route := range unserved {
		if _, ok := r.b.nodes[route.id]; !ok {
			r.b.diags = append(r.b.diags, r.b.unservedRoute(route.name, route.reg))
		}
	}
}

// unreadHandler names a route whose handler expression is module code
// ficus could not follow to a function: the route has no handler in the
// graph, and the planner places it by its path alone.
func unreadHandler(route string, reg routeReg) Diagnostic {
	return Diagnostic{
		Package: reg.pkg, Pos: reg.pos, Kind: DiagRoute,
		Message: "route " + route + ": its handler " + reg.unread + " is module code ficus cannot follow to a function; the route has no handler in the graph and the plan places it by its path alone",
		Hint:    "register a function, a method value or a variable holding one (a closure called at the registration hides the handler it wraps)",
	}
}
