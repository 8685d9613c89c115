package planner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner/internal/source"
)

// Kinds of shared mutable state.
const (
	StateWritten = "written" // a package-level variable written by members of several services
	StateMap     = "map"     // a global map (or sync.Map) used by several services
	StateCache   = "cache"   // a global cache used by several services
	StateOnce    = "once"    // a singleton built by sync.Once, used by several services
)

// SharedState is a package-level variable that ties services together at
// run time: once they run in separate processes each has its own copy, so
// writes made by one are lost to the others. It blocks the extraction of
// every service that uses it.
type SharedState struct {
	Var string `json:"var"`
	// Kind is written, map, cache or once.
	Kind string `json:"kind"`
	// Owner is the service that holds the variable, or (shared).
	Owner string `json:"owner"`
	// Services are the services (and (shared)) whose members use it;
	// Writers those whose members write it.
	Services []string `json:"services"`
	Writers  []string `json:"writers,omitempty"`
	// Uses are the uses from members: the using symbol, its service,
	// whether it writes, and the line of the (first) write or use.
	Uses []StateUse `json:"uses"`
}

// StateUse is one member's use of shared state.
type StateUse struct {
	Symbol  string `json:"symbol"`
	Service string `json:"service"`
	Write   bool   `json:"write,omitempty"`
	Pos     string `json:"pos"`
}

// Fix says what to do about the state, for reports and check output.
func (s SharedState) Fix() string {
	switch s.Kind {
	case StateWritten:
		return "give the variable one owner: let the other services call its owner's API, or keep the value in a store they share"
	case StateOnce:
		return "build the singleton in each service (or behind one service's API) instead of sharing one global"
	}
	return "move the " + s.Kind + " behind one service's API, or into a store the services share (a database table, Redis)"
}

// FindSharedState reads the module's source in dir (the analyzed
// directory: graph positions are relative to it) to find the shared
// mutable state of a labelling (unit id to service name, the kernel as
// SharedClass, as Plan.Labels returns): package-level variables written by
// members of two or more services (the kernel counting as one), and
// global maps, caches and sync.Once-built singletons used by members of
// two or more services. Only variables used from more than one place are
// read, each file once. Files that cannot be read are skipped and named in
// the error, which comes with whatever could be found.
func FindSharedState(ctx context.Context, dir string, doc analyzer.Document, labels map[string]string) ([]SharedState, error) {
	nodes := make(map[string]*analyzer.Node, len(doc.Nodes))
	for i := range doc.Nodes {
		nodes[doc.Nodes[i].ID] = &doc.Nodes[i]
	}
	users := map[string][]string{} // var id → using symbols
	for _, e := range doc.Edges {
		if e.Kind != analyzer.EdgeUses || labels[e.From] == "" {
			continue
		}
		if v := nodes[e.To]; v != nil && v.Kind == analyzer.KindVar && v.Pos != "" {
			users[e.To] = append(users[e.To], e.From)
		}
	}
	vars := make([]string, 0, len(users))
	for v, us := range users {
		places := map[string]bool{labels[v]: true}
		for _, u := range us {
			places[labels[u]] = true
		}
		delete(places, "")
		if len(places) >= 2 {
			vars = append(vars, v)
		}
	}
	slices.Sort(vars)
	ix := source.New(dir)
	ix.Preload(ctx, filesOf(nodes, vars, users))
	var out []SharedState
	var problems []error
	for _, v := range vars {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		s, err := stateOf(ix, nodes, labels, nodes[v], users[v])
		if err != nil {
			problems = append(problems, err)
		}
		if s != nil {
			out = append(out, *s)
		}
	}
	return out, joinFirst(problems, 3)
}

