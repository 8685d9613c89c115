// Package webfw is a stand-in for a web framework ficus does not read
// (macaron, flamego, ...): an engine that serves HTTP and registers routes
// with handlers of any shape.
package webfw

import "net/http"

// Handler is any handler the framework can inject arguments into.
type Handler any

// Engine serves requests and registers routes.
type Engine struct{}

// New returns an Engine.
func New() *Engine { return &Engine{} }

// ServeHTTP serves a request.
func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Get registers a GET route.
func (e *Engine) Get(path string, h ...Handler) {}

// Post registers a POST route.
func (e *Engine) Post(path string, h ...Handler) {}

// Group registers routes below a prefix.
func (e *Engine) Group(prefix string, fn func(), h ...Handler) {}

// Client fetches URLs; it serves nothing.
type Client struct{}

// Get fetches a URL.
func (c *Client) Get(url string, retries int) {}
