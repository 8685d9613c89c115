package config

import (
	"testing"

	"github.com/go-chi/chi/v5"
)

// TestChiRoutesAlike: chi's router and the proxy table 'proxy init'
// writes for it send every corpus request to the same route.
func TestChiRoutesAlike(t *testing.T) {
	routes := commonRoutes(asRecorded,
		frameworkRoute{"GET", "/files/*", "/files/{any...}"},
		frameworkRoute{"", "/any", "/any"},
	)
	r := chi.NewRouter()
	for i, rt := range routes {
		if rt.method == "" {
			r.Handle(rt.native, routeHandler(i))
			continue
		}
		r.Method(rt.method, rt.native, routeHandler(i))
	}
	assertSameRoutes(t, FrameworkChi, r, routes)
}
