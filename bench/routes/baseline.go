package main

import (
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// The baseline is what a regular expression over the source finds: a
// router call with a literal path, with no prefix joined in, and a name
// after FROM, INTO, UPDATE or JOIN in a string literal. ficus is measured
// against it in the same run.
var (
	baseCall = regexp.MustCompile(`\.(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Get|Post|Put|Patch|Delete|Head|Options|Any|All|Handle|HandleFunc)\(\s*"([^"]*)"`)
	baseVerb = regexp.MustCompile(`\.Methods\(\s*"([A-Za-z]+)"`)
	baseSQL  = regexp.MustCompile("(?i)\\b(?:FROM|INTO|UPDATE|JOIN)\\s+[`\"]?([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)")
)

// baseline scans the Go files (tests, vendor and testdata left out) in
// the directories of the patterns under root.
func baseline(root string, patterns []string) (routes []routeKey, tables []string, err error) {
	dirs := []string{root}
	if len(patterns) > 0 {
		dirs = dirs[:0]
		for _, p := range patterns {
			dirs = append(dirs, filepath.Join(root, strings.TrimSuffix(strings.TrimSuffix(p, "..."), "/")))
		}
	}
	seenTable := map[string]bool{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != dir && (name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			routes = append(routes, baseRoutes(string(src))...)
			for _, t := range baseTables(src) {
				if !seenTable[t] {
					seenTable[t] = true
					tables = append(tables, t)
				}
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return routes, tables, nil
}

// baseRoutes finds router calls with a literal path, line by line.
func baseRoutes(src string) []routeKey {
	var out []routeKey
	for _, line := range strings.Split(src, "\n") {
		for _, m := range baseCall.FindAllStringSubmatch(line, -1) {
			method, path := m[1], m[2]
			switch method {
			case "Any", "All", "Handle", "HandleFunc":
				method = ""
				if v, p, ok := strings.Cut(path, " "); ok { // a Go 1.22 ServeMux pattern
					method, path = v, p
				} else if v := baseVerb.FindStringSubmatch(line); v != nil {
					method = v[1]
				}
			}
			if !strings.Contains(path, "/") {
				continue // not a path: a header, a config key
			}
			out = append(out, keyOf(method, path))
		}
	}
	return out
}

// baseTables finds table names in the string literals of a Go file.
func baseTables(src []byte) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", fset.Base(), len(src)), src, nil, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok != token.STRING {
			continue
		}
		text, err := strconv.Unquote(lit)
		if err != nil {
			continue
		}
		for _, m := range baseSQL.FindAllStringSubmatch(text, -1) {
			if name := strings.ToLower(m[1]); name != "select" {
				out = append(out, name)
			}
		}
	}
}
