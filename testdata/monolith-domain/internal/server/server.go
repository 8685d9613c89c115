// Package server wires the library together: storage, services, event
// subscriptions, jobs and routes.
package server

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"example.com/library/internal/books"
	"example.com/library/internal/fines"
	"example.com/library/internal/loans"
	"example.com/library/internal/members"
	"example.com/library/internal/notifications"
	"example.com/library/internal/platform"
	"example.com/library/internal/reservations"
)

// Server is the assembled library.
type Server struct {
	cfg   platform.Config
	db    *sql.DB
	mux   *http.ServeMux
	sched *platform.Scheduler
	log   *slog.Logger
}

// New assembles the library over db.
func New(cfg platform.Config, db *sql.DB, log *slog.Logger) *Server {
	clock := platform.SystemClock{}
	bus := platform.NewBus(log)
	sched := platform.NewScheduler(log)

	mem := members.NewService(members.NewStore(db), bus, clock)
	cat := books.NewService(books.NewStore(db))
	lns := loans.NewService(loans.NewStore(db), mem, cat, bus, clock, cfg.LoanDays)
	fns := fines.NewService(fines.NewStore(db), bus, clock, cfg.FinePerDay)
	rsv := reservations.NewService(reservations.NewStore(db), cat, bus, clock, cfg.HoldDays)
	ntf := notifications.NewService(notifications.NewStore(db), notifications.LogSender{Log: log}, clock)

	rsv.Subscribe(bus)
	ntf.Subscribe(bus)
	lns.Schedule(sched, cfg.JobInterval)
	fns.Schedule(sched, cfg.JobInterval)
	rsv.Schedule(sched, cfg.JobInterval)

	s := &Server{cfg: cfg, db: db, mux: http.NewServeMux(), sched: sched, log: log}
	s.mux.HandleFunc("GET /healthz", s.health)
	members.NewHandler(mem).Register(s.mux)
	books.NewHandler(cat).Register(s.mux)
	loans.NewHandler(lns).Register(s.mux)
	fines.NewHandler(fns).Register(s.mux)
	reservations.NewHandler(rsv).Register(s.mux)
	notifications.NewHandler(ntf).Register(s.mux)
	return s
}

// health reports whether the database answers.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.db.PingContext(r.Context()); err != nil {
		platform.WriteError(w, err)
		return
	}
	platform.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Run serves until ctx is done.
func (s *Server) Run(ctx context.Context) error {
	srv := &http.Server{Addr: s.cfg.Addr, Handler: s.mux, ReadHeaderTimeout: 5 * time.Second}
	go s.sched.Run(ctx)
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Main loads the configuration, opens the database and runs the server.
func Main(ctx context.Context) error {
	cfg, err := platform.LoadConfig()
	if err != nil {
		return err
	}
	log := platform.NewLogger()
	db, err := platform.OpenDB(ctx, cfg.Driver, cfg.DSN)
	if err != nil {
		return err
	}
	defer db.Close()
	return New(cfg, db, log).Run(ctx)
}
