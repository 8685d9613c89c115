package analyzer

// Framework names recorded on route nodes ([Node.Framework]): the proxy
// needs them to match a route's requests as its framework does (gin's
// GET / is one path, ServeMux's / every path).
const (
	FrameworkNetHTTP    = "net/http"
	FrameworkGorilla    = "gorilla/mux"
	FrameworkChi        = "chi"
	FrameworkGin        = "gin"
	FrameworkEcho       = "echo"
	FrameworkFiber      = "fiber"
	FrameworkOzzo       = "ozzo-routing"
	FrameworkKratos     = "kratos"
	FrameworkGoZero     = "go-zero"
	FrameworkHTTPRouter = "httprouter"
	FrameworkMacaron    = "macaron"
)

// name is the framework's name on route nodes; "" when unknown.
func (fw framework) name() string {
	switch fw {
	case fwStd:
		return FrameworkNetHTTP
	case fwGorilla:
		return FrameworkGorilla
	case fwChi:
		return FrameworkChi
	case fwGin:
		return FrameworkGin
	case fwEcho:
		return FrameworkEcho
	case fwFiber:
		return FrameworkFiber
	case fwOzzo:
		return FrameworkOzzo
	case fwKratos:
		return FrameworkKratos
	case fwGoZero:
		return FrameworkGoZero
	case fwHTTPRouter:
		return FrameworkHTTPRouter
	case fwMacaron:
		return FrameworkMacaron
	}
	return ""
}
