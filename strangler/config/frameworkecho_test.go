package config

import (
	"testing"

	"github.com/labstack/echo/v4"
)

// TestEchoRoutesAlike: echo's router and the proxy table 'proxy init'
// writes for it send every corpus request to the same route.
func TestEchoRoutesAlike(t *testing.T) {
	routes := []frameworkRoute{
		{"GET", "/", "/"},
		{"GET", "/users", "/users"},
		{"GET", "/users/:id", "/users/{id}"},
		{"POST", "/users/", "/users/"},
		{"PUT", "/users/:id/tags/", "/users/{id}/tags/"},
		{"GET", "/static/*", "/static/{any...}"},
		{"DELETE", "/a/:x/b/:y", "/a/{x}/b/{y}"},
		{"GET", "/orders/:id", "/orders/{id}"},
		{"GET", "/orders/new/x", "/orders/new/x"},
		{"GET", "/tags/:name", "/tags/{name}"},
	}
	e := echo.New()
	for i, r := range routes {
		h := routeHandler(i)
		e.Add(r.method, r.native, func(c echo.Context) error {
			h(c.Response(), c.Request())
			return nil
		})
	}
	assertSameRoutes(t, FrameworkEcho, e, routes, false)
}
