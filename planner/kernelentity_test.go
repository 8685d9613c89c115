package planner

import (
	"context"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestEntityFilesOut: in a layered app with a file per entity in each
// layer, an entity's model that every area reads is its area's code, not
// the kernel's. What every area uses stays shared when its file is named
// after no route or table, or after no area whose code lies elsewhere
// (one helper beside it placed by its sole user says nothing), or lies
// in a folder of one entity's file only.
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
	// a model of no area's other files, beside a helper one area uses
	tag := b.fn("models", "LoadTag", "tag.go")
	tagKey := b.fn("models", "tagCouponKey", "tag.go")
	b.call(services["coupon"], tagKey, 1)
	b.route("GET /tags/{id}", services["coupon"])
	// a queue file that shares an area's word, alone in its folder
	b.route("GET /tasks/{id}", services["order"])
	queue := b.fn("queue", "Enqueue", "task.go")
	for _, name := range []string{"ScheduleTask", "RunTask"} {
		b.call(services["order"], b.fn("services", name, "task.go"), 2)
	}
	for _, a := range areas {
		for _, o := range areas {
			b.call(services[a], models[o], 2) // every area reads every model
		}
		for _, id := range []string{page, errs, tag, queue} {
			b.call(services[a], id, 1)
		}
	}
	p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	owner := p.Labels() // the kernel's units under SharedClass
	for _, a := range areas {
		if owner[models[a]] == SharedClass || owner[models[a]] != owner[services[a]] {
			t.Errorf("%s's model is in %q, its service in %q", a, owner[models[a]], owner[services[a]])
		}
	}
	for _, id := range []string{page, errs, tag, queue} {
		if owner[id] != SharedClass {
			t.Errorf("%s is in %q, want the kernel", id, owner[id])
		}
	}
}
