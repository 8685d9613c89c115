package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTruthFiles checks every truth file: schema, no repeated route or
// table, well-formed paths, one file per app of apps.json and no other.
func TestTruthFiles(t *testing.T) {
	apps, err := readApps("apps.json")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, a := range apps {
		listed[a.Name] = true
		t.Run(a.Name, func(t *testing.T) {
			tr, err := readTruth("truth", a.Name)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tr.Routes {
				if r.Dynamic && r.Note == "" {
					t.Errorf("dynamic route %s %s: say in a note why its path is known only at run time", r.Method, r.Path)
				}
			}
		})
	}
	files, _ := filepath.Glob("truth/*.json")
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".json"); !listed[name] {
			t.Errorf("%s: no app of apps.json is named %s", f, name)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	good := func() Truth {
		return Truth{Schema: truthSchema, App: "a", Evidence: "router.go",
			Routes: []TruthRoute{{Method: "GET", Path: "/users/:id", File: "router.go"}},
			Tables: []TruthTable{{Name: "users", File: "repo.go"}}}
	}
	for _, tt := range []struct {
		name    string
		edit    func(*Truth)
		wantErr string
	}{
		{"good", func(*Truth) {}, ""},
		{"schema", func(t *Truth) { t.Schema = "ficus.truth/v1" }, "schema"},
		{"app", func(t *Truth) { t.App = "b" }, "file's name"},
		{"no evidence", func(t *Truth) { t.Evidence = "" }, "evidence"},
		{"method", func(t *Truth) { t.Routes[0].Method = "get" }, "method"},
		{"relative path", func(t *Truth) { t.Routes[0].Path = "users" }, "starting with /"},
		{"method in path", func(t *Truth) { t.Routes[0].Path = "/GET /users" }, "white space"},
		{"braces", func(t *Truth) { t.Routes[0].Path = "/users/{id" }, "unbalanced"},
		{"no file", func(t *Truth) { t.Routes[0].File = "" }, "registering file"},
		{"same route in another syntax", func(t *Truth) {
			t.Routes = append(t.Routes, TruthRoute{Method: "GET", Path: "/users/{uid}", File: "router.go"})
		}, "repeats route 0"},
		{"table case", func(t *Truth) { t.Tables[0].Name = "Users" }, "lower-case"},
		{"table twice", func(t *Truth) { t.Tables = append(t.Tables, t.Tables[0]) }, "twice"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tr := good()
			tt.edit(&tr)
			err := tr.validate("a")
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("validate() = %v, want error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestReadAppsRejects(t *testing.T) {
	commit := strings.Repeat("ab", 20)
	for _, tt := range []struct {
		name, json, wantErr string
	}{
		{"short commit", `[{"name": "a", "repo": "o/n", "commit": "abc", "covers": ["gin"]}]`, "40-hex"},
		{"no covers", `[{"name": "a", "repo": "o/n", "commit": "` + commit + `"}]`, "covers"},
		{"repeated", `[{"name": "a", "repo": "o/n", "commit": "` + commit + `", "covers": ["gin"]}, {"name": "a", "repo": "o/m", "commit": "` + commit + `", "covers": ["gin"]}]`, "repeated"},
		{"unknown field", `[{"name": "a", "repo": "o/n", "commit": "` + commit + `", "covers": ["gin"], "split": "tune"}]`, "split"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "apps.json")
			os.WriteFile(f, []byte(tt.json), 0o644)
			if _, err := readApps(f); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("readApps = %v, want error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestCheckFiles(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "http"), 0o755)
	os.WriteFile(filepath.Join(root, "http", "routes.go"), []byte("package http\n"), 0o644)
	tr := &Truth{Routes: []TruthRoute{{Method: "GET", Path: "/a", File: "http/routes.go"}},
		Tables: []TruthTable{{Name: "a", File: "http/routes.go"}}}
	if err := tr.checkFiles(root); err != nil {
		t.Errorf("checkFiles with every file present = %v", err)
	}
	tr.Tables[0].File = "store/a.go"
	if err := tr.checkFiles(root); err == nil || !strings.Contains(err.Error(), "store/a.go") {
		t.Errorf("checkFiles = %v, want an error naming store/a.go", err)
	}
}
