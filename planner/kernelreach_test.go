package planner

import (
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestGiveSoleReached: a shared store client declared in one file
// dispatches to one file per entity in a generic folder; the entity file
// only one service reaches (through the client's method it alone calls)
// leaves the kernel for that service, while the client, which both
// services use, stays. Reached by kernel code of another package, or by
// both services, the entity file stays; what both reach through the
// package stays with it, the composition root does not count, and a
// user's kernel stays.
func TestGiveSoleReached(t *testing.T) {
	const store = "example.com/app/internal/pkg/store"
	tests := []struct {
		name         string
		bothReach    bool // the metadata service also calls AddInvoice
		kernelUse    bool // kernel code of another package calls addInvoice
		mainUse      bool // the composition root calls addInvoice
		deviceUse    bool // the devices file calls invoiceKey: both services reach it
		pinned       bool // the user put the invoices file in the kernel
		wantInvoices int32
		wantClient   int32
		wantDevices  int32
	}{
		{name: "one service reaches each entity file", wantInvoices: 0, wantClient: labelKernel, wantDevices: 1},
		{name: "both services reach the invoices file", bothReach: true, wantInvoices: labelKernel, wantClient: labelKernel, wantDevices: 1},
		{name: "kernel code of another package uses it", kernelUse: true, wantInvoices: labelKernel, wantClient: labelKernel, wantDevices: 1},
		{name: "a main package does not count", mainUse: true, wantInvoices: 0, wantClient: labelKernel, wantDevices: 1},
		{name: "a helper reached by both through the package", deviceUse: true, wantInvoices: 0, wantClient: labelKernel, wantDevices: 1},
		{name: "the user's kernel stays", pinned: true, wantInvoices: labelKernel, wantClient: labelKernel, wantDevices: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			client := store + ".Client"
			addInvoice := store + ".(*Client).AddInvoice"
			addDevice := store + ".(*Client).AddDevice"
			b.d.Nodes = append(b.d.Nodes,
				analyzer.Node{ID: client, Kind: analyzer.KindType, Name: "Client", Package: store, Pos: "internal/pkg/store/client.go:1", Lines: 5},
				analyzer.Node{ID: addInvoice, Kind: analyzer.KindMethod, Name: "(*Client).AddInvoice", Package: store, Pos: "internal/pkg/store/client.go:9", Lines: 5},
				analyzer.Node{ID: addDevice, Kind: analyzer.KindMethod, Name: "(*Client).AddDevice", Package: store, Pos: "internal/pkg/store/client.go:19", Lines: 5})
			invoices := []string{b.fn("internal/pkg/store", "addInvoice", "invoice.go"), b.fn("internal/pkg/store", "invoiceKey", "invoice.go")}
			devices := []string{b.fn("internal/pkg/store", "addDevice", "device.go"), b.fn("internal/pkg/store", "deviceKey", "device.go")}
			b.call(addInvoice, invoices[0], 2)
			b.call(invoices[0], invoices[1], 1)
			b.call(addDevice, devices[0], 2)
			b.call(devices[0], devices[1], 1)
			// the services' own files of the same names make invoice.go and
			// device.go concern files of the store
			data := b.fn("internal/core/data", "PostInvoice", "invoice.go")
			meta := b.fn("internal/core/metadata", "PostDevice", "device.go")
			b.call(data, addInvoice, 2)
			b.call(data, client, 1)
			b.call(meta, addDevice, 2)
			b.call(meta, client, 1)
			if tt.bothReach {
				b.call(meta, addInvoice, 1)
			}
			// more files, so that invoice and device are rare enough to be
			// file heads (see stemHeads)
			for _, f := range []string{"profile", "command", "schedule", "notice", "keeper", "proxy", "secret"} {
				b.fn("internal/core/"+f, "Run"+f, f+".go")
			}
			cache := b.fn("internal/pkg/cache", "Warm", "cache.go")
			if tt.kernelUse {
				b.call(cache, invoices[0], 1)
			}
			if tt.mainUse {
				b.call(b.program("cmd/server", data, meta), invoices[0], 1)
			}
			if tt.deviceUse {
				b.call(devices[1], invoices[1], 1)
			}
			f := newKernelFixture(t, &b)
			f.label[f.unit(data)], f.label[f.unit(meta)] = 0, 1
			if tt.pinned {
				for _, id := range invoices {
					f.cons.forced[f.unit(id)] = true
				}
			}
			giveSoleReached(f.m, f.s, f.r, f.cons, f.label)
			if tt.deviceUse {
				// addInvoice, only data reaches, moves; the key helper
				// both reach stays shared
				f.check(t, "invoices file", invoices[:1], tt.wantInvoices)
				f.check(t, "shared helper", invoices[1:], labelKernel)
			} else {
				f.check(t, "invoices file", invoices, tt.wantInvoices)
			}
			f.check(t, "devices file", devices, tt.wantDevices)
			f.check(t, "client", []string{client, addInvoice, addDevice}, tt.wantClient)
			f.check(t, "other kernel code", []string{cache}, labelKernel)
		})
	}
}
