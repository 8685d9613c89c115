// Package middleware is a signature-only stand-in for
// github.com/go-chi/chi/v5/middleware.
package middleware

import (
	"net/http"
	"time"
)

// Logger is a middleware that logs the start and end of each request.
func Logger(next http.Handler) http.Handler { return next }

// Recoverer is a middleware that recovers from panics.
func Recoverer(next http.Handler) http.Handler { return next }

// RequestID is a middleware that injects a request ID into the context.
func RequestID(next http.Handler) http.Handler { return next }

// Timeout is a middleware that cancels ctx after a given timeout.
func Timeout(timeout time.Duration) func(next http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return next }
}
