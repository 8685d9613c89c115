package config

import (
	"errors"
	"strings"
	"testing"
)

// TestParseDecodeProblems checks that what the YAML decoder refuses is
// worded like the rest of the file's problems, with line and column.
func TestParseDecodeProblems(t *testing.T) {
	const m = "backends:\n  m: {url: http://127.0.0.1:1"
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"not a mapping", "hello\n", []string{`x.yaml:1:1: the configuration must be a mapping, not "hello"`}},
		{"whole number", m + ", max_conns: lots}\ndefault: m\n", []string{`x.yaml:2:43: backends.m.max_conns must be a whole number, not "lots"`}},
		{"too large", m + ", max_conns: 99999999999999999999999}\ndefault: m\n", []string{`x.yaml:2:43: backends.m.max_conns: 99999999999999999999999 is too large`}},
		{"string", "backends:\n  m: {url: {a: b}}\ndefault: m\n", []string{`x.yaml:2:12: backends.m.url must be a string, not a mapping`}},
		{"bool", m + ", tls: {insecure_skip_verify: maybe}}\ndefault: m\n", []string{`x.yaml:2:60: backends.m.tls.insecure_skip_verify must be true or false, not "maybe"`}},
		{"size", m + "}\ndefault: m\nserver: {max_body_bytes: lots}\n", []string{`x.yaml:4:26: server.max_body_bytes must be a size in bytes, not "lots"`}},
		{"duplicate key", m + "}\n  m: {url: http://127.0.0.1:2}\ndefault: m\n", []string{`x.yaml:3:3: invalid YAML: mapping key "m" already defined`, `(fix: remove one of them)`}},
		{"unknown alias", m + "}\ndefault: m\nroutes: *nope\n", []string{`x.yaml:4:9: unknown alias *nope (fix: define the anchor (&nope) before using it)`}},
		{"merge key", "backends:\n  <<: {m: {url: http://127.0.0.1:1}}\ndefault: m\n", []string{`x.yaml:2:3: merge keys (<<) and complex keys are not supported`}},
		{"every unknown field", m + ", tmeout: 5s, health: {path: /h, intervl: 5s}}\ndefault: m\nlistn: :80\n",
			[]string{`x.yaml:2:32: unknown field "tmeout" in backends.m (fix: did you mean "timeout"?)`, `x.yaml:2:63: unknown field "intervl" in backends.m.health`, `x.yaml:4:1: unknown field "listn" at the top level`}},
		{"alias bomb", "trusted_proxies:\n - &a [1,1,1,1,1,1,1,1,1,1]\n - &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n - &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n - &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n - &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n - [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
			[]string{`the file expands to more than 100000 values`}},
		{"deep nesting", "routes: " + strings.Repeat("[", 80) + strings.Repeat("]", 80) + "\n", []string{`nesting is deeper than 64 levels`}},
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

// TestParseAliasedDuration checks that an alias stands for its anchor's
// value down to a duration.
func TestParseAliasedDuration(t *testing.T) {
	cfg, err := Parse("x.yaml", []byte("backends:\n  m: {url: http://127.0.0.1:1, timeout: &t 7s, connect_timeout: *t}\ndefault: m\n"))
	if err != nil {
		t.Fatal(err)
	}
	if b := cfg.Backends["m"]; b.Timeout.D().Seconds() != 7 || b.ConnectTimeout.D().Seconds() != 7 {
		t.Errorf("timeouts = %v, %v; want 7s, 7s", b.Timeout, b.ConnectTimeout)
	}
}
