package evidence

import "testing"

func TestRouteMatcher(t *testing.T) {
	m := NewRouteMatcher(testDoc().Nodes)
	tests := []struct {
		name, method, path, want string
	}{
		{"literal", "GET", "/orders", "route:GET /orders"},
		{"trailing slash", "GET", "/orders/", "route:GET /orders"},
		{"parameter", "GET", "/orders/o1", "route:GET /orders/{id}"},
		{"literal beats parameter", "GET", "/orders/search", "route:GET /orders/search"},
		{"query dropped", "GET", "/orders/o1?x=1", "route:GET /orders/{id}"},
		{"method", "POST", "/orders", "route:POST /orders"},
		{"wrong method", "DELETE", "/orders/o1", ""},
		{"HEAD served by GET", "HEAD", "/orders", "route:GET /orders"},
		{"any method", "PUT", "/healthz", "route:* /healthz"},
		{"rest wildcard", "GET", "/static/css/site.css", "route:GET /static/{filepath...}"},
		{"subtree", "GET", "/files/a/b", "route:GET /files/"},
		{"template", "GET", "/orders/{id}", "route:GET /orders/{id}"},
		{"colon template", "GET", "/orders/:id", "route:GET /orders/{id}"},
		{"too long", "GET", "/orders/o1/lines", ""},
		{"unknown", "GET", "/nowhere", ""},
		{"lower-case method", "get", "/orders", "route:GET /orders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Match(tt.method, tt.path); got != tt.want {
				t.Errorf("Match(%q, %q) = %q, want %q", tt.method, tt.path, got, tt.want)
			}
		})
	}
}

func TestCanonicalFunc(t *testing.T) {
	tests := []struct{ in, want string }{
		{"example.com/a.(*T).M", "example.com/a.T.M"},
		{"example.com/a.T.M", "example.com/a.T.M"},
		{"example.com/a.F.func1", "example.com/a.F"},
		{"example.com/a.F.func1.2", "example.com/a.F"},
		{"example.com/a.(*T).function", "example.com/a.T.function"},
		{"example.com/v2.F", "example.com/v2.F"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := canonicalFunc(tt.in); got != tt.want {
				t.Errorf("canonicalFunc(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
