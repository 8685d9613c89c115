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
	routes := commonRoutes(colonParams,
		frameworkRoute{"GET", "/image/*filepath", "/image/{filepath...}"},
		frameworkRoute{"GET", "/application/list", "/application/list"},
	)
	gin.SetMode(gin.ReleaseMode)
	gin.DefaultWriter, gin.DefaultErrorWriter = io.Discard, io.Discard
	e := gin.New()
	for i, r := range routes {
		h := routeHandler(i)
		e.Handle(r.method, r.native, func(c *gin.Context) { h(c.Writer, c.Request) })
	}
	assertSameRoutes(t, FrameworkGin, e, routes)
}
