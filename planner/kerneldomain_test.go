package planner

import (
	"context"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestDomainPackagesOut: a package the kernel takes whole because every
// area calls it, whose functions speak the app's route and table words
// (converters of each area's records), is the area's that uses it most,
// not the kernel's; a generic package every area calls as much stays in
// the kernel.
func TestDomainPackagesOut(t *testing.T) {
	tests := []struct {
		name       string
		pkg        string
		funcs      []string
		wantKernel bool
	}{
		{"domain words: the importing area's", "converters",
			[]string{"ConvertOrder", "ConvertInvoice", "ConvertCustomer", "ConvertProduct", "ParsePayment", "ParseShipment"}, false},
		{"no domain word: the kernel's", "format",
			[]string{"Money", "Pad", "Truncate", "Quote", "Indent", "Wrap"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			areas := []string{"order", "invoice", "customer", "product", "payment", "shipment", "import"}
			services := map[string]string{}
			for _, a := range areas {
				_, svc, st := b.area(a, [3]string{"handlers", "services", "stores"})
				services[a] = svc
				b.table(a+"s", st, analyzer.EdgeWrites)
			}
			var ids []string
			for _, f := range tt.funcs {
				ids = append(ids, b.fn(tt.pkg, f, tt.pkg+".go"))
			}
			for _, a := range areas {
				w := 1
				if a == "import" {
					w = 6 // the importer uses the package most
				}
				for _, id := range ids {
					b.call(services[a], id, w)
				}
			}
			p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			owner := p.Labels()
			for _, id := range ids {
				switch got := owner[id]; {
				case tt.wantKernel && got != SharedClass:
					t.Errorf("%s is in %q, want the kernel", id, got)
				case !tt.wantKernel && got != owner[services["import"]]:
					t.Errorf("%s is in %q, want the importer's service %q", id, got, owner[services["import"]])
				}
			}
		})
	}
}
