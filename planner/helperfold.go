package planner

import (
	"maps"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// A cluster that serves no business route, owns no business table and
// runs no business job (see opsJobs) is no service, whatever its size: a
// certificate cache, the locale files, a metrics collector. Nothing of
// the business reaches the outside through it, so the proxy could never
// move traffic to it, and its name can only be a technique's. mergeHelperClusters gives such a
// cluster to the shared kernel, when the kernel proper stays under its
// cap, if two or more services use it, if it serves operational routes
// (the health, metrics and API-docs surface every deployable mounts),
// or if no service uses it and it uses two or more (wiring that builds
// or starts services); the first two only while it uses no service's
// code (the kernel depends on no service; only wiring, which nothing
// uses, builds them). Otherwise it joins the service it is most tied
// to. Features, programs and pins the code or the user states
// stay, and so does a cluster tied to no service and no kernel rule.

// mergeHelperClusters folds the helper clusters (see above) and returns
// how many it folded. maxShare is the kernel cap (kernel.max_share);
// withKernel false (kernel.spread 0, or a kernel the user gave with
// kernel.include) keeps everything out of the kernel, as does a table of
// the cluster (the kernel owns none), a unit kernel.exclude names, or a
// use of a service's code by a helper services use (the kernel depends
// on no service; only wiring, which nothing uses, builds them).
func mergeHelperClusters(m *model, s *signals, cons *constraints, label []int32, maxShare float64, withKernel bool) int {
	tech := technicalTables(m)
	ops := opsJobs(m)
	importers := packageImporters(m)
	folded := 0
	// each fold removes a service, so there are at most as many rounds
	// as services
	for more := true; more; {
		more = false
		business := map[int32]bool{} // services with a business route, table or job
		stated := map[int32]bool{}
		anchored := map[int32]bool{} // holds a business route or a table
		probe := map[int32]bool{}    // serves operational routes
		excluded := map[int32]bool{} // holds a unit kernel.exclude names
		size := map[int32]int{}
		for u, l := range label {
			if l < 0 {
				continue
			}
			size[l]++
			if cons.set[u] >= 0 {
				stated[l] = true
			}
			if cons.excluded != nil && cons.excluded[u] {
				excluded[l] = true
			}
			n := m.unitNode(int32(u))
			switch n.Kind {
			case analyzer.KindRoute:
				if isBusinessRoute(n.Name) {
					business[l], anchored[l] = true, true
				} else {
					probe[l] = true
				}
			case analyzer.KindTable:
				anchored[l] = true
				if !m.systemTable(int32(u)) && !tech[n.Name] {
					business[l] = true
				}
			case analyzer.KindJob:
				if !ops[u] {
					business[l] = true
				}
			}
		}
		if len(business) == 0 {
			break // nothing in the app states a business: no rule to apply
		}
		cand := map[int32]map[int32]float64{}
		for _, l := range slices.Sorted(maps.Keys(size)) {
			if !business[l] && !stated[l] {
				cand[l] = map[int32]float64{}
			}
		}
		if len(cand) == 0 {
			break
		}
		ties(s.dep, label, cand)
		var byPkg *packageLabels // read once a round, when a cluster has no tie
		// who uses a candidate, and whether it uses a service: the kernel
		// takes only what services use and what uses no service
		usedBy := map[int32]map[int32]bool{}
		usesServices := map[int32]map[int32]bool{}
		for _, e := range s.uses {
			from, to := label[e.from], label[e.to]
			if from == to {
				continue
			}
			if cand[to] != nil && from >= 0 {
				if usedBy[to] == nil {
					usedBy[to] = map[int32]bool{}
				}
				usedBy[to][from] = true
			}
			if cand[from] != nil && to >= 0 {
				if usesServices[from] == nil {
					usesServices[from] = map[int32]bool{}
				}
				usesServices[from][to] = true
			}
		}
		// the smallest first: a move changes the ties of the others
		order := slices.SortedFunc(maps.Keys(cand), func(a, b int32) int {
			if size[a] != size[b] {
				return size[a] - size[b]
			}
			return int(a - b)
		})
		l := int32(-1)
		var to int32
		for _, c := range order {
			w := cand[c]
			best, bw := int32(-1), 0.0
			for _, o := range slices.Sorted(maps.Keys(w)) {
				if w[o] > bw && !cons.separate(label, c, o) {
					best, bw = o, w[o]
				}
			}
			users, uses := len(usedBy[c]), len(usesServices[c])
			shared := users >= 2 && uses == 0 // a helper services share
			probes := probe[c] && uses == 0   // the health and metrics surface
			wiring := users == 0 && uses >= 2 // builds or starts several services
			if withKernel && !anchored[c] && !excluded[c] && (shared || probes || wiring) {
				kernel, placed := kernelProper(m, label)
				if kernel+size[c] <= kernelLimit(maxShare, placed) {
					l, to = c, labelKernel
					break
				}
			}
			if best < 0 {
				// tied to nothing by code: a package blank-imported for
				// its init (generated API docs registering themselves)
				// goes where the packages importing it are
				if byPkg == nil {
					byPkg = newPackageLabels(m, label)
				}
				imp := byPkg.importerLabel(importers, c)
				switch {
				case imp >= 0 && !cons.separate(label, c, imp):
					l, to = c, imp
				case imp == labelKernel && withKernel && !anchored[c] && !excluded[c]:
					kernel, placed := kernelProper(m, label)
					if kernel+size[c] > kernelLimit(maxShare, placed) {
						continue
					}
					l, to = c, labelKernel
				default:
					continue
				}
				break
			}
			l, to = c, best
			break
		}
		if l < 0 {
			break
		}
		for u, ul := range label {
			if ul == l {
				label[u] = to
			}
		}
		folded++
		more = true
	}
	copy(label, relabelKeep(label))
	return folded
}

// packageImporters maps each package of the module to the packages that
// import it.
func packageImporters(m *model) map[string][]string {
	out := map[string][]string{}
	for _, e := range m.edges {
		if e.kind == analyzer.EdgeImports {
			from, to := m.nodes[e.from].Package, m.nodes[e.to].Package
			out[to] = append(out[to], from)
		}
	}
	return out
}

// packageLabels counts, for one labelling, the units of each package by
// label (services and the kernel), and lists the packages of each label's
// symbols.
type packageLabels struct {
	count map[string]map[int32]int
	pkgs  map[int32]map[string]bool
}

func newPackageLabels(m *model, label []int32) *packageLabels {
	pl := &packageLabels{count: map[string]map[int32]int{}, pkgs: map[int32]map[string]bool{}}
	for u, l := range label {
		if l < 0 && l != labelKernel {
			continue
		}
		n := m.unitNode(int32(u))
		if pl.count[n.Package] == nil {
			pl.count[n.Package] = map[int32]int{}
		}
		pl.count[n.Package][l]++
		if isSymbol(n) {
			if pl.pkgs[l] == nil {
				pl.pkgs[l] = map[string]bool{}
			}
			pl.pkgs[l][n.Package] = true
		}
	}
	return pl
}

// importerLabel returns where the packages that import cluster c's
// packages mostly are: the service or the kernel holding the most of
// their units; noUser when no package outside c imports them.
func (pl *packageLabels) importerLabel(importers map[string][]string, c int32) int32 {
	own := pl.pkgs[c]
	seen := map[string]bool{}
	count := map[int32]int{}
	for _, p := range slices.Sorted(maps.Keys(own)) {
		for _, from := range importers[p] {
			if own[from] || seen[from] {
				continue
			}
			seen[from] = true
			for l, n := range pl.count[from] {
				if l != c {
					count[l] += n
				}
			}
		}
	}
	best := noUser
	for _, l := range slices.Sorted(maps.Keys(count)) {
		if best == noUser || count[l] > count[best] {
			best = l
		}
	}
	return best
}

// opsJobs marks the jobs that run only generic code (see isGenericFile):
// a metrics collector in metric/, a cache sweeper in cache/. What such a
// job does is the program's upkeep, as an operations route is; a job
// that runs an area's code (a feed refresh, a reminder) is business,
// wherever it is registered.
func opsJobs(m *model) []bool {
	out := make([]bool, len(m.units))
	runs := make([]int, len(m.units))    // functions each job runs
	generic := make([]int, len(m.units)) // of them, in generic files
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeRuns {
			continue
		}
		j, f := m.unitOf[e.from], m.unitOf[e.to]
		if j < 0 || f < 0 || m.unitNode(j).Kind != analyzer.KindJob {
			continue
		}
		runs[j]++
		if n := m.unitNode(f); isSymbol(n) && m.isGenericFile(file(n)) {
			generic[j]++
		}
	}
	for u := range out {
		out[u] = runs[u] > 0 && generic[u] == runs[u]
	}
	return out
}

// isBusinessRoute reports a route of the business: neither an operations
// route (isOpsRoute) nor a file every site serves at its root
// (isRootFileRoute).
func isBusinessRoute(route string) bool { return !isOpsRoute(route) && !isRootFileRoute(route) }

// isRootFileRoute reports a route to one file at the root of the site
// ("GET /favicon.ico", "GET /robots.txt", "GET /manifest.json"): what a
// browser or a crawler asks every site for, no business.
func isRootFileRoute(route string) bool {
	p := route
	if _, path, ok := strings.Cut(route, " "); ok {
		p = path // "GET /robots.txt"
	}
	p = strings.TrimPrefix(p, "/")
	return p != "" && !strings.ContainsAny(p, "/{}:*") && strings.LastIndexByte(p, '.') > 0
}
