package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTestHelpersToKernel: a test helper package spread over services and
// the kernel joins the kernel whole; one within a single service stays,
// and so does a package with production code beside its helpers.
func TestTestHelpersToKernel(t *testing.T) {
	var b docBuilder
	ids := map[string]string{
		"req": b.fn("internal/testutil", "PerformRequest", "http.go"), "admin": b.fn("internal/testutil", "NewAdminUser", "accounts.go"),
		"cfg":   b.fn("internal/testutil", "TestConfig", "shiori.go"),
		"mock":  b.fn("internal/orders/mocks", "OrderStore", "store.go"),
		"mock2": b.fn("internal/orders/mocks", "OrderCache", "cache.go"),
		"fake":  b.fn("internal/clock", "FakeClock", "fake_clock.go"), "clock": b.fn("internal/clock", "Now", "clock.go"),
	}
	m := newModel(b.doc())
	unit := func(k string) int32 { return m.unitOf[m.index[ids[k]]] }
	label := make([]int32, len(m.units))
	set := map[string]int32{"req": 1, "admin": 1, "cfg": labelKernel, "mock": 0, "mock2": 0, "fake": 0, "clock": labelKernel}
	for k, l := range set {
		label[unit(k)] = l
	}
	got := testHelpersToKernel(m, freeConstraints(len(m.units)), label)
	if diff := cmp.Diff([]string{"example.com/app/internal/testutil"}, got); diff != "" {
		t.Errorf("packages moved (-want +got):\n%s", diff)
	}
	want := map[string]int32{"req": labelKernel, "admin": labelKernel, "cfg": labelKernel, "mock": 0, "mock2": 0, "fake": 0, "clock": labelKernel}
	for k, w := range want {
		if label[unit(k)] != w {
			t.Errorf("%s labelled %d, want %d", k, label[unit(k)], w)
		}
	}
}

// TestTestHelpersToKernelStays: a test helper package with a unit a pin
// places stays where it is; a service left empty is renumbered away.
func TestTestHelpersToKernelStays(t *testing.T) {
	var b docBuilder
	ids := map[string]string{
		"req": b.fn("internal/testutil", "PerformRequest", "http.go"), "admin": b.fn("internal/testutil", "NewAdminUser", "accounts.go"),
		"order": b.fn("internal/orders", "Create", "orders.go"),
	}
	m := newModel(b.doc())
	unit := func(k string) int32 { return m.unitOf[m.index[ids[k]]] }
	for _, pinned := range []bool{true, false} {
		label := make([]int32, len(m.units))
		label[unit("req")], label[unit("admin")], label[unit("order")] = 0, labelKernel, 1
		cons := freeConstraints(len(m.units))
		if pinned {
			cons.set[unit("req")] = 0
		}
		testHelpersToKernel(m, cons, label)
		want := map[string]int32{"req": labelKernel, "admin": labelKernel, "order": 0} // orders renumbered to 0
		if pinned {
			want = map[string]int32{"req": 0, "admin": labelKernel, "order": 1}
		}
		for k, w := range want {
			if label[unit(k)] != w {
				t.Errorf("pinned %v: %s labelled %d, want %d", pinned, k, label[unit(k)], w)
			}
		}
	}
}
