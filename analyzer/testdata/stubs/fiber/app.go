// Package fiber is a stand-in for github.com/gofiber/fiber/v2 with the
// signatures of the routing API.
package fiber

// Handler serves a request.
type Handler = func(*Ctx) error

// Ctx is the request context.
type Ctx struct{}

// Get returns a request header (not a route).
func (c *Ctx) Get(key string, defaultValue ...string) string { return "" }

// SendString writes the body.
func (c *Ctx) SendString(body string) error { return nil }

// Static configures a file server.
type Static struct{ Browse bool }

// Config configures an App.
type Config struct{ AppName string }

// Router registers routes.
type Router interface {
	Use(args ...interface{}) Router
	Get(path string, handlers ...Handler) Router
	Post(path string, handlers ...Handler) Router
	Put(path string, handlers ...Handler) Router
	Delete(path string, handlers ...Handler) Router
	Add(method, path string, handlers ...Handler) Router
	All(path string, handlers ...Handler) Router
	Static(prefix, root string, config ...Static) Router
	Group(prefix string, handlers ...Handler) Router
	Route(prefix string, fn func(router Router), name ...string) Router
	Mount(prefix string, fiber *App) Router
}

// App is the root router.
type App struct{}

// New returns an App.
func New(config ...Config) *App { return &App{} }

func (app *App) Use(args ...interface{}) Router                                     { return app }
func (app *App) Get(path string, handlers ...Handler) Router                        { return app }
func (app *App) Post(path string, handlers ...Handler) Router                       { return app }
func (app *App) Put(path string, handlers ...Handler) Router                        { return app }
func (app *App) Delete(path string, handlers ...Handler) Router                     { return app }
func (app *App) Add(method, path string, handlers ...Handler) Router                { return app }
func (app *App) All(path string, handlers ...Handler) Router                        { return app }
func (app *App) Static(prefix, root string, config ...Static) Router                { return app }
func (app *App) Group(prefix string, handlers ...Handler) Router                    { return &Group{} }
func (app *App) Route(prefix string, fn func(router Router), name ...string) Router { return app }
func (app *App) Mount(prefix string, fiber *App) Router                             { return app }

// Listen serves.
func (app *App) Listen(addr string) error { return nil }

// Group is a router below a prefix.
type Group struct{}

func (grp *Group) Use(args ...interface{}) Router                                     { return grp }
func (grp *Group) Get(path string, handlers ...Handler) Router                        { return grp }
func (grp *Group) Post(path string, handlers ...Handler) Router                       { return grp }
func (grp *Group) Put(path string, handlers ...Handler) Router                        { return grp }
func (grp *Group) Delete(path string, handlers ...Handler) Router                     { return grp }
func (grp *Group) Add(method, path string, handlers ...Handler) Router                { return grp }
func (grp *Group) All(path string, handlers ...Handler) Router                        { return grp }
func (grp *Group) Static(prefix, root string, config ...Static) Router                { return grp }
func (grp *Group) Group(prefix string, handlers ...Handler) Router                    { return grp }
func (grp *Group) Route(prefix string, fn func(router Router), name ...string) Router { return grp }
func (grp *Group) Mount(prefix string, fiber *App) Router                             { return grp }
