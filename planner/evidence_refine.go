package planner

import (
	"math"

	"github.com/ficus-dev/ficus/analyzer"
)

// Evidence (change history, production traffic) does not enter the
// clustering: measured on the quality benchmark, any change to the
// clustering graph can move the granularity sweep to another resolution
// and reshape plans wholesale (go-clean-arch lost half its ARI to three
// co-changes edges). Instead it refines the structural plan afterwards:
// a unit moves only where its code ties it about as much to another
// service as to its own, and the evidence pulls it there.

// staticMargin is how close, as a share of its pull to its own service, a
// unit's code pull to another service must be for evidence to move it
// there: evidence decides near-ties of structure, never against it.
// Tuned on the quality benchmark's tune split (0, 0.25, 0.5).
const staticMargin = 0.25

// refineRounds bounds the passes over the units.
const refineRounds = 3

// evidencePull is, for each unit, the pull of history and production
// evidence toward each service of a labelling.
type evidencePull struct {
	// fileOf numbers each unit's file (-1: none); files lists the units
	// of each, and partners the files each file changes with, weighted
	// by weight × log2(1 + commits).
	fileOf   []int32
	files    [][]int32
	partners [][]weighted
	// share is, per file, how many of its units each service holds,
	// refreshed by count.
	share []map[int32]float64
	// routes lists, per unit, the routes seen running it and their
	// weight (see executesEdges).
	routes [][]weighted
}

type weighted struct {
	u int32
	w float64
}

// newEvidencePull reads the evidence of the model with the plan's
// weights; nil when there is none to weigh.
func newEvidencePull(m *model, w Weights) *evidencePull {
	p := &evidencePull{}
	if w.CoChanges > 0 && m.hasCoChanges() {
		p.coChanges(m, w.CoChanges)
	}
	if w.Executes > 0 && m.hasExecutes() {
		p.routes = make([][]weighted, len(m.units))
		for _, e := range executesEdges(m, w.Executes) {
			p.routes[e.b] = append(p.routes[e.b], weighted{e.a, e.w})
		}
	}
	if p.partners == nil && p.routes == nil {
		return nil
	}
	return p
}

// minCoChangeCommits is the support below which a pair of files changing
// together says nothing (commits weighted by recency): one or two shared
// commits are as often a sweeping change as a coupling.
const minCoChangeCommits = 2

// coChanges reads the co-changes edges as pairs of files. A unit is
// pulled toward a service by each partner file's weight times the share
// of that file's symbols the service holds, so a big file changing with
// a small one pulls no harder than a small one would.
func (p *evidencePull) coChanges(m *model, weight float64) {
	byFile := unitsByFile(m)
	index := map[string]int32{}
	p.fileOf = make([]int32, len(m.units))
	for u := range p.fileOf {
		p.fileOf[u] = -1
	}
	fileIndex := func(f string) int32 {
		i, ok := index[f]
		if !ok {
			i = int32(len(p.files))
			index[f] = i
			p.files = append(p.files, byFile[f])
			p.partners = append(p.partners, nil)
			for _, u := range byFile[f] {
				p.fileOf[u] = i
			}
		}
		return i
	}
	for _, e := range m.edges {
		if e.kind != analyzer.EdgeCoChanges {
			continue
		}
		fa, fb := file(m.nodes[e.from]), file(m.nodes[e.to])
		if fa == fb || len(byFile[fa]) == 0 || len(byFile[fb]) == 0 {
			continue
		}
		commits := float64(e.weight) / analyzer.CoChangeScale
		if commits < minCoChangeCommits {
			continue
		}
		a, b := fileIndex(fa), fileIndex(fb)
		w := weight * math.Log2(1+commits)
		p.partners[a] = append(p.partners[a], weighted{b, w})
		p.partners[b] = append(p.partners[b], weighted{a, w})
	}
}

// count refreshes the files' shares of each service.
func (p *evidencePull) count(label []int32) {
	if p.partners == nil {
		return
	}
	p.share = make([]map[int32]float64, len(p.files))
	for f, us := range p.files {
		sh := map[int32]float64{}
		for _, u := range us {
			if l := label[u]; l >= 0 {
				sh[l] += 1 / float64(len(us))
			}
		}
		p.share[f] = sh
	}
}

// pull adds u's evidence pull toward each service to into.
func (p *evidencePull) pull(u int32, label []int32, into map[int32]float64) {
	if p.partners != nil {
		if f := p.fileOf[u]; f >= 0 {
			for _, x := range p.partners[f] {
				for l, sh := range p.share[x.u] {
					into[l] += x.w * sh
				}
			}
		}
	}
	if p.routes != nil {
		for _, x := range p.routes[u] {
			if l := label[x.u]; l >= 0 {
				into[l] += x.w
			}
		}
	}
}

// refineWithEvidence moves the units evidence places better than
// structure can: a free unit (no constraint, no feature folder holding
// it, not the kernel's, not its service's last) goes to the service where
// its code pull plus its evidence pull is highest, provided its code pull
// there is at least staticMargin of its code pull to where it is. It
// returns the units it moved with the service structure had placed them
// in. Without evidence it does nothing.
func refineWithEvidence(m *model, s *signals, cons *constraints, label []int32, w Weights) map[int32]int32 {
	p := newEvidencePull(m, w)
	if p == nil {
		return nil
	}
	moves := map[int32]int32{}
	size := map[int32]int{}
	for _, l := range label {
		size[l]++
	}
	code, ev := map[int32]float64{}, map[int32]float64{}
	for round := 0; round < refineRounds; round++ {
		moved := false
		p.count(label)
		for u := range label {
			l := label[u]
			if l < 0 || cons.set[u] >= 0 || cons.feature != nil && cons.feature[u] || size[l] <= 1 {
				continue
			}
			clear(ev)
			p.pull(int32(u), label, ev)
			if len(ev) == 0 {
				continue
			}
			clear(code)
			g := s.dep
			for k := g.off[u]; k < g.off[u+1]; k++ {
				if v := g.adj[k]; label[v] >= 0 {
					code[label[v]] += g.w[k]
				}
			}
			best, bestScore := l, code[l]+ev[l]
			for o, e := range ev {
				if o == l || e <= ev[l] || code[o] < staticMargin*code[l] {
					continue
				}
				if sc := code[o] + e; sc > bestScore || sc == bestScore && o < best {
					best, bestScore = o, sc
				}
			}
			if best != l {
				label[u] = best
				size[l]--
				size[best]++
				if _, ok := moves[int32(u)]; !ok {
					moves[int32(u)] = l
				}
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	return moves
}
