package planner

import (
	"cmp"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// explainer turns a final labelling into the services of a plan.
type explainer struct {
	m     *model
	r     *roles
	label []int32
	names []string
	// moved gives the units evidence moved (refineWithEvidence) the
	// service structure had placed them in.
	moved map[int32]int32
}

// name returns the name of a label, "shared" for the kernel.
func (x *explainer) name(l int32) string {
	switch {
	case l >= 0:
		return x.names[l]
	case l == labelKernel:
		return SharedClass
	}
	return ""
}

// services fills in every service but its cost and metrics.
func (x *explainer) services() []Service {
	k := len(x.names)
	out := make([]Service, k)
	for i := range out {
		out[i] = Service{Name: x.names[i], Members: []string{}, Routes: []string{}, Tables: []string{}}
	}
	byFile := make([]map[[2]string][]string, k)
	for i := range byFile {
		byFile[i] = map[[2]string][]string{}
	}
	for u, l := range x.label {
		if l < 0 {
			continue
		}
		n := x.m.unitNode(int32(u))
		s := &out[l]
		s.Members = append(s.Members, n.ID)
		switch n.Kind {
		case analyzer.KindRoute:
			s.Routes = append(s.Routes, n.ID)
		case analyzer.KindTable:
			s.Tables = append(s.Tables, n.ID)
		case analyzer.KindJob:
			s.Jobs = append(s.Jobs, n.ID)
		default:
			key := [2]string{n.Package, file(n)}
			byFile[l][key] = append(byFile[l][key], n.ID)
		}
	}
	for i := range out {
		out[i].Packages = groupPackages(byFile[i])
	}
	x.tableAccess(out)
	x.events(out)
	for i := range out {
		s := &out[i]
		for _, list := range []*[]string{&s.Members, &s.Routes, &s.Tables, &s.Jobs, &s.Writes, &s.Reads, &s.Publishes, &s.Subscribes} {
			slices.Sort(*list)
			*list = slices.Compact(*list)
		}
	}
	return out
}

// groupPackages orders a service's symbols by package, then file.
func groupPackages(byFile map[[2]string][]string) []PackageMembers {
	keys := make([][2]string, 0, len(byFile))
	for k := range byFile {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	var out []PackageMembers
	for _, k := range keys {
		if len(out) == 0 || out[len(out)-1].Package != k[0] {
			out = append(out, PackageMembers{Package: k[0]})
		}
		ids := slices.Clone(byFile[k])
		slices.Sort(ids)
		p := &out[len(out)-1]
		p.Files = append(p.Files, FileMembers{File: k[1], Members: ids})
	}
	return out
}

// tableAccess records which tables each service writes and reads.
func (x *explainer) tableAccess(out []Service) {
	for t, isTable := range x.r.table {
		if !isTable {
			continue
		}
		id := x.m.unitNode(int32(t)).ID
		for _, a := range x.r.access[t].writers {
			if l := x.label[a.unit]; l >= 0 {
				out[l].Writes = append(out[l].Writes, id)
			}
		}
		for _, a := range x.r.access[t].readers {
			if l := x.label[a.unit]; l >= 0 {
				out[l].Reads = append(out[l].Reads, id)
			}
		}
	}
	for i := range out {
		s := &out[i]
		slices.Sort(s.Writes)
		s.Writes = slices.Compact(s.Writes)
		s.Reads = slices.DeleteFunc(s.Reads, func(t string) bool { _, ok := slices.BinarySearch(s.Writes, t); return ok })
	}
}

// sharedTables lists the tables written by more than one service (the
// kernel counting as one), and marks them on each writer.
func (x *explainer) sharedTables(out []Service) []SharedTable {
	var res []SharedTable
	for t, isTable := range x.r.table {
		if !isTable {
			continue
		}
		var writers []string
		var labels []int32
		for _, a := range x.r.access[t].writers {
			l := x.label[a.unit]
			if n := x.name(l); n != "" && !slices.Contains(writers, n) {
				writers = append(writers, n)
				labels = append(labels, l)
			}
		}
		if len(writers) < 2 {
			continue
		}
		slices.Sort(writers)
		id := x.m.unitNode(int32(t)).ID
		res = append(res, SharedTable{Table: id, Owner: x.name(x.label[t]), Writers: writers})
		for _, l := range labels {
			if l >= 0 {
				out[l].SharedTables = append(out[l].SharedTables, id)
			}
		}
	}
	slices.SortFunc(res, func(a, b SharedTable) int { return cmp.Compare(a.Table, b.Table) })
	for i := range out {
		slices.Sort(out[i].SharedTables)
	}
	return res
}

// events records the events each service publishes and subscribes to.
func (x *explainer) events(out []Service) {
	for _, e := range x.m.edges {
		if e.kind != analyzer.EdgePublishes && e.kind != analyzer.EdgeSubscribes {
			continue
		}
		u := x.m.unitOf[e.from]
		if u < 0 || x.label[u] < 0 {
			continue
		}
		s := &out[x.label[u]]
		id := x.m.nodes[e.to].ID
		if e.kind == analyzer.EdgePublishes {
			s.Publishes = append(s.Publishes, id)
		} else {
			s.Subscribes = append(s.Subscribes, id)
		}
	}
}
