package planner

import (
	"math"
	"slices"
)

// Scores compare a plan with a ground truth; docs/metrics.md gives the
// formulas.
type Scores struct {
	// ARI is the adjusted Rand index: 1 for the same partition, about 0
	// for a random one.
	ARI float64 `json:"ari"`
	// NMI is the normalized mutual information (arithmetic mean
	// normalization), from 0 to 1.
	NMI float64 `json:"nmi"`
	// MoJoFM is 100 × (1 − mno(plan, truth) / max mno(·, truth)), from 0
	// to 100.
	MoJoFM float64 `json:"mojofm"`
	// Items is the number of units scored: every member and shared unit of
	// the truth.
	Items int `json:"items"`
	// Missing counts truth units the plan places nowhere; each counts as
	// a cluster of its own.
	Missing int `json:"missing"`
}

// SharedClass is the class name the shared kernel gets when scoring: the
// truth's shared units form one class, matched against the plan's kernel.
const SharedClass = "(shared)"

// Labels returns the class of every unit a plan places: its service
// name, or SharedClass.
func (p *Plan) Labels() map[string]string {
	out := map[string]string{}
	for _, s := range p.Services {
		for _, id := range s.Members {
			out[id] = s.Name
		}
	}
	for _, id := range p.Shared {
		out[id] = SharedClass
	}
	return out
}

// Score compares plan with truth over the units the truth places. Each
// of the plan's tools is one cluster; a unit the plan leaves out is a
// singleton cluster, so leaving units out never raises a score.
func Score(plan, truth *Plan) Scores {
	tl := truth.Labels()
	pl := plan.Labels()
	for _, t := range plan.Tools {
		// a program set aside is one group, no service
		for _, id := range t.Members {
			pl[id] = "(tool) " + t.Name
		}
	}
	items := make([]string, 0, len(tl))
	for id := range tl {
		items = append(items, id)
	}
	slices.Sort(items)
	a := make([]int, len(items)) // plan classes
	b := make([]int, len(items)) // truth classes
	pIDs, tIDs := map[string]int{}, map[string]int{}
	missing := 0
	for i, id := range items {
		t := tl[id]
		if _, ok := tIDs[t]; !ok {
			tIDs[t] = len(tIDs)
		}
		b[i] = tIDs[t]
		p, ok := pl[id]
		if !ok {
			missing++
			p = "\x00missing:" + id
		}
		if _, ok := pIDs[p]; !ok {
			pIDs[p] = len(pIDs)
		}
		a[i] = pIDs[p]
	}
	return Scores{ARI: ARI(a, b), NMI: NMI(a, b), MoJoFM: MoJoFM(a, b), Items: len(items), Missing: missing}
}

// contingency counts the items in each pair of classes.
type contingency struct {
	n        int
	cells    map[[2]int]int
	rows     map[int]int // sizes of a's classes
	cols     map[int]int // sizes of b's classes
	rowOrder []int
}

func newContingency(a, b []int) contingency {
	c := contingency{n: len(a), cells: map[[2]int]int{}, rows: map[int]int{}, cols: map[int]int{}}
	for i := range a {
		c.cells[[2]int{a[i], b[i]}]++
		if c.rows[a[i]] == 0 {
			c.rowOrder = append(c.rowOrder, a[i])
		}
		c.rows[a[i]]++
		c.cols[b[i]]++
	}
	return c
}

func choose2(x int) float64 { return float64(x) * float64(x-1) / 2 }

// ARI is the adjusted Rand index of two labelings of the same items
// (Hubert and Arabie 1985). Two trivial labelings (one class, or all
// singletons) that agree score 1.
func ARI(a, b []int) float64 {
	c := newContingency(a, b)
	if c.n < 2 {
		return 1
	}
	index, sa, sb := 0.0, 0.0, 0.0
	for _, v := range c.cells {
		index += choose2(v)
	}
	for _, v := range c.rows {
		sa += choose2(v)
	}
	for _, v := range c.cols {
		sb += choose2(v)
	}
	expected := sa * sb / choose2(c.n)
	maxIndex := (sa + sb) / 2
	if maxIndex == expected {
		if index == maxIndex {
			return 1
		}
		return 0
	}
	return (index - expected) / (maxIndex - expected)
}

