package strangler

import "testing"

func TestMeshPath(t *testing.T) {
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
			k, v, err := MeshPath(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if k != tt.wantKind || v != tt.wantValue {
				t.Errorf("MeshPath = %s %q, want %s %q", k, v, tt.wantKind, tt.wantValue)
			}
		})
	}
}
