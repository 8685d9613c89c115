package config

import (
	"io"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestGinRoutesAlike: gin's router (exact paths, :param, *catchall,
// trailing-slash redirects, no automatic HEAD) and the proxy table
// 'proxy init' writes for it send every corpus request to the same route.
func TestGinRoutesAlike(t *testing.T) {
	routes := []frameworkRoute{
		{"GET", "/", "/"},
		{"GET", "/users", "/users"},
		{"GET", "/users/:id", "/users/{id}"},
		{"POST", "/users/", "/users/"},
		{"PUT", "/users/:id/tags/", "/users/{id}/tags/"},
		{"GET", "/image/*filepath", "/image/{filepath...}"},
		{"GET", "/application/list", "/application/list"},
		{"DELETE", "/a/:x/b/:y", "/a/{x}/b/{y}"},
	}
	gin.SetMode(gin.ReleaseMode)
	gin.DefaultWriter, gin.DefaultErrorWriter = io.Discard, io.Discard
	e := gin.New()
	for i, r := range routes {
		h := routeHandler(i)
		e.Handle(r.method, r.native, func(c *gin.Context) { h(c.Writer, c.Request) })
	}
	assertSameRoutes(t, FrameworkGin, e, routes, false)
}
