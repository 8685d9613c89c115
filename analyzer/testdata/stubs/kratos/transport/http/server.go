// Package http is a stand-in for github.com/go-kratos/kratos/v2/transport/http
// with the signatures of the routing API.
package http

import "net/http"

// Context is the request context.
type Context interface {
	Vars() map[string][]string
	Result(code int, v interface{}) error
}

// HandlerFunc serves a request.
type HandlerFunc func(Context) error

// FilterFunc is middleware.
type FilterFunc func(http.Handler) http.Handler

// ServerOption configures a Server.
type ServerOption func(*Server)

// Server is the HTTP server.
type Server struct{}

// NewServer returns a Server.
func NewServer(opts ...ServerOption) *Server { return &Server{} }

// Route returns a router below prefix.
func (s *Server) Route(prefix string, filters ...FilterFunc) *Router { return &Router{} }

// Handle registers a handler for a path.
func (s *Server) Handle(path string, h http.Handler) {}

// HandlePrefix registers a handler for a subtree.
func (s *Server) HandlePrefix(prefix string, h http.Handler) {}

// HandleFunc registers a handler function for a path.
func (s *Server) HandleFunc(path string, h http.HandlerFunc) {}

// Router registers routes below a prefix.
type Router struct{}

func (r *Router) Group(prefix string, filters ...FilterFunc) *Router                       { return r }
func (r *Router) Handle(method, relativePath string, h HandlerFunc, filters ...FilterFunc) {}
func (r *Router) GET(path string, h HandlerFunc, m ...FilterFunc)                          {}
func (r *Router) POST(path string, h HandlerFunc, m ...FilterFunc)                         {}
func (r *Router) PUT(path string, h HandlerFunc, m ...FilterFunc)                          {}
func (r *Router) DELETE(path string, h HandlerFunc, m ...FilterFunc)                       {}
