package planner

import (
	"fmt"
	"testing"
)

// TestMainToKernel: a main that builds two services is kernel; one that
// builds a single service stays with it.
func TestMainToKernel(t *testing.T) {
	for _, builds := range []int{1, 2} {
		t.Run(fmt.Sprint("builds ", builds), func(t *testing.T) {
			var b docBuilder
			orders := b.fn("internal/orders", "NewOrders", "orders.go")
			billing := b.fn("internal/billing", "NewBilling", "billing.go")
			main := b.fn("cmd/server", "main", "main.go")
			b.call(main, orders, 1)
			if builds == 2 {
				b.call(main, billing, 1)
			}
			m := newModel(b.doc())
			s := buildSignals(m, DefaultConfig().Weights)
			cons := &constraints{set: make([]int32, len(m.units)), forced: make([]bool, len(m.units))}
			for u := range cons.set {
				cons.set[u] = -1
			}
			unit := func(id string) int32 { return m.unitOf[m.index[id]] }
			label := make([]int32, len(m.units))
			label[unit(orders)], label[unit(billing)], label[unit(main)] = 0, 1, 0
			mainToKernel(m, s, cons, label)
			want := map[int]int32{1: 0, 2: labelKernel}[builds]
			if got := label[unit(main)]; got != want {
				t.Errorf("main in %d, want %d", got, want)
			}
		})
	}
}
