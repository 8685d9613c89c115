package planner

import (
	"fmt"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestLayoutRoots: a generic-named folder that holds at least half of the
// app's route handlers is the app's layout root, and the folders below it
// are read by their own names; one that holds fewer stays generic.
func TestLayoutRoots(t *testing.T) {
	tests := []struct {
		name         string
		root         string // the generic-named folder (pkg/ when empty)
		inPkg, other int    // route handlers below <root>/routes and below api/
		wantModels   bool
		wantUtils    bool
	}{
		{name: "the whole server below pkg/", inPkg: 6, other: 0, wantModels: false, wantUtils: true},
		{name: "most handlers below pkg/", inPkg: 4, other: 3, wantModels: false, wantUtils: true},
		{name: "pkg/ beside the server", inPkg: 1, other: 6, wantModels: true, wantUtils: true},
		{name: "too few handlers to tell", inPkg: 2, other: 0, wantModels: true, wantUtils: true},
		// a folder named as generic code only (isGenericFolderName) is a
		// layout root by the same rule
		{name: "the whole server below bootstrap/", root: "bootstrap", inPkg: 6, other: 0, wantModels: false, wantUtils: true},
		{name: "bootstrap/ beside the server", root: "bootstrap", inPkg: 1, other: 6, wantModels: true, wantUtils: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tt.root
			if root == "" {
				root = "pkg"
			}
			var b docBuilder
			model := b.fn(root+"/models", "Task", "task.go")
			util := b.fn(root+"/utils", "Slug", "slug.go")
			for i := 0; i < tt.inPkg; i++ {
				h := b.fn(root+"/routes", fmt.Sprintf("Handle%d", i), "task.go")
				b.call(h, model, 1)
				b.call(h, util, 1)
				b.route(fmt.Sprintf("GET /tasks/%d", i), h)
			}
			for i := 0; i < tt.other; i++ {
				b.route(fmt.Sprintf("GET /other/%d", i), b.fn("api", fmt.Sprintf("Other%d", i), "other.go"))
			}
			m := newModel(b.doc())
			if got := m.inGenericFolder(root + "/models/task.go"); got != tt.wantModels {
				t.Errorf("%s/models generic: %v, want %v (layout roots %v)", root, got, tt.wantModels, m.layoutRoots)
			}
			if got := m.inGenericFolder(root + "/utils/slug.go"); got != tt.wantUtils {
				t.Errorf("%s/utils generic: %v, want %v (layout roots %v)", root, got, tt.wantUtils, m.layoutRoots)
			}
		})
	}
}

// TestEntityLayers: a generic-named folder most of whose packages are
// named after the app's business (a route's or a table's word) is a layer
// of entity packages, read by the packages' own names; one holding helpers
// stays generic, and so does a generic-named package inside the layer.
func TestEntityLayers(t *testing.T) {
	tests := []struct {
		name      string
		pkgs      []string // the packages below types/
		wantTypes bool     // types/<first> is generic
	}{
		{name: "entity packages", pkgs: []string{"users", "incidents", "checkins", "errors"}, wantTypes: false},
		{name: "helper packages", pkgs: []string{"users", "null", "clock", "errors"}, wantTypes: true},
		{name: "half is not most", pkgs: []string{"users", "incidents", "null", "clock"}, wantTypes: true},
		{name: "too few packages to tell", pkgs: []string{"users", "incidents"}, wantTypes: true},
		{name: "generic packages a table names", pkgs: []string{"users", "config", "cache", "errors"}, wantTypes: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			h := b.fn("handlers", "Serve", "handlers.go")
			b.route("GET /api/users", h)
			b.route("GET /api/incidents", h)
			b.route("GET /api/checkins", h)
			for _, p := range tt.pkgs {
				b.call(h, b.fn("types/"+p, "Find", p+".go"), 1)
			}
			b.table("app_config", h, analyzer.EdgeReads)
			b.table("cache", h, analyzer.EdgeReads)
			m := newModel(b.doc())
			first := "types/" + tt.pkgs[0] + "/" + tt.pkgs[0] + ".go"
			if got := m.inGenericFolder(first); got != tt.wantTypes {
				t.Errorf("%s generic: %v, want %v (layout roots %v)", first, got, tt.wantTypes, m.layoutRoots)
			}
			if !m.inGenericFolder("types/errors/errors.go") {
				t.Errorf("types/errors/errors.go is not generic (layout roots %v)", m.layoutRoots)
			}
		})
	}
}

// TestEntityLayerBelowGenericFolder: a layer of entity packages inside
// another generic-named folder (pkg/types) is read by its packages' names
// too, while pkg's other folders stay generic.
func TestEntityLayerBelowGenericFolder(t *testing.T) {
	var b docBuilder
	h := b.fn("handlers", "Serve", "handlers.go")
	for _, p := range []string{"users", "incidents", "checkins"} {
		b.route("GET /api/"+p, h)
		b.call(h, b.fn("pkg/types/"+p, "Find", p+".go"), 1)
	}
	b.call(h, b.fn("pkg/retry", "Do", "retry.go"), 1)
	m := newModel(b.doc())
	if m.inGenericFolder("pkg/types/users/users.go") {
		t.Errorf("pkg/types/users is generic (layout roots %v)", m.layoutRoots)
	}
	if !m.inGenericFolder("pkg/retry/retry.go") {
		t.Errorf("pkg/retry is not generic (layout roots %v)", m.layoutRoots)
	}
}

// TestGenericFolderNames: folders of configuration, translations, the
// build's version and libraries around a technique hold generic code;
// a folder merely ending in such letters, or named for a domain, does not.
func TestGenericFolderNames(t *testing.T) {
	tests := []struct {
		file string
		want bool
	}{
		{"internal/conf/conf.go", true},
		{"internal/locale/catalog.go", true},
		{"pkg/i18n/i18n.go", true},
		{"internal/version/version.go", true},
		{"internal/httplib/client.go", true},
		{"internal/urllib/url.go", true},
		{"shared/netutil/ip.go", true},
		{"internal/crypto/hash.go", true},
		{"global/global.go", true},
		{"error/handler.go", true},
		{"internal/metric/metric.go", true},
		{"internal/io/reader.go", true},
		{"initialize/router.go", true},
		{"internal/bootstrap/start.go", true},
		{"internal/settings/settings.go", false},
		{"internal/conference/talk.go", false},
		{"internal/lib2/x.go", false},
		{"internal/calib/x.go", false},
		{"internal/orders/orders.go", false},
	}
	var b docBuilder
	m := newModel(b.doc())
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if got := m.inGenericFolder(tt.file); got != tt.want {
				t.Errorf("inGenericFolder(%q) = %v, want %v", tt.file, got, tt.want)
			}
		})
	}
}
