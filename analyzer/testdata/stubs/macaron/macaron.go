// Package macaron is a stand-in for gopkg.in/macaron.v1 with the
// signatures of its routing API.
package macaron

import "net/http"

// Handler is any function macaron can inject arguments into.
type Handler any

// Context is a request's context.
type Context struct {
	Resp http.ResponseWriter
	Req  *http.Request
}

// Route is a registered route.
type Route struct{}

// Router registers routes.
type Router struct{}

// Get registers a GET route.
func (r *Router) Get(pattern string, h ...Handler) *Route { return &Route{} }

// Post registers a POST route.
func (r *Router) Post(pattern string, h ...Handler) *Route { return &Route{} }

// Delete registers a DELETE route.
func (r *Router) Delete(pattern string, h ...Handler) *Route { return &Route{} }

// Any registers a route for every method.
func (r *Router) Any(pattern string, h ...Handler) *Route { return &Route{} }

// Route registers a route for the comma-separated methods.
func (r *Router) Route(pattern, methods string, h ...Handler) *Route { return &Route{} }

// Handle registers a route for one method.
func (r *Router) Handle(method string, pattern string, handlers []Handler) {}

// Group registers the routes fn registers below pattern.
func (r *Router) Group(pattern string, fn func(), h ...Handler) { fn() }

// Combo registers several methods' handlers on one pattern.
func (r *Router) Combo(pattern string, h ...Handler) *ComboRouter { return &ComboRouter{} }

// ComboRouter registers methods on one pattern.
type ComboRouter struct{}

// Get registers the GET handler.
func (c *ComboRouter) Get(h ...Handler) *ComboRouter { return c }

// Post registers the POST handler.
func (c *ComboRouter) Post(h ...Handler) *ComboRouter { return c }

// Macaron is an application.
type Macaron struct {
	*Router
}

// New returns an application.
func New() *Macaron { return &Macaron{Router: &Router{}} }

// Classic returns an application with the default middleware.
func Classic() *Macaron { return New() }

// ServeHTTP serves a request.
func (m *Macaron) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Run starts the server.
func (m *Macaron) Run(args ...any) {}
