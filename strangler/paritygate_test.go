package strangler

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

// parityGateConfig has one route, orders, in shadow mode with a rollout
// gate that needs 5 requests.
func parityGateConfig(mono, svc string) string {
	return fmt.Sprintf(`
backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
parity: {timeout: 2s, queue: 64, workers: 1}
rollout: {steps: [50, 100], interval: 1m, min_requests: 5}
routes:
  - name: orders
    match: {path: "/orders/"}
    to: orders
    mode: shadow
    cohort: header:X-User
`, mono, svc)
}

// routeParityOf returns route's parity results, or the zero value.
func routeParityOf(p *Proxy, route string) RouteParity {
	for _, r := range p.Parity().Routes {
		if r.Route == route {
			return r
		}
	}
	return RouteParity{}
}

// TestParityGateAcrossRestart promotes a shadow route to canary and
// restarts the proxy before the first judgement: the evidence from shadow
// must come back from the state file, and a step must never be passed
// without enough of it.
func TestParityGateAcrossRestart(t *testing.T) {
	tests := []struct {
		name       string
		svcStatus  string
		shadowed   int
		wantResult string
		wantReason string
	}{
		{"every answer differs: the gate fails", "OPEN", 8, GateFail, "parity mismatch rate 100.00%"},
		{"too little evidence: the step is held", "open", 2, GateHold, "2 shadowed requests compared, 5 needed"},
		{"enough matching evidence: the step passes", "open", 8, GatePass, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mono, svc := jsonBackend(t, "monolith", "open"), jsonBackend(t, "orders", tt.svcStatus)
			clock := newFakeClock()
			dir := t.TempDir()
			fp, stop := startFileProxy(t, dir, parityGateConfig(mono.URL, svc.URL), Options{Now: clock.Now})
			c := testClient()
			for i := range tt.shadowed {
				get(t, c, "GET", fmt.Sprintf("%s/orders/%d", fp.url, i), nil, "")
			}
			eventually(t, "every copy compared", func() bool { return routeParityOf(fp.p, "orders").Compared == int64(tt.shadowed) })
			// Promote refuses what the gate would not pass; force it, to
			// see the gate itself judge after the restart.
			_, err := fp.p.Promote("orders")
			if refused := errors.Is(err, ErrParityGate); refused != (tt.wantResult != GatePass) {
				t.Fatalf("promote: %v, want refused %v", err, tt.wantResult != GatePass)
			}
			if err != nil {
				if _, err := fp.p.PromoteWith("orders", PromoteOptions{Force: true}); err != nil {
					t.Fatal(err)
				}
			}
			if m := fp.p.Routes().Routes[0].Mode; m != config.ModeCanary {
				t.Fatalf("after promote: %s, want canary", m)
			}

			stop()
			fp, _ = startFileProxy(t, dir, "", Options{Now: clock.Now})
			rp := routeParityOf(fp.p, "orders")
			if !rp.Restored || !rp.GateArmed || rp.WindowCompared != int64(tt.shadowed) {
				t.Fatalf("after restart the parity evidence is %+v, want %d comparisons restored and the gate armed", rp, tt.shadowed)
			}
			// Many intervals with plenty of traffic: the verdict never
			// changes while the evidence does not.
			for range 3 {
				clock.advance(time.Minute)
				sendUsers(t, fp.url, 40)
				rs := fp.p.CheckRollouts()
				if len(rs) != 1 || rs[0].Result != tt.wantResult || !strings.Contains(rs[0].Reason, tt.wantReason) {
					t.Fatalf("CheckRollouts = %+v, want %s (%q)", rs, tt.wantResult, tt.wantReason)
				}
				if tt.wantResult != GateHold {
					break
				}
			}
			st := fp.p.Routes().Routes[0]
			switch tt.wantResult {
			case GateFail:
				if st.Mode != config.ModeMonolith {
					t.Errorf("after a failed parity gate the route is %s, want monolith", st.Mode)
				}
			case GateHold:
				if st.Mode != config.ModeCanary || st.Rollout.Step != 0 {
					t.Errorf("held route moved: %s step %d", st.Mode, st.Rollout.Step)
				}
			case GatePass:
				if st.Mode != config.ModeCanary || st.Rollout.Step != 1 {
					t.Errorf("passed route: %s step %d, want canary step 1", st.Mode, st.Rollout.Step)
				}
			}
		})
	}
}

// TestPromoteShowsWhyParityFails: promoting a shadow route whose answers
// differ says which paths differ, with an example, and changes nothing.
func TestPromoteShowsWhyParityFails(t *testing.T) {
	mono, svc := jsonBackend(t, "monolith", "open"), jsonBackend(t, "orders", "OPEN")
	fp, _ := startFileProxy(t, t.TempDir(), parityGateConfig(mono.URL, svc.URL), Options{})
	c := testClient()
	for i := range 6 {
		get(t, c, "GET", fmt.Sprintf("%s/orders/%d", fp.url, i), nil, "")
	}
	eventually(t, "every copy compared", func() bool { return routeParityOf(fp.p, "orders").Compared == 6 })
	_, err := fp.p.Promote("orders")
	if !errors.Is(err, ErrParityGate) {
		t.Fatalf("promote: %v, want ErrParityGate", err)
	}
	for _, want := range []string{"mismatch rate 100.00% over 6 shadowed requests", "$.status differs on 100%", `monolith "open", service "OPEN"`, "GET /orders/"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if m := fp.p.Routes().Routes[0].Mode; m != config.ModeShadow {
		t.Errorf("a refused promote moved the route to %s", m)
	}
}

// TestShadowEvidenceSurvivesRestart: results found in shadow mode are
// saved while shadowing, so a restart before any promote keeps them.
func TestShadowEvidenceSurvivesRestart(t *testing.T) {
	mono, svc := jsonBackend(t, "monolith", "open"), jsonBackend(t, "orders", "OPEN")
	dir := t.TempDir()
	fp, stop := startFileProxy(t, dir, parityGateConfig(mono.URL, svc.URL), Options{})
	c := testClient()
	for i := range 6 {
		get(t, c, "GET", fmt.Sprintf("%s/orders/%d", fp.url, i), nil, "")
	}
	eventually(t, "every copy compared", func() bool { return routeParityOf(fp.p, "orders").Compared == 6 })
	fp.p.saveParity() // what the rollout loop does every second
	stop()
	fp, _ = startFileProxy(t, dir, "", Options{})
	rp := routeParityOf(fp.p, "orders")
	if !rp.Restored || rp.WindowCompared != 6 || rp.WindowMismatched != 6 || rp.GateArmed {
		t.Fatalf("after restart: %+v, want 6 of 6 mismatched restored, the gate not armed", rp)
	}
	if len(rp.Paths) == 0 || rp.Paths[0].Path != "$.status" || len(rp.Paths[0].Samples) == 0 {
		t.Errorf("restored paths %+v, want $.status with samples", rp.Paths)
	}
	// The evidence still stops a promote after the restart.
	if _, err := fp.p.Promote("orders"); !errors.Is(err, ErrParityGate) || !strings.Contains(err.Error(), "mismatch rate 100.00% over 6") {
		t.Errorf("promote after restart: %v, want ErrParityGate", err)
	}
}
