package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/planner"
)

func TestMatchPath(t *testing.T) {
	for _, tt := range []struct {
		pattern, file string
		want          bool
	}{
		{"booking/", "booking/service.go", true},
		{"booking/", "booking/sub/x.go", true},
		{"booking/", "bookings/x.go", false},
		{"server/booking*.go", "server/booking.go", true},
		{"server/booking*.go", "server/sub/booking.go", false},
		{"**/mocks/", "internal/a/mocks/m.go", true},
		{"**/mocks/", "mocks/m.go", true},
		{"**/*_mock.go", "a/b/c_mock.go", true},
		{"internal/*/ports/", "internal/trainer/ports/http.go", true},
		{"internal/*/ports/", "internal/trainer/app/ports/http.go", false},
		{"**/sys_user*.go", "api/v1/system/sys_user.go", true},
	} {
		if got := matchPath(tt.pattern, tt.file); got != tt.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", tt.pattern, tt.file, got, tt.want)
		}
	}
}

func TestMostSpecificPatternWins(t *testing.T) {
	tr := &Truth{Services: []TruthService{{Name: "orders", Paths: []string{"internal/orders/"}}},
		Shared: TruthRules{Paths: []string{"internal/"}}, Ignore: TruthRules{Paths: []string{"internal/orders/mocks/"}}}
	for file, want := range map[string]string{
		"internal/orders/x.go":       "orders",
		"internal/platform/x.go":     planner.SharedClass,
		"internal/orders/mocks/m.go": classIgnore,
		"cmd/main.go":                "",
	} {
		if got := tr.fileClass(file); got != want {
			t.Errorf("fileClass(%q) = %q, want %q", file, got, want)
		}
	}
	if got := tr.routeClass("GET /orders/{id}"); got != "" {
		t.Errorf("routeClass without route rules = %q", got)
	}
	tr.Services[0].Routes = []string{"/orders"}
	for pattern, want := range map[string]string{"GET /orders/{id}": "orders", "GET /orders": "orders", "GET /ordersx": ""} {
		if got := tr.routeClass(pattern); got != want {
			t.Errorf("routeClass(%q) = %q, want %q", pattern, got, want)
		}
	}
}

// TestTruthFilesAndApps checks every truth file and the app list: each
// real app has a valid truth file, each truth file an app.
func TestTruthFilesAndApps(t *testing.T) {
	apps, err := readApps("apps.json")
	if err != nil {
		t.Fatal(err)
	}
	real := 0
	names := map[string]bool{}
	for _, a := range apps {
		if a.Synthetic > 0 {
			continue
		}
		real++
		names[a.Name] = true
		if _, err := readTruth(filepath.Join("truth", a.Name+".json")); err != nil {
			t.Errorf("%s: %v", a.Name, err)
		}
	}
	if real < 12 {
		t.Errorf("%d real apps, want at least 12", real)
	}
	tune := 0
	for _, a := range apps {
		if a.Split == "tune" {
			tune++
		}
	}
	if 2*tune > len(apps) {
		t.Errorf("%d of %d apps are tuned on; at most half may be", tune, len(apps))
	}
	files, _ := os.ReadDir("truth")
	for _, f := range files {
		if n := strings.TrimSuffix(f.Name(), ".json"); !names[n] {
			t.Errorf("truth/%s belongs to no app of apps.json", f.Name())
		}
	}
}

func TestBadName(t *testing.T) {
	for name, want := range map[string]bool{"orders": false, "ports": true, "templates-2": true, "core-data": false, "openapi": true, "usercenter": false} {
		if got := badName(name); got != want {
			t.Errorf("badName(%q) = %v, want %v", name, got, want)
		}
	}
}
