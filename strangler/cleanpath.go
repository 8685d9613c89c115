package strangler

import (
	"net/http"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// redirectUnclean answers a request whose path is not clean (it holds
// "//", "/./" or "/../") with a redirect to the clean path, as ServeMux
// does, and reports whether it did. Routes match clean paths; were the
// request forwarded as sent, a backend could resolve "/api/admin/../../x"
// to a different resource than the route that matched "/x". A redirect
// keeps routing and forwarding on one path without rewriting requests
// behind the client's back: 301 for GET and HEAD (as ServeMux), 308 for
// other methods so that the method and body are kept.
func redirectUnclean(w *recorder, r *http.Request) bool {
	if r.URL.Opaque != "" || r.URL.Path == "*" {
		return false
	}
	p := r.URL.EscapedPath()
	clean := match.CleanPath(p)
	if clean == p {
		return false
	}
	if r.URL.RawQuery != "" {
		clean += "?" + r.URL.RawQuery
	}
	code := http.StatusPermanentRedirect
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		code = http.StatusMovedPermanently
	}
	h := w.Header()
	h.Set("Location", clean)
	h.Set("Content-Length", "0")
	w.WriteHeader(code)
	return true
}
