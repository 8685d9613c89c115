package mesh

import (
	"bytes"
	"strings"
	"testing"
)

// TestExportExactMethods: a GET route with exact_methods is exported to
// every target as
// GET alone; a plain GET route keeps HEAD, as the proxy matches it.
func TestExportExactMethods(t *testing.T) {
	for _, tt := range []struct {
		exact    string
		wantHEAD bool
	}{{"", true}, {"exact_methods: true, ", false}} {
		cfg := parseConfig(t, `
backends:
  monolith: {url: "http://monolith.shop.svc:9001"}
  ui: {url: "http://ui.shop.svc:8080"}
default: monolith
routes:
  - {name: ui.get-root, match: {methods: [GET], `+tt.exact+`path: "/{$}"}, to: ui, mode: service}
`)
		for _, target := range []Target{Envoy, Istio, GatewayAPI} {
			var buf bytes.Buffer
			if _, err := Export(&buf, target, cfg, Options{Namespace: "shop", Hosts: []string{"shop.example"}}); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(buf.String(), "HEAD"); got != tt.wantHEAD {
				t.Errorf("%s with %q: HEAD in the export %v, want %v:\n%s", target, tt.exact, got, tt.wantHEAD, buf.String())
			}
		}
	}
}
