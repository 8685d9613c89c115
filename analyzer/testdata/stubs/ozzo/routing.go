// Package routing is a stand-in for github.com/go-ozzo/ozzo-routing/v2
// with the signatures of the routing API.
package routing

import "net/http"

// Handler serves a request.
type Handler func(*Context) error

// Context is the request context.
type Context struct{ Request *http.Request }

// Param returns a path parameter.
func (c *Context) Param(name string) string { return "" }

// Write writes the response.
func (c *Context) Write(data interface{}) error { return nil }

// Route is one registered route.
type Route struct{}

// RouteGroup registers routes below a prefix.
type RouteGroup struct{}

// Router is the root route group.
type Router struct{ RouteGroup }

// New returns a Router.
func New() *Router { return &Router{} }

// ServeHTTP serves a request.
func (r *Router) ServeHTTP(res http.ResponseWriter, req *http.Request) {}

// Route looks a route up by name.
func (r *Router) Route(name string) *Route { return nil }

func (rg *RouteGroup) Get(path string, handlers ...Handler) *Route          { return nil }
func (rg *RouteGroup) Post(path string, handlers ...Handler) *Route         { return nil }
func (rg *RouteGroup) Put(path string, handlers ...Handler) *Route          { return nil }
func (rg *RouteGroup) Delete(path string, handlers ...Handler) *Route       { return nil }
func (rg *RouteGroup) Any(path string, handlers ...Handler) *Route          { return nil }
func (rg *RouteGroup) To(methods, path string, handlers ...Handler) *Route  { return nil }
func (rg *RouteGroup) Group(prefix string, handlers ...Handler) *RouteGroup { return rg }
func (rg *RouteGroup) Use(handlers ...Handler)                              {}
