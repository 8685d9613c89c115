// Package app wires the shop together: it picks the storage, builds the
// services, subscribes them to the event bus, registers the background jobs
// and the HTTP routes, and runs the server until it is told to stop.
package app

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"example.com/shop/internal/handlers"
	"example.com/shop/internal/jobs"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/repository"
	"example.com/shop/internal/services"
)

// Options configure New. A nil Log, Clock or IDs takes the production
// default: discard logs, the system clock, random ids.
type Options struct {
	Config platform.Config
	Log    *slog.Logger
	Clock  platform.Clock
	IDs    platform.IDGenerator
}

// App is the assembled shop.
type App struct {
	cfg     platform.Config
	log     *slog.Logger
	handler http.Handler
	sched   *platform.Scheduler
	db      *sql.DB // nil with in-memory storage
}

// repositories is the storage of every area.
type repositories struct {
	customers repository.CustomerRepository
	catalog   repository.CatalogRepository
	orders    repository.OrderRepository
	payments  repository.PaymentRepository
	shipments repository.ShipmentRepository
}

// New assembles the shop. With a DSN in the configuration it opens the SQL
// database; otherwise it uses in-memory storage, seeded when Config.Seed
// is set.
func New(ctx context.Context, opts Options) (*App, error) {
	cfg := opts.Config
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	k := platform.Kernel{Clock: opts.Clock, IDs: opts.IDs, Log: opts.Log}
	if k.Log == nil {
		k.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if k.Clock == nil {
		k.Clock = platform.SystemClock{}
	}
	if k.IDs == nil {
		k.IDs = platform.RandomIDs{}
	}
	k.Bus = platform.NewBus(k.Log)

	a := &App{cfg: cfg, log: k.Log}
	var repos repositories
	if cfg.DSN != "" {
		db, err := platform.OpenDB(ctx, cfg.Driver, cfg.DSN)
		if err != nil {
			return nil, err
		}
		a.db = db
		repos = sqlRepositories(db)
	} else {
		mem := memoryRepositories()
		if cfg.Seed {
			if err := seed(ctx, k.Clock.Now(), mem); err != nil {
				return nil, fmt.Errorf("seed sample data: %w", err)
			}
		}
		repos = mem.repositories()
	}

	customers := services.NewCustomerService(k, repos.customers)
	catalog := services.NewCatalogService(k, repos.catalog)
	payments := services.NewPaymentService(k, repos.payments, services.SimulatedGateway{IDs: k.IDs})
	orders := services.NewOrderService(k, repos.orders, catalog, customers, payments)
	shipping := services.NewShippingService(k, repos.shipments)

	catalog.SubscribeEvents(k.Bus)
	orders.SubscribeEvents(k.Bus)
	payments.SubscribeEvents(k.Bus)
	shipping.SubscribeEvents(k.Bus)

	if _, err := catalog.Reindex(ctx); err != nil {
		a.Close()
		return nil, fmt.Errorf("build search index: %w", err)
	}

	a.sched = platform.NewScheduler(k.Log, k.Clock)
	jobs.NewOrderJobs(orders, k.Log).Register(a.sched)
	jobs.NewCatalogJobs(catalog, k.Log).Register(a.sched)
	jobs.NewPaymentJobs(payments, k.Log).Register(a.sched)
	jobs.NewShippingJobs(shipping, k.Log).Register(a.sched)

	mux := http.NewServeMux()
	metrics := platform.NewMetrics(k.Clock)
	platform.RegisterRoutes(mux, metrics, a.sched)
	handlers.NewCustomers(customers, k.Log).Routes(mux)
	handlers.NewCatalog(catalog, k.Log).Routes(mux)
	handlers.NewOrders(orders, k.Log).Routes(mux)
	handlers.NewPayments(payments, k.Log).Routes(mux)
	handlers.NewShipping(shipping, k.Log).Routes(mux)
	a.handler = platform.RequestID(k.IDs, metrics.Middleware(mux))
	return a, nil
}

// Handler returns the shop's HTTP handler.
func (a *App) Handler() http.Handler { return a.handler }

// Scheduler returns the background job scheduler.
func (a *App) Scheduler() *platform.Scheduler { return a.sched }

// Close releases the database, if one is open.
func (a *App) Close() error {
	if a.db == nil {
		return nil
	}
	return a.db.Close()
}

// Run listens on the configured address and serves until ctx is done.
func (a *App) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.Addr, err)
	}
	return a.Serve(ctx, ln)
}

// Serve serves HTTP on ln and runs the background jobs until ctx is done,
// then shuts down gracefully: in-flight requests get Config.ShutdownTimeout
// to finish and jobs are stopped.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	jobsCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	var wg sync.WaitGroup
	if a.cfg.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.sched.Run(jobsCtx)
		}()
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("listening", "addr", ln.Addr().String(), "storage", a.storage(), "jobs", a.cfg.Jobs)

	select {
	case err := <-errc:
		stopJobs()
		wg.Wait()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("shutting down", "timeout", a.cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	stopJobs()
	wg.Wait()
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	a.log.Info("stopped")
	return nil
}

// storage names the storage in use, for the startup log.
func (a *App) storage() string {
	if a.db != nil {
		return "sql"
	}
	return "memory"
}

// sqlRepositories returns the SQL repositories over db.
func sqlRepositories(db *sql.DB) repositories {
	return repositories{
		customers: repository.NewSQLCustomerRepository(db),
		catalog:   repository.NewSQLCatalogRepository(db),
		orders:    repository.NewSQLOrderRepository(db),
		payments:  repository.NewSQLPaymentRepository(db),
		shipments: repository.NewSQLShipmentRepository(db),
	}
}
