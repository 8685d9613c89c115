package analyzer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitNamedQueries(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]string
	}{
		{name: "none", text: "SELECT 1;\n", want: map[string]string{}},
		{name: "goyesql", text: "-- name: get-user\nSELECT * FROM users;\n\n--name:drop-user\nDELETE FROM users;\n",
			want: map[string]string{"get-user": "SELECT * FROM users;\n\n", "drop-user": "DELETE FROM users;\n"}},
		{name: "sqlc", text: "-- name: GetAuthor :one\nSELECT * FROM authors\nWHERE id = $1;\n",
			want: map[string]string{"GetAuthor": "SELECT * FROM authors\nWHERE id = $1;\n"}},
		{name: "text before the first name", text: "-- schema notes\nCREATE TABLE x (id int);\n-- name: q\nSELECT 1;\n",
			want: map[string]string{"q": "SELECT 1;\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, splitNamedQueries(tt.text)); diff != "" {
				t.Errorf("splitNamedQueries (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzSplitNamedQueries checks that no .sql file, however odd, panics,
// and that every name is one word.
func FuzzSplitNamedQueries(f *testing.F) {
	for _, s := range []string{"", "-- name:", "-- name: a\nSELECT 1", "--name:b :many\n\n", "\x00-- name: c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for name := range splitNamedQueries(text) {
			if name == "" || strings.ContainsAny(name, " \t\n") {
				t.Fatalf("name %q is not one word", name)
			}
		}
	})
}
