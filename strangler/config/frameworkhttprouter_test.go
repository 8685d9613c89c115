package config

import (
	"net/http"
	"testing"

	"github.com/julienschmidt/httprouter"
)

// TestHTTPRouterRoutesAlike: httprouter (exact paths, :param, *catchall,
// trailing-slash redirects, no automatic HEAD) and the proxy table 'proxy
// init' writes for it send every corpus request to the same route.
func TestHTTPRouterRoutesAlike(t *testing.T) {
	routes := commonRoutes(colonParams,
		frameworkRoute{"GET", "/image/*filepath", "/image/{filepath...}"},
		frameworkRoute{"GET", "/application/list", "/application/list"},
	)
	r := httprouter.New()
	for i, rt := range routes {
		h := routeHandler(i)
		r.Handle(rt.method, rt.native, func(w http.ResponseWriter, req *http.Request, _ httprouter.Params) { h(w, req) })
	}
	assertSameRoutes(t, FrameworkHTTPRouter, r, routes)
}
