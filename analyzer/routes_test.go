package analyzer

import (
	"strings"
	"testing"
)

func TestJoinPath(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"", "/x", "/x"},
		{"", "x", "/x"},
		{"/api", "/v1", "/api/v1"},
		{"/api/", "/v1", "/api/v1"},
		{"/api", "v1/", "/api/v1/"},
		{"/api", "", "/api"},
		{"/api", "/", "/api/"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := joinPath(tt.a, tt.b); got != tt.want {
			t.Errorf("joinPath(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestRouterLibs checks that each framework constant finds its library
// and each library's packages lead back to it.
func TestRouterLibs(t *testing.T) {
	tests := []struct {
		pkg  string
		want framework
	}{
		{"net/http", fwStd},
		{"github.com/gorilla/mux", fwGorilla},
		{"github.com/go-chi/chi/v5", fwChi},
		{"github.com/gin-gonic/gin", fwGin},
		{"github.com/labstack/echo/v4", fwEcho},
		{"github.com/gofiber/fiber/v2", fwFiber},
		{"github.com/go-ozzo/ozzo-routing/v2", fwOzzo},
		{"github.com/go-kratos/kratos/v2/transport/http", fwKratos},
		{"github.com/zeromicro/go-zero/rest", fwGoZero},
		{"github.com/julienschmidt/httprouter", fwHTTPRouter},
		{"github.com/go-pkgz/routegroup", fwRouteGroup},
		{"gopkg.in/macaron.v1", fwMacaron},
		{"github.com/example/notarouter", fwNone},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			fw := frameworkOf(tt.pkg)
			if fw != tt.want {
				t.Fatalf("frameworkOf(%q) = %d, want %d", tt.pkg, fw, tt.want)
			}
			l := libOf(fw)
			if (l == nil) != (fw == fwNone) {
				t.Fatalf("libOf(%d) = %v", fw, l)
			}
			if l != nil && l.framework() != fw {
				t.Errorf("libOf(%d).framework() = %d: routerLibs is out of the constants' order", fw, l.framework())
			}
		})
	}
	if n := len(routerLibs()); framework(n) != fwMacaron {
		t.Errorf("routerLibs has %d libraries, the last framework constant is %d", n, fwMacaron)
	}
}

func TestNormalizePattern(t *testing.T) {
	tests := []struct {
		in   string
		fw   framework
		want string
	}{
		{"/users/:id", fwGin, "/users/{id}"},
		{"/files/*filepath", fwGin, "/files/{filepath...}"},
		{"/static/*", fwEcho, "/static/{any...}"},
		{"/users/{id:[0-9]+}", fwChi, "/users/{id}"},
		{"/users/{id:[0-9]+}/orders", fwGorilla, "/users/{id}/orders"},
		{"/assets/*", fwChi, "/assets/{any...}"},
		{"/users/{id}", fwStd, "/users/{id}"},
		{"/a/:b", fwStd, "/a/:b"},
		{"/x/{path:.*}", fwGorilla, "/x/{path}"},
		{"/x/{p:[a-z/]+}/y", fwGorilla, "/x/{p}/y"},
		{"/book/:id", fwFiber, "/book/{id}"},
		{"/book/:id?", fwFiber, "/book/{id}"},
		{"/files/+", fwFiber, "/files/{any...}"},
		{"/swagger/*", fwFiber, "/swagger/{any...}"},
		{"/albums/<id>", fwOzzo, "/albums/{id}"},
		{"/albums/<id:\\d+>", fwOzzo, "/albums/{id}"},
		{"/files/<path:.*>", fwOzzo, "/files/{path...}"},
		{"/v1/beers/{id}", fwKratos, "/v1/beers/{id}"},
		{"/v1/{name=messages/*}", fwKratos, "/v1/{name}"},
		{"/user/:id", fwGoZero, "/user/{id}"},
		{"/posts/:id", fwHTTPRouter, "/posts/{id}"},
		{"/static/*filepath", fwHTTPRouter, "/static/{filepath...}"},
		{"/static/custom/:md5.css", fwHTTPRouter, "/static/custom/{md5_css}"},
		{"/files/*file-path", fwGin, "/files/{file_path...}"},
		{"/flights/{from}-{to}", fwChi, "/flights/{from}-{to}"},
		{"/custom/:md5.css", fwFiber, "/custom/{md5.css}"},
	}
	for _, tt := range tests {
		if got := normalizePattern(tt.in, tt.fw); got != tt.want {
			t.Errorf("normalizePattern(%q, %d) = %q, want %q", tt.in, tt.fw, got, tt.want)
		}
	}
}

func TestChiJoin(t *testing.T) {
	tests := []struct {
		prefix, path string
		fw           framework
		want         string
	}{
		{"/cargos", "/", fwChi, "/cargos"},
		{"/cargos/", "/", fwChi, "/cargos/"},
		{"", "/", fwChi, "/"},
		{"/cargos", "/{id}", fwChi, "/cargos/{id}"},
		{"/cargos", "/", fwGin, "/cargos/"},
	}
	for _, tt := range tests {
		if got := chiJoin(tt.prefix, tt.path, tt.fw); got != tt.want {
			t.Errorf("chiJoin(%q, %q, %d) = %q, want %q", tt.prefix, tt.path, tt.fw, got, tt.want)
		}
	}
}

func TestSplitStdPattern(t *testing.T) {
	tests := []struct{ in, wantMethod, wantRest string }{
		{"GET /x", "GET", "/x"},
		{"/x", "*", "/x"},
		{"POST  example.com/x", "POST", "example.com/x"},
		{"  DELETE /a/{id}", "DELETE", "/a/{id}"},
	}
	for _, tt := range tests {
		m, r := splitStdPattern(tt.in)
		if m != tt.wantMethod || r != tt.wantRest {
			t.Errorf("splitStdPattern(%q) = %q, %q; want %q, %q", tt.in, m, r, tt.wantMethod, tt.wantRest)
		}
	}
}

// FuzzRoutePattern checks that joining and normalizing any pattern never
// panics and keeps a leading slash once one is joined.
func FuzzRoutePattern(f *testing.F) {
	for _, s := range []string{"/users/:id", "/x/{a:[0-9]+}/*rest", "/{p:[a-z/]+}", "*", "{", "/:", "GET example.com/x"} {
		f.Add("/api", s, uint8(fwGin))
	}
	f.Fuzz(func(t *testing.T, prefix, p string, fw uint8) {
		j := joinPath(prefix, p)
		if (prefix != "" || p != "") && !strings.HasPrefix(j, "/") && !strings.HasPrefix(prefix, "/") && prefix != "" {
			return // a prefix without a slash is kept as written
		}
		if prefix == "" && p != "" && !strings.HasPrefix(j, "/") {
			t.Fatalf("joinPath(%q, %q) = %q: no leading slash", prefix, p, j)
		}
		_ = normalizePattern(j, framework(fw%uint8(fwGoZero+1)))
		_ = chiJoin(prefix, p, fwChi)
		m, r := splitStdPattern(p)
		if m == "" && r != "" {
			t.Fatalf("splitStdPattern(%q): empty method", p)
		}
		_, _ = splitHost(r)
	})
}
