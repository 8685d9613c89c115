package planner

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// Evidence weights for naming: a route or table names its service more
// surely than one identifier does.
const (
	nameRouteWeight  = 3
	nameTableWeight  = 3
	nameSymbolWeight = 1
)

// nameServices names each of k services from the words of its members:
// the first path segment of its routes, its tables, and its symbols'
// type, function and file names, each word scored by how often it occurs
// in the service, times how few services it occurs in. The name is the
// word's most common spelling among route segments, tables, file and
// package names (each file and package counted once), so "order" shows as
// "orders" when the routes say so. pinned
// names (from constraints) win; clashes get the next best word, then a
// number. These are the words services merge by (mergeSameName); the
// plan shows them after serviceNames has replaced the ones that are no
// domain name.
func nameServices(m *model, label []int32, k int, pinned map[int32]string) []string {
	score := make([]map[string]float64, k)
	spell := make([]map[string]map[string]int, k)
	for i := range score {
		score[i] = map[string]float64{}
		spell[i] = map[string]map[string]int{}
	}
	// add scores the words of surface; a one-word route segment, table or
	// file name is also a spelling of its word.
	add := func(l int32, surface string, weight float64, spellable bool) {
		ws := words(surface, nil)
		for _, w := range ws {
			if !isGoWord(w) {
				score[l][w] += weight
			}
		}
		if spellable && len(ws) == 1 {
			if spell[l][ws[0]] == nil {
				spell[l][ws[0]] = map[string]int{}
			}
			spell[l][ws[0]][strings.ToLower(surface)]++
		}
	}
	type seenKey struct {
		l    int32
		file string
		pkg  bool
	}
	seenFile := map[seenKey]bool{}
	helper := map[string]bool{} // isTestHelperFile of each file, asked once
	for u, l := range label {
		if l < 0 {
			continue
		}
		n := m.unitNode(int32(u))
		switch n.Kind {
		case analyzer.KindRoute:
			if seg := firstSegment(n.Name); seg != "" {
				add(l, seg, nameRouteWeight, true)
			}
		case analyzer.KindTable:
			add(l, n.Name, nameTableWeight, true)
		case analyzer.KindJob:
			add(l, n.Name, nameSymbolWeight, false)
		default:
			f := file(n)
			h, ok := helper[f]
			if !ok {
				h = isTestHelperFile(f)
				helper[f] = h
			}
			if h {
				continue // test helpers name no area, whatever they test
			}
			for _, w := range m.words[u] {
				score[l][w] += nameSymbolWeight
			}
			if f != "" && !seenFile[seenKey{l: l, file: f}] {
				seenFile[seenKey{l: l, file: f}] = true
				add(l, strings.TrimSuffix(path.Base(f), ".go"), 0, true)
			}
			if p := n.Package; p != "" && !seenFile[seenKey{l: l, file: p, pkg: true}] {
				seenFile[seenKey{l: l, file: p, pkg: true}] = true
				add(l, path.Base(p), 0, true)
			}
		}
	}
	tech := m.tech
	in := map[string]int{}
	for _, sc := range score {
		for w := range sc {
			in[w]++
		}
	}
	names := make([]string, k)
	used := map[string]bool{}
	for l := int32(0); l < int32(k); l++ {
		if p, ok := pinned[l]; ok {
			names[l], used[p] = p, true
		}
	}
	for l := 0; l < k; l++ {
		if names[l] != "" {
			continue
		}
		type cand struct {
			word  string
			score float64
			tech  bool
		}
		cs := make([]cand, 0, len(score[l]))
		for w, s := range score[l] {
			cs = append(cs, cand{w, s / float64(in[w]), tech(w)})
		}
		// Words of the technology rather than the business (redis, sql,
		// handler) name a service last: a store or layer is shared by
		// many areas, even when one cluster happens to hold it.
		slices.SortFunc(cs, func(a, b cand) int {
			return cmp.Or(compareBool(a.tech, b.tech),
				cmp.Compare(b.score, a.score), cmp.Compare(a.word, b.word))
		})
		for _, c := range cs {
			if n := spelling(c.word, spell[l][c.word]); !used[n] {
				names[l] = n
				break
			}
		}
		// Every word taken: two words that together say what sets this
		// service apart, before a number.
		for i := 0; names[l] == "" && i < min(len(cs), 4); i++ {
			for j := i + 1; j < min(len(cs), 6); j++ {
				if cs[j].tech {
					continue
				}
				if n := spelling(cs[i].word, spell[l][cs[i].word]) + "-" + spelling(cs[j].word, spell[l][cs[j].word]); !used[n] {
					names[l] = n
					break
				}
			}
		}
		if names[l] == "" {
			base := "service"
			if len(cs) > 0 {
				base = spelling(cs[0].word, spell[l][cs[0].word])
			}
			for i := 2; ; i++ {
				if n := fmt.Sprintf("%s-%d", base, i); !used[n] {
					names[l] = n
					break
				}
			}
		}
		used[names[l]] = true
	}
	return names
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// isTechWord reports words of infrastructure and code structure, which
// make poor service names.
func isTechWord(w string) bool {
	switch w {
	case "redis", "cache", "memcache", "sql", "mysql", "postgres", "postgresql", "pg", "sqlite",
		"mongo", "mongodb", "db", "database", "kafka", "nats", "rabbitmq", "amqp", "grpc", "http",
		"json", "xml", "yaml", "api", "handler", "handlers", "service", "services", "repo",
		"repository", "repositories", "model", "models", "router", "routes", "middleware",
		"util", "utils", "helper", "helpers", "internal", "server", "client", "dto", "dao",
		"impl", "store", "storage", "gorm", "sqlx", "jwt", "logger", "log", "config", "zap",
		"logrus", "zerolog", "slog", "html", "csv", "pdf", "xlsx", "excel", "websocket", "graphql",
		"asset", "assets", "static", "web", "ui":
		return true
	}
	return false
}

// readTechWords returns the test for words that name how code is built,
// not the business it serves: layer and technology words, words of
// generic helpers, and the words of the module's dependencies' import
// paths (casbin, lumberjack, datadog: a library names a technology),
// unless a route or table of the code uses the word. newModel keeps it
// as m.tech.
func readTechWords(m *model) func(string) bool {
	deps := map[string]bool{}
	domain := map[string]bool{}
	for _, n := range m.nodes {
		switch {
		case n.Kind == analyzer.KindPackage && n.External && strings.Contains(strings.Split(n.Package, "/")[0], "."):
			// third-party modules only: the standard library's words
			// (user, mail, image) can be a business's too
			for _, seg := range strings.Split(n.Package, "/") {
				if strings.Contains(seg, ".") {
					continue // a host: github.com
				}
				for _, w := range words(seg, nil) {
					deps[w] = true
				}
			}
		case n.Kind == analyzer.KindTable:
			for _, w := range words(n.Name, nil) {
				domain[w] = true
			}
		case n.Kind == analyzer.KindRoute:
			_, p, _ := strings.Cut(n.Name, " ")
			for _, w := range words(p, nil) {
				domain[w] = true
			}
		}
	}
	return func(w string) bool {
		if isTechWord(w) || isLayerWord(w) || isHelperWord(w) {
			return true
		}
		return deps[w] && !domain[w]
	}
}

// isHelperWord reports words of generic helpers and generated or test
// code, which make poor service names.
func isHelperWord(w string) bool {
	switch w {
	case "fake", "stub", "wait", "current", "structured", "buf", "buffer", "draw", "gen", "generate",
		"openapi", "swagger", "proto", "mock", "fail", "failure", "error", "err", "response", "request",
		"param", "code", "status", "result", "util", "common", "base", "client", "test", "unit", "debug",
		"docker", "migrat", "migration", "command", "query", "data", "config", "option", "setting", "init",
		"main", "app", "run", "start", "server", "context", "value", "key", "list", "item", "map", "set",
		"time", "date", "string", "byte", "file", "path", "name", "type", "new", "get", "page", "view",
		"template", "render", "format", "parse", "sort", "filter", "check", "valid", "validat", "validator",
		"builder", "factory", "manager", "provider", "wrapper", "adapter", "port", "register", "enter",
		"ent", "pb", "grpc", "rpc", "metric", "trace", "tracing", "log", "logger", "cache", "pool",
		"lock", "flag", "version", "health", "ping", "middleware", "instrumenting", "instrumentation",
		"endpoint", "transport", "decode", "encode", "wire", "mux", "nop", "noop", "dummy", "null":
		return true
	}
	return false
}

// spelling picks the most common surface form of a word, ties to the
// shortest then first in order.
func spelling(word string, forms map[string]int) string {
	best, bc := word, 0
	keys := make([]string, 0, len(forms))
	for f := range forms {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	for _, f := range keys {
		if c := forms[f]; c > bc || (c == bc && len(f) < len(best)) {
			best, bc = f, c
		}
	}
	return best
}

// firstSegment returns the first literal segment of a route's path that
// is no layer or version word: "GET /api/v1/orders/{id}" gives "orders".
func firstSegment(route string) string {
	_, p, _ := strings.Cut(route, " ")
	for _, seg := range strings.Split(p, "/") {
		if seg != "" && !strings.HasPrefix(seg, "{") && !isLayerWord(seg) {
			return seg
		}
	}
	return ""
}
