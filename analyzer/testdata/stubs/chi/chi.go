// Package chi is a signature-only stand-in for github.com/go-chi/chi/v5,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; bodies do nothing.
package chi

import "net/http"

// NewRouter returns a new Mux object that implements the Router interface.
func NewRouter() *Mux { return NewMux() }

// Router consisting of the core routing methods used by chi's Mux.
type Router interface {
	http.Handler
	Routes

	// Use appends one or more middlewares onto the Router stack.
	Use(middlewares ...func(http.Handler) http.Handler)

	// With adds inline middlewares for an endpoint handler.
	With(middlewares ...func(http.Handler) http.Handler) Router

	// Group adds a new inline-Router along the current routing
	// path, with a fresh middleware stack for the inline-Router.
	Group(fn func(r Router)) Router

	// Route mounts a sub-Router along a pattern string.
	Route(pattern string, fn func(r Router)) Router

	// Mount attaches another http.Handler along ./pattern/*
	Mount(pattern string, h http.Handler)

	// Handle and HandleFunc adds routes for pattern that matches
	// all HTTP methods.
	Handle(pattern string, h http.Handler)
	HandleFunc(pattern string, h http.HandlerFunc)

	// Method and MethodFunc adds routes for pattern that matches
	// the method HTTP method.
	Method(method, pattern string, h http.Handler)
	MethodFunc(method, pattern string, h http.HandlerFunc)

	// HTTP-method routing along pattern.
	Connect(pattern string, h http.HandlerFunc)
	Delete(pattern string, h http.HandlerFunc)
	Get(pattern string, h http.HandlerFunc)
	Head(pattern string, h http.HandlerFunc)
	Options(pattern string, h http.HandlerFunc)
	Patch(pattern string, h http.HandlerFunc)
	Post(pattern string, h http.HandlerFunc)
	Put(pattern string, h http.HandlerFunc)
	Query(pattern string, h http.HandlerFunc)
	Trace(pattern string, h http.HandlerFunc)

	// NotFound defines a handler to respond whenever a route could
	// not be found.
	NotFound(h http.HandlerFunc)

	// MethodNotAllowed defines a handler to respond whenever a method is
	// not allowed.
	MethodNotAllowed(h http.HandlerFunc)
}

// Routes interface adds methods for router traversal.
type Routes interface {
	// Routes returns the routing tree in an easily traversable structure.
	Routes() []Route

	// Middlewares returns the list of middlewares in use by the router.
	Middlewares() Middlewares

	// Match searches the routing tree for a handler that matches
	// the method/path.
	Match(rctx *Context, method, path string) bool

	// Find searches the routing tree for the pattern that matches
	// the method/path.
	Find(rctx *Context, method, path string) string
}

// Middlewares type is a slice of standard middleware handlers.
type Middlewares []func(http.Handler) http.Handler

// Route describes the details of a routing handler.
type Route struct {
	SubRoutes Routes
	Handlers  map[string]http.Handler
	Pattern   string
}

// Context is the default routing context set on the root node of a
// request context to track route patterns, URL parameters and
// an optional routing path.
type Context struct {
	Routes Routes
}

// URLParam returns the url parameter from a http.Request object.
func URLParam(r *http.Request, key string) string { return "" }

// Mux is a simple HTTP route multiplexer.
type Mux struct {
	middlewares []func(http.Handler) http.Handler
}

var _ Router = (*Mux)(nil)

// NewMux returns a newly initialized Mux object that implements the Router
// interface.
func NewMux() *Mux { return &Mux{} }

// ServeHTTP is the single method of the http.Handler interface.
func (mx *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Use appends a middleware handler to the Mux middleware stack.
func (mx *Mux) Use(middlewares ...func(http.Handler) http.Handler) {
	mx.middlewares = append(mx.middlewares, middlewares...)
}

// Handle adds the route pattern that matches any http method.
func (mx *Mux) Handle(pattern string, handler http.Handler) {}

// HandleFunc adds the route pattern that matches any http method.
func (mx *Mux) HandleFunc(pattern string, handlerFn http.HandlerFunc) {}

// Method adds the route pattern that matches method.
func (mx *Mux) Method(method, pattern string, handler http.Handler) {}

// MethodFunc adds the route pattern that matches method.
func (mx *Mux) MethodFunc(method, pattern string, handlerFn http.HandlerFunc) {}

// Connect adds the route pattern that matches a CONNECT http method.
func (mx *Mux) Connect(pattern string, handlerFn http.HandlerFunc) {}

// Delete adds the route pattern that matches a DELETE http method.
func (mx *Mux) Delete(pattern string, handlerFn http.HandlerFunc) {}

// Get adds the route pattern that matches a GET http method.
func (mx *Mux) Get(pattern string, handlerFn http.HandlerFunc) {}

// Head adds the route pattern that matches a HEAD http method.
func (mx *Mux) Head(pattern string, handlerFn http.HandlerFunc) {}

// Options adds the route pattern that matches an OPTIONS http method.
func (mx *Mux) Options(pattern string, handlerFn http.HandlerFunc) {}

// Patch adds the route pattern that matches a PATCH http method.
func (mx *Mux) Patch(pattern string, handlerFn http.HandlerFunc) {}

// Post adds the route pattern that matches a POST http method.
func (mx *Mux) Post(pattern string, handlerFn http.HandlerFunc) {}

// Put adds the route pattern that matches a PUT http method.
func (mx *Mux) Put(pattern string, handlerFn http.HandlerFunc) {}

// Query adds the route pattern that matches a QUERY http method.
func (mx *Mux) Query(pattern string, handlerFn http.HandlerFunc) {}

// Trace adds the route pattern that matches a TRACE http method.
func (mx *Mux) Trace(pattern string, handlerFn http.HandlerFunc) {}

// NotFound sets a custom http.HandlerFunc for routing paths that could
// not be found.
func (mx *Mux) NotFound(handlerFn http.HandlerFunc) {}

// MethodNotAllowed sets a custom http.HandlerFunc for routing paths where
// the method is unresolved.
func (mx *Mux) MethodNotAllowed(handlerFn http.HandlerFunc) {}

// With adds inline middlewares for an endpoint handler.
func (mx *Mux) With(middlewares ...func(http.Handler) http.Handler) Router {
	return &Mux{middlewares: append(mx.middlewares[:len(mx.middlewares):len(mx.middlewares)], middlewares...)}
}

// Group creates a new inline-Mux with a copy of middleware stack.
func (mx *Mux) Group(fn func(r Router)) Router {
	im := mx.With()
	if fn != nil {
		fn(im)
	}
	return im
}

// Route creates a new Mux and mounts it along the pattern as a subrouter.
func (mx *Mux) Route(pattern string, fn func(r Router)) Router {
	sub := NewRouter()
	if fn != nil {
		fn(sub)
	}
	mx.Mount(pattern, sub)
	return sub
}

// Mount attaches another http.Handler or chi Router as a subrouter along a
// routing path.
func (mx *Mux) Mount(pattern string, handler http.Handler) {}

// Routes returns a slice of routing information from the tree.
func (mx *Mux) Routes() []Route { return nil }

// Middlewares returns a slice of middleware handler functions.
func (mx *Mux) Middlewares() Middlewares { return mx.middlewares }

// Match searches the routing tree for a handler that matches the method/path.
func (mx *Mux) Match(rctx *Context, method, path string) bool { return false }

// Find searches the routing tree for the pattern that matches the
// method/path.
func (mx *Mux) Find(rctx *Context, method, path string) string { return "" }