// stateOf decides whether one variable is shared mutable state.
func stateOf(ix *source.Index, nodes map[string]*analyzer.Node, labels map[string]string, v *analyzer.Node, users []string) (*SharedState, error) {
	span, ok := source.SpanOf(v.Pos, v.Lines)
	if !ok {
		return nil, nil
	}
	kind, err := ix.VarKind(span, v.Name)
	if err != nil {
		return nil, err
	}
	s := &SharedState{Var: v.ID, Owner: orShared(labels[v.ID])}
	writers := map[string]bool{}
	services := map[string]bool{}
	once := false
	var firstErr error
	for _, id := range users {
		u := nodes[id]
		if u == nil {
			continue
		}
		us, ok := source.SpanOf(u.Pos, u.Lines)
		if !ok {
			continue
		}
		a, err := ix.VarAccess(us, v.Name)
		if err != nil {
			firstErr = cmp.Or(firstErr, err)
			continue
		}
		svc := labels[id]
		services[svc] = true
		if a.Write {
			writers[svc] = true
		}
		once = once || a.Once
		s.Uses = append(s.Uses, StateUse{Symbol: id, Service: svc, Write: a.Write, Pos: fmt.Sprintf("%s:%d", us.File, a.Line)})
	}
	if once {
		kind = StateOnce
	}
	services[s.Owner] = true
	s.Services, s.Writers = sortedKeys(services), sortedKeys(writers)
	switch {
	case len(writers) >= 2:
		s.Kind = StateWritten
	case kind != "" && len(slices.DeleteFunc(slices.Clone(s.Services), func(n string) bool { return n == SharedClass })) >= 2:
		s.Kind = kind
	default:
		return nil, firstErr
	}
	slices.SortFunc(s.Uses, func(a, b StateUse) int {
		return cmp.Or(cmp.Compare(a.Service, b.Service), cmp.Compare(a.Symbol, b.Symbol))
	})
	return s, firstErr
}

// filesOf lists the files that declare the variables and their users,
// each once.
func filesOf(nodes map[string]*analyzer.Node, vars []string, users map[string][]string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		n := nodes[id]
		if n == nil {
			return
		}
		if span, ok := source.SpanOf(n.Pos, 1); ok && !seen[span.File] {
			seen[span.File] = true
			out = append(out, span.File)
		}
	}
	for _, v := range vars {
		add(v)
		for _, u := range users[v] {
			add(u)
		}
	}
	return out
}

func orShared(label string) string {
	if label == "" {
		return SharedClass
	}
	return label
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// joinFirst joins up to n errors and counts the rest.
func joinFirst(errs []error, n int) error {
	if len(errs) <= n {
		return errors.Join(errs...)
	}
	return fmt.Errorf("%w\n(and %d more)", errors.Join(errs[:n]...), len(errs)-n)
}

// SetSharedState records shared mutable state on the plan: the list, and
// on each service that uses a variable, its id among the blockers of its
// extraction (SharedState of the service).
func (p *Plan) SetSharedState(list []SharedState) {
	p.SharedState = list
	for i := range p.Services {
		p.Services[i].SharedState = nil
	}
	idx := map[string]int{}
	for i, s := range p.Services {
		idx[s.Name] = i
	}
	for _, st := range list {
		for _, name := range st.Services {
			if i, ok := idx[name]; ok {
				p.Services[i].SharedState = append(p.Services[i].SharedState, st.Var)
			}
		}
	}
	// The extraction order's reason is each service's explanation: say
	// there what blocks it (once, however often this is called).
	for i, step := range p.Order {
		j, ok := idx[step.Service]
		if !ok {
			continue
		}
		reason, _, _ := strings.Cut(step.Reason, blockedBy)
		if n := len(p.Services[j].SharedState); n > 0 {
			reason += blockedBy + plural(n, "package-level variable") + " written or used by other services too (give each one owner first)"
		}
		p.Order[i].Reason = reason
	}
}

// blockedBy starts the note on shared state in an extraction reason.
const blockedBy = "; blocked by shared mutable state: "

// stateLine is the summary line of one shared variable.
func stateLine(s SharedState) string {
	what := "used by " + strings.Join(s.Services, ", ")
	if s.Kind == StateWritten {
		what = "written by " + strings.Join(s.Writers, ", ")
	}
	return fmt.Sprintf("%s (%s) %s (owner %s): %s", s.Var, s.Kind, what, s.Owner, s.Fix())
}
