package planner

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestKeepFilesWhole: the declarations of a file a strict majority places
// in one service, or in the kernel, join it; an even split stays, and so do
// units a constraint or evidence placed, a store hub's methods, units
// kernel.exclude names and the units of a library the kernel holds whole.
// The kernel takes none over its cap, and with a kernel the user listed
// nothing enters or leaves it.
func TestKeepFilesWhole(t *testing.T) {
	const k = labelKernel
	tests := []struct {
		name       string
		labels     []int32 // of the four functions of store/orders.go
		maxShare   float64 // 0: every unit may be kernel
		kernelFree bool
		evidence   bool // the file's last function was placed by evidence
		// setup marks units of the file (by index) as it needs
		setup func(m *model, cons *constraints, unit func(i int) int32)
		want  []int32
	}{
		{name: "a majority takes the rest", labels: []int32{0, 0, 0, 1}, kernelFree: true, want: []int32{0, 0, 0, 0}},
		{name: "an even split stays", labels: []int32{0, 0, 1, 1}, kernelFree: true, want: []int32{0, 0, 1, 1}},
		{name: "no majority of three places stays", labels: []int32{0, 0, 1, 2}, kernelFree: true, want: []int32{0, 0, 1, 2}},
		{name: "a kernel majority takes a service's unit", labels: []int32{k, k, k, 1}, kernelFree: true, want: []int32{k, k, k, k}},
		{name: "a service majority takes a kernel unit", labels: []int32{0, 0, 0, k}, kernelFree: true, want: []int32{0, 0, 0, 0}},
		// 6 placed units: a share of 0.5 allows 3 kernel units, 0.67 allows 4
		{name: "the kernel at its cap takes none", labels: []int32{k, k, k, 1}, maxShare: 0.5, kernelFree: true, want: []int32{k, k, k, 1}},
		{name: "the kernel under its cap takes one", labels: []int32{k, k, k, 1}, maxShare: 0.67, kernelFree: true, want: []int32{k, k, k, k}},
		{name: "a kernel the user listed keeps its units", labels: []int32{0, 0, 0, k}, kernelFree: false, want: []int32{0, 0, 0, k}},
		{name: "a kernel the user listed takes none", labels: []int32{k, k, k, 1}, kernelFree: false, want: []int32{k, k, k, 1}},
		{name: "a pinned unit stays", labels: []int32{0, 0, 0, 1}, kernelFree: true, want: []int32{0, 0, 0, 1},
			setup: func(_ *model, cons *constraints, unit func(int) int32) { cons.set[unit(3)] = 0 }},
		{name: "a unit evidence placed stays", labels: []int32{0, 0, 0, 1}, kernelFree: true, evidence: true, want: []int32{0, 0, 0, 1}},
		{name: "a store hub's method stays", labels: []int32{0, 0, 0, 1}, kernelFree: true, want: []int32{0, 0, 0, 1},
			setup: func(m *model, _ *constraints, unit func(int) int32) { m.hub[unit(3)] = true }},
		{name: "a unit kernel.exclude names stays out", labels: []int32{k, k, k, 1}, kernelFree: true, want: []int32{k, k, k, 1},
			setup: func(_ *model, cons *constraints, unit func(int) int32) { cons.excluded[unit(3)] = true }},
		// a concern file of a library package: its kernel unit is the
		// library's, uncounted, and leaving would make the rest count
		{name: "a library's unit stays", labels: []int32{0, 0, 0, k}, kernelFree: true, want: []int32{0, 0, 0, k},
			setup: func(m *model, _ *constraints, unit func(int) int32) {
				for i := range 4 {
					m.fileKind[unit(i)] = kindLibrary | kindConcern
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			var ids []string
			for i := range tt.labels {
				ids = append(ids, b.fn("store", fmt.Sprintf("Order%d", i), "orders.go"))
			}
			// two more services elsewhere, so that every label is used
			others := []string{b.fn("billing", "Charge", "billing.go"), b.fn("users", "Login", "users.go")}
			m := newModel(b.doc())
			label := make([]int32, len(m.units))
			unit := func(id string) int32 { return m.unitOf[m.index[id]] }
			for i, id := range ids {
				label[unit(id)] = tt.labels[i]
			}
			label[unit(others[0])], label[unit(others[1])] = 1, 2
			cons := freeConstraints(len(m.units))
			moved := map[int32]int32{}
			if tt.evidence {
				moved[unit(ids[3])] = 0
			}
			if tt.setup != nil {
				tt.setup(m, cons, func(i int) int32 { return unit(ids[i]) })
			}
			maxShare := tt.maxShare
			if maxShare == 0 {
				maxShare = 1
			}
			keepFilesWhole(m, cons, label, moved, maxShare, tt.kernelFree)
			// compare places, a service by the unit that marks it
			place := func(l int32) string {
				switch {
				case l == labelKernel:
					return "kernel"
				case l == label[unit(others[0])]:
					return "billing"
				case l == label[unit(others[1])]:
					return "users"
				}
				return fmt.Sprintf("service %d", l)
			}
			wantPlace := map[int32]string{k: "kernel", 0: "service 0", 1: "billing", 2: "users"}
			for i, id := range ids {
				if got, want := place(label[unit(id)]), wantPlace[tt.want[i]]; got != want {
					t.Errorf("%s is in %s, want %s", id, got, want)
				}
			}
			if kernel, placed := kernelProper(m, label); kernel > kernelLimit(maxShare, placed) && tt.kernelFree {
				t.Errorf("the kernel proper holds %d of %d units, over its cap", kernel, placed)
			}
		})
	}
}

// TestKernelReasonOfWholeFile: a kernel unit one service uses, there
// because the whole-file rule gave it the rest of its file's place, says
// so; the same unit put in the kernel otherwise does not.
func TestKernelReasonOfWholeFile(t *testing.T) {
	const reason = "one service uses it, but most of its file is kernel code: a file moves whole"
	for _, byRule := range []bool{true, false} {
		t.Run(fmt.Sprint("moved by the rule: ", byRule), func(t *testing.T) {
			var b docBuilder
			var wiring []string
			for i := 0; i < 3; i++ {
				wiring = append(wiring, b.fn("wiring", fmt.Sprintf("Build%d", i), "build.go"))
			}
			helper := b.fn("wiring", "Helper", "build.go")
			var orders []string
			for i := 0; i < minTinyUnits+1; i++ {
				orders = append(orders, b.fn("orders", fmt.Sprintf("Place%d", i), "orders.go"))
			}
			b.call(orders[0], helper, 1)
			m := newModel(b.doc())
			s := buildSignals(m, DefaultConfig().Weights)
			label := make([]int32, len(m.units))
			unit := func(id string) int32 { return m.unitOf[m.index[id]] }
			for _, id := range wiring {
				label[unit(id)] = labelKernel
			}
			cons := freeConstraints(len(m.units))
			var filed map[int32]bool
			if byRule {
				label[unit(helper)] = 0 // with orders: the rule moves it
				filed = keepFilesWhole(m, cons, label, nil, 1, true)
			} else {
				label[unit(helper)] = labelKernel
			}
			if label[unit(helper)] != labelKernel {
				t.Fatalf("the helper is not in the kernel")
			}
			var got []string
			for _, r := range kernelReasons(m, s, cons, label, filed) {
				if r.Package == "example.com/app/wiring" {
					got = append(got, r.Reason)
				}
			}
			if has := slices.Contains(got, reason); has != byRule {
				t.Errorf("kernel reasons of the wiring package %q: the whole-file reason %v, want %v", got, has, byRule)
			}
		})
	}
}

// TestWholeFilesWithRequestedServices: files move whole when the user asks
// for a number of services too, and the number stays: on the sample
// monolith with three services, the seeding function joins the rest of
// seed.go (the in-memory store's wiring) in the kernel, where clustering
// alone left it with a service.
func TestWholeFilesWithRequestedServices(t *testing.T) {
	const seed = "example.com/shop/internal/app.seed"
	doc := fixtureDoc(t, fixtures()[0])
	p, err := Propose(context.Background(), doc, Options{Seed: 1, Services: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Services) != 3 {
		t.Errorf("%d services, want the 3 asked for", len(p.Services))
	}
	if !slices.Contains(p.Shared, seed) {
		for _, s := range p.Services {
			if slices.Contains(s.Members, seed) {
				t.Errorf("seed is in %s, want it in the kernel with the rest of seed.go", s.Name)
			}
		}
	}
}
