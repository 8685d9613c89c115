package planner

import (
	"math"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// signals is the planning graph: units joined by the weighted sum of every
// signal between them.
type signals struct {
	// dep holds the code dependencies between units (calls, references,
	// table access, routes, jobs, events, receivers): the graph in which a
	// service must be connected and on which metrics are computed.
	dep *wgraph
	// all adds the file and name signals through one virtual node per file
	// and per word, numbered after the units; the clustering runs on it.
	all *wgraph
	// virtual is the number of virtual nodes at the end of all.
	virtual int
	// uses are the dependency edges between units (calls, references,
	// variable uses, embedding, implementing), one per ordered pair of
	// units, weighted as in dep; calls counts the call sites among them.
	uses []useEdge
}

// useEdge is one "from depends on to" relation between two units.
type useEdge struct {
	from, to int32
	w        float64
	calls    int
}

// maxEventPairs bounds the publisher × subscriber pairs of one event: an
// event everybody publishes and hears carries no information.
const maxEventPairs = 10000

// depEdges weighs the model's dependency edges (calls, references, table
// access, routes, jobs, events, receivers) and lists the uses between
// units.
func depEdges(m *model, w Weights) ([]wedge, []useEdge) {
	nu := len(m.units)
	dep := make([]wedge, 0, len(m.edges)+nu/2)
	pubs := map[int32][]int32{}
	subs := map[int32][]int32{}
	uses := make([]useEdge, 0, len(m.edges))
	fan := dispatchFans(m)
	for _, e := range m.edges {
		switch e.kind {
		case analyzer.EdgePublishes:
			if u := m.unitOf[e.from]; u >= 0 {
				pubs[e.to] = append(pubs[e.to], u)
			}
			continue
		case analyzer.EdgeSubscribes:
			if u := m.unitOf[e.from]; u >= 0 {
				subs[e.to] = append(subs[e.to], u)
			}
			continue
		}
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		if a < 0 || b < 0 || a == b {
			continue
		}
		x := kindWeight(w, e.kind) * countWeight(e.weight)
		if x > 0 {
			d := x
			if f := fan[dispatchKey{a, methodName(m.unitNode(b))}]; f > 0 && e.kind == analyzer.EdgeCalls {
				d /= float64(f)
			}
			dep = append(dep, wedge{a, b, d})
		}
		if isDependency(e.kind) {
			u := useEdge{from: a, to: b, w: x}
			if e.kind == analyzer.EdgeCalls {
				u.calls = e.weight
			}
			uses = append(uses, u)
		}
	}
	if w.Events > 0 {
		events := make([]int32, 0, len(pubs))
		for ev := range pubs {
			events = append(events, ev)
		}
		slices.Sort(events)
		for _, ev := range events {
			ps, ss := pubs[ev], subs[ev]
			if len(ps)*len(ss) > maxEventPairs {
				continue
			}
			for _, p := range ps {
				for _, s := range ss {
					if p != s {
						dep = append(dep, wedge{p, s, w.Events})
					}
				}
			}
		}
	}
	if w.Receiver > 0 {
		for u, t := range m.recv {
			if t >= 0 {
				dep = append(dep, wedge{int32(u), t, receiverWeight(m, int32(u), t, w.Receiver)})
			}
		}
	}
	return dep, uses
}

// buildSignals weighs the model's edges into the planning graph.
func buildSignals(m *model, w Weights) *signals {
	nu := len(m.units)
	// The builders below read the model and nothing else, so they run side
	// by side; each numbers its virtual nodes from nu, and they are
	// renumbered after, in this order, as if they had run one after another.
	m.prepareShared()
	var builders []func(next int32) ([]wedge, int32)
	if w.Entries > 0 {
		builders = append(builders, func(next int32) ([]wedge, int32) { return entryEdges(m, w.Entries), next })
	}
	for _, b := range []struct {
		weight float64
		build  func(*model, float64, int32) ([]wedge, int32)
	}{{w.Files, fileEdges}, {w.Stems, stemEdges}, {w.Stems, entityStemEdges}, {w.Resources, resourceEdges}, {w.Names, nameEdges}} {
		if b.weight > 0 {
			builders = append(builders, func(next int32) ([]wedge, int32) { return b.build(m, b.weight, next) })
		}
	}
	s := &signals{}
	var dep []wedge
	built := make([][]wedge, len(builders))
	ends := make([]int32, len(builders))
	parallel(len(builders)+1, func(i int) {
		if i == 0 {
			// the dependency edges, the longest of the tasks, first
			var uses []useEdge
			dep, uses = depEdges(m, w)
			s.dep, s.uses = newWGraph(nu, dep), mergeUses(nu, uses)
			return
		}
		built[i-1], ends[i-1] = builders[i-1](int32(nu))
	})
	n := len(dep)
	for _, b := range built {
		n += len(b)
	}
	all := make([]wedge, 0, n)
	all = append(all, dep...)
	next := int32(nu)
	for i, b := range built {
		shift := next - int32(nu)
		for _, e := range b {
			if e.a >= int32(nu) {
				e.a += shift
			}
			if e.b >= int32(nu) {
				e.b += shift
			}
			all = append(all, e)
		}
		next += ends[i] - int32(nu)
	}
	s.virtual = int(next) - nu
	s.all = newWGraph(int(next), all)
	return s
}

// mergeUses groups uses by source, in order of target's first appearance,
// merging the edges of one pair; the result is sorted by source.
func mergeUses(n int, uses []useEdge) []useEdge {
	off := make([]int32, n+1)
	for _, u := range uses {
		off[u.from+1]++
	}
	for i := 0; i < n; i++ {
		off[i+1] += off[i]
	}
	rows := make([]useEdge, len(uses))
	fill := slices.Clone(off[:n])
	for _, u := range uses {
		rows[fill[u.from]] = u
		fill[u.from]++
	}
	pos := make([]int32, n)
	out := int32(0)
	for i := 0; i < n; i++ {
		start := out
		for k := off[i]; k < off[i+1]; k++ {
			u := rows[k]
			if p := pos[u.to]; p > start {
				rows[p-1].w += u.w
				rows[p-1].calls += u.calls
				continue
			}
			rows[out] = u
			out++
			pos[u.to] = out
		}
	}
	return rows[:out:out]
}

// countWeight damps repeated relations: ten calls between two functions
// say more than one, but not ten times more.
func countWeight(n int) float64 { return 1 + math.Log2(float64(max(n, 1))) }

func kindWeight(w Weights, k analyzer.EdgeKind) float64 {
	switch k {
	case analyzer.EdgeCalls:
		return w.Calls
	case analyzer.EdgeReferences:
		return w.References
	case analyzer.EdgeEmbeds:
		return w.Embeds
	case analyzer.EdgeImplements:
		return w.Implements
	case analyzer.EdgeHandles:
		return w.Handles
	case analyzer.EdgeReads:
		return w.Reads
	case analyzer.EdgeWrites:
		return w.Writes
	case analyzer.EdgeUses:
		return w.Uses
	case analyzer.EdgeRuns:
		return w.Runs
	}
	return 0 // imports join packages, which are not units
}

// fileEdges joins the symbols of each file through a virtual node.
func fileEdges(m *model, weight float64, next int32) ([]wedge, int32) {
	byFile := unitsByFile(m)
	return groupEdges(byFile, func(f string) bool { return len(byFile[f]) > 1 }, weight, next)
}

// groupEdges joins the units of each group that keep accepts through one
// virtual node per group, numbered from next in the order of the groups'
// keys; it returns the edges and the next free node.
func groupEdges(groups map[string][]int32, keep func(key string) bool, weight float64, next int32) ([]wedge, int32) {
	keys := make([]string, 0, len(groups))
	for k := range groups {
		if keep(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var edges []wedge
	for _, k := range keys {
		for _, u := range groups[k] {
			edges = append(edges, wedge{u, next, weight})
		}
		next++
	}
	return edges, next
}

// nameEdges joins symbols that share a word through a virtual node per
// word. A word's pull is its inverse document frequency times its spread
// over packages (1 − 1/effective number of packages of its symbols): a
// word confined to one package names a layer or a package (handler,
// repository, sql) and adds nothing the package does not already say,
// while a word found across packages (order, customer) names what cuts
// across them. Each symbol's words share the weight, so a symbol with many
// words is not pulled harder. Words of one symbol say nothing; words in
// more than a quarter of the symbols are structure, not business. Only
// nouns count: words that name a type, a table or a route somewhere in the
// code (order, customer), not the verbs of function names (register,
// validate) that every area repeats.
func nameEdges(m *model, weight float64, next int32) ([]wedge, int32) {
	nouns := map[string]bool{}
	for _, ni := range m.units {
		n := m.nodes[ni]
		switch n.Kind {
		case analyzer.KindType, analyzer.KindTable, analyzer.KindRoute:
			// the identifier's own words, not its file's or package's
			for _, w := range nameWords(analyzer.Node{Kind: n.Kind, Name: n.Name}) {
				nouns[w] = true
			}
		}
	}
	perUnit := make([][]string, len(m.units))
	pkgs := map[string]map[string]int{}
	symbols := 0
	for u, ni := range m.units {
		n := m.nodes[ni]
		symbols++
		perUnit[u] = slices.DeleteFunc(slices.Clone(m.words[u]), func(w string) bool { return !nouns[w] })
		for _, w := range perUnit[u] {
			if pkgs[w] == nil {
				pkgs[w] = map[string]int{}
			}
			pkgs[w][n.Package]++
		}
	}
	maxDF := max(2, symbols/4)
	pull := map[string]float64{}
	for w, byPkg := range pkgs {
		df, sq := 0, 0
		for _, c := range byPkg {
			df += c
			sq += c * c
		}
		if df < 2 || df > maxDF {
			continue
		}
		spread := 1 - float64(sq)/float64(df*df)
		if spread > 0 {
			pull[w] = math.Log(float64(symbols)/float64(df)) * spread
		}
	}
	vocab := make([]string, 0, len(pull))
	for w := range pull {
		vocab = append(vocab, w)
	}
	slices.Sort(vocab)
	ids := make(map[string]int32, len(vocab))
	for _, w := range vocab {
		ids[w] = next
		next++
	}
	var edges []wedge
	for u, ws := range perUnit {
		sum := 0.0
		for _, w := range ws {
			sum += pull[w]
		}
		if sum == 0 {
			continue
		}
		for _, w := range ws {
			if id, ok := ids[w]; ok {
				edges = append(edges, wedge{int32(u), id, weight * pull[w] / sum})
			}
		}
	}
	return edges, next
}

// entryDepth bounds how far an entry point's calls are followed, and
// entryReach how many units one entry point pulls.
const (
	entryDepth = 4
	entryReach = 256
)

// entryEdges joins each entry point (a route, a job, an event subscriber)
// to the code its calls reach and the tables that code reads or writes,
// weight/depth at each depth: a request's call tree is one piece of
// business, even where the code is layered and its functions call each
// other only through one thin edge.
func entryEdges(m *model, weight float64) []wedge {
	nu := len(m.units)
	calls, tables := m.calls, m.tables
	var entries []int32
	start := make([]int32, nu)
	for u := range start {
		start[u] = -1
	}
	for _, e := range m.edges {
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		switch e.kind {
		case analyzer.EdgeHandles, analyzer.EdgeRuns:
			if a >= 0 && b >= 0 && start[a] < 0 {
				start[a] = b
				entries = append(entries, a)
			}
		case analyzer.EdgeSubscribes:
			if a >= 0 && start[a] < 0 {
				start[a] = a
				entries = append(entries, a)
			}
		}
	}
	slices.Sort(entries)
	depth := make([]int, nu)
	var edges []wedge
	var frontier, next, seen []int32
	for _, e := range entries {
		for _, v := range seen {
			depth[v] = 0
		}
		seen = append(seen[:0], e, start[e])
		depth[e], depth[start[e]] = -1, -1
		frontier = append(frontier[:0], start[e])
		for d := 1; d <= entryDepth && len(frontier) > 0 && len(seen) < entryReach; d++ {
			next = next[:0]
			for _, u := range frontier {
				for _, t := range tables[u] {
					if depth[t] == 0 {
						depth[t] = d
						seen = append(seen, t)
						edges = append(edges, wedge{e, t, weight / float64(d)})
					}
				}
				for _, v := range calls[u] {
					if depth[v] == 0 && len(seen) < entryReach {
						depth[v] = d
						seen = append(seen, v)
						next = append(next, v)
						edges = append(edges, wedge{e, v, weight / float64(d)})
					}
				}
			}
			frontier, next = next, frontier
		}
	}
	return edges
}

// receiverWeight is the weight joining a method to its receiver type:
// full, or an eighth for a method placed apart from its type (apartMethod).
func receiverWeight(m *model, method, typ int32, weight float64) float64 {
	if m.apartMethod(method, typ) {
		return weight / 8
	}
	return weight
}

// apartMethod reports a method declared in another file than its type,
// whose file stem starts with another word (a Server's handleLogin in
// auth.go, its handleDial in dial.go; a store Client's FindDevice in
// device.go): it is placed by what it does, not by the type, and does not
// move with it. One type whose methods spread over files of several
// concerns is a hub (an App or Server struct holding every handler, a
// database client serving every area); tying its methods to it would glue
// the concerns together.
func (m *model) apartMethod(method, typ int32) bool {
	if m.hub != nil && m.hub[typ] {
		return true
	}
	mf, tf := file(m.nodes[m.units[method]]), file(m.nodes[m.units[typ]])
	if mf == tf || mf == "" || tf == "" {
		return false
	}
	ms, _, _ := strings.Cut(fileStem(mf), "_")
	ts, _, _ := strings.Cut(fileStem(tf), "_")
	return ms != "" && ms != ts
}

// dispatchKey is a caller and a method name it calls.
type dispatchKey struct {
	from int32
	name string
}

// minDispatchFan is the fewest methods of one name one caller calls for
// its calls to read as one call through an interface, resolved to every
// implementation.
const minDispatchFan = 12

// dispatchFans counts, per caller and method name, the methods of that
// name on different receivers the caller calls, where there are at least
// minDispatchFan: the graph resolves a call through an interface to every
// implementation in the module (a generic CRUD handler calling Create on
// each entity's model), and the caller belongs with one of them at most,
// so each such edge weighs a share of one call in the clustering. Other
// callers and names count 1.
func dispatchFans(m *model) map[dispatchKey]int {
	count := map[dispatchKey]int{}
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeCalls {
			continue
		}
		a, b := m.unitOf[e.from], m.unitOf[e.to]
		if a < 0 || b < 0 || a == b || m.recv[b] < 0 || isTestHelperFile(file(m.unitNode(b))) {
			continue // a mock is no implementation the caller could belong with
		}
		count[dispatchKey{a, methodName(m.unitNode(b))}]++
	}
	out := map[dispatchKey]int{}
	for k, c := range count {
		if c >= minDispatchFan {
			out[k] = c
		}
	}
	return out
}

// methodName is the name of a method node ("(*Project).Create" gives
// Create); "" for other nodes.
func methodName(n analyzer.Node) string {
	if n.Kind != analyzer.KindMethod {
		return ""
	}
	return n.Name[strings.LastIndexByte(n.Name, '.')+1:]
}
