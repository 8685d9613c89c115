package mesh

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"testing"

	"github.com/goccy/go-yaml"

	goldenfile "github.com/ficus-dev/ficus/internal/golden"
	"github.com/ficus-dev/ficus/strangler"
	"github.com/ficus-dev/ficus/strangler/config"
)

// exportConfig has a route in every mode and every kind of match.
const exportConfig = `
listen: 0.0.0.0:8080
admin: 127.0.0.1:9901
backends:
  monolith: {url: "http://monolith.shop.svc:9001", timeout: 30s}
  catalog:  {url: "http://catalog.shop.svc:8080", timeout: 2s, max_conns: 100, health: {path: /healthz}}
  orders:   {url: "https://orders.shop.svc", tls: {server_name: orders.internal}, breaker: {enabled: false}}
default: monolith
routes:
  - {name: catalog.get-products-id, match: {methods: [GET], path: "/products/{id}"}, to: catalog, mode: shadow, fallback: monolith, cohort: header:X-User-ID}
  - {name: catalog.get-products-search, match: {methods: [GET], path: /products/search}, to: catalog, mode: canary, weight: 12.5, fallback: monolith, cohort: cookie:uid}
  - {name: orders.any, match: {path: /orders/, headers: {X-Beta: "1"}, cookies: {team: "*"}, query: {v: "2"}}, to: orders, mode: service}
  - {name: orders.post, match: {methods: [POST, PUT], host: api.shop.example, path: "/orders/{id}/pay"}, to: orders, mode: monolith, fallback: monolith}
  - {name: static, match: {path: "/static/{file...}"}, to: catalog, mode: retired}
`

func TestExportGolden(t *testing.T) {
	cfg := parseConfig(t, exportConfig)
	for _, target := range Targets() {
		t.Run(string(target), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Export(&buf, target, cfg, Options{Namespace: "shop", Hosts: []string{"shop.example"}}); err != nil {
				t.Fatal(err)
			}
			golden(t, "export-"+string(target)+".yaml", buf.Bytes())
			// Every document is YAML that reads back.
			dec := yaml.NewDecoder(bytes.NewReader(buf.Bytes()))
			for {
				var v any
				if err := dec.Decode(&v); err != nil {
					if errors.Is(err, io.EOF) {
						break
					}
					t.Fatalf("output does not read back: %v", err)
				}
			}
		})
	}
	if err := Export(&bytes.Buffer{}, "nginx", cfg, Options{}); !errors.Is(err, ErrUnknownTarget) {
		t.Errorf("unknown target: %v", err)
	}
}

func TestExportUsesLiveState(t *testing.T) {
	cfg := parseConfig(t, exportConfig)
	state := &strangler.StateDoc{Routes: map[string]strangler.RouteState{"catalog.get-products-id": {Mode: config.ModeCanary, Weight: 25}}}
	var buf bytes.Buffer
	if err := Export(&buf, GatewayAPI, cfg, Options{State: state}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("weight: 2500")) || bytes.Contains(buf.Bytes(), []byte("RequestMirror")) {
		t.Errorf("the state's canary at 25%% is not exported:\n%s", buf.String())
	}
}

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got, *update)
}

func parseConfig(t *testing.T, y string) *config.Config {
	t.Helper()
	cfg, err := config.Parse("test.yaml", []byte(y))
	if err != nil {
		t.Fatalf("config: %v\n%s", err, y)
	}
	return cfg
}
