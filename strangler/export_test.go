package strangler

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/goccy/go-yaml"
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
	for _, target := range ExportTargets() {
		t.Run(string(target), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Export(&buf, target, cfg, ExportOptions{Namespace: "shop", Hosts: []string{"shop.example"}}); err != nil {
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
	if err := Export(&bytes.Buffer{}, "nginx", cfg, ExportOptions{}); !errors.Is(err, ErrUnknownTarget) {
		t.Errorf("unknown target: %v", err)
	}
}

func TestExportUsesLiveState(t *testing.T) {
	cfg := parseConfig(t, exportConfig)
	state := &StateDoc{Routes: map[string]RouteState{"catalog.get-products-id": {Mode: ModeCanary, Weight: 25}}}
	var buf bytes.Buffer
	if err := Export(&buf, ExportGatewayAPI, cfg, ExportOptions{State: state}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("weight: 2500")) || bytes.Contains(buf.Bytes(), []byte("RequestMirror")) {
		t.Errorf("the state's canary at 25%% is not exported:\n%s", buf.String())
	}
}

func TestPathMatch(t *testing.T) {
	tests := []struct{ path, wantKind, wantValue string }{
		{"/", "prefix", "/"},
		{"/orders", "exact", "/orders"},
		{"/orders/", "prefix", "/orders/"},
		{"/orders/{$}", "exact", "/orders/"},
		{"/orders/{id}", "regex", "^/orders/[^/]+$"},
		{"/a.b/{id}/", "regex", `^/a\.b/[^/]+/.*$`},
		{"/files/{p...}", "regex", "^/files/.*$"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			segs, err := parsePath(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if k, v := pathMatch(segs); k != tt.wantKind || v != tt.wantValue {
				t.Errorf("pathMatch = %s %q, want %s %q", k, v, tt.wantKind, tt.wantValue)
			}
		})
	}
}
