// Package mux is a signature-only stand-in for github.com/gorilla/mux,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; bodies do nothing.
package mux

import "net/http"

// Router registers routes to be matched and dispatches a handler.
type Router struct {
	routes []*Route
}

// NewRouter returns a new router instance.
func NewRouter() *Router { return &Router{} }

// ServeHTTP dispatches the handler registered in the matched route.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

// NewRoute registers an empty route.
func (r *Router) NewRoute() *Route {
	route := &Route{}
	r.routes = append(r.routes, route)
	return route
}

// Handle registers a new route with a matcher for the URL path.
func (r *Router) Handle(path string, handler http.Handler) *Route {
	return r.NewRoute().Path(path).Handler(handler)
}

// HandleFunc registers a new route with a matcher for the URL path.
func (r *Router) HandleFunc(path string, f func(http.ResponseWriter,
	*http.Request)) *Route {
	return r.NewRoute().Path(path).HandlerFunc(f)
}

// Methods registers a new route with a matcher for HTTP methods.
func (r *Router) Methods(methods ...string) *Route {
	return r.NewRoute().Methods(methods...)
}

// Path registers a new route with a matcher for the URL path.
func (r *Router) Path(tpl string) *Route { return r.NewRoute().Path(tpl) }

// PathPrefix registers a new route with a matcher for the URL path prefix.
func (r *Router) PathPrefix(tpl string) *Route { return r.NewRoute().PathPrefix(tpl) }

// Host registers a new route with a matcher for the URL host.
func (r *Router) Host(tpl string) *Route { return r.NewRoute().Host(tpl) }

// Use appends a MiddlewareFunc to the chain.
func (r *Router) Use(mwf ...MiddlewareFunc) {}

// Route stores information to match a request and build URLs.
type Route struct {
	handler http.Handler
}

// Handler sets a handler for the route.
func (r *Route) Handler(handler http.Handler) *Route {
	r.handler = handler
	return r
}

// HandlerFunc sets a handler function for the route.
func (r *Route) HandlerFunc(f func(http.ResponseWriter, *http.Request)) *Route {
	return r.Handler(http.HandlerFunc(f))
}

// Methods adds a matcher for HTTP methods.
func (r *Route) Methods(methods ...string) *Route { return r }

// Path adds a matcher for the URL path.
func (r *Route) Path(tpl string) *Route { return r }

// PathPrefix adds a matcher for the URL path prefix.
func (r *Route) PathPrefix(tpl string) *Route { return r }

// Host adds a matcher for the URL host.
func (r *Route) Host(tpl string) *Route { return r }

// Name sets the name for the route, used to build URLs.
func (r *Route) Name(name string) *Route { return r }

// Subrouter creates a subrouter for the route.
func (r *Route) Subrouter() *Router { return &Router{} }

// MiddlewareFunc is a function which receives an http.Handler and returns
// another http.Handler.
type MiddlewareFunc func(http.Handler) http.Handler

// Middleware allows MiddlewareFunc to implement the middleware interface.
func (mw MiddlewareFunc) Middleware(handler http.Handler) http.Handler {
	return mw(handler)
}

// Vars returns the route variables for the current request, if any.
func Vars(r *http.Request) map[string]string { return map[string]string{} }
