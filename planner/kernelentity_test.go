package planner

import (
	"context"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestEntityFilesOut: in a layered app with a file per entity in each
// layer, an entity's model that every area reads is its area's code, not
// the kernel's; a helper every area uses, in a file named after no route
// or table, stays shared, and so does a generic file.
func TestEntityFilesOut(t *testing.T) {
	var b docBuilder
	// eight areas, so that no entity's name is in more than a fifth of
	// the files (see stemHeads)
	areas := []string{"order", "invoice", "customer", "product", "payment", "shipment", "review", "coupon"}
	services := map[string]string{}
	models := map[string]string{}
	for _, a := range areas {
		_, svc, st := b.area(a, [3]string{"handlers", "services", "stores"})
		services[a] = svc
		b.table(a+"s", st, analyzer.EdgeWrites)
		models[a] = b.fn("models", "Load"+a, a+".go")
		b.call(st, models[a], 3)
	}
	page := b.fn("models", "Page", "pagination.go")
	errs := b.fn("models", "ErrNotFound", "errors.go")
	for _, a := range areas {
		for _, o := range areas {
			b.call(services[a], models[o], 2) // every area reads every model
		}
		b.call(services[a], page, 1)
		b.call(services[a], errs, 1)
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]string{}
	for _, s := range p.Services {
		for _, id := range s.Members {
			owner[id] = s.Name
		}
	}
	for _, id := range p.Shared {
		owner[id] = SharedClass
	}
	for _, a := range areas {
		if owner[models[a]] == SharedClass || owner[models[a]] != owner[services[a]] {
			t.Errorf("%s's model is in %q, its service in %q", a, owner[models[a]], owner[services[a]])
		}
	}
	for _, id := range []string{page, errs} {
		if owner[id] != SharedClass {
			t.Errorf("%s is in %q, want the kernel", id, owner[id])
		}
	}
}
