package evidence

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCoverageErrors: a coverage directory ficus cannot read says what
// to fix before anything is run.
func TestReadCoverageErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string // path under the directory → content
		wantErr string
	}{
		{name: "no directory", files: nil, wantErr: "pass the directory holding one GOCOVERDIR per route"},
		{name: "empty", files: map[string]string{"README": "x"}, wantErr: "no per-route directory"},
		{name: "no route file", files: map[string]string{"r1/covmeta.x": ""}, wantErr: "write the route it replayed"},
		{name: "route without a method", files: map[string]string{"r1/route": "/orders"}, wantErr: `write a method and a path`},
		{name: "route the graph lacks", files: map[string]string{"r1/route": "GET /nowhere"}, wantErr: "no route of the graph serves"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "coverage")
			for name, content := range tt.files {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := New(testDoc()).ReadCoverage(context.Background(), dir)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestFuncRanges: a coverage block maps to the function whose lines hold
// it, by import path and file name.
func TestFuncRanges(t *testing.T) {
	fr := newFuncRanges(testDoc().Nodes)
	const svc = "example.com/shop/internal/services"
	tests := []struct {
		file      string
		line      int
		wantID    string
		wantKnown bool
	}{
		{svc + "/orders.go", 10, svc + ".(*Orders).Place", true},
		{svc + "/orders.go", 29, svc + ".(*Orders).Place", true},
		{svc + "/orders.go", 30, "", true},
		{svc + "/orders.go", 42, svc + ".(*Orders).Get", true},
		{svc + "/orders.go", 5, "", true},
		{svc + "/catalog.go", 3, svc + ".Catalog.Product", true},
		{svc + "/other.go", 3, "", false},
	}
	for _, tt := range tests {
		id, known := fr.at(tt.file, tt.line)
		if id != tt.wantID || known != tt.wantKnown {
			t.Errorf("at(%s, %d) = %q, %v; want %q, %v", tt.file, tt.line, id, known, tt.wantID, tt.wantKnown)
		}
	}
}
