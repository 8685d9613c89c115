package mesh

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
)

// TestExportsRouteAsTheProxy is the differential test: a corpus of
// requests goes through the real proxy (on 127.0.0.1, its access log
// naming the route) and through a model of each target's documented
// matching over the exported configuration. They must reach the same
// route, or the export must have warned about one of the two routes (or,
// for a difference every route shares, about the kind of request).
func TestExportsRouteAsTheProxy(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "configs", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no configurations in testdata/configs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Parse(f, data)
			if err != nil {
				t.Fatal(err)
			}
			corpus := requestCorpus(cfg, 1500)
			want := proxyRoutes(t, data, corpus)
			for _, target := range Targets() {
				t.Run(string(target), func(t *testing.T) {
					agree, tolerated := compareTarget(t, target, cfg, corpus, want)
					t.Logf("%d requests: %d agree, %d differ where the export warned or docs/exports.md says", len(corpus), agree, tolerated)
				})
			}
		})
	}
}

// compareTarget exports cfg for target and routes the corpus through the
// target's model; each request must reach the route the proxy's answer in
// want names, or differ where the export warned or docs/exports.md says.
// It returns how many agree and how many differ so.
func compareTarget(t *testing.T, target Target, cfg *config.Config, corpus []modelRequest, want []string) (agree, tolerated int) {
	t.Helper()
	o := Options{}
	if target == Istio {
		o = Options{Gateway: "public", Hosts: []string{"*"}}
	}
	var buf bytes.Buffer
	res, err := Export(&buf, target, cfg, o)
	if err != nil {
		t.Fatal(err)
	}
	route := targetModel(t, target, buf.Bytes())
	for i, req := range corpus {
		got := route(req)
		switch {
		case sameRoute(got, want[i]):
			agree++
		case warned(res.Warnings, want[i], got, req) || documented(target, req):
			tolerated++
		default:
			t.Errorf("%s %s Host: %s Cookie: %q X-Beta: %q ?%s: the proxy routes to %s, %s to %q, and the export did not warn",
				req.method, req.path, req.host, req.header["Cookie"], req.header["X-Beta"], req.query, want[i], target, got)
		}
	}
	return agree, tolerated
}

// sameRoute reports whether a model's answer names the proxy's route:
// the default rule is the proxy's "_default" (no rule at all, "", is no
// route), and Istio names the entries of a route that precedence splits
// route, route-2, ...
func sameRoute(got, want string) bool {
	if got == "default" {
		got = "_default"
	}
	return got == want || strings.TrimRight(strings.TrimSuffix(got, "-"), "0123456789") == want+"-"
}

// routingTopics are the warnings that say a route is matched
// differently (the others are about what happens after the match).
var routingTopics = []string{"method", "host", "query", "cookies", "order", "dots"}

// warned reports whether a difference is one the export warned about.
func warned(ws []Warning, proxyRoute, targetRoute string, req modelRequest) bool {
	for _, w := range ws {
		if w.Route != "" && (w.Route == proxyRoute || w.Route == targetRoute) && slices.Contains(routingTopics, w.topic) {
			return true
		}
	}
	return false
}

// documented reports whether a difference is one docs/exports.md states
// for every configuration: Istio merges the slashes of "//" only when the
// mesh is configured to (meshConfig.pathNormalization), which no
// VirtualService can set.
func documented(target Target, req modelRequest) bool {
	return target == Istio && strings.Contains(req.path, "//")
}

// targetModel reads an export back and returns its model's router.
func targetModel(t *testing.T, target Target, out []byte) func(modelRequest) string {
	t.Helper()
	var docs []tree
	dec := yaml.NewDecoder(bytes.NewReader(out))
	for {
		var d tree
		if err := dec.Decode(&d); err != nil {
			if err == io.EOF {
				break
			}
			t.Fatalf("export does not read back: %v", err)
		}
		docs = append(docs, d)
	}
	switch target {
	case Envoy:
		return func(r modelRequest) string { return envoyModel(docs[0], r) }
	case Istio:
		return func(r modelRequest) string { return istioModel(docs[0], r) }
	}
	return func(r modelRequest) string { return gatewayModel(docs, r) }
}

