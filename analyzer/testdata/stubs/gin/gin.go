// Package gin is a signature-only stand-in for github.com/gin-gonic/gin,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; bodies do nothing.
package gin

import "net/http"

// HandlerFunc defines the handler used by gin middleware as return value.
type HandlerFunc func(*Context)

// HandlersChain defines a HandlerFunc slice.
type HandlersChain []HandlerFunc

// OptionFunc defines the function to change the default configuration.
type OptionFunc func(*Engine)

// H is a shortcut for map[string]any.
type H map[string]any

// Engine is the framework's instance, it contains the muxer, middleware
// and configuration settings.
type Engine struct {
	RouterGroup
}

var _ IRouter = (*Engine)(nil)

// New returns a new blank Engine instance without any middleware attached.
func New(opts ...OptionFunc) *Engine {
	engine := &Engine{}
	engine.RouterGroup.engine = engine
	engine.RouterGroup.basePath = "/"
	engine.RouterGroup.root = true
	for _, opt := range opts {
		opt(engine)
	}
	return engine
}

// Default returns an Engine instance with the Logger and Recovery
// middleware already attached.
func Default(opts ...OptionFunc) *Engine {
	engine := New(opts...)
	engine.Use(Logger(), Recovery())
	return engine
}

// Use attaches a global middleware to the router.
func (engine *Engine) Use(middleware ...HandlerFunc) IRoutes {
	engine.RouterGroup.Use(middleware...)
	return engine
}

// Handler returns the engine as an http.Handler.
func (engine *Engine) Handler() http.Handler { return engine }

// Run attaches the router to a http.Server and starts listening and
// serving HTTP requests.
func (engine *Engine) Run(addr ...string) (err error) { return nil }

// ServeHTTP conforms to the http.Handler interface.
func (engine *Engine) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

// Logger instances a Logger middleware.
func Logger() HandlerFunc { return func(*Context) {} }

// Recovery returns a middleware that recovers from any panics.
func Recovery() HandlerFunc { return func(*Context) {} }

// WrapF is a helper function for wrapping http.HandlerFunc and returns a
// Gin middleware.
func WrapF(f http.HandlerFunc) HandlerFunc {
	return func(c *Context) { f(c.Writer, c.Request) }
}

// WrapH is a helper function for wrapping http.Handler and returns a Gin
// middleware.
func WrapH(h http.Handler) HandlerFunc {
	return func(c *Context) { h.ServeHTTP(c.Writer, c.Request) }
}
