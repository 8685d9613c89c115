package analyzer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRegexRoutes(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`^/[-_A-Za-z0-9]{1,64}/json$`, []string{"/{p1}/json"}},
		{`^/[-_A-Za-z0-9]{1,64}(,[-_A-Za-z0-9]{1,64})*/sse$`, []string{"/{p1}/sse"}},
		{`^/[-_A-Za-z0-9]{1,64}/(publish|send|trigger)$`, []string{"/{p1}/publish", "/{p1}/send", "/{p1}/trigger"}},
		{`^/docs(|/.*)$`, []string{"/docs", "/docs/{rest...}"}},
		{`^/static/.+`, []string{"/static/{rest...}"}},
		{`/v1/account/reservation/([-_A-Za-z0-9]{1,64})$`, []string{"/v1/account/reservation/{p1}"}},
		{`^/file/([-_A-Za-z0-9]{1,64})(?:\.[A-Za-z0-9]{1,16})?$`, []string{"/file/{p1}"}},
		{`^/users/(\d+)/orders/(\d+)$`, []string{"/users/{p1}/orders/{p2}"}},
		{`^/api`, []string{"/api", "/api/{rest...}"}},
		{`^/(.+)/json$`, nil}, // a wildcard spanning slashes before the end
		{`json$`, nil},        // anywhere in the path
		{`^/a\b`, nil},        // a word boundary
		{`^/(`, nil},          // not an expression
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, regexRoutes(tt.expr)); diff != "" {
				t.Errorf("regexRoutes(%q) (-want +got):\n%s", tt.expr, diff)
			}
		})
	}
}

// FuzzRegexRoutes checks that no expression panics and that every
// pattern read starts with a slash.
func FuzzRegexRoutes(f *testing.F) {
	for _, s := range []string{`^/a/[0-9]+$`, `^/docs(|/.*)$`, `(a|b)*`, `^/x{2,}/`, `\Q/a\E`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		for _, p := range regexRoutes(expr) {
			if p == "" || p[0] != '/' {
				t.Fatalf("regexRoutes(%q) gave %q", expr, p)
			}
		}
	})
}