// NMI is the mutual information of two labelings normalized by the
// arithmetic mean of their entropies. Two labelings without entropy (one
// class each) score 1.
func NMI(a, b []int) float64 {
	c := newContingency(a, b)
	if c.n == 0 {
		return 1
	}
	n := float64(c.n)
	entropy := func(sizes map[int]int) float64 {
		h := 0.0
		for _, v := range sizes {
			p := float64(v) / n
			h -= p * math.Log(p)
		}
		return h
	}
	ha, hb := entropy(c.rows), entropy(c.cols)
	if ha+hb == 0 {
		return 1
	}
	mi := 0.0
	for k, v := range c.cells {
		nij := float64(v)
		mi += nij / n * math.Log(n*nij/(float64(c.rows[k[0]])*float64(c.cols[k[1]])))
	}
	return max(0, min(1, 2*mi/(ha+hb)))
}

// MoJoFM is the MoJo effectiveness measure of labeling a against the
// authoritative labeling b (Wen and Tzerpos 2004), from 0 to 100.
func MoJoFM(a, b []int) float64 {
	c := newContingency(a, b)
	worst := maxMNO(c)
	if worst == 0 {
		return 100
	}
	return 100 * (1 - float64(mno(c))/float64(worst))
}

// mno is the minimum number of Move and Join operations that turn a into
// b (Wen and Tzerpos 2003): each cluster of a is tagged with the clusters
// of b it shares most items with; a maximum matching of clusters to tags
// gives the most groups, and mno = n − Σ max overlap + l − groups, l being
// the number of clusters of a.
func mno(c contingency) int {
	best := map[int]int{}
	for k, v := range c.cells {
		best[k[0]] = max(best[k[0]], v)
	}
	adj := make([][]int, len(c.rowOrder))
	overlap := 0
	for i, r := range c.rowOrder {
		overlap += best[r]
		for k, v := range c.cells {
			if k[0] == r && v == best[r] {
				adj[i] = append(adj[i], k[1])
			}
		}
		slices.Sort(adj[i])
	}
	return c.n - overlap + len(c.rowOrder) - bipartiteMatching(adj)
}

// maxMNO is the largest mno from any labeling to b: n − g, where, with
// b's cluster sizes sorted in decreasing order, g is the largest count for
// which the k-th cluster holds at least g − k + 1 items for every k ≤ g.
// (A worst labeling puts one item of each of those clusters in each of
// its clusters, so that only g of them can be matched to tags.) The
// formula is checked against brute force in score_test.go.
func maxMNO(c contingency) int {
	sizes := make([]int, 0, len(c.cols))
	for _, v := range c.cols {
		sizes = append(sizes, v)
	}
	slices.Sort(sizes)
	slices.Reverse(sizes)
	g := 0
	for cand := 1; cand <= len(sizes); cand++ {
		ok := true
		for k := 0; k < cand; k++ {
			if sizes[k] < cand-k {
				ok = false
				break
			}
		}
		if ok {
			g = cand
		}
	}
	return c.n - g
}

// bipartiteMatching returns the size of a maximum matching between left
// vertices (adj's indexes) and right vertices (adj's values), by
// augmenting paths.
func bipartiteMatching(adj [][]int) int {
	match := map[int]int{} // right → left
	var try func(l int, seen map[int]bool) bool
	try = func(l int, seen map[int]bool) bool {
		for _, r := range adj[l] {
			if seen[r] {
				continue
			}
			seen[r] = true
			if prev, ok := match[r]; !ok || try(prev, seen) {
				match[r] = l
				return true
			}
		}
		return false
	}
	size := 0
	for l := range adj {
		if try(l, map[int]bool{}) {
			size++
		}
	}
	return size
}
