package planner

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/analyzer"
)

// Thresholds of the per-entity layer reading (see entityStemEdges),
// documented in docs/plan-format.md.
const (
	// entityStemBoost is how much more than the ordinary stem weight the
	// files of one entity across layer folders weigh together.
	entityStemBoost = 7.0
	// minEntityHeads is how many entities must recur across layer folders
	// before the layout counts as per-entity: one shared name is chance.
	minEntityHeads = 3
	// minEntityShare is the share of the named files of the layer folders
	// that must belong to such entities: in a per-entity layout most files
	// of every layer are named after an entity.
	minEntityShare = 0.5
)

// entityStemEdges joins, with a strong weight, the symbols of files named
// after one entity in two or more layer folders (api/account.go,
// db/sqlc/account.sql.go; handlers/user.go, repository/user.go), where the
// code is laid out that way: layered by technology with one file per
// entity in each layer. There the file name is the one place the code
// states the area it belongs to; the handler and its queries often share
// no call (the handler goes through a store interface), so without it the
// clustering cuts one area into its layers. The layout is read from the
// layer folders themselves: at least minEntityHeads names recur across
// them, and their files are at least minEntityShare of the named files in
// those folders. Elsewhere (a package per feature, a few names that
// happen to recur) the ordinary stem edges alone apply.
func entityStemEdges(m *model, weight float64, next int32) ([]wedge, int32) {
	heads := maps.Clone(m.headsOf()) // pruned below
	whole := map[string]bool{}       // stems of one word: dial.go names the entity dial
	for f := range heads {
		if st := fileStem(f); st != "" && !strings.Contains(st, "_") {
			whole[st] = true
		}
	}
	for f, h := range heads {
		if h == "" || !isLayerDir(path.Dir(f)) || isTestHelperFile(f) || partOfEntity(f, h, whole) {
			delete(heads, f)
		}
	}
	if _, ok := entityLayout(heads, nil); !ok {
		return nil, next
	}
	// Feature folders are read by the structure reading, and a feature
	// keeps its own layers together: only files outside them count.
	r := m.rolesOf()
	st := m.structureOf()
	for u, ni := range m.units {
		if f := file(m.nodes[ni]); st.feature[u] >= 0 {
			delete(heads, f)
		}
	}
	handlers := map[string]bool{} // files that hold a route's handler
	for u, h := range r.handler {
		if h >= 0 && m.unitNode(int32(u)).Kind == analyzer.KindRoute {
			handlers[file(m.unitNode(h))] = true
		}
	}
	entity, ok := entityLayout(heads, handlers)
	if !ok {
		return nil, next
	}
	byHead := map[string][]int32{}
	for u, ni := range m.units {
		n := m.nodes[ni]
		if h, ok := heads[file(n)]; ok && entity[h] && isSymbol(n) {
			byHead[h] = append(byHead[h], int32(u))
		}
	}
	for _, us := range byHead {
		slices.Sort(us)
	}
	return groupEdges(byHead, func(string) bool { return true }, weight*entityStemBoost, next)
}

// entityLayout reads the files of layer folders with their heads: the
// heads found in two folders or more are entities, and the layout is per
// entity when there are at least minEntityHeads of them and their files
// are at least minEntityShare of the files of the folders they lie in.
// With handlers (the files that hold route handlers), an entity must also
// reach down from the API: one of its files holds a handler, so that one
// name across alternative stores (postgres/device.go, redis/device.go)
// is no entity of the API's layers.
func entityLayout(heads map[string]string, handlers map[string]bool) (map[string]bool, bool) {
	dirs := map[string]map[string]bool{} // head → its folders
	api := map[string]bool{}             // heads with a handler's file
	for f, h := range heads {
		if dirs[h] == nil {
			dirs[h] = map[string]bool{}
		}
		dirs[h][path.Dir(f)] = true
		api[h] = api[h] || handlers[f]
	}
	entity := map[string]bool{}
	layers := map[string]bool{} // the folders the entities lie in
	for h, ds := range dirs {
		if len(ds) >= 2 && (handlers == nil || api[h]) {
			entity[h] = true
			for d := range ds {
				layers[d] = true
			}
		}
	}
	named, ofEntity := 0, 0
	for f, h := range heads {
		if layers[path.Dir(f)] {
			named++
			if entity[h] {
				ofEntity++
			}
		}
	}
	return entity, len(entity) >= minEntityHeads && float64(ofEntity) >= minEntityShare*float64(named)
}

// partOfEntity reports a file whose head follows a word that is itself
// an entity's whole name (dial_membership.go beside dial.go, where dial is
// too common to be the head): the file is part of that entity, not an
// entity of its own.
func partOfEntity(f, head string, whole map[string]bool) bool {
	for _, w := range strings.Split(fileStem(f), "_") {
		if w == head {
			return false
		}
		if whole[w] {
			return true
		}
	}
	return false
}

// isLayerDir reports a folder whose path names a technical layer
// (api, db/sqlc, internal/handlers).
func isLayerDir(d string) bool {
	for _, seg := range strings.Split(d, "/") {
		if isLayerWord(seg) {
			return true
		}
	}
	return false
}
