package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestParseIssueExample parses testdata/example.yaml, the configuration
// shape promised to users.
func TestParseIssueExample(t *testing.T) {
	y, err := os.ReadFile(filepath.Join("testdata", "example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse("ficus-proxy.yaml", y)
	if err != nil {
		t.Fatal(err)
	}
	w25 := 25.0
	want := []RouteConfig{
		{Name: "orders-read", Match: MatchConfig{Methods: []string{"GET"}, Path: "/orders/{id}"}, To: "orders", Weight: &w25, Cohort: "header:X-User-ID", Fallback: "monolith"},
		{Name: "orders-write", Match: MatchConfig{Methods: []string{"POST"}, Path: "/orders", Headers: map[string]string{"X-Beta": "1"}}, To: "orders", Cohort: "ip"},
	}
	if diff := cmp.Diff(want, cfg.Routes); diff != "" {
		t.Errorf("routes (-want +got):\n%s", diff)
	}
	orders := cfg.Backends["orders"]
	if got := orders.Timeout.D(); got != 3*time.Second {
		t.Errorf("orders timeout = %v, want 3s", got)
	}
	if orders.Health == nil || orders.Health.Path != "/healthz" || orders.Health.Interval.D() != 5*time.Second {
		t.Errorf("orders health = %+v", orders.Health)
	}
	if got := cfg.Backends["monolith"].Timeout.D(); got != defaultBackendTimeout {
		t.Errorf("monolith timeout default = %v", got)
	}
	if cfg.Routes[1].WeightBuckets() != Buckets {
		t.Errorf("route without weight should send every bucket")
	}
	if !cfg.OverrideEnabled() || cfg.Override.Header != defaultOverrideHeader {
		t.Errorf("override defaults: %+v", cfg.Override)
	}
}

func TestParseProblems(t *testing.T) {
	const base = "backends:\n  monolith: {url: http://127.0.0.1:9001}\n  orders: {url: http://127.0.0.1:9002}\ndefault: monolith\n"
	tests := []struct {
		name string
		yaml string
		want []string // substrings of the error, in order of lines
	}{
		{"unknown backend", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: order\n",
			[]string{`x.yaml:8:5: routes[0].to: unknown backend "order" (fix: did you mean "orders"?)`}},
		{"bad pattern", base + "routes:\n  - name: a\n    match: {path: \"/a/{id\"}\n    to: orders\n",
			[]string{`x.yaml:7:13: routes[0].match.path: path "/a/{id": segment "{id"`}},
		{"wildcard not at end", base + "routes:\n  - name: a\n    match: {path: \"/a/{rest...}/b\"}\n    to: orders\n",
			[]string{`:7:13: routes[0].match.path:`, `must be at the end`}},
		{"weight out of range", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: orders\n    weight: 150\n",
			[]string{`x.yaml:9:5: routes[0].weight: weight 150 is out of range`}},
		{"weight too fine", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: orders\n    weight: 0.001\n",
			[]string{`:9:5: routes[0].weight: weight 0.001 is finer than one bucket`}},
		{"duplicate route", base + "routes:\n  - name: a\n    match: {methods: [GET], path: /a}\n    to: orders\n  - name: b\n    match: {methods: [GET], path: /a}\n    to: orders\n",
			[]string{`x.yaml:10:5: routes[1].match: route "b" duplicates route "a" (line 6)`}},
		{"shadowed route", base + "routes:\n  - name: a\n    match: {methods: [GET, POST], path: /a}\n    to: orders\n  - name: b\n    match: {methods: [GET], path: /a}\n    to: orders\n",
			[]string{`:10:5: routes[1].match: route "b" is shadowed by route "a" (line 6): both match GET /a`}},
		{"equivalent wildcards", base + "routes:\n  - name: a\n    match: {path: \"/a/{x}\"}\n    to: orders\n  - name: b\n    match: {path: \"/a/{y}\"}\n    to: orders\n",
			[]string{`route "b" is shadowed by route "a"`}},
		{"overlapping routes", base + "routes:\n  - name: a\n    match: {path: \"/a/{x}\"}\n    to: orders\n  - name: b\n    match: {path: \"/{y}/b\"}\n    to: orders\n",
			[]string{`:10:5: routes[1].match: route "b" (/{y}/b) conflicts with route "a" (line 6, /a/{x}): both match /a/b, and neither is more specific`}},
		{"method vs path conflict", base + "routes:\n  - name: a\n    match: {methods: [GET], path: \"/a/{x}\"}\n    to: orders\n  - name: b\n    match: {path: /a/b}\n    to: orders\n",
			[]string{`route "b" (/a/b) conflicts with route "a" (line 6, GET /a/{x})`}},
		{"exact methods without GET", base + "routes:\n  - name: a\n    match: {methods: [POST], exact_methods: true, path: /a}\n    to: orders\n",
			[]string{`routes[0].match.exact_methods: exact_methods only keeps GET from matching HEAD, and methods has no GET (fix: remove it, or list GET in methods)`}},
		{"shadow keys", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: orders\n    shadow: {keys: {\"items\": id, \"$.rows\": \"\"}}\n",
			[]string{`routes[0].shadow.keys: the key of $.rows is empty`, `routes[0].shadow.keys: "items" is not an array path`}},
		{"duplicate name", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: orders\n  - name: a\n    match: {path: /b}\n    to: orders\n",
			[]string{`:9:5: routes[1].name: route name "a" is already used by routes[0] (line 6)`}},
		{"unknown field", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: orders\n    wieght: 5\n",
			[]string{`x.yaml:9:5: unknown field "wieght" in routes[0] (fix: did you mean "weight"?)`}},
		{"unknown top field", "listn: :8080\n" + base,
			[]string{`x.yaml:1:1: unknown field "listn" at the top level (fix: did you mean "listen"?)`}},
		{"bad duration", "backends:\n  monolith: {url: http://127.0.0.1:9001, timeout: 5}\ndefault: monolith\n",
			[]string{`x.yaml:2:51: backends.monolith.timeout: 5 has no unit (fix: write 5s for seconds)`}},
		{"bad duration text", "backends:\n  monolith: {url: http://127.0.0.1:9001, timeout: soon}\ndefault: monolith\n",
			[]string{`"soon" is not a duration`}},
		{"missing default", "backends:\n  monolith: {url: http://127.0.0.1:9001}\n",
			[]string{`x.yaml: default: no default backend`}},
		{"unknown default", "backends:\n  monolith: {url: http://127.0.0.1:9001}\ndefault: monolit\n",
			[]string{`x.yaml:3:1: default: unknown backend "monolit" (fix: did you mean "monolith"?)`}},
		{"bad url", "backends:\n  monolith: {url: ftp://x}\ndefault: monolith\n",
			[]string{`x.yaml:2:14: backends.monolith.url: scheme "ftp" is not supported`}},
		{"fallback same as to", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: orders\n    fallback: orders\n",
			[]string{`:9:5: routes[0].fallback: fallback is the same backend as to`}},
		{"bad cohort", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: orders\n    cohort: user\n",
			[]string{`:9:5: routes[0].cohort: cohort "user" is not header:NAME, cookie:NAME or ip`}},
		{"syntax error", "backends:\n  monolith: {url: http://x\ndefault: monolith\n",
			[]string{`x.yaml:`, `invalid YAML`}},
		{"empty file", "# nothing\n", []string{`x.yaml:1:1: the file is empty`}},
		{"wrong type", "backends: [monolith]\ndefault: monolith\n",
			[]string{`x.yaml:1:11: backends must be a mapping, not a list`}},
		{"host with port", base + "routes:\n  - name: a\n    match: {host: \"a.example.com:80\", path: /a}\n    to: orders\n",
			[]string{`routes[0].match.host: host "a.example.com:80" is not a host name`}},
		{"unclean path", base + "routes:\n  - name: a\n    match: {path: /a/../b}\n    to: orders\n",
			[]string{`is not clean`}},
		{"same listen and admin", "listen: :9000\nadmin: :9000\n" + base,
			[]string{`x.yaml:2:1: admin: admin and listen are both ":9000"`}},
		{"bad trusted proxy", base + "trusted_proxies: [10.0.0.0/33]\n",
			[]string{`:5:19: trusted_proxies[0]: "10.0.0.0/33" is not an address or prefix`}},
		{"several problems in line order", base + "routes:\n  - name: a\n    match: {path: /a}\n    to: nope\n    weight: -1\n",
			[]string{`:8:5: routes[0].to: unknown backend "nope"`, `:9:5: routes[0].weight: weight -1 is out of range`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.yaml))
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("Parse error = %v, want a *ConfigError", err)
			}
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error lacks %q (in order):\n%s", w, msg)
				}
				at += i + len(w)
			}
		})
	}
}

func TestParseAnchorsAndUnits(t *testing.T) {
	const y = `backends:
  monolith: &b {url: http://127.0.0.1:9001, timeout: 1m30s}
  copy: *b
default: monolith
server:
  max_body_bytes: 10MiB
  replay_body_bytes: 64KiB
  max_header_bytes: 65536
`
	cfg, err := Parse("x.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Backends["copy"].Timeout.D() != 90*time.Second {
		t.Errorf("alias not resolved: %+v", cfg.Backends["copy"])
	}
	if cfg.Server.MaxBodyBytes != 10<<20 || cfg.Server.ReplayBodyBytes != 64<<10 || cfg.Server.MaxHeaderBytes != 65536 {
		t.Errorf("sizes: %+v", cfg.Server)
	}
}

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in      string
		want    ByteSize
		wantErr bool
	}{
		{"0", 0, false}, {"1024", 1024, false}, {"64KiB", 64 << 10, false}, {"1 MiB", 1 << 20, false},
		{"2GB", 2e9, false}, {"10B", 10, false}, {"-1", 0, true}, {"1.5MiB", 0, true}, {"lots", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseByteSize(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("parseByteSize(%q) = %d, %v; want %d, err %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}
