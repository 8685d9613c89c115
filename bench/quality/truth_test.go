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

func TestNameProblem(t *testing.T) {
	words := func(ws ...string) map[string]bool {
		out := map[string]bool{}
		for _, w := range ws {
			out[w] = true
		}
		return out
	}
	module := words("user", "name", "cache", "tran", "new", "transaction", "begin", "action", "role", "data", "scope",
		"secrets", "secret", "engine", "opera", "log", "booking", "cargo", "parquet", "query", "api", "file", "todo")
	tests := []struct {
		name    string
		idents  []string
		tables  []string
		wantBad bool
	}{
		{"orders", nil, nil, false},
		{"ports", nil, nil, true},
		{"templates-2", nil, nil, true},
		{"core-data", nil, nil, false},
		{"db_tables", nil, nil, true},
		{"openapi", nil, nil, true},
		{"usercenter", nil, nil, false},
		{"initdb", nil, nil, true},
		{"kodo", nil, nil, true},
		{"cutter", nil, nil, true},
		{"pagination", nil, nil, true},
		{"docsgen", nil, nil, true},
		{"oauthapp", nil, nil, true},
		{"check", nil, nil, true},
		{"config", nil, nil, true},
		{"config", nil, []string{"sys_config"}, false},
		{"sys", nil, []string{"sys_config"}, true},
		{"migration", nil, []string{"sys_migration"}, true},
		{"tran", []string{"new", "tran", "begin", "transaction"}, nil, true},
		{"user", []string{"user", "username", "usercache"}, nil, false},
		{"role", []string{"role", "roledatascope"}, nil, false},
		{"secret", []string{"secret", "secretsengine"}, nil, false},
		{"booking", []string{"booking", "cargo"}, nil, false},
		{"auth", []string{"auth", "authentication"}, nil, false},
		{"csrf", nil, nil, true},
		{"locale", nil, nil, true},
		{"certificate", nil, nil, true},
		{"logfmt", nil, nil, true},
		{"configure", nil, nil, true},
		{"disable-tag", nil, nil, true},
		{"tag", nil, nil, false},
		{"tag", []string{"tag", "tagged", "tagging"}, nil, false},
		{"post", []string{"posting", "posters", "sys_post"}, []string{"sys_post"}, false},
		{"tra", []string{"tragged"}, nil, true},
		{"tra", nil, nil, false},
		{"opera", nil, []string{"sys_opera_log"}, true},
		{"operation", nil, []string{"sys_opera_log"}, false},
		{"urllib", nil, nil, true},
		{"wtfd", nil, nil, true},
		{"wtf-dials", nil, nil, false},
		{"parquetquerygen", nil, nil, true},
		{"oxygen", nil, nil, false},
		{"apitofile", nil, nil, true},
		{"usertodo", nil, nil, false},
		{"put", nil, nil, true},
		{"post", nil, nil, true},
		{"post", nil, []string{"sys_post"}, false},
		{"replace", nil, nil, true},
		{"since", nil, nil, true},
		{"cached", nil, nil, true},
		{"_matrix", nil, nil, true},
		{"matrix", nil, nil, false},
		{"speed", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name+strings.Join(tt.tables, ","), func(t *testing.T) {
			c := nameContext{idents: words(tt.idents...), module: module, tables: map[string]bool{}, app: "wtf"}
			for _, tb := range tt.tables {
				if w := tableNoun(tb); w != "" {
					c.tables[w] = true
				}
			}
			if got := nameProblem(tt.name, c); (got != "") != tt.wantBad {
				t.Errorf("nameProblem(%q) = %q, want bad %v", tt.name, got, tt.wantBad)
			}
		})
	}
}
