// Package statsviz is a stand-in for github.com/arl/statsviz, a library
// that registers its own routes on a mux.
package statsviz

import "net/http"

// Option configures Register.
type Option func()

// Register serves the statsviz UI on mux.
func Register(mux *http.ServeMux, opts ...Option) error { return nil }

// Wrap wraps a handler (it registers nothing).
func Wrap(h http.Handler) http.Handler { return h }
