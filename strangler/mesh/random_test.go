package mesh

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// TestRandomConfigsRouteAsTheProxy is the differential test over drawn
// configurations: routes combine patterns, methods, hosts, headers,
// cookies and query conditions at random (a fixed seed), and a request
// corpus goes through the proxy's routing table (the matchers and router
// its Table compiles, after the redirect it answers unclean paths with)
// and through each target's model over the export.
func TestRandomConfigsRouteAsTheProxy(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	tried, kept, agree, tolerated := 0, 0, 0, 0
	for tried < 600 && kept < 60 {
		tried++
		y := randomConfig(rng)
		cfg, err := config.Parse("random.yaml", []byte(y))
		if err != nil {
			continue // conflicting or invalid: the proxy would refuse it too
		}
		kept++
		router := tableRouter(t, cfg)
		corpus := requestCorpus(cfg, 300)
		want := make([]string, len(corpus))
		for i, r := range corpus {
			want[i] = routeOf(cfg, router, r)
		}
		for _, target := range Targets() {
			a, d := compareTarget(t, target, cfg, corpus, want)
			agree, tolerated = agree+a, tolerated+d
			if t.Failed() {
				t.Fatalf("in the configuration\n%s", y)
			}
		}
	}
	if kept < 20 {
		t.Fatalf("only %d of %d drawn configurations are valid: the generator needs fixing", kept, tried)
	}
	t.Logf("%d configurations (of %d drawn): %d routings agree, %d differ where the export warned or docs/exports.md says", kept, tried, agree, tolerated)
}

// randomConfig draws a configuration of 2 to 6 routes.
func randomConfig(rng *rand.Rand) string {
	paths := []string{"/", "/orders", "/orders/", "/orders/{id}", "/orders/{id}/pay", "/orders/42", "/orders/{rest...}",
		"/orders/{$}", "/static/", "/static/{file}", "/a%2Fb", "/caf%C3%A9", "/files/{p...}", "/files/special/x", "/{x}/pay"}
	methods := [][]string{nil, nil, {"GET"}, {"get"}, {"POST"}, {"HEAD"}, {"GET", "DELETE"}, {"PATCH", "PUT"}}
	hosts := []string{"", "", "", "api.shop.example", "API.Example.COM"}
	var b strings.Builder
	b.WriteString("backends:\n  monolith: {url: \"http://monolith:9000\"}\n  svc: {url: \"http://svc:8080\"}\ndefault: monolith\nroutes:\n")
	n := 2 + rng.IntN(5)
	for i := range n {
		var conds []string
		if ms := methods[rng.IntN(len(methods))]; ms != nil {
			conds = append(conds, fmt.Sprintf("methods: [%s]", strings.Join(ms, ", ")))
		}
		if h := hosts[rng.IntN(len(hosts))]; h != "" {
			conds = append(conds, "host: "+h)
		}
		conds = append(conds, fmt.Sprintf("path: %q", paths[rng.IntN(len(paths))]))
		switch rng.IntN(6) {
		case 0:
			conds = append(conds, `headers: {X-Beta: "1"}`)
		case 1:
			conds = append(conds, `cookies: {team: blue}`)
		case 2:
			conds = append(conds, `cookies: {team: blue, lang: en}`)
		case 3:
			conds = append(conds, `query: {v: "2"}`)
		}
		mode := []string{"service", "monolith", "retired"}[rng.IntN(3)]
		fmt.Fprintf(&b, "  - {name: r%d, match: {%s}, to: svc, mode: %s}\n", i, strings.Join(conds, ", "), mode)
	}
	return b.String()
}

// tableRouter compiles cfg's routes as the proxy's Table does.
func tableRouter(t *testing.T, cfg *config.Config) *match.Router {
	t.Helper()
	var all []*match.Matcher
	for i, rc := range cfg.Routes {
		ms, err := match.Compile(i, match.Rule(rc.Match))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ms...)
	}
	rt, conflicts := match.NewRouter(all)
	if len(conflicts) > 0 {
		t.Fatalf("a valid configuration has conflicts")
	}
	return rt
}

// routeOf is the route the proxy serves r from: an unclean path is first
// redirected to the clean one, as the proxy answers it.
func routeOf(cfg *config.Config, rt *match.Router, r modelRequest) string {
	target := match.CleanPath(r.path)
	if r.query != "" {
		target += "?" + r.query
	}
	req := httptest.NewRequest(r.method, target, nil)
	req.Host = r.host
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	if m := rt.Match(req); m != nil {
		return cfg.Routes[m.Route].Name
	}
	return "_default"
}
