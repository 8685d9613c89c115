// Package echo is a signature-only stand-in for github.com/labstack/echo/v4,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; bodies do nothing.
package echo

import (
	"io/fs"
	"net/http"
	"net/url"
)

// Echo is the top-level framework instance.
type Echo struct {
	common
	middleware []MiddlewareFunc
}

// common holds what Echo and Group share.
type common struct{}

// Route contains a handler and information for matching against requests.
type Route struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Name   string `json:"name"`
}

// HTTPError represents an error that occurred while handling a request.
type HTTPError struct {
	Internal error       `json:"-"`
	Message  interface{} `json:"message"`
	Code     int         `json:"-"`
}

// Error makes it compatible with the error interface.
func (he *HTTPError) Error() string { return http.StatusText(he.Code) }

// NewHTTPError creates a new HTTPError instance.
func NewHTTPError(code int, message ...interface{}) *HTTPError {
	he := &HTTPError{Code: code, Message: http.StatusText(code)}
	if len(message) > 0 {
		he.Message = message[0]
	}
	return he
}

// MiddlewareFunc defines a function to process middleware.
type MiddlewareFunc func(next HandlerFunc) HandlerFunc

// HandlerFunc defines a function to serve HTTP requests.
type HandlerFunc func(c Context) error

// Map defines a generic map of type map[string]interface{}.
type Map map[string]interface{}

// New creates an instance of Echo.
func New() (e *Echo) { return &Echo{} }

// ServeHTTP implements http.Handler interface, which serves HTTP requests.
func (e *Echo) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Start starts an HTTP server.
func (e *Echo) Start(address string) error { return nil }

// Pre adds middleware to the chain which is run before router.
func (e *Echo) Pre(middleware ...MiddlewareFunc) {}

// Use adds middleware to the chain which is run after router.
func (e *Echo) Use(middleware ...MiddlewareFunc) {
	e.middleware = append(e.middleware, middleware...)
}

// CONNECT registers a new CONNECT route for a path with matching handler
// in the router with optional route-level middleware.
func (e *Echo) CONNECT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodConnect, path, h, m...)
}

// DELETE registers a new DELETE route for a path with matching handler in
// the router with optional route-level middleware.
func (e *Echo) DELETE(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodDelete, path, h, m...)
}

// GET registers a new GET route for a path with matching handler in the
// router with optional route-level middleware.
func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodGet, path, h, m...)
}

// HEAD registers a new HEAD route for a path with matching handler in the
// router with optional route-level middleware.
func (e *Echo) HEAD(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodHead, path, h, m...)
}

// OPTIONS registers a new OPTIONS route for a path with matching handler
// in the router with optional route-level middleware.
func (e *Echo) OPTIONS(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodOptions, path, h, m...)
}

// PATCH registers a new PATCH route for a path with matching handler in
// the router with optional route-level middleware.
func (e *Echo) PATCH(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodPatch, path, h, m...)
}

// POST registers a new POST route for a path with matching handler in the
// router with optional route-level middleware.
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodPost, path, h, m...)
}

// PUT registers a new PUT route for a path with matching handler in the
// router with optional route-level middleware.
func (e *Echo) PUT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodPut, path, h, m...)
}

// TRACE registers a new TRACE route for a path with matching handler in
// the router with optional route-level middleware.
func (e *Echo) TRACE(path string, h HandlerFunc, m ...MiddlewareFunc) *Route {
	return e.Add(http.MethodTrace, path, h, m...)
}

// Any registers a new route for all HTTP methods and path with matching
// handler in the router with optional route-level middleware.
func (e *Echo) Any(path string, handler HandlerFunc, middleware ...MiddlewareFunc) []*Route {
	return nil
}

// Match registers a new route for multiple HTTP methods and path with
// matching handler in the router with optional route-level middleware.
func (e *Echo) Match(methods []string, path string, handler HandlerFunc, middleware ...MiddlewareFunc) []*Route {
	return nil
}

// Add registers a new route for an HTTP method and path with matching
// handler in the router with optional route-level middleware.
func (e *Echo) Add(method, path string, handler HandlerFunc, middleware ...MiddlewareFunc) *Route {
	return &Route{Method: method, Path: path}
}

// Group creates a new router group with prefix and optional group-level
// middleware.
func (e *Echo) Group(prefix string, m ...MiddlewareFunc) (g *Group) {
	return &Group{prefix: prefix, echo: e, middleware: m}
}

// WrapHandler wraps http.Handler into echo.HandlerFunc.
func WrapHandler(h http.Handler) HandlerFunc {
	return func(c Context) error {
		h.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

// WrapMiddleware wraps func(http.Handler) http.Handler into
// echo.MiddlewareFunc.
func WrapMiddleware(m func(http.Handler) http.Handler) MiddlewareFunc {
	return func(next HandlerFunc) HandlerFunc { return next }
}

// Response wraps an http.ResponseWriter and implements its interface to
// be used by an HTTP handler to construct an HTTP response.
type Response struct {
	Writer    http.ResponseWriter
	Status    int
	Size      int64
	Committed bool
}

// Header returns the header map for the writer that will be sent by
// WriteHeader.
func (r *Response) Header() http.Header { return r.Writer.Header() }

// WriteHeader sends an HTTP response header with status code.
func (r *Response) WriteHeader(code int) { r.Status = code }

// Write writes the data to the connection as part of an HTTP reply.
func (r *Response) Write(b []byte) (n int, err error) { return len(b), nil }

// Context represents the context of the current HTTP request.
type Context interface {
	// Request returns *http.Request.
	Request() *http.Request

	// Response returns *Response.
	Response() *Response

	// Path returns the registered path for the handler.
	Path() string

	// Param returns path parameter by name.
	Param(name string) string

	// QueryParam returns the query param for the provided name.
	QueryParam(name string) string

	// QueryParams returns the query parameters as url.Values.
	QueryParams() url.Values

	// Get retrieves data from the context.
	Get(key string) any

	// Set saves data in the context.
	Set(key string, val any)

	// Bind binds path params, query params and the request body into
	// provided type i.
	Bind(i any) error

	// String sends a string response with status code.
	String(code int, s string) error

	// JSON sends a JSON response with status code.
	JSON(code int, i any) error

	// NoContent sends a response with no body and a status code.
	NoContent(code int) error
}

// Static registers a route serving the files below fsRoot at pathPrefix.
func (e *Echo) Static(pathPrefix, fsRoot string) *Route { return &Route{} }

// StaticFS registers a route serving the files of filesystem at pathPrefix.
func (e *Echo) StaticFS(pathPrefix string, filesystem fs.FS) *Route { return &Route{} }

// File registers a route serving one file at path.
func (e *Echo) File(path, file string, m ...MiddlewareFunc) *Route { return &Route{} }

// FileFS registers a route serving one file of filesystem at path.
func (e *Echo) FileFS(path, file string, filesystem fs.FS, m ...MiddlewareFunc) *Route {
	return &Route{}
}
