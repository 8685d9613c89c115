package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

// truthSchema is the version tag of a truth file.
const truthSchema = "ficus.truth/v1"

// Truth is the right split of one app, built from independent evidence
// (its deployment targets, modules, framework components, docs or a
// reading of its code), as rules over file paths, route paths and table
// names. README.md describes the format.
type Truth struct {
	Schema   string         `json:"schema"`
	App      string         `json:"app"`
	Evidence string         `json:"evidence"`
	Services []TruthService `json:"services"`
	Shared   TruthRules     `json:"shared"`
	Ignore   TruthRules     `json:"ignore"`
}

// TruthService is one service of a truth.
type TruthService struct {
	Name     string   `json:"name"`
	Paths    []string `json:"paths"`
	Routes   []string `json:"routes,omitempty"`
	Tables   []string `json:"tables,omitempty"`
	Evidence string   `json:"evidence,omitempty"`
}

// TruthRules are the paths of the shared kernel, or of code not scored.
type TruthRules struct {
	Paths    []string `json:"paths,omitempty"`
	Evidence string   `json:"evidence,omitempty"`
}

// classIgnore is the class of files the truth leaves unscored.
const classIgnore = "\x00ignore"

// readTruth reads and checks a truth file.
func readTruth(name string) (*Truth, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var t Truth
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := t.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &t, nil
}

func (t *Truth) check() error {
	if t.Schema != truthSchema {
		return fmt.Errorf("schema is %q, want %q", t.Schema, truthSchema)
	}
	if t.Evidence == "" {
		return fmt.Errorf("no evidence: say where the split comes from")
	}
	if len(t.Services) < 2 {
		return fmt.Errorf("%d services; a truth needs at least 2", len(t.Services))
	}
	seen := map[string]bool{}
	for _, s := range t.Services {
		if s.Name == "" || s.Name == planner.SharedClass {
			return fmt.Errorf("a service has the name %q", s.Name)
		}
		if seen[s.Name] {
			return fmt.Errorf("service %q is listed twice", s.Name)
		}
		seen[s.Name] = true
		if len(s.Paths) == 0 && len(s.Routes) == 0 && len(s.Tables) == 0 {
			return fmt.Errorf("service %q has no paths, routes or tables", s.Name)
		}
		for _, p := range s.Paths {
			if err := checkPattern(p); err != nil {
				return fmt.Errorf("service %q: %w", s.Name, err)
			}
		}
	}
	for _, p := range slices.Concat(t.Shared.Paths, t.Ignore.Paths) {
		if err := checkPattern(p); err != nil {
			return err
		}
	}
	return nil
}

func checkPattern(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		return fmt.Errorf("path pattern %q: want a relative path with forward slashes", p)
	}
	for _, seg := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("path pattern %q: %w", p, err)
		}
	}
	return nil
}

// matchPath reports whether file matches pattern p: "dir/" matches every
// file below dir; otherwise p is a glob over the whole path where "*"
// stays within a segment and "**" stands for any number of segments.
func matchPath(p, file string) bool {
	if strings.HasSuffix(p, "/") {
		p += "**"
	}
	return matchSegs(strings.Split(p, "/"), strings.Split(file, "/"))
}

func matchSegs(ps, fs []string) bool {
	for len(ps) > 0 {
		if ps[0] == "**" {
			for i := 0; i <= len(fs); i++ {
				if matchSegs(ps[1:], fs[i:]) {
					return true
				}
			}
			return false
		}
		if len(fs) == 0 {
			return false
		}
		if ok, _ := path.Match(ps[0], fs[0]); !ok {
			return false
		}
		ps, fs = ps[1:], fs[1:]
	}
	return len(fs) == 0
}

// specificity is the number of literal characters of a pattern: the most
// specific matching pattern decides a file's class.
func specificity(p string) int {
	n := 0
	for _, r := range p {
		if r != '*' && r != '?' && r != '[' && r != ']' {
			n++
		}
	}
	return n
}

// fileClass returns the class of a file: a service name, the shared
// class, classIgnore, or "" when no pattern matches.
func (t *Truth) fileClass(file string) string {
	best, class := -1, ""
	try := func(ps []string, c string) {
		for _, p := range ps {
			if s := specificity(p); s > best && matchPath(p, file) {
				best, class = s, c
			}
		}
	}
	for _, s := range t.Services {
		try(s.Paths, s.Name)
	}
	try(t.Shared.Paths, planner.SharedClass)
	try(t.Ignore.Paths, classIgnore)
	return class
}

// routeClass returns the service whose longest route prefix matches the
// path of a route pattern ("GET /orders/{id}"), or "".
func (t *Truth) routeClass(pattern string) string {
	p := pattern
	if _, rest, ok := strings.Cut(pattern, " "); ok {
		p = rest
	}
	if i := strings.IndexByte(p, '/'); i > 0 {
		p = p[i:] // drop a host
	}
	best, class := -1, ""
	for _, s := range t.Services {
		for _, pre := range s.Routes {
			if len(pre) > best && routeHasPrefix(p, pre) {
				best, class = len(pre), s.Name
			}
		}
	}
	return class
}

// routeHasPrefix reports whether path p lies under prefix pre, on a
// segment boundary.
func routeHasPrefix(p, pre string) bool {
	if !strings.HasPrefix(p, pre) {
		return false
	}
	return len(p) == len(pre) || strings.HasSuffix(pre, "/") || p[len(pre)] == '/'
}

// Labels places the graph's units by the truth: symbols by their file,
// routes by their path, tables by name. Units the truth ignores or does
// not match are left out; so are units of other kinds.
func (t *Truth) Labels(doc analyzer.Document) map[string]string {
	tables := map[string]string{}
	for _, s := range t.Services {
		for _, tb := range s.Tables {
			tables["table:"+strings.ToLower(tb)] = s.Name
		}
	}
	out := map[string]string{}
	for _, n := range doc.Nodes {
		if n.External {
			continue
		}
		var c string
		switch n.Kind {
		case analyzer.KindType, analyzer.KindFunc, analyzer.KindMethod, analyzer.KindVar:
			f, _, _ := strings.Cut(n.Pos, ":")
			c = t.fileClass(f)
		case analyzer.KindRoute:
			c = t.routeClass(n.Name)
		case analyzer.KindTable:
			c = tables[n.ID]
		}
		if c != "" && c != classIgnore {
			out[n.ID] = c
		}
	}
	return out
}

// planOf turns labels into a plan for planner.Score.
func planOf(labels map[string]string) *planner.Plan {
	by := map[string][]string{}
	p := &planner.Plan{Schema: planner.Schema}
	for id, c := range labels {
		if c == planner.SharedClass {
			p.Shared = append(p.Shared, id)
			continue
		}
		by[c] = append(by[c], id)
	}
	for _, name := range slices.Sorted(maps.Keys(by)) {
		p.Services = append(p.Services, planner.Service{Name: name, Members: by[name]})
	}
	return p
}
