package planner

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestEntrylessFeatureJoinsItsUser: a feature folder that serves no route,
// runs no job and writes no table, and that one other feature alone uses,
// is that feature's code; used by two features, reached from outside, or
// with behaviour of its own, it stays a feature.
func TestEntrylessFeatureJoinsItsUser(t *testing.T) {
	tests := []struct {
		name string
		// setup adds to the app; it returns units that must join auth too
		setup      func(b *docBuilder, session []string, svc map[string]string) []string
		noAuth     bool     // auth does not use the session feature
		alsoFolded []string // other features that must fold too
		wantJoin   bool
	}{
		{name: "used by auth alone", wantJoin: true},
		{name: "used by auth and orders", setup: func(b *docBuilder, session []string, svc map[string]string) []string {
			b.call(svc["orders"], session[0], 2)
			return nil
		}},
		{name: "serves a route", setup: func(b *docBuilder, session []string, _ map[string]string) []string {
			b.route("GET /sessions/{id}", session[0])
			return nil
		}},
		{name: "writes a table", setup: func(b *docBuilder, session []string, _ map[string]string) []string {
			b.table("sessions", session[4], analyzer.EdgeWrites)
			return nil
		}},
		{name: "serves a route through a closure", setup: func(b *docBuilder, session []string, _ map[string]string) []string {
			// no handles edge: the function whose declaration spans the
			// route's position registers it (see registrars)
			b.d.Nodes = append(b.d.Nodes, analyzer.Node{ID: "route:GET /sessions", Kind: analyzer.KindRoute,
				Name: "GET /sessions", Pos: "internal/session/app/Session.go:5", Lines: 1})
			return nil
		}},
		{name: "a chain of folds", wantJoin: true, alsoFolded: []string{"tokens"}, setup: func(b *docBuilder, session []string, _ map[string]string) []string {
			tokens := append(b.funcs("internal/tokens/app", "Token", 4), b.funcs("internal/tokens/store", "Secret", 4)...)
			b.call(tokens[0], tokens[4], 2)
			b.call(session[1], tokens[0], 2)
			return tokens
		}},
		{name: "two features using only each other", noAuth: true, setup: func(b *docBuilder, session []string, _ map[string]string) []string {
			tokens := append(b.funcs("internal/tokens/app", "Token", 4), b.funcs("internal/tokens/store", "Secret", 4)...)
			b.call(tokens[0], session[0], 2)
			b.call(session[1], tokens[1], 2)
			return nil
		}},
		{name: "code of no feature leans on it more", setup: func(b *docBuilder, session []string, _ map[string]string) []string {
			for _, ui := range b.funcs("internal/ui", "Page", 3) {
				b.call(ui, session[0], 1)
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			svc := map[string]string{}
			var handlers []string
			for _, a := range []string{"orders", "billing", "auth", "stock", "payments"} {
				h, s, _ := b.area(a, [3]string{"internal/" + a + "/http", "internal/" + a + "/app", "internal/" + a + "/store"})
				handlers = append(handlers, h)
				svc[a] = s
			}
			session := append(b.funcs("internal/session/app", "Session", 4), b.funcs("internal/session/store", "Keys", 4)...)
			b.call(session[0], session[4], 2)
			if !tt.noAuth {
				b.call(svc["auth"], session[0], 3)
			}
			var more []string
			if tt.setup != nil {
				more = tt.setup(&b, session, svc)
			}
			b.program("cmd/server", handlers...)
			p, err := Propose(context.Background(), b.doc(), Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			features := featureNames(p)
			if got := !slices.Contains(features, "session"); got != tt.wantJoin {
				t.Errorf("features %v: session folded %v, want %v", features, got, tt.wantJoin)
			}
			for _, f := range tt.alsoFolded {
				if slices.Contains(features, f) {
					t.Errorf("features %v: %s not folded", features, f)
				}
			}
			if !tt.wantJoin {
				return
			}
			auth := -1
			for i, s := range p.Services {
				if s.Name == "auth" {
					auth = i
				}
			}
			if auth < 0 {
				t.Fatalf("no auth service in %v", planNames(p))
			}
			for _, id := range append(session, more...) {
				if !slices.Contains(p.Services[auth].Members, id) {
					t.Errorf("%s is not in auth", id)
				}
			}
			said := false
			for _, o := range p.Organization {
				said = said || strings.Contains(o.Reason, "session joins auth")
			}
			if !said {
				t.Errorf("no organization reason says session joins auth: %+v", p.Organization)
			}
		})
	}
}
