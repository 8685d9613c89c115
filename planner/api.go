package planner

import (
	"cmp"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// api fills in each service's API (its symbols used from other services,
// with the users) and its dependencies on other services, and returns the
// number of inbound and outbound calls of each.
func (x *explainer) api(out []Service) (inCalls, outCalls []int) {
	k := len(out)
	inCalls, outCalls = make([]int, k), make([]int, k)
	entries := make([]map[string][]Caller, k)
	deps := make([]map[int32]*Dependency, k)
	for i := range entries {
		entries[i] = map[string][]Caller{}
		deps[i] = map[int32]*Dependency{}
	}
	for _, e := range x.m.edges {
		if !isDependency(e.kind) {
			continue
		}
		a, b := x.m.unitOf[e.from], x.m.unitOf[e.to]
		if a < 0 || b < 0 {
			continue
		}
		la, lb := x.label[a], x.label[b]
		if la < 0 || lb < 0 || la == lb {
			continue
		}
		from, to := x.m.nodes[e.from], x.m.nodes[e.to]
		entries[lb][to.ID] = append(entries[lb][to.ID], Caller{Symbol: from.ID, Service: x.names[la], Kind: string(e.kind), Pos: from.Pos})
		d := deps[la][lb]
		if d == nil {
			d = &Dependency{Service: x.names[lb]}
			deps[la][lb] = d
		}
		if e.kind == analyzer.EdgeCalls {
			d.Calls += e.weight
			inCalls[lb] += e.weight
			outCalls[la] += e.weight
		} else {
			d.Other += e.weight
		}
	}
	for i := range out {
		for sym, callers := range entries[i] {
			slices.SortFunc(callers, func(a, b Caller) int {
				return cmp.Or(cmp.Compare(a.Service, b.Service), cmp.Compare(a.Symbol, b.Symbol), cmp.Compare(a.Kind, b.Kind))
			})
			out[i].API = append(out[i].API, APIEntry{Symbol: sym, Callers: callers})
		}
		slices.SortFunc(out[i].API, func(a, b APIEntry) int { return cmp.Compare(a.Symbol, b.Symbol) })
		for _, d := range deps[i] {
			out[i].DependsOn = append(out[i].DependsOn, *d)
		}
		slices.SortFunc(out[i].DependsOn, func(a, b Dependency) int { return cmp.Compare(a.Service, b.Service) })
	}
	return inCalls, outCalls
}

// cycles returns the groups of services that call each other in a cycle
// (strongly connected components of more than one service in the graph of
// calls between services, by Tarjan's algorithm), each sorted, the list
// sorted. References alone do not count: a shared type is a compile-time
// tie, a call becomes a network round trip.
func cycles(out []Service) [][]string {
	idx := map[string]int{}
	for i, s := range out {
		idx[s.Name] = i
	}
	n := len(out)
	index, low := make([]int, n), make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	var res [][]string
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, d := range out[v].DependsOn {
			if d.Calls == 0 {
				continue
			}
			w := idx[d.Service]
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []string
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, out[w].Name)
				if w == v {
					break
				}
			}
			if len(comp) > 1 {
				slices.Sort(comp)
				res = append(res, comp)
			}
		}
	}
	for v := 0; v < n; v++ {
		if index[v] < 0 {
			visit(v)
		}
	}
	slices.SortFunc(res, func(a, b []string) int { return slices.Compare(a, b) })
	return res
}
