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

// facts is what the shared walk learns from one root package: its
// declarations and their calls, references and uses, and the values that
// flow through function-typed fields and slots. Facts that need other
// packages (interface implementations, model tables) are kept symbolic
// and resolved at the end. What the declared recognizers find is theirs,
// in recognized.
type facts struct {
	nodes      []Node
	edges      map[edgeKey]int
	ifaceCalls map[ifaceCall]int
	tableNames map[*types.TypeName]string // models' TableName() constants
	fieldCalls map[fieldCallKey]int       // calls through func-typed fields
	fieldFuncs map[*types.Var][]string    // module functions stored in a field
	diags      []Diagnostic               // what extraction could not read (route paths)
	// slotFuncs are the module functions stored in package-level slices
	// and maps of functions; slotCalls the calls of functions read from
	// them (funcslots.go).
	slotFuncs map[*types.Var][]*types.Func
	slotCalls []slotCall
	// recognized holds each declared recognizer's facts, in the order
	// of the recognizers' list (recognizer.go).
	recognized []any
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
		slotFuncs:  map[*types.Var][]*types.Func{},
	}
}

// merge adds the symbolic facts of o (all but its nodes, edges and
// diagnostics, which the builder keeps itself) to f.
func (f *facts) merge(o *facts) {
	for k, w := range o.ifaceCalls {
		f.ifaceCalls[k] += w
	}
	for k, v := range o.tableNames {
		f.tableNames[k] = v
	}
	for k, n := range o.fieldCalls {
		f.fieldCalls[k] += n
	}
	for k, fns := range o.fieldFuncs {
		f.fieldFuncs[k] = appendUniqueAll(f.fieldFuncs[k], fns)
	}
	for k, fns := range o.slotFuncs {
		f.slotFuncs[k] = append(f.slotFuncs[k], fns...)
	}
	f.slotCalls = append(f.slotCalls, o.slotCalls...)
}

func (f *facts) edge(from, to string, kind EdgeKind) {
	if from == "" || to == "" {
		return
	}
	f.edges[edgeKey{from, to, kind}]++
}
