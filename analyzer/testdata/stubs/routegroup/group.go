// Package routegroup is a stand-in for github.com/go-pkgz/routegroup with
// the signatures of its routing API.
package routegroup

import "net/http"

// Bundle is a group of routes over a ServeMux.
type Bundle struct {
	mux      *http.ServeMux
	basePath string
}

// New returns a group at the mux's root.
func New(mux *http.ServeMux) *Bundle { return &Bundle{mux: mux} }

// Mount returns a group below basePath.
func Mount(mux *http.ServeMux, basePath string) *Bundle {
	return &Bundle{mux: mux, basePath: basePath}
}

// ServeHTTP serves the mux.
func (b *Bundle) ServeHTTP(w http.ResponseWriter, r *http.Request) { b.mux.ServeHTTP(w, r) }

// Group returns a copy of the group.
func (b *Bundle) Group() *Bundle { c := *b; return &c }

// Mount returns a group below basePath of this one.
func (b *Bundle) Mount(basePath string) *Bundle {
	c := *b
	c.basePath += basePath
	return &c
}

// Use adds middleware.
func (b *Bundle) Use(mw func(http.Handler) http.Handler, more ...func(http.Handler) http.Handler) {}

// With returns a copy of the group with more middleware.
func (b *Bundle) With(mw func(http.Handler) http.Handler, more ...func(http.Handler) http.Handler) *Bundle {
	c := *b
	return &c
}

// Handle registers a handler for a pattern below the group's path.
func (b *Bundle) Handle(pattern string, handler http.Handler) {}

// HandleFunc registers a handler function for a pattern below the group's path.
func (b *Bundle) HandleFunc(pattern string, handler http.HandlerFunc) {}

// HandleFiles serves files below the pattern.
func (b *Bundle) HandleFiles(pattern string, root http.FileSystem) {}

// HandleRoot registers a handler for the group's own path.
func (b *Bundle) HandleRoot(method string, handler http.Handler) {}

// HandleRootFunc registers a handler function for the group's own path.
func (b *Bundle) HandleRootFunc(method string, handler http.HandlerFunc) {}

// Route configures the group with fn.
func (b *Bundle) Route(fn func(*Bundle)) { fn(b) }
