package planner

import "github.com/ficus-dev/ficus/analyzer"

// Middleware a router runs before the routes of several services (an
// authentication check, a request logger, a rate limiter; the graph's
// wraps edges) is a cross-cutting concern every one of them passes
// through, not a part of the one whose code it happens to call most:
// gotify's Auth, whose token checks read the clients', applications' and
// users' tables, pulled the clients service around it. It goes to the
// kernel, its type with it; middleware that wraps the routes of one
// service only is that service's, and stays where the clustering put it.

// wrappedServices returns, for each unit that is middleware of some
// route (a wraps edge's target), the services whose routes it wraps.
func wrappedServices(m *model, label []int32) map[int32]map[int32]bool {
	var out map[int32]map[int32]bool
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeWraps {
			continue
		}
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		if a < 0 || b < 0 || label[a] < 0 {
			continue
		}
		if out == nil {
			out = map[int32]map[int32]bool{}
		}
		if out[b] == nil {
			out[b] = map[int32]bool{}
		}
		out[b][label[a]] = true
	}
	return out
}

// middlewareToKernel moves to the kernel the blocks (a type and its
// methods, or one function; a store hub's method alone, see storeHubs) of
// the middleware that wraps the routes of two or more services, unless a
// unit of the block is placed by the user or serves a route itself.
func middlewareToKernel(m *model, r *roles, cons *constraints, label []int32) {
	wrapped := wrappedServices(m, label)
	if len(wrapped) == 0 {
		return
	}
	handler := make([]bool, len(m.units))
	for _, u := range m.entries {
		handler[u] = true
	}
	for u, services := range wrapped {
		if len(services) < 2 || handler[u] || label[u] < 0 {
			continue
		}
		members := r.members(r.block[u])
		blocked := false
		for _, v := range members {
			if cons.set[v] >= 0 || cons.excluded[v] || handler[v] {
				blocked = true
				break
			}
		}
		if blocked {
			continue
		}
		for _, v := range members {
			if label[v] >= 0 {
				label[v] = labelKernel
			}
		}
	}
}

// middlewareBlocks marks the blocks of the middleware that wraps the
// routes of two or more services: shared by what it serves, whoever calls
// it. The kernel cap trims them last, and no sole user takes them (the
// composition root registering them sits in some service at times).
func middlewareBlocks(m *model, r *roles, label []int32) []bool {
	var out []bool
	for u, services := range wrappedServices(m, label) {
		if len(services) < 2 {
			continue
		}
		if out == nil {
			out = make([]bool, len(label))
		}
		out[r.block[u]] = true
	}
	return out
}
