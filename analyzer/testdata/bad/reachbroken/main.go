// Command reachbroken does not type-check: the value whose Routes it
// calls comes from an undefined function, so ficus cannot tell which
// Routes that is.
package main

import (
	"net/http"

	"example.com/reachbroken/api"
)

func main() {
	mux := http.NewServeMux()
	s := newServer(api.Name)
	s.Routes(mux)
	_ = http.ListenAndServe(":8080", mux)
}
