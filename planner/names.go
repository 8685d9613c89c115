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
// number.
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
	}
	seenFile := map[seenKey]bool{}
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
			for _, w := range m.words[u] {
				score[l][w] += nameSymbolWeight
			}
			if f := file(n); f != "" && !seenFile[seenKey{l, f}] {
				seenFile[seenKey{l, f}] = true
				add(l, strings.TrimSuffix(path.Base(f), ".go"), 0, true)
			}
			if p := n.Package; p != "" && !seenFile[seenKey{l, "pkg:" + p}] {
				seenFile[seenKey{l, "pkg:" + p}] = true
				add(l, path.Base(p), 0, true)
			}
		}
	}
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
		}
		var cs []cand
		for w, s := range score[l] {
			cs = append(cs, cand{w, s / float64(in[w])})
		}
		// Words of the technology rather than the business (redis, sql,
		// handler) name a service last: a store or layer is shared by
		// many areas, even when one cluster happens to hold it.
		slices.SortFunc(cs, func(a, b cand) int {
			return cmp.Or(compareBool(isTechWord(a.word), isTechWord(b.word)),
				cmp.Compare(b.score, a.score), cmp.Compare(a.word, b.word))
		})
		for _, c := range cs {
			if n := spelling(c.word, spell[l][c.word]); !used[n] {
				names[l] = n
				break
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
		"logrus", "zerolog", "slog":
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

// firstSegment returns the first literal segment of a route's path:
// "GET /orders/{id}" gives "orders".
func firstSegment(route string) string {
	_, p, _ := strings.Cut(route, " ")
	for _, seg := range strings.Split(p, "/") {
		if seg != "" && !strings.HasPrefix(seg, "{") {
			return seg
		}
	}
	return ""
}
