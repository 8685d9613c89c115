// Package cron is a signature-only stand-in for github.com/robfig/cron/v3,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; nothing is ever scheduled.
package cron

import (
	"context"
	"time"
)

// Cron keeps track of any number of entries, invoking the associated func
// as specified by the schedule.
type Cron struct {
	entries  []*Entry
	location *time.Location
	nextID   EntryID
}

// Job is an interface for submitted cron jobs.
type Job interface {
	Run()
}

// EntryID identifies an entry within a Cron instance.
type EntryID int

// Entry consists of a schedule and the func to execute on that schedule.
type Entry struct {
	ID  EntryID
	Job Job
}

// Option represents a modification to the default behavior of a Cron.
type Option func(*Cron)

// WithSeconds overrides the parser used for interpreting job schedules to
// include a seconds field as the first one.
func WithSeconds() Option { return func(*Cron) {} }

// WithLocation overrides the timezone of the cron instance.
func WithLocation(loc *time.Location) Option {
	return func(c *Cron) { c.location = loc }
}

// New returns a new Cron job runner, modified by the given options.
func New(opts ...Option) *Cron {
	c := &Cron{location: time.Local}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// FuncJob is a wrapper that turns a func() into a cron.Job.
type FuncJob func()

// Run calls f.
func (f FuncJob) Run() { f() }

// AddFunc adds a func to the Cron to be run on the given schedule.
func (c *Cron) AddFunc(spec string, cmd func()) (EntryID, error) {
	return c.AddJob(spec, FuncJob(cmd))
}

// AddJob adds a Job to the Cron to be run on the given schedule.
func (c *Cron) AddJob(spec string, cmd Job) (EntryID, error) {
	c.nextID++
	c.entries = append(c.entries, &Entry{ID: c.nextID, Job: cmd})
	return c.nextID, nil
}

// Start the cron scheduler in its own goroutine, or no-op if already
// started.
func (c *Cron) Start() {}

// Stop stops the cron scheduler if it is running; otherwise it does
// nothing.
func (c *Cron) Stop() context.Context { return context.Background() }
