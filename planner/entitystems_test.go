package planner

import (
	"context"
	"fmt"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// table adds a table and an edge of kind from fn to it.
func (b *docBuilder) table(name, fn string, kind analyzer.EdgeKind) {
	id := "table:" + name
	if !b.hasNode(id) {
		b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: id, Kind: analyzer.KindTable, Name: name})
	}
	b.d.Edges = append(b.d.Edges, analyzer.Edge{From: fn, To: id, Kind: kind, Weight: 1})
}

func (b *docBuilder) hasNode(id string) bool {
	for _, n := range b.d.Nodes {
		if n.ID == id {
			return true
		}
	}
	return false
}

// layeredBank writes a layered app named per entity across its layers
// (api/account.go, db/account.sql.go, ...): each handler reaches one
// query through a store interface every handler uses, a thin tie, while
// the queries of the entities that work together call each other
// heavily (a transfer adds to account balances, a login opens a session). apiDir and dbDir are the two layer folders.
func layeredBank(apiDir, dbDir string) (analyzer.Document, map[string][]string) {
	var b docBuilder
	store := b.fn(dbDir, "Store", "store.go")
	respond := b.fn(apiDir, "errorResponse", "server.go")
	entities := []string{"account", "transfer", "user", "session"}
	members := map[string][]string{} // entity → its handlers and queries
	queries := map[string][]string{}
	for _, e := range entities {
		var hs []string
		for j := 0; j < 3; j++ {
			h := b.fn(apiDir, fmt.Sprintf("%sHandler%d", e, j), e+".go")
			req := b.fn(apiDir, fmt.Sprintf("%sRequest%d", e, j), e+".go")
			b.call(h, req, 2)
			b.call(h, store, 1)
			b.call(h, respond, 1)
			b.route(fmt.Sprintf("POST /%ss/op%d", e, j), h)
			hs = append(hs, h)
		}
		for j := 0; j < 4; j++ {
			q := b.fn(dbDir, fmt.Sprintf("%sQuery%d", e, j), e+".sql.go")
			kind := analyzer.EdgeReads
			if j%2 == 0 {
				kind = analyzer.EdgeWrites
			}
			b.table(e+"s", q, kind)
			queries[e] = append(queries[e], q)
		}
		members[e] = append(hs, queries[e]...)
		// the store interface dispatches each handler to one query
		for j, h := range hs {
			b.call(h, queries[e][j], 1)
		}
	}
	// A transfer moves money between accounts; a login opens a session.
	for _, q := range queries["transfer"] {
		b.call(q, queries["account"][0], 3)
		b.call(q, queries["account"][2], 3)
	}
	for _, q := range queries["user"][:2] {
		b.call(q, queries["session"][0], 2)
	}
	return b.doc(), members
}

// TestEntityStemEdgesJoinLayers: in a layered app named per entity, the
// symbols of one entity's files in its layer folders are joined; in other
// layouts nothing is.
func TestEntityStemEdgesJoinLayers(t *testing.T) {
	for _, tc := range []struct {
		name         string
		apiDir       string
		dbDir        string
		wantEntities int
	}{
		{name: "api and db layers", apiDir: "api", dbDir: "db/sqlc", wantEntities: 4},
		{name: "handlers and repository", apiDir: "internal/handlers", dbDir: "internal/repository", wantEntities: 4},
		// the same names in two folders that are no layers say nothing
		{name: "no layer folders", apiDir: "bank", dbDir: "ledger", wantEntities: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := layeredBank(tc.apiDir, tc.dbDir)
			m := newModel(doc)
			edges, _ := entityStemEdges(m, DefaultConfig().Weights.Stems, int32(len(m.units)))
			groups := map[int32]map[string]bool{}
			for _, e := range edges {
				if groups[e.b] == nil {
					groups[e.b] = map[string]bool{}
				}
				groups[e.b][file(m.unitNode(e.a))] = true
			}
			if len(groups) != tc.wantEntities {
				t.Fatalf("got %d entity groups, want %d: %v", len(groups), tc.wantEntities, groups)
			}
			for g, files := range groups {
				if len(files) != 2 {
					t.Errorf("group %d joins files %v, want one file in each layer", g, files)
				}
			}
		})
	}
}

// TestEntityLayersKeepAreasWhole: the plan of a layered app named per
// entity keeps each entity's handlers with its queries, though only a thin
// call ties them and the queries are tied more to other entities'.
func TestEntityLayersKeepAreasWhole(t *testing.T) {
	for _, tc := range []struct {
		name   string
		apiDir string
		dbDir  string
	}{
		{name: "api and db layers", apiDir: "api", dbDir: "db/sqlc"},
		{name: "handlers and repository", apiDir: "internal/handlers", dbDir: "internal/repository"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, members := layeredBank(tc.apiDir, tc.dbDir)
			for seed := uint64(1); seed <= 5; seed++ {
				p, err := Propose(context.Background(), doc, Options{Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				labels := p.Labels()
				for e, ids := range members {
					for _, id := range ids[1:] {
						if labels[id] != labels[ids[0]] {
							t.Errorf("seed %d: %s is in %q, %s in %q, want the entity %s in one service", seed, ids[0], labels[ids[0]], id, labels[id], e)
						}
					}
				}
			}
		})
	}
}
