package planner

import (
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestMainToKernel: a main that builds two services is kernel; one that
// builds a single service stays with it, and so does one that serves the
// routes of only one of the services it builds (whichever service the
// clustering gave it to). Its package's init functions go with it.
func TestMainToKernel(t *testing.T) {
	tests := []struct {
		name          string
		buildsBilling bool
		routes        []string // services serving a route: orders, billing
		mainIn        int32
		want          int32
	}{
		{name: "builds one", want: 0},
		{name: "builds two", buildsBilling: true, want: labelKernel},
		{name: "builds two, both serve routes", buildsBilling: true, routes: []string{"orders", "billing"}, want: labelKernel},
		{name: "builds two, one serves routes", buildsBilling: true, routes: []string{"orders"}, want: 0},
		{name: "builds two, one serves routes, clustered with the other", buildsBilling: true, routes: []string{"orders"}, mainIn: 1, want: 0},
		{name: "builds two, one serves only probes", buildsBilling: true, routes: []string{"orders", "billing-probe"}, want: 0},
		{name: "builds two, one serves routes, in the kernel", buildsBilling: true, routes: []string{"orders"}, mainIn: labelKernel, want: 0},
		{name: "builds one, in the kernel", mainIn: labelKernel, want: labelKernel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			orders := b.fn("internal/orders", "NewOrders", "orders.go")
			billing := b.fn("internal/billing", "NewBilling", "billing.go")
			main := b.fn("cmd/server", "main", "main.go")
			initFn := b.fn("cmd/server", "init", "config.go")
			b.call(main, orders, 1)
			if tt.buildsBilling {
				b.call(main, billing, 1)
			}
			for _, r := range tt.routes {
				switch r {
				case "orders":
					b.route("GET /orders/{id}", orders)
				case "billing":
					b.route("GET /invoices/{id}", billing)
				case "billing-probe":
					b.route("GET /healthz", billing)
				}
			}
			m := newModel(b.doc())
			s := buildSignals(m, DefaultConfig().Weights)
			cons := freeConstraints(len(m.units))
			unit := func(id string) int32 { return m.unitOf[m.index[id]] }
			routeLabel := map[string]int32{"GET /orders/{id}": 0, "GET /invoices/{id}": 1, "GET /healthz": 1}
			label := make([]int32, len(m.units))
			for u := range label {
				label[u] = labelKernel
				if n := m.unitNode(int32(u)); n.Kind == analyzer.KindRoute {
					label[u] = routeLabel[n.Name]
				}
			}
			label[unit(orders)], label[unit(billing)], label[unit(main)] = 0, 1, tt.mainIn
			mainToKernel(m, s, cons, label)
			if got := label[unit(main)]; got != tt.want {
				t.Errorf("main in %d, want %d", got, tt.want)
			}
			// the package's init goes where main went, and stays when
			// main stays
			wantInit := labelKernel
			if tt.buildsBilling {
				wantInit = tt.want
			}
			if got := label[unit(initFn)]; got != wantInit {
				t.Errorf("init in %d, want %d", got, wantInit)
			}
		})
	}
}
