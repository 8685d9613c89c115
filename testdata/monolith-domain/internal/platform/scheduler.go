package platform

import (
	"context"
	"log/slog"
	"time"
)

// Job is a background task.
type Job func(ctx context.Context) error

type scheduled struct {
	name  string
	every time.Duration
	run   Job
}

// Scheduler runs jobs at fixed intervals.
type Scheduler struct {
	jobs []scheduled
	log  *slog.Logger
}

// NewScheduler returns a scheduler without jobs.
func NewScheduler(log *slog.Logger) *Scheduler { return &Scheduler{log: log} }

// Every registers job to run every d.
func (s *Scheduler) Every(name string, d time.Duration, job Job) {
	s.jobs = append(s.jobs, scheduled{name: name, every: d, run: job})
}

// Run runs the jobs until ctx is done.
func (s *Scheduler) Run(ctx context.Context) {
	for _, j := range s.jobs {
		go s.loop(ctx, j)
	}
	<-ctx.Done()
}

func (s *Scheduler) loop(ctx context.Context, j scheduled) {
	t := time.NewTicker(j.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := j.run(ctx); err != nil {
				s.log.Warn("job failed", "job", j.name, "err", err)
			}
		}
	}
}
