// Package rest is a stand-in for github.com/zeromicro/go-zero/rest with
// the signatures of the routing API.
package rest

import "net/http"

// RestConf configures a Server.
type RestConf struct{ Port int }

// Route is one route.
type Route struct {
	Method  string
	Path    string
	Handler http.HandlerFunc
}

type featuredRoutes struct {
	routes []Route
	prefix string
}

// RouteOption changes routes added together.
type RouteOption func(r *featuredRoutes)

// WithPrefix serves routes below group.
func WithPrefix(group string) RouteOption { return func(r *featuredRoutes) { r.prefix = group } }

// Server is the REST server.
type Server struct{}

// MustNewServer returns a Server.
func MustNewServer(c RestConf) *Server { return &Server{} }

// AddRoutes adds routes.
func (s *Server) AddRoutes(rs []Route, opts ...RouteOption) {}

// AddRoute adds one route.
func (s *Server) AddRoute(r Route, opts ...RouteOption) {}

// Start serves.
func (s *Server) Start() {}
