// Package httprouter is a stand-in for github.com/julienschmidt/httprouter
// with the signatures of its routing API.
package httprouter

import "net/http"

// Param is one URL parameter.
type Param struct{ Key, Value string }

// Params are a route's URL parameters.
type Params []Param

// Handle serves a request with its parameters.
type Handle func(http.ResponseWriter, *http.Request, Params)

// Router dispatches requests to routes.
type Router struct {
	NotFound http.Handler
}

// New returns a Router.
func New() *Router { return &Router{} }

// GET registers a GET route.
func (r *Router) GET(path string, handle Handle) {}

// HEAD registers a HEAD route.
func (r *Router) HEAD(path string, handle Handle) {}

// OPTIONS registers an OPTIONS route.
func (r *Router) OPTIONS(path string, handle Handle) {}

// POST registers a POST route.
func (r *Router) POST(path string, handle Handle) {}

// PUT registers a PUT route.
func (r *Router) PUT(path string, handle Handle) {}

// PATCH registers a PATCH route.
func (r *Router) PATCH(path string, handle Handle) {}

// DELETE registers a DELETE route.
func (r *Router) DELETE(path string, handle Handle) {}

// Handle registers a route for a method.
func (r *Router) Handle(method, path string, handle Handle) {}

// Handler registers an http.Handler for a method and path.
func (r *Router) Handler(method, path string, handler http.Handler) {}

// HandlerFunc registers an http.HandlerFunc for a method and path.
func (r *Router) HandlerFunc(method, path string, handler http.HandlerFunc) {}

// ServeFiles serves files below path, which ends in /*filepath.
func (r *Router) ServeFiles(path string, root http.FileSystem) {}

// ServeHTTP dispatches a request.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}
