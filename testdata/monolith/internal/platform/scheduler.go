package platform

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Scheduler runs named jobs at fixed intervals. Jobs are registered with
// Every before Run; Run starts one goroutine per job and returns when its
// context is cancelled and every running job has returned.
type Scheduler struct {
	log   *slog.Logger
	clock Clock
	mu    sync.Mutex
	jobs  []*scheduledJob
}

// scheduledJob is one registered job and its run statistics.
type scheduledJob struct {
	name     string
	interval time.Duration
	fn       func(ctx context.Context) error

	runs     int
	failures int
	lastRun  time.Time
	lastErr  string
}

// JobStatus is a job's run statistics as served by GET /debug/jobs.
type JobStatus struct {
	Name      string     `json:"name"`
	Interval  string     `json:"interval"`
	Runs      int        `json:"runs"`
	Failures  int        `json:"failures"`
	LastRun   *time.Time `json:"last_run,omitempty"`
	LastError string     `json:"last_error,omitempty"`
}

// NewScheduler returns a Scheduler with no jobs.
func NewScheduler(log *slog.Logger, clock Clock) *Scheduler {
	return &Scheduler{log: log, clock: clock}
}

// Every registers fn to run every interval under name.
func (s *Scheduler) Every(name string, interval time.Duration, fn func(ctx context.Context) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs = append(s.jobs, &scheduledJob{name: name, interval: interval, fn: fn})
}

// Run runs the registered jobs until ctx is cancelled. A failing job is
// logged and runs again at its next tick.
func (s *Scheduler) Run(ctx context.Context) {
	s.mu.Lock()
	jobs := append([]*scheduledJob(nil), s.jobs...)
	s.mu.Unlock()

	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.loop(ctx, j)
		}()
	}
	wg.Wait()
}

// RunNow runs the job called name once, synchronously.
func (s *Scheduler) RunNow(ctx context.Context, name string) error {
	s.mu.Lock()
	var job *scheduledJob
	for _, j := range s.jobs {
		if j.name == name {
			job = j
		}
	}
	s.mu.Unlock()
	if job == nil {
		return fmt.Errorf("job %q: %w", name, ErrNotFound)
	}
	return s.runJob(ctx, job)
}

// Status returns every job's statistics, sorted by name.
func (s *Scheduler) Status() []JobStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]JobStatus, 0, len(s.jobs))
	for _, j := range s.jobs {
		st := JobStatus{Name: j.name, Interval: j.interval.String(), Runs: j.runs, Failures: j.failures, LastError: j.lastErr}
		if !j.lastRun.IsZero() {
			t := j.lastRun
			st.LastRun = &t
		}
		out = append(out, st)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

// ServeHTTP serves the job statistics as JSON.
func (s *Scheduler) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	WriteJSON(w, http.StatusOK, s.Status())
}

func (s *Scheduler) loop(ctx context.Context, j *scheduledJob) {
	t := time.NewTicker(j.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.runJob(ctx, j); err != nil {
				s.log.Warn("job failed", "job", j.name, "err", err)
			}
		}
	}
}

func (s *Scheduler) runJob(ctx context.Context, j *scheduledJob) error {
	err := j.fn(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	j.runs++
	j.lastRun = s.clock.Now()
	j.lastErr = ""
	if err != nil {
		j.failures++
		j.lastErr = err.Error()
		return fmt.Errorf("job %s: %w", j.name, err)
	}
	return nil
}
