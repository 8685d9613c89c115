package echo

import (
	"io/fs"
	"net/http"
)

// Group is a set of sub-routes for a specified route.
type Group struct {
	common
	host       string
	prefix     string
	echo       *Echo
	middleware []MiddlewareFunc
}

// Use implements Echo#Use() for sub-routes within the Group.
func (g *Group) Use(middleware ...MiddlewareFunc) {
	g.middleware = append(g.middleware, middleware...)
}

// CONNECT implements Echo#CONNECT() for sub-routes within the Group.
func (g *Group) CONNECT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodConnect, path, h, m...)
}

// DELETE implements Echo#DELETE() for sub-routes within the Group.
func (g *Group) DELETE(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodDelete, path, h, m...)
}

// GET implements Echo#GET() for sub-routes within the Group.
func (g *Group) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodGet, path, h, m...)
}

// HEAD implements Echo#HEAD() for sub-routes within the Group.
func (g *Group) HEAD(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodHead, path, h, m...)
}

// OPTIONS implements Echo#OPTIONS() for sub-routes within the Group.
func (g *Group) OPTIONS(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodOptions, path, h, m...)
}

// PATCH implements Echo#PATCH() for sub-routes within the Group.
func (g *Group) PATCH(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodPatch, path, h, m...)
}

// POST implements Echo#POST() for sub-routes within the Group.
func (g *Group) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodPost, path, h, m...)
}

// PUT implements Echo#PUT() for sub-routes within the Group.
func (g *Group) PUT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodPut, path, h, m...)
}

// TRACE implements Echo#TRACE() for sub-routes within the Group.
func (g *Group) TRACE(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return g.Add(http.MethodTrace, path, h, m...)
}

// Any implements Echo#Any() for sub-routes within the Group.
func (g *Group) Any(path string, handler HandlerFunc, middleware ...MiddlewareFunc) []*Route {
	return nil
}

// Match implements Echo#Match() for sub-routes within the Group.
func (g *Group) Match(methods []string, path string, handler HandlerFunc, middleware ...MiddlewareFunc) []*Route {
	return nil
}

// Group creates a new sub-group with prefix and optional sub-group-level
// middleware.
func (g *Group) Group(prefix string, middleware ...MiddlewareFunc) (sg *Group) {
	return &Group{prefix: g.prefix + prefix, echo: g.echo, middleware: middleware}
}

// Add implements Echo#Add() for sub-routes within the Group.
func (g *Group) Add(method, path string, handler HandlerFunc, middleware ...MiddlewareFunc) *Route {
	return g.echo.Add(method, g.prefix+path, handler, middleware...)
}

// Static implements Echo#Static() for sub-routes within the Group.
func (g *Group) Static(pathPrefix, fsRoot string) {}

// StaticFS implements Echo#StaticFS() for sub-routes within the Group.
func (g *Group) StaticFS(pathPrefix string, filesystem fs.FS) {}

// File implements Echo#File() for sub-routes within the Group.
func (g *Group) File(path, file string) {}

// FileFS implements Echo#FileFS() for sub-routes within the Group.
func (g *Group) FileFS(path, file string, filesystem fs.FS, m ...MiddlewareFunc) *Route {
	return &Route{}
}
