package strangler

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ficus-dev/ficus/strangler/config"
)

// sendUsers sends one request per user to the route, so that cohorts
// spread over the buckets.
func sendUsers(t *testing.T, url string, users int) {
	t.Helper()
	c := testClient()
	for i := range users {
		get(t, c, "GET", url+"/orders/1", http.Header{"X-User": {fmt.Sprint("user-", i)}}, "")
	}
}

func TestRolloutClimbsAndRollsBack(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	clock := newFakeClock()
	reg := prometheus.NewRegistry()
	var logs syncBuffer
	dir := t.TempDir()
	y := strings.Replace(lifecycleConfig(mono.URL, svc.URL, ""), "mode: monolith", "mode: canary", 1)
	y = strings.Replace(y, "steps: [1, 5, 25, 50, 100]", "steps: [50, 100]", 1)
	fp, stop := startFileProxy(t, dir, y, Options{Now: clock.Now, Registry: reg, Logger: slog.New(slog.NewTextHandler(&logs, nil))})

	check := func(wantResult string) GateResult {
		t.Helper()
		rs := fp.p.CheckRollouts()
		if len(rs) != 1 || rs[0].Result != wantResult {
			t.Fatalf("CheckRollouts = %+v, want one %s", rs, wantResult)
		}
		return rs[0]
	}
	// The first check starts the step's clock; before the interval has
	// passed nothing is judged.
	for range 2 {
		if rs := fp.p.CheckRollouts(); len(rs) != 0 {
			t.Fatalf("judged before the interval: %+v", rs)
		}
	}
	clock.advance(time.Minute)
	check(GateHold) // no traffic yet
	sendUsers(t, fp.url, 200)
	check(GatePass)
	if rs := fp.p.Routes().Routes[0]; rs.Mode != config.ModeCanary || rs.Weight != 100 || rs.Rollout.Step != 1 {
		t.Fatalf("after the first pass: %+v", rs)
	}

	// A restart in the middle of the rollout resumes on step 1.
	stop()
	fp, _ = startFileProxy(t, dir, "", Options{Now: clock.Now, Registry: prometheus.NewRegistry(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if rs := fp.p.Routes().Routes[0]; rs.Mode != config.ModeCanary || rs.Weight != 100 || rs.Rollout.Step != 1 {
		t.Fatalf("after restart: %+v", rs)
	}

	// The service starts failing: the gate fails and the route goes back.
	svc.status.Store(500)
	clock.advance(time.Minute)
	sendUsers(t, fp.url, 50)
	res := check(GateFail)
	if !strings.Contains(res.Reason, "error rate") {
		t.Errorf("reason %q", res.Reason)
	}
	rs := fp.p.Routes().Routes[0]
	if rs.Mode != config.ModeMonolith || rs.Weight != 0 || rs.Rollout.LastRollback == nil || !strings.Contains(rs.Rollout.LastRollback.Reason, "error rate") {
		t.Errorf("after the failed gate: %+v %+v", rs, rs.Rollout)
	}
	if got := counterSum(t, reg, "ficus_proxy_route_transitions_total"); got < 1 {
		t.Errorf("transitions counted: %g", got)
	}
	if !strings.Contains(logs.String(), "route rolled back to the monolith") {
		t.Errorf("rollback not logged:\n%s", logs.String())
	}
}

func TestRolloutPromotesToServiceAfterLastStep(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	clock := newFakeClock()
	y := strings.Replace(lifecycleConfig(mono.URL, svc.URL, ""), "mode: monolith", "mode: canary", 1)
	y = strings.Replace(y, "steps: [1, 5, 25, 50, 100]", "steps: [100]", 1)
	fp, _ := startFileProxy(t, t.TempDir(), y, Options{Now: clock.Now})
	fp.p.CheckRollouts() // starts the step
	sendUsers(t, fp.url, 20)
	clock.advance(time.Minute)
	if rs := fp.p.CheckRollouts(); len(rs) != 1 || rs[0].Result != GatePass {
		t.Fatalf("CheckRollouts = %+v", rs)
	}
	if m := fp.p.Routes().Routes[0].Mode; m != config.ModeService {
		t.Errorf("mode %s, want service", m)
	}
}

// counterSum adds up every series of the counter named name.
func counterSum(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, mf := range mfs {
		if mf.GetName() == name {
			for _, m := range mf.GetMetric() {
				total += m.GetCounter().GetValue()
			}
		}
	}
	return total
}
