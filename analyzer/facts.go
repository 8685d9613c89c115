package analyzer

import (
	"go/types"
)

// edgeKey identifies one edge of one kind.
type edgeKey struct {
	from, to string
	kind     EdgeKind
}

// ifaceCall is a call through an interface method, resolved to the
// implementations once every package is checked.
type ifaceCall struct {
	caller string
	iface  types.Type // the interface (or constraint) the method is called on
	method string
}

// facts is what extraction learns from one root package. Facts that need
// other packages (interface implementations, router prefixes, gorm model
// tables, ticker goroutines) are kept symbolic and resolved at the end.
type facts struct {
	nodes      []Node
	edges      map[edgeKey]int
	ifaceCalls map[ifaceCall]int
	routes     []routeReg
	flows      []routerFlow
	mounts     []routerMount
	tableNames map[*types.TypeName]string // models' TableName() constants
	routeTmpls []routeTmpl
	tmplCalls  []tmplCall
	fieldCalls map[fieldCallKey]int    // calls through func-typed fields
	fieldFuncs map[*types.Var][]string // module functions stored in a field
	diags      []Diagnostic            // what extraction could not read (route paths)
	// ifaceFlows are routers passed to a module interface's method, for
	// the implementations' parameters; routerParams names the router
	// parameters routes are registered on, for a diagnostic when no call
	// passes them a router.
	ifaceFlows   []ifaceRouterFlow
	routerParams map[types.Object]string
	// slotFuncs are the module functions stored in package-level slices
	// and maps of functions; slotCalls the calls of functions read from
	// them (funcslots.go).
	slotFuncs map[*types.Var][]*types.Func
	slotCalls []slotCall
	// cbCalls and cbArgs are routers passed to callback parameters and
	// the functions given for them (callbacks.go).
	cbCalls []cbCall
	cbArgs  []cbArg
	// ifaceHandlers are handler factories called through module
	// interfaces, by the id routes name them with (calls.go).
	ifaceHandlers map[string]ifaceCall
	// recognized holds each declared recognizer's facts, in the order
	// of the recognizers' list (recognizer.go).
	recognized []any
}

// ifaceRouterFlow is a router passed as parameter param of a call of
// method through the interface iface.
type ifaceRouterFlow struct {
	iface  types.Type
	method string
	param  int
	from   routerVal
}

// paramRef names one parameter of a module function.
type paramRef struct {
	fn    string
	param int
}

func newFacts() *facts {
	return &facts{
		edges:      map[edgeKey]int{},
		ifaceCalls: map[ifaceCall]int{},
		tableNames: map[*types.TypeName]string{},
		fieldCalls: map[fieldCallKey]int{},
		fieldFuncs: map[*types.Var][]string{},

		routerParams: map[types.Object]string{},
		slotFuncs:    map[*types.Var][]*types.Func{},

		ifaceHandlers: map[string]ifaceCall{},
	}
}

// merge adds the symbolic facts of o (all but its nodes, edges and
// diagnostics, which the builder keeps itself) to f.
func (f *facts) merge(o *facts) {
	for k, w := range o.ifaceCalls {
		f.ifaceCalls[k] += w
	}
	f.routes = append(f.routes, o.routes...)
	f.flows = append(f.flows, o.flows...)
	f.mounts = append(f.mounts, o.mounts...)
	for k, v := range o.tableNames {
		f.tableNames[k] = v
	}
	f.routeTmpls = append(f.routeTmpls, o.routeTmpls...)
	f.tmplCalls = append(f.tmplCalls, o.tmplCalls...)
	for k, n := range o.fieldCalls {
		f.fieldCalls[k] += n
	}
	for k, fns := range o.fieldFuncs {
		f.fieldFuncs[k] = appendUniqueAll(f.fieldFuncs[k], fns)
	}
	f.ifaceFlows = append(f.ifaceFlows, o.ifaceFlows...)
	for k, v := range o.routerParams {
		f.routerParams[k] = v
	}
	for k, fns := range o.slotFuncs {
		f.slotFuncs[k] = append(f.slotFuncs[k], fns...)
	}
	f.slotCalls = append(f.slotCalls, o.slotCalls...)
	f.cbCalls = append(f.cbCalls, o.cbCalls...)
	f.cbArgs = append(f.cbArgs, o.cbArgs...)
	for k, v := range o.ifaceHandlers {
		f.ifaceHandlers[k] = v
	}
}

func (f *facts) edge(from, to string, kind EdgeKind) {
	if from == "" || to == "" {
		return
	}
	f.edges[edgeKey{from, to, kind}]++
}
