package mesh

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestPathExpr(t *testing.T) {
	tests := []struct {
		pattern   string
		wantKind  string
		wantValue string
		wantDots  bool
	}{
		{"/", "prefix", "/", false},
		{"/{$}", "exact", "/", false},
		{"/orders/{$}", "exact", "/orders/", false},
		{"/orders", "exact", "/orders", false},
		{"/static/", "prefix", "/static/", false},
		{"/orders/{id}", "regex", "^/orders/[^/]+$", false},
		{"/files/{rest...}", "prefix", "/files/", false},
		{"/files/{id}/{rest...}", "regex", "^/files/[^/]+/.*$", false},
		// Escaped literals stay escaped, in either case of hex digit.
		{"/a%2Fb", "regex", "^/a%2[Ff]b$", false},
		{"/caf%C3%A9", "regex", "^/caf%[Cc]3%[Aa]9$", false},
		{"/caf%c3%a9", "regex", "^/caf%[Cc]3%[Aa]9$", false},
		{"/x%2F/y", "regex", "^/x%2[Ff]/y$", false},
		{"/tag/%23hot", "regex", "^/tag/%23hot$", false},
		{"/%2E%2E/", "regex", "^/%2[Ee]%2[Ee]/.*$", true},
		// An escaped character clients send unescaped is written plainly.
		{"/%61bc", "exact", "/abc", false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			e, err := parsePathPattern(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if e.kind != tt.wantKind || e.value != tt.wantValue || e.dotSegment != tt.wantDots {
				t.Errorf("got %s %q dots=%v, want %s %q dots=%v", e.kind, e.value, e.dotSegment, tt.wantKind, tt.wantValue, tt.wantDots)
			}
		})
	}
}

// FuzzPathRegexAgreesWithServeMux holds the regex a pattern exports to the
// answer of net/http.ServeMux, whose pattern semantics the proxy follows:
// for a clean request path, the regex matches exactly when the mux
// routes the request to the pattern.
func FuzzPathRegexAgreesWithServeMux(f *testing.F) {
	for _, s := range [][2]string{
		{"/orders/{id}", "/orders/42"}, {"/a%2Fb", "/a%2Fb"}, {"/a%2Fb", "/a/b"}, {"/caf%C3%A9", "/caf%c3%a9"},
		{"/static/", "/static"}, {"/static/", "/static/x/y"}, {"/f/{r...}", "/f/"}, {"/x/{$}", "/x/"}, {"/{id}", "/"},
		{"/tag/%23hot", "/tag/%23hot"}, {"/a b", "/a%20b"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") || cleanRequestPath(path) != path {
			return
		}
		u, err := url.Parse(path)
		if err != nil || u.EscapedPath() != path || !canonical(path) {
			return // not a path a client sends as is
		}
		mux := http.NewServeMux()
		if cleanRequestPath(pattern) == "" || !register(mux, pattern) {
			return
		}
		e, err := parsePathPattern(pattern)
		if err != nil || e.dotSegment {
			return
		}
		req := httptest.NewRequest("GET", "http://x"+path, nil)
		h, got := mux.Handler(req)
		// ServeMux redirects /tree to /tree/; the proxy matches no route.
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		muxMatch := got == pattern && rec.Code == http.StatusOK
		reMatch := regexp.MustCompile(e.regex).MatchString(path)
		if muxMatch != reMatch {
			t.Errorf("pattern %q, path %q: ServeMux matches %v, the exported regex %q %v", pattern, path, muxMatch, e.regex, reMatch)
		}
	})
}

// register adds pattern to mux, reporting false when ServeMux refuses it.
func register(mux *http.ServeMux, pattern string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if !strings.HasPrefix(pattern, "/") || strings.ContainsAny(pattern, " \t") {
		return false
	}
	mux.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	return true
}

// cleanRequestPath is the path ServeMux would not redirect.
func cleanRequestPath(p string) string {
	for _, bad := range []string{"//", "/./", "/../"} {
		if strings.Contains(p, bad) {
			return ""
		}
	}
	if strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..") {
		return ""
	}
	return p
}

// canonical reports whether each segment of p is escaped as clients write
// it (hex digits in either case): ServeMux also reads %61 as "a", which
// the exports do not. Segments that unescape to "." or ".." are left out:
// ServeMux cleans them after unescaping, the proxy before.
func canonical(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		u, err := url.PathUnescape(seg)
		if err != nil || u == "." || u == ".." || !strings.EqualFold(escapeSegment(u), seg) {
			return false
		}
	}
	return true
}
