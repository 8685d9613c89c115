// Package statsviz is a stand-in for github.com/arl/statsviz, a library
// that registers its own routes on a mux.
package statsviz

import (
	"net/http"
	"time"
)

// Server serves the statsviz UI.
type Server struct{}

// Option configures a Server.
type Option func(*Server) error

// Root changes the root path of the UI (default /debug/statsviz).
func Root(path string) Option { return func(*Server) error { return nil } }

// SendFrequency changes how often metrics are sent.
func SendFrequency(intv time.Duration) Option { return func(*Server) error { return nil } }

// Register serves the statsviz UI on mux.
func Register(mux *http.ServeMux, opts ...Option) error { return nil }

// Wrap wraps a handler (it registers nothing).
func Wrap(h http.Handler) http.Handler { return h }
