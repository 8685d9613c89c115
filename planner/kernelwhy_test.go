package planner

import (
	"slices"
	"testing"
)

// TestLibrariesOfConcernPackages: a shared technical package whose
// per-concern files services hold (pkg/postgres/device.go in the device
// service) and whose generic code the kernel holds whole is a library of
// that generic code; one whose generic code is partly in a service is not.
func TestLibrariesOfConcernPackages(t *testing.T) {
	for _, tt := range []struct {
		name        string
		clientInSvc bool
		want        []Library
	}{
		{"generic code all in the kernel", false, []Library{{Package: "example.com/app/pkg/postgres", Units: 2}}},
		{"generic code partly in a service", true, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			ids := map[string]string{
				"client": b.fn("pkg/postgres", "Open", "client.go"), "client2": b.fn("pkg/postgres", "Close", "client.go"),
				"device": b.fn("pkg/postgres", "AddDevice", "device.go"), "reading": b.fn("pkg/postgres", "AddReading", "reading.go"),
				"devApp": b.fn("core/metadata", "CreateDevice", "device.go"), "readApp": b.fn("core/data", "StoreReading", "reading.go"),
			}
			m := newModel(b.doc())
			unit := func(k string) int32 { return m.unitOf[m.index[ids[k]]] }
			label := make([]int32, len(m.units))
			label[unit("client")], label[unit("client2")] = labelKernel, labelKernel
			label[unit("device")], label[unit("devApp")] = 0, 0
			label[unit("reading")], label[unit("readApp")] = 1, 1
			if tt.clientInSvc {
				label[unit("client2")] = 0
			}
			got := libraries(m, label)
			if !slices.Equal(got, tt.want) {
				t.Errorf("libraries = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTestHelperLibraries: a test helper package the kernel holds whole
// is a test-support library, apart from the kernel proper; a business
// package of the kernel is not, nor a test helper package partly in a
// service.
func TestTestHelperLibraries(t *testing.T) {
	for _, tt := range []struct {
		name      string
		helperSvc bool
		want      []Library
	}{
		{"test helpers all in the kernel", false, []Library{{Package: "example.com/app/e2e/playwright", Units: 2}}},
		{"test helpers partly in a service", true, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			ids := map[string]string{
				"req": b.fn("e2e/playwright", "Require", "require.go"), "rep": b.fn("e2e/playwright", "Report", "reporter.go"),
				"biz": b.fn("internal/domains", "Rename", "tags.go"), "svc": b.fn("internal/handlers", "ListTags", "tags.go"),
			}
			m := newModel(b.doc())
			unit := func(k string) int32 { return m.unitOf[m.index[ids[k]]] }
			label := make([]int32, len(m.units))
			label[unit("req")], label[unit("rep")], label[unit("biz")], label[unit("svc")] = labelKernel, labelKernel, labelKernel, 0
			if tt.helperSvc {
				label[unit("rep")] = 0
			}
			if got := libraries(m, label); !slices.Equal(got, tt.want) {
				t.Errorf("libraries = %v, want %v", got, tt.want)
			}
		})
	}
}
