package gin

import "net/http"

// ResponseWriter is the response writer gin hands to handlers.
type ResponseWriter interface {
	http.ResponseWriter

	// Status returns the HTTP response status code of the current request.
	Status() int

	// Size returns the number of bytes already written into the response
	// http body.
	Size() int

	// Written returns true if the response body was already written.
	Written() bool
}

// Context is the most important part of gin. It allows us to pass
// variables between middleware, manage the flow, validate the JSON of a
// request and render a JSON response for example.
type Context struct {
	Request *http.Request
	Writer  ResponseWriter

	keys map[any]any
}

// Next should be used only inside middleware.
func (c *Context) Next() {}

// Abort prevents pending handlers from being called.
func (c *Context) Abort() {}

// AbortWithStatus calls Abort() and writes the headers with the specified
// status code.
func (c *Context) AbortWithStatus(code int) {}

// Set is used to store a new key/value pair exclusively for this context.
func (c *Context) Set(key any, value any) {
	if c.keys == nil {
		c.keys = make(map[any]any)
	}
	c.keys[key] = value
}

// Get returns the value for the given key.
func (c *Context) Get(key any) (value any, exists bool) {
	value, exists = c.keys[key]
	return value, exists
}

// Param returns the value of the URL param.
func (c *Context) Param(key string) string { return "" }

// Query returns the keyed url query value if it exists.
func (c *Context) Query(key string) (value string) { return "" }

// GetHeader returns value from request headers.
func (c *Context) GetHeader(key string) string { return "" }

// BindJSON is a shortcut for c.MustBindWith(obj, binding.JSON).
func (c *Context) BindJSON(obj any) error { return nil }

// ShouldBindJSON is a shortcut for c.ShouldBindWith(obj, binding.JSON).
func (c *Context) ShouldBindJSON(obj any) error { return nil }

// Status sets the HTTP response code.
func (c *Context) Status(code int) {}

// JSON serializes the given struct as JSON into the response body.
func (c *Context) JSON(code int, obj any) {}

// String writes the given string into the response body.
func (c *Context) String(code int, format string, values ...any) {}
