package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/ficus-dev/ficus/bench/internal/appsrc"
)

// truthSchema is the version tag of a truth file.
const truthSchema = "ficus.routes-truth/v1"

// Truth is what one app really serves and stores, read from its code by
// hand (never from ficus's output): every route with its method, full
// path and handler, and every table the code reads or writes.
type Truth struct {
	Schema string `json:"schema"`
	App    string `json:"app"`
	// Evidence says which files the routes and tables were read from.
	Evidence string       `json:"evidence"`
	Routes   []TruthRoute `json:"routes"`
	Tables   []TruthTable `json:"tables"`
}

// TruthRoute is one route of a truth file.
type TruthRoute struct {
	// Method is GET, POST, ... or ANY for a registration that accepts
	// every method.
	Method string `json:"method"`
	// Path is the full path, group and mount prefixes joined in, in any
	// router's parameter syntax (matching normalizes it).
	Path string `json:"path"`
	// Handler is the function or method that serves it, as Func or
	// Type.Method, when the registration names one.
	Handler string `json:"handler,omitempty"`
	// File is where the route is registered, relative to the analyzed
	// directory: a diagnostic must name it when the route is missed.
	File string `json:"file"`
	// Dynamic marks a route whose path is known only at run time: it is
	// not counted in recall, but a diagnostic must name its file.
	Dynamic bool   `json:"dynamic,omitempty"`
	Note    string `json:"note,omitempty"`
}

// TruthTable is one table of a truth file.
type TruthTable struct {
	// Name is the table's name, lower case, schema kept (billing.invoices).
	Name string `json:"name"`
	// File is one file that reads or writes it.
	File string `json:"file"`
	Note string `json:"note,omitempty"`
}

var (
	methods   = map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "OPTIONS": true, "CONNECT": true, "TRACE": true, "ANY": true}
	tableName = regexp.MustCompile(`^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$`)
)

// readTruth reads and checks the truth file of app in dir.
func readTruth(dir, app string) (*Truth, error) {
	name := filepath.Join(dir, app+".json")
	var t Truth
	if err := appsrc.DecodeFile(name, &t); err != nil {
		return nil, err
	}
	if err := t.validate(app); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &t, nil
}

// validate collects every problem of the truth of app.
func (t *Truth) validate(app string) error {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if t.Schema != truthSchema {
		bad("schema %q, want %q", t.Schema, truthSchema)
	}
	if t.App != app {
		bad("app %q, want %q (the file's name)", t.App, app)
	}
	if t.Evidence == "" {
		bad("no evidence: say which files the routes and tables were read from")
	}
	if len(t.Routes) == 0 {
		bad("no routes")
	}
	seen := map[routeKey]int{}
	for i, r := range t.Routes {
		switch {
		case !methods[r.Method]:
			bad("route %d (%s %s): method %q, want GET, POST, ... or ANY", i, r.Method, r.Path, r.Method)
		case r.File == "" || strings.HasPrefix(r.File, "/"):
			bad("route %d (%s %s): file %q, want the registering file relative to the analyzed directory", i, r.Method, r.Path, r.File)
		}
		if err := checkPath(r.Path); err != nil {
			bad("route %d (%s %s): %v", i, r.Method, r.Path, err)
			continue
		}
		k := keyOf(r.Method, r.Path)
		if j, ok := seen[k]; ok {
			bad("route %d (%s %s) repeats route %d (%s %s)", i, r.Method, r.Path, j, t.Routes[j].Method, t.Routes[j].Path)
		}
		seen[k] = i
	}
	tables := map[string]bool{}
	for _, tb := range t.Tables {
		switch {
		case !tableName.MatchString(tb.Name):
			bad("table %q: want a lower-case name, schema kept (billing.invoices)", tb.Name)
		case tables[tb.Name]:
			bad("table %q is listed twice", tb.Name)
		case tb.File == "":
			bad("table %q: no file says where it is read or written", tb.Name)
		}
		tables[tb.Name] = true
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// checkFiles reports the files the truth names that the checkout at root
// lacks: a truth written against another commit or directory.
func (t *Truth) checkFiles(root string) error {
	var missing []string
	seen := map[string]bool{}
	for _, f := range t.files() {
		if !seen[f] && !appsrc.FileExists(filepath.Join(root, filepath.FromSlash(f))) {
			missing = append(missing, f)
		}
		seen[f] = true
	}
	if len(missing) > 0 {
		return fmt.Errorf("the truth names files the checkout lacks: %s; write them relative to the analyzed directory %s", strings.Join(missing, ", "), root)
	}
	return nil
}

func (t *Truth) files() []string {
	var out []string
	for _, r := range t.Routes {
		out = append(out, r.File)
	}
	for _, tb := range t.Tables {
		out = append(out, tb.File)
	}
	return out
}

// checkPath reports a path that is not absolute, holds white space or
// has unbalanced braces.
func checkPath(p string) error {
	if !strings.HasPrefix(p, "/") {
		return fmt.Errorf("path %q: want a full path starting with /", p)
	}
	if strings.ContainsAny(p, " \t\n") {
		return fmt.Errorf("path %q: white space (the method goes in its own field)", p)
	}
	depth := 0
	for _, c := range p {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth < 0 {
			break
		}
	}
	if depth != 0 {
		return fmt.Errorf("path %q: unbalanced braces", p)
	}
	return nil
}