// requestCorpus draws n requests (a fixed seed) from every route's sample
// paths and the odd inputs: methods in any case, hosts in any case and
// with ports, escaped paths, "//" and dot segments, trailing slashes,
// several cookies in any order, query parameters.
func requestCorpus(cfg *config.Config, n int) []modelRequest {
	paths := []string{"/", "/nothing/here"}
	hosts := []string{"shop.example", "API.Example.COM:8443", "api.example.com", "api.shop.example", "Admin.Shop.Example:80", "*.example.org"}
	for _, rc := range cfg.Routes {
		p := samplePath(rc.Match.Path)
		for _, v := range []string{p, strings.ToLower(p), p + "/", strings.TrimSuffix(p, "/"), "/" + p, "/x/.." + p, strings.Replace(p, "/", "//", 2)} {
			if strings.HasPrefix(v, "/") && !slices.Contains(paths, v) {
				paths = append(paths, v)
			}
		}
		if h := rc.Match.Host; h != "" {
			hosts = append(hosts, h, strings.ToUpper(h)+":8080")
		}
	}
	methods := []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "get", "PURGE"}
	cookies := []string{"", "", "team=blue; lang=en", "lang=en; team=blue", "team=red", "a=1; b=2; c=3", "c=3;a=1;  b=2", "a=1; b=2; c=3; d=4",
		"session=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "uid=7"}
	queries := []string{"", "", "v=2", "q=shoes", "filter[name]=x", "v=1"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var out []modelRequest
	for range n {
		r := modelRequest{method: pick(methods), host: pick(hosts), path: pick(paths), query: pick(queries), header: map[string]string{}}
		if c := pick(cookies); c != "" {
			r.header["Cookie"] = c
		}
		if rng.IntN(3) == 0 {
			r.header["X-Beta"] = "1"
		}
		out = append(out, r)
	}
	return out
}

// samplePath is a request path a pattern matches, escaped as written.
func samplePath(pattern string) string {
	p := strings.ReplaceAll(pattern, "{$}", "")
	p = regexp.MustCompile(`\{[A-Za-z_][A-Za-z0-9_]*\.\.\.\}`).ReplaceAllString(p, "a/b")
	p = regexp.MustCompile(`\{[A-Za-z_][A-Za-z0-9_]*\}`).ReplaceAllString(p, "42")
	if strings.HasSuffix(p, "/") && p != "/" && !strings.HasSuffix(pattern, "{$}") {
		p += "x"
	}
	return p
}

// proxyRoutes sends the corpus through a real proxy serving the
// configuration (its backends moved to one local server) and returns the
// route its access log names for each request, following the redirect
// it answers an unclean path with.
func proxyRoutes(t *testing.T, configYAML []byte, corpus []modelRequest) []string {
	t.Helper()
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.Copy(io.Discard, r.Body) }))
	t.Cleanup(backend.Close)
	var doc map[string]any
	if err := yaml.Unmarshal(configYAML, &doc); err != nil {
		t.Fatal(err)
	}
	for _, b := range doc["backends"].(map[string]any) {
		bm := b.(map[string]any)
		bm["url"] = backend.URL
		delete(bm, "tls")
		delete(bm, "health")
		delete(bm, "host_header")
	}
	doc["listen"] = "127.0.0.1:0"
	local, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("local.yaml", local)
	if err != nil {
		t.Fatal(err)
	}
	routes := make(chan string, 1)
	logs := slog.New(&routeHandler{routes: routes})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	p, err := strangler.NewProxy(ctx, cfg, strangler.Options{Logger: slog.New(slog.DiscardHandler), AccessLog: logs, StateFile: "-"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	send := func(r modelRequest, target string) *http.Response {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: 0\r\n", r.method, target, r.host)
		for _, k := range slices.Sorted(mapsKeys(r.header)) {
			fmt.Fprintf(&b, "%s: %s\r\n", k, r.header[k])
		}
		b.WriteString("\r\n")
		if _, err := io.WriteString(conn, b.String()); err != nil {
			t.Fatal(err)
		}
		res, err := http.ReadResponse(br, &http.Request{Method: r.method})
		if err != nil {
			t.Fatalf("%s %s: %v", r.method, target, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	next := func(r modelRequest, res *http.Response) string {
		select {
		case route := <-routes:
			return route
		case <-time.After(10 * time.Second):
			t.Fatalf("%s %s Host: %s: the proxy answered %s and logged no route", r.method, r.path, r.host, res.Status)
		}
		return ""
	}
	out := make([]string, len(corpus))
	for i, r := range corpus {
		target := r.path
		if r.query != "" {
			target += "?" + r.query
		}
		res := send(r, target)
		route := next(r, res)
		if res.StatusCode == http.StatusMovedPermanently || res.StatusCode == http.StatusPermanentRedirect {
			res = send(r, res.Header.Get("Location"))
			route = next(r, res)
		}
		out[i] = route
	}
	return out
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// routeHandler passes the route of each access log record on.
type routeHandler struct{ routes chan<- string }

func (h *routeHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *routeHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *routeHandler) WithGroup(string) slog.Handler            { return h }
func (h *routeHandler) Handle(_ context.Context, rec slog.Record) error {
	route := ""
	rec.Attrs(func(a slog.Attr) bool {
		if a.Key == "route" {
			route = a.Value.String()
		}
		return true
	})
	h.routes <- route
	return nil
}
