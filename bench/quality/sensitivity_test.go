package main

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// TestWeightKnobs checks that -sensitivity moves every weight the
// structural plan reads, each through its own field, and that each has a
// default to halve and double.
func TestWeightKnobs(t *testing.T) {
	refining := map[string]bool{"CoChanges": true, "Executes": true}
	var w planner.Weights
	seen := map[uintptr]string{}
	for _, k := range weightKnobs() {
		p := reflect.ValueOf(k.of(&w)).Pointer()
		if other, ok := seen[p]; ok {
			t.Errorf("knobs %s and %s move the same weight", k.name, other)
		}
		seen[p] = k.name
		def := planner.DefaultConfig().Weights
		if *k.of(&def) == 0 {
			t.Errorf("knob %s: default weight 0 cannot be halved or doubled", k.name)
		}
	}
	typ := reflect.TypeOf(w)
	for i := range typ.NumField() {
		f := typ.Field(i)
		p := reflect.ValueOf(&w).Elem().Field(i).Addr().Pointer()
		if _, ok := seen[p]; !ok && !refining[f.Name] {
			t.Errorf("weight %s has no knob in weightKnobs", f.Name)
		}
	}
}

// twoAreas is a small graph of two areas, orders and users: each holds
// two routes, their handlers, a chain of service functions, a type and a
// table its store writes, with one call from orders to users; the truth
// puts each area in its own service.
func twoAreas() (analyzer.Document, map[string]string) {
	const mod = "example.com/shop"
	doc := analyzer.Document{Schema: analyzer.Schema, Module: mod}
	truth := map[string]string{}
	add := func(area string, n analyzer.Node) {
		doc.Nodes = append(doc.Nodes, n)
		truth[n.ID] = area
	}
	edge := func(from, to string, kind analyzer.EdgeKind) {
		doc.Edges = append(doc.Edges, analyzer.Edge{From: from, To: to, Kind: kind, Weight: 1})
	}
	for _, area := range []string{"orders", "users"} {
		pkg := mod + "/" + area
		table, typ := "table:"+area, pkg+".Record"
		add(area, analyzer.Node{ID: table, Kind: analyzer.KindTable, Name: area})
		add(area, analyzer.Node{ID: typ, Kind: analyzer.KindType, Name: "Record", Package: pkg, Pos: area + "/record.go:3", Lines: 5})
		prev := ""
		for i := range 6 {
			fn := fmt.Sprintf("%s.step%d", pkg, i)
			add(area, analyzer.Node{ID: fn, Kind: analyzer.KindFunc, Name: fmt.Sprintf("step%d", i), Package: pkg, Pos: fmt.Sprintf("%s/%s.go:%d", area, area, 10*i+1), Lines: 8})
			edge(fn, typ, analyzer.EdgeReferences)
			if prev != "" {
				edge(prev, fn, analyzer.EdgeCalls)
			}
			prev = fn
		}
		edge(prev, table, analyzer.EdgeWrites)
		for j, m := range []string{"GET", "POST"} {
			route, handler := "route:"+m+" /"+area, pkg+".Handle"+m
			add(area, analyzer.Node{ID: route, Kind: analyzer.KindRoute, Name: m + " /" + area, Package: pkg})
			add(area, analyzer.Node{ID: handler, Kind: analyzer.KindFunc, Name: "Handle" + m, Package: pkg, Pos: fmt.Sprintf("%s/handler.go:%d", area, 10*j+1), Lines: 6})
			edge(route, handler, analyzer.EdgeHandles)
			edge(handler, pkg+".step0", analyzer.EdgeCalls)
		}
	}
	edge(mod+"/orders.step5", mod+"/users.step0", analyzer.EdgeCalls)
	return doc, truth
}

func TestSensitivityPrintsEveryWeight(t *testing.T) {
	doc, truth := twoAreas()
	rs := []*result{
		{App: App{Name: "a", Split: "tune"}, doc: doc, truth: truth},
		{App: App{Name: "b", Split: "holdout"}, doc: doc, truth: truth},
		{App: App{Name: "synthetic", Split: "tune", Synthetic: 100}}, // skipped: no truth to plan against
	}
	var out bytes.Buffer
	if err := sensitivity(context.Background(), &out, rs, 1, 2); err != nil {
		t.Fatal(err)
	}
	want, err := meanARI(context.Background(), rs[0], planner.DefaultConfig(), 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want <= 0 {
		t.Fatalf("the default plan of two clear areas scores ARI %.2f: the fixture no longer tells the areas apart", want)
	}
	text := out.String()
	if line := fmt.Sprintf("defaults: tune %.4f, holdout %.4f", want, want); !strings.Contains(text, line) {
		t.Errorf("output lacks %q:\n%s", line, text)
	}
	for _, k := range weightKnobs() {
		found := false
		for _, l := range strings.Split(text, "\n") {
			if f := strings.Fields(l); len(f) == 6 && f[0] == k.name {
				found = true
			}
		}
		if !found {
			t.Errorf("no row of four deltas for weight %s:\n%s", k.name, text)
		}
	}
}
