package platform

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

func TestSchedulerRunsUntilCancelled(t *testing.T) {
	s := NewScheduler(slog.New(slog.NewTextHandler(io.Discard, nil)), SystemClock{})
	var runs atomic.Int32
	s.Every("tick", 2*time.Millisecond, func(context.Context) error {
		runs.Add(1)
		return nil
	})
	s.Every("fail", 2*time.Millisecond, func(context.Context) error { return errors.New("carrier down") })

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx)
		close(done)
	}()
	deadline := time.Now().Add(time.Second)
	for runs.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if runs.Load() < 3 {
		t.Fatalf("tick ran %d times, want at least 3", runs.Load())
	}
	st := s.Status()
	if st[0].Name != "fail" || st[0].Failures == 0 || st[0].LastError != "carrier down" {
		t.Errorf("status of failing job = %+v", st[0])
	}
}

func TestSchedulerRunNowUnknownJob(t *testing.T) {
	s := NewScheduler(slog.New(slog.NewTextHandler(io.Discard, nil)), SystemClock{})
	if err := s.RunNow(context.Background(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RunNow(nope) = %v, want ErrNotFound", err)
	}
}
