// Package api is imported by a program that does not type-check.
package api

import "net/http"

// Name names the API.
const Name = "orders"

// Server serves the API.
type Server struct{}

// Routes registers the API: served, as far as ficus can tell, because the
// broken program that imports this package may call it.
func (*Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /orders", list)
}

func list(w http.ResponseWriter, r *http.Request) {}
