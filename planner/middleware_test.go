package planner

import (
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
)

// TestMiddlewareToKernel: an authentication type whose middleware method
// wraps the routes of two services goes to the kernel with its other
// methods, even though its token check reads the clients' store and the
// clustering put it with clients; middleware of one service's routes
// stays with it, and so does a user's placement or a handler that is also
// used as middleware.
func TestMiddlewareToKernel(t *testing.T) {
	const auth = "example.com/app/auth"
	tests := []struct {
		name      string
		wrapUsers bool // the middleware also wraps the users' route
		pinned    bool // the user placed the auth type
		handler   bool // the middleware method also serves a route
		wantAuth  int32
	}{
		{name: "middleware of two services' routes", wrapUsers: true, wantAuth: labelKernel},
		{name: "middleware of one service's routes", wantAuth: 0},
		{name: "a user's placement stays", wrapUsers: true, pinned: true, wantAuth: 0},
		{name: "a handler stays with its route", wrapUsers: true, handler: true, wantAuth: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b docBuilder
			typ := auth + ".Auth"
			require := auth + ".(*Auth).RequireClient"
			check := auth + ".(*Auth).checkToken"
			b.d.Nodes = append(b.d.Nodes,
				analyzer.Node{ID: typ, Kind: analyzer.KindType, Name: "Auth", Package: auth, Pos: "auth/auth.go:1", Lines: 5},
				analyzer.Node{ID: require, Kind: analyzer.KindMethod, Name: "(*Auth).RequireClient", Package: auth, Pos: "auth/auth.go:9", Lines: 5},
				analyzer.Node{ID: check, Kind: analyzer.KindMethod, Name: "(*Auth).checkToken", Package: auth, Pos: "auth/auth.go:19", Lines: 5})
			clients := b.fn("api", "GetClients", "client.go")
			byToken := b.fn("database", "GetClientByToken", "client.go")
			users := b.fn("api", "GetUsers", "user.go")
			b.call(require, check, 1)
			router := b.fn("router", "Create", "router.go")
			b.call(router, require, 3)
			b.call(check, byToken, 2)
			b.call(clients, byToken, 1)
			b.route("GET /client", clients)
			b.route("GET /user", users)
			b.d.Edges = append(b.d.Edges, analyzer.Edge{From: "route:GET /client", To: require, Kind: analyzer.EdgeWraps, Weight: 1})
			if tt.wrapUsers {
				b.d.Edges = append(b.d.Edges, analyzer.Edge{From: "route:GET /user", To: require, Kind: analyzer.EdgeWraps, Weight: 1})
			}
			if tt.handler {
				b.route("GET /token", require)
			}
			f := newKernelFixture(t, &b)
			for _, id := range []string{clients, byToken, "route:GET /client", typ, require, check, router} {
				f.label[f.unit(id)] = 0
			}
			for _, id := range []string{users, "route:GET /user"} {
				f.label[f.unit(id)] = 1
			}
			if tt.handler {
				f.label[f.unit("route:GET /token")] = 0
			}
			if tt.pinned {
				f.cons.set[f.unit(typ)] = 0
			}
			middlewareToKernel(f.m, f.r, f.cons, f.label)
			// the router registering it sits in the clients service: no
			// sole user takes middleware of several services back
			giveSoleUsed(f.m, f.s, f.r, f.cons, f.label)
			f.check(t, "auth", []string{typ, require, check}, tt.wantAuth)
			f.check(t, "clients' code", []string{clients, byToken}, 0)
			if tt.wantAuth == labelKernel {
				reasons := kernelReasons(f.m, f.s, f.cons, f.label, nil)
				found := false
				for _, kr := range reasons {
					found = found || kr.Package == auth && strings.Contains(kr.Reason, "middleware") && kr.Units == 3
				}
				if !found {
					t.Errorf("kernel reasons %+v: want the auth package's 3 units explained as middleware", reasons)
				}
			}
		})
	}
}
