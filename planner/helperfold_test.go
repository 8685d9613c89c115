package planner

import (
	"github.com/ficus-dev/ficus/analyzer"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMergeHelperClusters: a cluster that serves no business route,
// owns no business table and runs no job but upkeep (a job running only
// generic code) joins the kernel when the cap
// allows and two services use it, or it serves operational routes, or
// no service uses it and it starts two, none of them while using a
// service another uses; else the service it is most tied to; a table
// keeps it out of the kernel; clusters with a business route, and
// stated ones, stay.
func TestMergeHelperClusters(t *testing.T) {
	helper := []string{"func Cert certs/cert.go", "func Renew certs/renew.go"}
	bothUse := []string{"HandleOrder calls Cert", "HandleUser calls Renew", "Cert calls Renew"}
	for _, tc := range []struct {
		name         string
		nodes, edges []string
		maxShare     float64
		constrain    string
		exclude      string
		want         map[string]int32 // final labels, after renumbering
	}{{
		name: "a helper two services use joins the kernel", nodes: helper, edges: bothUse, maxShare: 0.5,
		want: map[string]int32{"Cert": labelKernel, "Renew": labelKernel, "HandleOrder": 0},
	}, {
		name: "over the kernel cap it joins the service it is most tied to", nodes: helper,
		edges: []string{"HandleOrder calls Cert", "SaveOrder calls Cert", "HandleUser calls Renew", "Cert calls Renew"}, maxShare: 0.01,
		want: map[string]int32{"Cert": 0, "Renew": 0},
	}, {
		name: "a helper one service uses joins it", nodes: helper, edges: []string{"HandleUser calls Cert", "Cert calls Renew"}, maxShare: 0.5,
		want: map[string]int32{"Cert": 1, "Renew": 1},
	}, {
		name:  "root file and operations routes go with it into the kernel",
		nodes: append([]string{"route /favicon.ico -", "route /metrics -"}, helper...),
		edges: append([]string{"/favicon.ico handles Cert", "/metrics handles Renew", "SaveOrder calls Cert"}, bothUse...), maxShare: 0.5,
		want: map[string]int32{"Cert": labelKernel, "Renew": labelKernel, "favicon.ico": labelKernel},
	}, {
		name:  "probes one service mounts join the kernel",
		nodes: append([]string{"route /healthz -"}, helper...),
		edges: []string{"/healthz handles Cert", "HandleUser calls Cert", "Cert calls Renew"}, maxShare: 0.5,
		want: map[string]int32{"Cert": labelKernel, "Renew": labelKernel, "healthz": labelKernel},
	}, {
		name:  "probes over the kernel cap join the service most tied to them",
		nodes: append([]string{"route /healthz -"}, helper...),
		edges: []string{"/healthz handles Cert", "HandleUser calls Cert", "Cert calls Renew"}, maxShare: 0.01,
		want: map[string]int32{"Cert": 1, "Renew": 1, "healthz": 1},
	}, {
		name:  "a business route makes it a service",
		nodes: append([]string{"route /certificates -"}, helper...),
		edges: append([]string{"/certificates handles Cert"}, bothUse...), maxShare: 0.5,
		want: map[string]int32{"Cert": 3, "Renew": 3},
	}, {
		name: "a stated cluster stays", nodes: helper, edges: bothUse, maxShare: 0.5, constrain: "Cert",
		want: map[string]int32{"Cert": 3, "Renew": 3},
	}, {
		name: "a helper a service uses that uses two services' code is no kernel code", nodes: helper,
		edges: []string{"HandleUser calls Cert", "Cert calls SaveOrder", "Renew calls SaveUser", "Cert calls SaveUser", "Cert calls Renew"}, maxShare: 0.5,
		want: map[string]int32{"Cert": 1, "Renew": 1},
	}, {
		name: "wiring no service uses that starts two services joins the kernel", nodes: helper,
		edges: []string{"Cert calls SaveOrder", "Renew calls SaveUser", "Cert calls SaveUser", "Cert calls Renew"}, maxShare: 0.5,
		want: map[string]int32{"Cert": labelKernel, "Renew": labelKernel},
	}, {
		name: "a helper no service uses that uses one service's code joins it", nodes: helper,
		edges: []string{"Cert calls SaveOrder", "Cert calls Renew"}, maxShare: 0.5,
		want: map[string]int32{"Cert": 0, "Renew": 0},
	}, {
		name:  "a job that runs only generic code is upkeep: a metrics collector two services use joins the kernel",
		nodes: []string{"job Collect metrics/metrics.go", "func Gather metrics/metrics.go", "func Gauge metrics/gauge.go"},
		edges: []string{"Collect runs Gather", "Gather calls Gauge", "HandleOrder calls Gauge", "HandleUser calls Gauge"}, maxShare: 0.5,
		want: map[string]int32{"Collect": labelKernel, "Gather": labelKernel, "Gauge": labelKernel},
	}, {
		name:  "a job that runs an area's code is business: the cluster stays",
		nodes: []string{"job Collect certs/renew.go", "func Gather certs/renew.go", "func Gauge certs/gauge.go"},
		edges: []string{"Collect runs Gather", "Gather calls Gauge", "HandleOrder calls Gauge", "HandleUser calls Gauge"}, maxShare: 0.5,
		want: map[string]int32{"Collect": 3, "Gather": 3, "Gauge": 3},
	}, {
		name: "a helper holding a unit kernel.exclude names stays out of the kernel", nodes: helper, edges: bothUse, maxShare: 0.5, exclude: "Renew",
		want: map[string]int32{"Cert": 0, "Renew": 0},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			m := newModel(areaApp(tc.nodes, tc.edges))
			cons := freeConstraints(len(m.units))
			unit := unitFinder(t, m)
			label := areaLabels(m) // the helper's units and routes are 3
			if tc.constrain != "" {
				cons.set[unit(tc.constrain)] = 0
			}
			if tc.exclude != "" {
				cons.excluded[unit(tc.exclude)] = true
			}
			mergeHelperClusters(m, buildSignals(m, DefaultConfig().Weights), cons, label, tc.maxShare, true)
			got := map[string]int32{}
			for k := range tc.want {
				got[k] = label[unit(k)]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHelperImportedForInit: a cluster no code of the others uses, whose
// package another package imports for its init alone (generated API docs
// registering themselves), goes where the importing package's code is;
// with no importer it stays.
func TestHelperImportedForInit(t *testing.T) {
	docs := []string{"var Info docs/docs.go", "func init docs/docs.go", "func ServeOrders web/orders.go"}
	for _, tc := range []struct {
		name     string
		importer string // package importing docs, "" for none
		want     int32
	}{
		{"joins the service of its importer", "web", 0},
		{"joins the kernel where its importer is kernel code", "store", labelKernel},
		{"stays without an importer", "", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := areaApp(docs, []string{"init uses Info", "HandleOrder calls ServeOrders"})
			for _, p := range []string{"web", "docs", "store"} {
				d.Nodes = append(d.Nodes, analyzer.Node{ID: "pkg:example.com/shop/" + p, Kind: analyzer.KindPackage, Name: p, Package: "example.com/shop/" + p})
			}
			if tc.importer != "" {
				d.Edges = append(d.Edges, analyzer.Edge{From: "pkg:example.com/shop/" + tc.importer, To: "pkg:example.com/shop/docs", Kind: analyzer.EdgeImports, Weight: 1})
			}
			m := newModel(d)
			unit := unitFinder(t, m)
			label := areaLabels(m)
			for _, k := range []string{"SaveOrder", "SaveUser", "SavePayment"} {
				label[unit(k)] = labelKernel // the store package is kernel code
			}
			mergeHelperClusters(m, buildSignals(m, DefaultConfig().Weights), freeConstraints(len(m.units)), label, 0.9, true)
			for _, k := range []string{"Info", "init"} {
				if got := label[unit(k)]; got != tc.want {
					t.Errorf("%s is in %d, want %d", k, got, tc.want)
				}
			}
		})
	}
}

func TestIsRootFileRoute(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"GET /favicon.ico", true}, {"GET /robots.txt", true}, {"* /manifest.json", true},
		{"/favicon.ico", true}, {"GET /{path:.*}", false}, {"GET /{name}.json", false}, {"GET /v1/feeds.json", false}, {"GET /orders", false}, {"GET /", false}, {"GET /static/app.js", false},
	} {
		if got := isRootFileRoute(tt.in); got != tt.want {
			t.Errorf("isRootFileRoute(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
