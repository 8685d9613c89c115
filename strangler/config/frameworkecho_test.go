package config

import (
	"testing"

	"github.com/labstack/echo/v4"
)

// TestEchoRoutesAlike: echo's router and the proxy table 'proxy init'
// writes for it send every corpus request to the same route.
func TestEchoRoutesAlike(t *testing.T) {
	routes := commonRoutes(colonParams,
		frameworkRoute{"GET", "/static/*", "/static/{any...}"},
		frameworkRoute{"GET", "/orders/:id", "/orders/{id}"},
		frameworkRoute{"GET", "/orders/new/x", "/orders/new/x"},
		frameworkRoute{"GET", "/tags/:name", "/tags/{name}"},
	)
	e := echo.New()
	for i, r := range routes {
		h := routeHandler(i)
		e.Add(r.method, r.native, func(c echo.Context) error {
			h(c.Response(), c.Request())
			return nil
		})
	}
	assertSameRoutes(t, FrameworkEcho, e, routes)
}
