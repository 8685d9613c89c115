package evidence

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/cover"

	"github.com/ficus-dev/ficus/analyzer"
)

// RouteFile is the file in a per-route coverage directory that names the
// route replayed into it ("GET /orders/{id}", or a concrete request path).
const RouteFile = "route"

// BaselineDir is the coverage directory of a run that served no request:
// what it executes (start-up, seeding) is subtracted from every route.
const BaselineDir = "baseline"

// ReadCoverage reads a directory of Go coverage directories, one per
// route, each the GOCOVERDIR of a run of a binary built with 'go build
// -cover -covermode=count' that served only that route's requests, with a
// RouteFile naming the route. Every function or method of the graph whose
// code ran more often in a route's run than in the BaselineDir run (when
// there is one) is recorded as executed by that route. The counters are
// read with 'go tool covdata textfmt', so the go command must be on PATH;
// nothing of the monolith is run. It returns how many routes it read.
func (e *Evidence) ReadCoverage(ctx context.Context, dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("coverage: %w; pass the directory holding one GOCOVERDIR per route (docs/evidence.md)", err)
	}
	funcs := newFuncRanges(e.nodes)
	var base map[blockKey]int
	if slices.ContainsFunc(entries, func(d os.DirEntry) bool { return d.IsDir() && d.Name() == BaselineDir }) {
		bp, err := readProfiles(ctx, filepath.Join(dir, BaselineDir))
		if err != nil {
			return 0, err
		}
		base = map[blockKey]int{}
		for _, p := range bp {
			for _, b := range p.Blocks {
				base[blockKey{p.FileName, b.StartLine, b.StartCol}] += b.Count
			}
		}
	}
	n := 0
	for _, d := range entries {
		if !d.IsDir() || d.Name() == BaselineDir {
			continue
		}
		sub := filepath.Join(dir, d.Name())
		spec, err := os.ReadFile(filepath.Join(sub, RouteFile))
		if err != nil {
			return n, fmt.Errorf("coverage %s: %w; write the route it replayed (\"GET /orders/{id}\") in %s, or name a start-up-only run %q",
				sub, err, filepath.Join(sub, RouteFile), BaselineDir)
		}
		route, err := e.routeOf(strings.TrimSpace(string(spec)))
		if err != nil {
			return n, fmt.Errorf("coverage %s: %w", sub, err)
		}
		profiles, err := readProfiles(ctx, sub)
		if err != nil {
			return n, err
		}
		if base != nil && len(profiles) > 0 && profiles[0].Mode == "set" {
			return n, fmt.Errorf("coverage %s: mode set records no counts, so start-up code cannot be told from the route's; build with 'go build -cover -covermode=count'", sub)
		}
		ran := map[string]bool{}
		for _, p := range profiles {
			for _, b := range p.Blocks {
				if b.Count <= base[blockKey{p.FileName, b.StartLine, b.StartCol}] {
					continue
				}
				fn, known := funcs.at(p.FileName, b.StartLine)
				switch {
				case fn != "":
					ran[fn] = true
				case !known:
					e.unknown[p.FileName]++
				}
			}
		}
		for fn := range ran {
			e.execute(route, fn, 1)
		}
		n++
	}
	if n == 0 {
		return 0, fmt.Errorf("coverage %s: no per-route directory in it; see docs/evidence.md for the recipe", dir)
	}
	return n, nil
}

// routeOf finds the graph route a RouteFile names: a route of the graph
// ("GET /orders/{id}") or a request it serves ("GET /orders/o1").
func (e *Evidence) routeOf(spec string) (string, error) {
	method, p, ok := strings.Cut(spec, " ")
	if !ok || !strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("%s holds %q; write a method and a path, \"GET /orders/{id}\"", RouteFile, spec)
	}
	for _, n := range e.nodes {
		if n.Kind == analyzer.KindRoute && n.ID == "route:"+spec {
			return n.ID, nil
		}
	}
	if id := e.matcher.Match(method, p); id != "" {
		return id, nil
	}
	return "", fmt.Errorf("no route of the graph serves %q; check it against the routes 'ficus analyze' found", spec)
}

type blockKey struct {
	file      string
	line, col int
}

// readProfiles converts one coverage directory to the text format and
// parses it.
func readProfiles(ctx context.Context, dir string) ([]*cover.Profile, error) {
	tmp, err := os.CreateTemp("", "ficus-cover-*.txt")
	if err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", "tool", "covdata", "textfmt", "-i="+dir, "-o="+tmp.Name())
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("coverage %s: %w; ficus reads coverage with 'go tool covdata', put the go command on PATH", dir, err)
		}
		return nil, fmt.Errorf("coverage %s: go tool covdata: %w: %s; is it the GOCOVERDIR of a binary built with 'go build -cover'?", dir, err, strings.TrimSpace(stderr.String()))
	}
	ps, err := cover.ParseProfiles(tmp.Name())
	if err != nil {
		return nil, fmt.Errorf("coverage %s: %w", dir, err)
	}
	return ps, nil
}

// funcRanges finds the function or method declared at a line of a file,
// the file named as coverage names it: import path and file name.
type funcRanges map[string][]funcRange

type funcRange struct {
	first, last int
	id          string
}

func newFuncRanges(nodes []analyzer.Node) funcRanges {
	fr := funcRanges{}
	for _, n := range nodes {
		if n.Kind != analyzer.KindFunc && n.Kind != analyzer.KindMethod || n.Package == "" {
			continue
		}
		file, line, ok := splitPos(n.Pos)
		if !ok {
			continue
		}
		key := n.Package + "/" + path.Base(file)
		fr[key] = append(fr[key], funcRange{line, line + max(n.Lines, 1) - 1, n.ID})
	}
	for _, rs := range fr {
		slices.SortFunc(rs, func(a, b funcRange) int { return a.first - b.first })
	}
	return fr
}

// at returns the function declared around line of file; known is false
// when the graph has no function in that file at all.
func (fr funcRanges) at(file string, line int) (id string, known bool) {
	rs, ok := fr[file]
	if !ok {
		return "", false
	}
	i, _ := slices.BinarySearchFunc(rs, line, func(r funcRange, l int) int {
		if r.first <= l {
			return -1
		}
		return 1
	})
	if i > 0 && rs[i-1].last >= line {
		return rs[i-1].id, true
	}
	return "", true
}

// splitPos reads "file:line".
func splitPos(pos string) (string, int, bool) {
	i := strings.LastIndexByte(pos, ':')
	if i < 0 {
		return "", 0, false
	}
	line, err := strconv.Atoi(pos[i+1:])
	return pos[:i], line, err == nil && line > 0
}
