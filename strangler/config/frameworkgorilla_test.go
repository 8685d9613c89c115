package config

import (
	"testing"

	"github.com/gorilla/mux"
)

// TestGorillaRoutesAlike: gorilla/mux's router and the proxy table
// 'proxy init' writes for it send every corpus request to the same route.
func TestGorillaRoutesAlike(t *testing.T) {
	routes := commonRoutes(asRecorded, frameworkRoute{"", "/any", "/any"})
	r := mux.NewRouter()
	for i, rt := range routes {
		route := r.Handle(rt.native, routeHandler(i))
		if rt.method != "" {
			route.Methods(rt.method)
		}
	}
	assertSameRoutes(t, FrameworkGorilla, r, routes)
}
