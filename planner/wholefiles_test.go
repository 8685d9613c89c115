package planner

import (
	"fmt"
	"slices"
	"testing"
)

// TestKeepFilesWhole: the declarations of a file a strict majority places
// in one service, or in the kernel, join it; an even split stays, and so do
// units a constraint or evidence placed. The kernel takes none over its cap,
// and with a kernel the user listed nothing enters or leaves it.
func TestKeepFilesWhole(t *testing.T) {
	const k = labelKernel
	tests := []struct {
		name       string
		labels     []int32 // of the four functions of store/orders.go
		maxShare   float64 // 0: every unit may be kernel
		kernelFree bool
		pinned     int // index of a function a constraint places, -1 for none
		evidence   int // index of a function evidence placed, -1 for none
		want       []int32
	}{
		{name: "a majority takes the rest", labels: []int32{0, 0, 0, 1}, kernelFree: true, pinned: -1, evidence: -1, want: []int32{0, 0, 0, 0}},
		{name: "an even split stays", labels: []int32{0, 0, 1, 1}, kernelFree: true, pinned: -1, evidence: -1, want: []int32{0, 0, 1, 1}},
		{name: "no majority of three places stays", labels: []int32{0, 0, 1, 2}, kernelFree: true, pinned: -1, evidence: -1, want: []int32{0, 0, 1, 2}},
		{name: "a kernel majority takes a service's unit", labels: []int32{k, k, k, 1}, kernelFree: true, pinned: -1, evidence: -1, want: []int32{k, k, k, k}},
		{name: "a service majority takes a kernel unit", labels: []int32{0, 0, 0, k}, kernelFree: true, pinned: -1, evidence: -1, want: []int32{0, 0, 0, 0}},
		{name: "the kernel at its cap takes none", labels: []int32{k, k, k, 1}, maxShare: 0.3, kernelFree: true, pinned: -1, evidence: -1, want: []int32{k, k, k, 1}},
		{name: "a kernel the user listed keeps its units", labels: []int32{0, 0, 0, k}, kernelFree: false, pinned: -1, evidence: -1, want: []int32{0, 0, 0, k}},
		{name: "a kernel the user listed takes none", labels: []int32{k, k, k, 1}, kernelFree: false, pinned: -1, evidence: -1, want: []int32{k, k, k, 1}},
		{name: "a pinned unit stays", labels: []int32{0, 0, 0, 1}, kernelFree: true, pinned: 3, evidence: -1, want: []int32{0, 0, 0, 1}},
		{name: "a unit evidence placed stays", labels: []int32{0, 0, 0, 1}, kernelFree: true, pinned: -1, evidence: 3, want: []int32{0, 0, 0, 1}},
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
			if tt.pinned >= 0 {
				cons.set[unit(ids[tt.pinned])] = 0
			}
			moved := map[int32]int32{}
			if tt.evidence >= 0 {
				moved[unit(ids[tt.evidence])] = 0
			}
			maxShare := tt.maxShare
			if maxShare == 0 {
				maxShare = 1
			}
			keepFilesWhole(m, cons, label, moved, maxShare, tt.kernelFree)
			// labels are renumbered: compare places, a service by the
			// unit that marks it
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
			wantPlace := map[int32]string{k: "kernel", 1: "billing", 2: "users"}
			orders := place(label[unit(ids[0])])
			if tt.want[0] == 0 && (orders == "kernel" || orders == "billing" || orders == "users") {
				t.Fatalf("the orders service is %s", orders)
			}
			for i, id := range ids {
				want, ok := wantPlace[tt.want[i]]
				if !ok {
					want = orders
				}
				if got := place(label[unit(id)]); got != want {
					t.Errorf("%s is in %s, want %s", id, got, want)
				}
			}
		})
	}
}

// TestKernelReasonOfWholeFile: a kernel unit one service uses, in a file
// the kernel holds most of, is there because its file moves whole, and the
// plan says so; outside such a file it is not.
func TestKernelReasonOfWholeFile(t *testing.T) {
	const reason = "one service uses it, but most of its file is kernel code: a file moves whole"
	for _, kernelFile := range []bool{true, false} {
		t.Run(fmt.Sprint("kernel file: ", kernelFile), func(t *testing.T) {
			var b docBuilder
			var wiring []string
			for i := 0; i < 3; i++ {
				wiring = append(wiring, b.fn("wiring", fmt.Sprintf("Build%d", i), "build.go"))
			}
			helper := b.fn("wiring", "Helper", "build.go")
			user := b.fn("orders", "Place", "orders.go")
			b.call(user, helper, 1)
			m := newModel(b.doc())
			s := buildSignals(m, DefaultConfig().Weights)
			label := make([]int32, len(m.units))
			unit := func(id string) int32 { return m.unitOf[m.index[id]] }
			for _, id := range wiring {
				label[unit(id)] = labelKernel
				if !kernelFile {
					label[unit(id)] = 0
				}
			}
			label[unit(helper)], label[unit(user)] = labelKernel, 0
			var got []string
			for _, r := range kernelReasons(m, s, freeConstraints(len(m.units)), label) {
				if r.Package == "example.com/app/wiring" {
					got = append(got, r.Reason)
				}
			}
			if has := slices.Contains(got, reason); has != kernelFile {
				t.Errorf("kernel reasons of the wiring package %q: the whole-file reason %v, want %v", got, has, kernelFile)
			}
		})
	}
}

// TestKeepFilesWholeMakesNoTinyService: the rule takes no unit from a
// service it would leave with fewer than minTinyUnits units, nor the last
// unit of a service already smaller.
func TestKeepFilesWholeMakesNoTinyService(t *testing.T) {
	tests := []struct {
		name      string
		elsewhere int // units service B holds outside store/orders.go
		wantMove  bool
	}{
		{name: "a service that stays large enough", elsewhere: minTinyUnits, wantMove: true},
		{name: "a service that would turn tiny", elsewhere: minTinyUnits - 1, wantMove: false},
		{name: "a tiny service that keeps some units", elsewhere: 2, wantMove: true},
		{name: "a service that would vanish", elsewhere: 0, wantMove: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			var orders []string
			for i := 0; i < 4; i++ {
				orders = append(orders, b.fn("store", fmt.Sprintf("Order%d", i), "orders.go"))
			}
			var other []string
			for i := 0; i < tt.elsewhere; i++ {
				other = append(other, b.fn("billing", fmt.Sprintf("Charge%d", i), "billing.go"))
			}
			m := newModel(b.doc())
			label := make([]int32, len(m.units))
			unit := func(id string) int32 { return m.unitOf[m.index[id]] }
			for _, id := range other {
				label[unit(id)] = 1
			}
			label[unit(orders[3])] = 1 // B's unit in a file service 0 holds most of
			keepFilesWhole(m, freeConstraints(len(m.units)), label, nil, 1, true)
			if moved := label[unit(orders[3])] == label[unit(orders[0])]; moved != tt.wantMove {
				t.Errorf("B's unit of orders.go joined the rest of its file: %v, want %v", moved, tt.wantMove)
			}
		})
	}
}
