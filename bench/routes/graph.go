package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// found is what one 'ficus analyze' run found, read from its JSON.
type found struct {
	Routes []routeKey
	// Handlers maps a route to the short names of the functions its
	// handles edges point to ("Orders.Place").
	Handlers map[routeKey][]string
	Tables   []string
	// Diagnostics counts every diagnostic, RouteDiagnostics those of kind
	// route; routeFiles holds the files the latter name.
	Diagnostics, RouteDiagnostics int
	routeFiles                    map[string]bool
}

// readFound reads the graph ficus wrote to name.
func readFound(name string) (*found, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := analyzer.DecodeDocument(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	fd := &found{Handlers: map[routeKey][]string{}, routeFiles: map[string]bool{}}
	names := map[string]string{}
	routes := map[string]routeKey{}
	for _, n := range doc.Nodes {
		names[n.ID] = n.Name
		switch n.Kind {
		case analyzer.KindRoute:
			method, path, ok := strings.Cut(n.Name, " ")
			if !ok {
				return nil, fmt.Errorf("%s: route %q has no method", name, n.Name)
			}
			k := keyOf(method, path)
			routes[n.ID] = k
			fd.Routes = append(fd.Routes, k)
		case analyzer.KindTable:
			fd.Tables = append(fd.Tables, strings.TrimPrefix(n.ID, "table:"))
		}
	}
	for _, e := range doc.Edges {
		if k, ok := routes[e.From]; ok && e.Kind == analyzer.EdgeHandles {
			fd.Handlers[k] = append(fd.Handlers[k], shortFunc(names[e.To]))
		}
	}
	fd.Diagnostics = len(doc.Diagnostics)
	for _, d := range doc.Diagnostics {
		if d.Kind == analyzer.DiagRoute {
			fd.RouteDiagnostics++
			file, _, _ := strings.Cut(d.Pos, ":")
			fd.routeFiles[file] = true
		}
	}
	return fd, nil
}

// shortFunc spells a function's graph name ("(*Orders).Place",
// "Orders.Place", "NewOrders") as a truth file does: "Orders.Place".
func shortFunc(name string) string {
	return strings.NewReplacer("(*", "", ")", "").Replace(name)
}

// handlerCheck counts, among the truth's routes that ficus found and
// whose handler the truth names, those whose handles edges include it;
// and the found routes without any handles edge.
func (fd *found) handlerCheck(t *Truth) (named, right, without int) {
	for _, r := range t.Routes {
		hs, ok := fd.Handlers[keyOf(r.Method, r.Path)]
		if !ok || r.Handler == "" {
			continue
		}
		named++
		for _, h := range hs {
			if h == r.Handler || strings.HasSuffix(h, "."+r.Handler) {
				right++
				break
			}
		}
	}
	seen := map[routeKey]bool{}
	for _, k := range fd.Routes {
		if !seen[k] && len(fd.Handlers[k]) == 0 {
			without++
		}
		seen[k] = true
	}
	return named, right, without
}

// silent lists the truth routes ficus missed (and the dynamic ones) in
// files that no route diagnostic names: the misses a user is not told of.
func (fd *found) silent(t *Truth, s score) []string {
	missed := map[string]bool{}
	for _, m := range append(s.MissedRoutes, s.MissedDynamic...) {
		missed[m] = true
	}
	var out []string
	for _, r := range t.Routes {
		k := keyOf(r.Method, r.Path)
		if missed[k.String()] && !fd.routeFiles[r.File] {
			out = append(out, k.String()+" ("+r.File+")")
		}
	}
	return out
}
