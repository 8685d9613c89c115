package admin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/ficus-dev/ficus/strangler"
)

func TestAdminAPI(t *testing.T) {
	f := start(t, weightConfig(backend(t, "monolith"), backend(t, "orders"), "25"), Options{Token: testToken})
	// Some traffic for the metrics.
	for _, path := range []string{"/orders/1", "/"} {
		req, _ := http.NewRequest("GET", f.url+path, nil)
		req.Header.Set("X-User-ID", "a")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}

	status, body := do(t, "GET", f.admin+"/routes", "", "")
	var doc strangler.RoutesDoc
	if err := json.Unmarshal([]byte(body), &doc); err != nil || status != 200 {
		t.Fatalf("GET /routes: %d %v\n%s", status, err, body)
	}
	if doc.Schema != strangler.RoutesSchema || doc.Default != "monolith" || len(doc.Routes) != 1 || len(doc.Backends) != 2 {
		t.Fatalf("routes doc: %+v", doc)
	}
	if rs := doc.Routes[0]; rs.Name != "r" || rs.Weight != 25 || rs.To != "orders" || rs.Fallback != "monolith" || rs.Cohort != "header:X-User-Id" || rs.Line != 7 {
		t.Errorf("route status: %+v", rs)
	}
	if b := doc.Backends[1]; b.Name != "orders" || !b.Healthy || b.Breaker != "closed" {
		t.Errorf("backend status: %+v", b)
	}

	tests := []struct {
		name, token, path, body string
		wantStatus              int
		wantBody                string
	}{
		{"no token", "", "/routes/r/weight", `{"weight": 50}`, 401, "bearer token"},
		{"wrong token", "nope", "/routes/r/weight", `{"weight": 50}`, 401, "bearer token"},
		{"bad body", testToken, "/routes/r/weight", `{"wieght": 50}`, 400, `{\"weight\": 50}`},
		{"out of range", testToken, "/routes/r/weight", `{"weight": 101}`, 400, "out of range"},
		{"unknown route", testToken, "/routes/nope/weight", `{"weight": 5}`, 404, "unknown route"},
		{"ok", testToken, "/routes/r/weight", `{"weight": 50}`, 200, `"weight_overridden": true`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := do(t, "POST", f.admin+tt.path, tt.token, tt.body)
			if status != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
				t.Errorf("got %d %s, want %d containing %q", status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
	if w := f.p.Table().Routes[0].Weight(); w != 50 {
		t.Errorf("weight = %g after POST, want 50", w)
	}

	status, metrics := do(t, "GET", f.admin+"/metrics", "", "")
	for _, want := range []string{
		`ficus_proxy_requests_total{backend="monolith",code="200",route="_default"} 1`,
		`ficus_proxy_request_duration_seconds_count{backend=`,
		`ficus_proxy_route_weight_percent{route="r",to="orders"} 50`,
		`ficus_proxy_breaker_state{backend="orders"} 0`,
		`ficus_proxy_backend_healthy{backend="orders"} 1`,
		`ficus_proxy_config_generation 1`,
		`ficus_proxy_inflight_requests 0`,
	} {
		if status != 200 || !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}

	status, page := do(t, "GET", f.admin+"/", "", "")
	if status != 200 || !strings.Contains(page, "<h1>ficus proxy</h1>") || !strings.Contains(page, "orders") {
		t.Errorf("status page: %d\n%s", status, page)
	}
	for path, want := range map[string]int{"/healthz": 200, "/ready": 200, "/nope": 404} {
		if status, _ := do(t, "GET", f.admin+path, "", ""); status != want {
			t.Errorf("GET %s = %d, want %d", path, status, want)
		}
	}
}

func TestAdminWithoutTokenRefusesChanges(t *testing.T) {
	f := start(t, weightConfig(backend(t, "monolith"), backend(t, "orders"), "25"), Options{})
	status, body := do(t, "POST", f.admin+"/routes/r/weight", "anything", `{"weight": 1}`)
	if status != http.StatusForbidden || !strings.Contains(body, "no admin token") {
		t.Errorf("got %d %s, want 403", status, body)
	}
	if status, body := do(t, "POST", f.admin+"/reload", "", ""); status != http.StatusForbidden {
		t.Errorf("reload: %d %s", status, body)
	}
}

func TestAdminReload(t *testing.T) {
	mono, svc := backend(t, "monolith"), backend(t, "orders")
	f := start(t, weightConfig(mono, svc, "25"), Options{Token: testToken})
	write := func(y string) {
		t.Helper()
		if err := os.WriteFile(f.file, []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	write(weightConfig(mono, svc, "250"))
	status, body := do(t, "POST", f.admin+"/reload", testToken, "")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "weight 250 is out of range") {
		t.Errorf("got %d %s", status, body)
	}
	_, routes := do(t, "GET", f.admin+"/routes", "", "")
	if !strings.Contains(routes, `"last_reload_error"`) {
		t.Errorf("/routes does not show the rejected reload:\n%s", routes)
	}
	if w := f.p.Table().Routes[0].Weight(); w != 25 {
		t.Errorf("weight = %g, the invalid file must not apply", w)
	}

	write(weightConfig(mono, svc, "10"))
	status, body = do(t, "POST", f.admin+"/reload", testToken, "")
	if status != http.StatusOK || !strings.Contains(body, `"generation": 2`) {
		t.Errorf("good reload: %d %s", status, body)
	}
	if w := f.p.Table().Routes[0].Weight(); w != 10 {
		t.Errorf("weight = %g after the reload, want 10", w)
	}
}

// TestAdminLifecycle maps each lifecycle change and its failures to the
// API's answers.
func TestAdminLifecycle(t *testing.T) {
	f := start(t, lifecycleConfig(backend(t, "monolith"), backend(t, "orders")), Options{Token: testToken})
	steps := []struct {
		name, path, body string
		wantStatus       int
		wantMode         string
		wantWeight       float64
	}{
		{"promote to shadow", "/routes/orders/promote", "", 200, "shadow", 0},
		{"no parity evidence: refused", "/routes/orders/promote", "", 409, "", 0},
		{"promote with a bad body", "/routes/orders/promote", `{"force": "yes"}`, 400, "", 0},
		{"promote to canary by force", "/routes/orders/promote", `{"force": true}`, 200, "canary", 1},
		{"bad mode", "/routes/orders/mode", `{"mode": "beta"}`, 409, "", 0},
		{"unknown route", "/routes/nope/promote", "", 404, "", 0},
		{"no mode", "/routes/orders/mode", `{}`, 400, "", 0},
		{"set service", "/routes/orders/mode", `{"mode": "service"}`, 200, "service", 100},
		{"rollback", "/routes/orders/rollback", `{"reason": "pager"}`, 200, "monolith", 0},
		{"rollback with a bad body", "/routes/orders/rollback", `{"why": 1}`, 400, "", 0},
		{"to canary", "/routes/orders/mode", `{"mode": "canary"}`, 200, "canary", 1},
		{"monolith is a rollback", "/routes/orders/mode", `{"mode": "monolith", "reason": "by mode"}`, 200, "monolith", 0},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			status, body := do(t, "POST", f.admin+s.path, testToken, s.body)
			if status != s.wantStatus {
				t.Fatalf("status %d, want %d: %s", status, s.wantStatus, body)
			}
			if status != 200 {
				return
			}
			var rs strangler.RouteStatus
			if err := json.Unmarshal([]byte(body), &rs); err != nil {
				t.Fatalf("%v\n%s", err, body)
			}
			if string(rs.Mode) != s.wantMode || rs.Weight != s.wantWeight {
				t.Errorf("mode %s weight %g, want %s %g", rs.Mode, rs.Weight, s.wantMode, s.wantWeight)
			}
		})
	}
	if status, _ := do(t, "POST", f.admin+"/routes/orders/promote", "", ""); status != 401 {
		t.Errorf("promote without a token: %d, want 401", status)
	}
	status, page := do(t, "GET", f.admin+"/", "", "")
	if status != 200 || !strings.Contains(page, "<td>monolith") || !strings.Contains(page, "rolled back") || !strings.Contains(page, "by mode") {
		t.Errorf("status page %d:\n%s", status, page)
	}
}

func TestAdminReadiness(t *testing.T) {
	for _, ready := range []bool{true, false} {
		t.Run(fmt.Sprint(ready), func(t *testing.T) {
			f := start(t, weightConfig(backend(t, "monolith"), backend(t, "orders"), "25"), Options{Ready: func() bool { return ready }})
			want := http.StatusOK
			if !ready {
				want = http.StatusServiceUnavailable
			}
			if status, body := do(t, "GET", f.admin+"/ready", "", ""); status != want {
				t.Errorf("GET /ready = %d %q, want %d", status, body, want)
			}
			if status, _ := do(t, "GET", f.admin+"/healthz", "", ""); status != http.StatusOK {
				t.Errorf("GET /healthz = %d while ready is %v, want 200", status, ready)
			}
		})
	}
}
