package planner

import (
	"cmp"
	"maps"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
)

// KernelReason says why units of one package are in the shared kernel.
type KernelReason struct {
	Package string `json:"package"`
	// Reason is one sentence: who uses the units, or what they are.
	Reason string `json:"reason"`
	// Units is how many of the package's kernel units it explains.
	Units int `json:"units"`
}

// kernelReasons explains, package by package, why each kernel unit is in
// the kernel: listed by the user, code of a generic folder or code that
// several services use, wiring that builds several services, code only
// other kernel code uses, an operational route, or, for the units the
// whole-file rule put there (filed, see keepFilesWhole), the rest of its
// file.
func kernelReasons(m *model, s *signals, cons *constraints, label []int32, filed map[int32]bool) []KernelReason {
	users := map[int32]map[int32]bool{}
	deps := map[int32]map[int32]bool{}
	add := func(acc map[int32]map[int32]bool, u, l int32) {
		if acc[u] == nil {
			acc[u] = map[int32]bool{}
		}
		acc[u][l] = true
	}
	for _, e := range s.uses {
		if label[e.to] == labelKernel && label[e.from] >= 0 {
			add(users, e.to, label[e.from])
		}
		if label[e.from] == labelKernel && label[e.to] >= 0 {
			add(deps, e.from, label[e.to])
		}
	}
	block := m.rolesOf().block
	middleware := middlewareBlocks(m, m.rolesOf(), label) // nil without middleware
	type key struct{ pkg, reason string }
	count := map[key]int{}
	for u, l := range label {
		if l != labelKernel {
			continue
		}
		n := m.unitNode(int32(u))
		var why string
		switch nu, nd := len(users[int32(u)]), len(deps[int32(u)]); {
		case cons.forced[u]:
			why = "listed in kernel.include"
		case n.Kind == analyzer.KindRoute:
			why = "operational routes served by kernel code (health, metrics): every service keeps its own"
		case m.migration[file(n)]:
			why = "schema-migration history: the database layer's steps, owning no table"
		case middleware != nil && middleware[block[u]]:
			why = "middleware the routers run before the routes of several services"
		case nu >= 2 && m.inComponent(file(n)):
			why = "component used by several services (imports only itself and generic code)"
		case nu >= 2 && m.isGenericFile(file(n)):
			why = "generic folder used by several services"
		case nu >= 2:
			why = "used by several services"
		case nd >= 2:
			why = "wiring: builds or starts several services, none uses it"
		case m.inComponent(file(n)):
			why = "component (imports only itself and generic code), used by other kernel code"
		case m.isGenericFile(file(n)):
			why = "generic folder, used by other kernel code"
		case nu == 1 && filed[int32(u)]:
			why = "one service uses it, but most of its file is kernel code: a file moves whole"
		default:
			why = "used by other kernel code or by no service"
		}
		count[key{n.Package, why}]++
	}
	out := make([]KernelReason, 0, len(count))
	for k, c := range count {
		out = append(out, KernelReason{Package: k.pkg, Reason: k.reason, Units: c})
	}
	slices.SortFunc(out, func(a, b KernelReason) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(b.Units, a.Units), cmp.Compare(a.Reason, b.Reason))
	})
	return out
}

// Library is a package of generic code the kernel holds whole: all of
// the package, or all of its generic code when the rest is files of one
// concern each that services hold (a database client's client.go, its
// device.go in the metadata service).
type Library struct {
	Package string `json:"package"`
	Units   int    `json:"units"`
}

// libraries lists the packages whose generic code (see isGenericFile), or
// test helpers (see isTestHelperFile), is
// all in the kernel and whose other code is only concern files (see
// concernFiles) or generated stubs a service serves (see stubsToServer):
// libraries, apart from the kernel proper. Units counts
// the generic units; concern files in the kernel stay kernel proper.
func libraries(m *model, label []int32) []Library {
	units := map[string]int{}
	whole := map[string]bool{}
	for u, l := range label {
		k := m.fileKind[u]
		if k == kindNone {
			continue // no symbol of a package
		}
		n := m.unitNode(int32(u))
		if _, seen := whole[n.Package]; !seen {
			whole[n.Package] = true
		}
		switch {
		case l == labelKernel && k&kindLibrary != 0:
			// test helpers the kernel holds whole are a test-support
			// library, no shared business code
			units[n.Package]++
		case k&kindConcern != 0, l >= 0 && k&kindGenerated != 0:
			// a concern's file, wherever it is, or one proto's stubs
			// that went to the service serving them
		default:
			whole[n.Package] = false
		}
	}
	var out []Library
	for _, p := range slices.Sorted(maps.Keys(whole)) {
		if whole[p] && units[p] > 0 {
			out = append(out, Library{Package: p, Units: units[p]})
		}
	}
	return out
}

// LibraryUnits is the number of kernel units the plan's libraries hold.
func (p *Plan) LibraryUnits() int {
	n := 0
	for _, l := range p.Libraries {
		n += l.Units
	}
	return n
}

// fileKind is what a unit's file is to libraries, as bits; kindNone for a
// unit that is no symbol of a package.
type fileKind uint8

const (
	kindNone      fileKind = 0
	kindSymbol    fileKind = 1 << iota // a symbol of a package
	kindLibrary                        // generic (isGenericFile) or a test helper
	kindConcern                        // a concern's file (concernFiles)
	kindGenerated                      // generated (isGeneratedFile)
)

// libraryFiles reads, once per plan, what each unit's file is to
// libraries: libraries runs after every merge that can move kernel code.
func libraryFiles(m *model) []fileKind {
	out := make([]fileKind, len(m.units))
	byFile := map[string]fileKind{}
	for u := range m.units {
		n := m.unitNode(int32(u))
		if !isSymbol(n) || n.Package == "" {
			continue
		}
		f := file(n)
		k, ok := byFile[f]
		if !ok {
			k = kindSymbol
			if m.isGenericFile(f) || isTestHelperFile(f) {
				k |= kindLibrary
			}
			if m.concern[f] {
				k |= kindConcern
			}
			if isGeneratedFile(f) {
				k |= kindGenerated
			}
			byFile[f] = k
		}
		out[u] = k
	}
	return out
}
