package strangler

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

// TestRollbackOnTheMonolithIsQuiet: sending a route already on the
// monolith to the monolith is no rollback: no warning, no note.
func TestRollbackOnTheMonolithIsQuiet(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	var logs syncBuffer
	fp, _ := startFileProxy(t, t.TempDir(), lifecycleConfig(mono.URL, svc.URL, ""), Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	st, err := fp.p.Rollback("orders", "again")
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode != config.ModeMonolith || (st.Rollout != nil && st.Rollout.LastRollback != nil) {
		t.Errorf("status %+v, want the monolith and no rollback note", st)
	}
	if strings.Contains(logs.String(), "rolled back") {
		t.Errorf("a route already on the monolith logged a rollback:\n%s", logs.String())
	}
}

// TestNextCheckEndsWithTheStep: the rollout loop wakes when a step's
// interval ends, not up to a check period later.
func TestNextCheckEndsWithTheStep(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	clock := newFakeClock()
	y := strings.Replace(lifecycleConfig(mono.URL, svc.URL, ""), "mode: monolith", "mode: canary", 1)
	fp, _ := startFileProxy(t, t.TempDir(), y, Options{Now: clock.Now})
	fp.p.CheckRollouts() // starts the first step now
	if got := fp.p.nextCheck(time.Second); got != time.Second {
		t.Errorf("at the start of a 1m step: wait %s, want the 1s period", got)
	}
	clock.advance(time.Minute - 300*time.Millisecond)
	if got := fp.p.nextCheck(time.Second); got != 300*time.Millisecond {
		t.Errorf("300ms before the step ends: wait %s, want 300ms", got)
	}
	clock.advance(time.Second)
	if got := fp.p.nextCheck(time.Second); got != time.Second {
		t.Errorf("a step already due (held): wait %s, want the 1s period, not a busy loop", got)
	}
}
