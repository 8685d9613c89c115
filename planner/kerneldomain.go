package planner

import (
	"path"
	"slices"
	"strings"
)

// minDomainKernelShare is the share of a package's symbols the kernel
// must hold for domainPackagesOut to read the package as taken whole.
const minDomainKernelShare = 2.0 / 3

// minDomainWordShare is the share of a package's symbols whose names must
// carry a word of the app's routes or tables (see businessWords) for the
// package to be domain code.
const minDomainWordShare = 2.0 / 3

// domainPackagesOut gives back to a service each domain package the
// kernel took whole: the kernel is generic code, and a package it holds
// for two thirds or more (minDomainKernelShare) whose symbols speak, two
// thirds or more of them (minDomainWordShare), the words of the app's
// routes and tables in their identifiers or their package's name
// (converters/ofx's ofxTransactionData, a category package's
// CreateCategory) is one area's code that every area calls, not a
// library. Its kernel units go, together, to the service that uses the
// package most (by the weight of the uses between its kernel units and
// each service's code). A main package (the composition root), a package
// no request, job or event reaches (start-up or command-line code), units
// of generic or test-helper files, middleware several services' routes
// run behind, units a constraint places and units the user put in the
// kernel stay; a package no service uses stays too. Kernel code that uses
// the moved package calls that service from then on, as after the
// kernel's cap trimming.
func domainPackagesOut(m *model, s *signals, r *roles, cons *constraints, label []int32) {
	mains := mainPackages(m)
	total, in := map[string]int{}, map[string]int{}
	for u, l := range label {
		n := m.unitNode(int32(u))
		if !isSymbol(n) || n.Package == "" {
			continue
		}
		total[n.Package]++
		if l == labelKernel {
			in[n.Package]++
		}
	}
	cand := map[string]bool{} // packages the kernel took whole
	for p, t := range total {
		if !mains[p] && float64(in[p]) >= minDomainKernelShare*float64(t) {
			cand[p] = true
		}
	}
	if len(cand) == 0 {
		return
	}
	// only the candidates' names are read: splitting every name costs.
	// A symbol's words are those of its identifiers (a method's receiver
	// type and its own name, "(*CategoryService).Create") and of its
	// package; its file's name is left out: one function of a queue
	// package in task.go speaks of no area.
	identName := strings.NewReplacer("(*", "", ")", "", ".", " ")
	biz := businessWords(m, false)
	reached := requestReach(m)
	served := map[string]bool{} // packages a request, job or event reaches
	said := map[string]int{}
	for u := range label {
		n := m.unitNode(int32(u))
		if !isSymbol(n) || !cand[n.Package] {
			continue
		}
		served[n.Package] = served[n.Package] || reached[u]
		if slices.ContainsFunc(words(identName.Replace(n.Name)+" "+path.Base(n.Package), nil), func(w string) bool { return biz[w] }) {
			said[n.Package]++
		}
	}
	domain := map[string]bool{}
	for p := range cand {
		if served[p] && float64(said[p]) >= minDomainWordShare*float64(total[p]) {
			domain[p] = true
		}
	}
	if len(domain) == 0 {
		return
	}
	use := map[string]map[int32]float64{} // domain package → weight of each service's uses
	for _, e := range s.uses {
		for _, p := range [2][2]int32{{e.from, e.to}, {e.to, e.from}} {
			k, other := p[1], p[0] // kernel side, service side
			pkg := m.unitNode(k).Package
			if label[k] != labelKernel || label[other] < 0 || !domain[pkg] {
				continue
			}
			if use[pkg] == nil {
				use[pkg] = map[int32]float64{}
			}
			use[pkg][label[other]] += e.w
		}
	}
	to := make(map[string]int32, len(use))
	for p, w := range use {
		to[p] = topLabel(w)
	}
	mw := middlewareBlocks(m, r, label)
	for u, l := range label {
		n := m.unitNode(int32(u))
		if l != labelKernel || !isSymbol(n) || cons.forced[u] || cons.set[u] >= 0 || mw != nil && mw[r.block[u]] {
			continue
		}
		if f := file(n); m.isGenericFile(f) || isTestHelperFile(f) {
			continue
		}
		if t, ok := to[n.Package]; ok && t >= 0 {
			label[u] = t
		}
	}
}
