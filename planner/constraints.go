package planner

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/internal/editdist"
)

// ErrConstraint is wrapped by every error about the constraints of the
// plan section: an unknown unit, or constraints that contradict each
// other.
var ErrConstraint = errors.New("plan constraint")

// constraints are the resolved pin, together, apart and kernel lists.
type constraints struct {
	// set gives each constrained unit the id of its group (units that must
	// share a service), -1 for free units.
	set []int32
	// pin names the service of each group ("" for groups only kept
	// together).
	pin []string
	// program marks the groups a program of its own names (see
	// programFeatures): the team's deployable, named as the team named it.
	program map[int32]bool
	// apart lists groups of sets that must be in pairwise different
	// services.
	apart [][]int32
	// forced and excluded are kernel.include and kernel.exclude.
	forced, excluded []bool
	// feature marks the units the code's own feature folders place (see
	// keepFeatures); nil when it states none.
	feature []bool
}

// resolveConstraints checks the constraints against the model and turns
// ids into units. A constrained route or job brings the code it runs
// along: a route always goes where its handler goes.
func resolveConstraints(m *model, r *roles, cfg Config) (*constraints, error) {
	nu := len(m.units)
	c := &constraints{set: make([]int32, nu), forced: make([]bool, nu), excluded: make([]bool, nu)}
	parent := make([]int32, nu)
	for u := range parent {
		parent[u] = int32(u)
		c.set[u] = -1
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	constrained := make([]bool, nu)
	pinOf := make([]string, nu)
	pinWhere := make([]string, nu)
	names := make([]string, 0, len(cfg.Pin))
	for name := range cfg.Pin {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.TrimSpace(name) == "" || name == SharedClass || name == "shared" {
			return nil, fmt.Errorf("%w: %s: %q cannot name a service; use kernel.include to put units in the shared kernel", ErrConstraint, cfg.where("$.plan.pin"), name)
		}
		var first int32 = -1
		for i, id := range cfg.Pin[name] {
			path := fmt.Sprintf("$.plan.pin.%s[%d]", name, i)
			us, err := m.resolve(id, cfg.where(path))
			if err != nil {
				return nil, err
			}
			for _, u := range withHandlers(r, us) {
				if pinOf[u] != "" && pinOf[u] != name {
					return nil, fmt.Errorf("%w: %s pins %s to %q, but %s already pins it to %q; keep one", ErrConstraint, cfg.where(path), m.unitNode(u).ID, name, pinWhere[u], pinOf[u])
				}
				pinOf[u], pinWhere[u], constrained[u] = name, cfg.where(path), true
				if first < 0 {
					first = u
				}
				parent[find(u)] = find(first)
			}
		}
	}
	for g, group := range cfg.Together {
		var first int32 = -1
		for i, id := range group {
			us, err := m.resolve(id, cfg.where(fmt.Sprintf("$.plan.together[%d][%d]", g, i)))
			if err != nil {
				return nil, err
			}
			for _, u := range withHandlers(r, us) {
				constrained[u] = true
				if first < 0 {
					first = u
				}
				parent[find(u)] = find(first)
			}
		}
	}
	// Groups: each root with its pin, checking that no group holds two.
	setOf := map[int32]int32{}
	for u := int32(0); u < int32(nu); u++ {
		if !constrained[u] {
			continue
		}
		root := find(u)
		s, ok := setOf[root]
		if !ok {
			s = int32(len(c.pin))
			setOf[root] = s
			c.pin = append(c.pin, "")
		}
		c.set[u] = s
		if p := pinOf[u]; p != "" {
			if c.pin[s] != "" && c.pin[s] != p {
				return nil, fmt.Errorf("%w: a together group joins units pinned to %q and to %q (one of them %s); pins to different services cannot be kept together", ErrConstraint, c.pin[s], p, m.unitNode(u).ID)
			}
			c.pin[s] = p
		}
	}
	for g, group := range cfg.Apart {
		var sets []int32
		for i, id := range group {
			where := cfg.where(fmt.Sprintf("$.plan.apart[%d][%d]", g, i))
			us, err := m.resolve(id, where)
			if err != nil {
				return nil, err
			}
			for _, u := range us {
				if c.set[u] < 0 {
					c.set[u] = int32(len(c.pin))
					c.pin = append(c.pin, "")
				}
				if slices.Contains(sets, c.set[u]) {
					return nil, fmt.Errorf("%w: %s: apart group %d holds %s, which another of its entries, a pin or a together group already keeps with it; these constraints contradict each other", ErrConstraint, where, g, m.unitNode(u).ID)
				}
				sets = append(sets, c.set[u])
			}
		}
		if len(sets) > 1 {
			c.apart = append(c.apart, sets)
		}
	}
	for i, id := range cfg.Kernel.Include {
		us, err := m.resolve(id, cfg.where(fmt.Sprintf("$.plan.kernel.include[%d]", i)))
		if err != nil {
			return nil, err
		}
		for _, u := range us {
			c.forced[u] = true
		}
	}
	for i, id := range cfg.Kernel.Exclude {
		where := cfg.where(fmt.Sprintf("$.plan.kernel.exclude[%d]", i))
		us, err := m.resolve(id, where)
		if err != nil {
			return nil, err
		}
		for _, u := range us {
			if c.forced[u] {
				return nil, fmt.Errorf("%w: %s: %s is both in kernel.include and kernel.exclude; keep one", ErrConstraint, where, m.unitNode(u).ID)
			}
			c.excluded[u] = true
		}
	}
	for u, s := range c.set {
		if s >= 0 && c.forced[u] {
			return nil, fmt.Errorf("%w: %s is in kernel.include and also pinned or grouped; the kernel is no service, keep one", ErrConstraint, m.unitNode(int32(u)).ID)
		}
		if s >= 0 {
			c.excluded[u] = true // a constrained unit belongs to a service
		}
	}
	return c, nil
}

// withHandlers adds to units the code each route or job among them runs.
func withHandlers(r *roles, units []int32) []int32 {
	out := slices.Clone(units)
	for _, u := range units {
		if h := r.handler[u]; h >= 0 && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// resolve turns one id of a constraint into units: a unit id, or
// "pkg:PATH" for every unit of a package. An unknown id is an error that
// suggests near matches.
func (m *model) resolve(id, where string) ([]int32, error) {
	if i, ok := m.index[id]; ok && m.unitOf[i] >= 0 {
		return []int32{m.unitOf[i]}, nil
	}
	if path, ok := strings.CutPrefix(id, "pkg:"); ok {
		var us []int32
		for u, ni := range m.units {
			if m.nodes[ni].Package == path {
				us = append(us, int32(u))
			}
		}
		if len(us) > 0 {
			return us, nil
		}
	}
	hint := "check the id against 'ficus analyze' output"
	if near := m.nearMatches(id); len(near) > 0 {
		hint = "did you mean " + strings.Join(near, " or ") + "?"
	}
	return nil, fmt.Errorf("%w: %s: no unit %q in the graph; %s", ErrConstraint, where, id, hint)
}

// nearMatches returns up to three ids close to id: those containing it
// (or contained in it), else those at the smallest edit distance.
func (m *model) nearMatches(id string) []string {
	var ids []string
	for _, ni := range m.units {
		ids = append(ids, m.nodes[ni].ID)
	}
	for _, ni := range m.index {
		if n := m.nodes[ni]; n.Kind == analyzer.KindPackage && !n.External {
			ids = append(ids, n.ID)
		}
	}
	slices.Sort(ids)
	var out []string
	for _, c := range ids {
		if strings.HasSuffix(c, id) || strings.HasSuffix(c, "."+id) || (len(c) > 3 && strings.Contains(id, c)) {
			out = append(out, fmt.Sprintf("%q", c))
			if len(out) == 3 {
				return out
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	type cand struct {
		id string
		d  int
	}
	var cs []cand
	limit := max(3, len(id)/3)
	for _, c := range ids {
		if d := editdist.Distance(id, c, limit); d <= limit {
			cs = append(cs, cand{c, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, fmt.Sprintf("%q", cs[i].id))
	}
	return out
}

// enforce makes label honour the constraints: each group in one service,
// pinned groups with different names and apart groups in different
// services. A service holding groups that must part is split by growing
// each group through the dependency graph (a multi-source breadth-first
// search), so that the parts stay connected.
func (c *constraints) enforce(dep *wgraph, label []int32) {
	if len(c.pin) == 0 {
		return
	}
	next := int32(0)
	for _, l := range label {
		next = max(next, l+1)
	}
	members := make([][]int32, len(c.pin))
	for u, s := range c.set {
		if s >= 0 {
			members[s] = append(members[s], int32(u))
		}
	}
	home := make([]int32, len(c.pin))
	for s, us := range members {
		count := map[int32]int{}
		best, bc := int32(-1), 0
		for _, u := range us {
			if l := label[u]; l >= 0 {
				count[l]++
				if count[l] > bc || (count[l] == bc && l < best) {
					best, bc = l, count[l]
				}
			}
		}
		if best < 0 {
			best = next
			next++
		}
		home[s] = best
		for _, u := range us {
			label[u] = best
		}
	}
	conflict := c.conflict
	byLabel := map[int32][]int32{}
	for s, l := range home {
		byLabel[l] = append(byLabel[l], int32(s))
	}
	for _, l := range slices.Sorted(maps.Keys(byLabel)) {
		sets := byLabel[l]
		var seeds []int32
		for _, a := range sets {
			for _, b := range sets {
				if a != b && conflict(a, b) && !slices.Contains(seeds, a) {
					seeds = append(seeds, a)
				}
			}
		}
		if len(seeds) < 2 {
			continue
		}
		target := make([]int32, len(seeds))
		target[0] = l
		for i := 1; i < len(seeds); i++ {
			target[i] = next
			next++
		}
		c.split(dep, label, l, seeds, members, target)
	}
}

// conflict reports whether groups a and b must not share a service.
func (c *constraints) conflict(a, b int32) bool {
	if c.pin[a] != "" && c.pin[b] != "" && c.pin[a] != c.pin[b] {
		return true
	}
	for _, g := range c.apart {
		if slices.Contains(g, a) && slices.Contains(g, b) {
			return true
		}
	}
	return false
}

// separate reports whether services a and b of label hold groups that
// must not share a service.
func (c *constraints) separate(label []int32, a, b int32) bool {
	if len(c.pin) == 0 {
		return false
	}
	var inA, inB []int32
	for u, s := range c.set {
		if s < 0 {
			continue
		}
		switch label[u] {
		case a:
			inA = append(inA, s)
		case b:
			inB = append(inB, s)
		}
	}
	for _, x := range inA {
		for _, y := range inB {
			if x != y && c.conflict(x, y) {
				return true
			}
		}
	}
	return false
}

// split divides the units labelled l among the seed groups by a
// multi-source breadth-first search over dep.
func (c *constraints) split(dep *wgraph, label []int32, l int32, seeds []int32, members [][]int32, target []int32) {
	owner := map[int32]int32{}
	var queue []int32
	for i, s := range seeds {
		for _, u := range members[s] {
			owner[u] = target[i]
			queue = append(queue, u)
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for p := dep.off[u]; p < dep.off[u+1]; p++ {
			v := dep.adj[p]
			if _, done := owner[v]; done || label[v] != l || c.set[v] >= 0 {
				continue
			}
			owner[v] = owner[u]
			queue = append(queue, v)
		}
	}
	for u, t := range owner {
		label[u] = t
	}
}
