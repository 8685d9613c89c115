package strangler

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func adminDo(t *testing.T, method, url, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestAdminAPI(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	r := startServer(t, weightConfig(mono, svc, "25"))
	// Some traffic for the metrics.
	c := testClient()
	get(t, c, "GET", r.url+"/orders/1", http.Header{"X-User-Id": {"a"}}, "")
	get(t, c, "GET", r.url+"/", nil, "")

	status, body := adminDo(t, "GET", r.admin+"/routes", "", "")
	var doc RoutesDoc
	if err := json.Unmarshal([]byte(body), &doc); err != nil || status != 200 {
		t.Fatalf("GET /routes: %d %v\n%s", status, err, body)
	}
	if doc.Schema != RoutesSchema || doc.Default != "monolith" || len(doc.Routes) != 1 || len(doc.Backends) != 2 {
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
			status, body := adminDo(t, "POST", r.admin+tt.path, tt.token, tt.body)
			if status != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
				t.Errorf("got %d %s, want %d containing %q", status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
	if w := r.proxy.Table().Routes[0].Weight(); w != 50 {
		t.Errorf("weight = %g after POST, want 50", w)
	}

	status, metrics := adminDo(t, "GET", r.admin+"/metrics", "", "")
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

	status, page := adminDo(t, "GET", r.admin+"/", "", "")
	if status != 200 || !strings.Contains(page, "<h1>ficus proxy</h1>") || !strings.Contains(page, "orders") {
		t.Errorf("status page: %d\n%s", status, page)
	}
	for path, want := range map[string]int{"/healthz": 200, "/ready": 200, "/nope": 404} {
		if status, _ := adminDo(t, "GET", r.admin+path, "", ""); status != want {
			t.Errorf("GET %s = %d, want %d", path, status, want)
		}
	}
}

func TestAdminWithoutTokenRefusesChanges(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	p, _ := startProxy(t, weightConfig(mono, svc, "25"))
	h := NewAdmin(p, AdminOptions{})
	srv := newHTTPTestServer(t, h)
	status, body := adminDo(t, "POST", srv+"/routes/r/weight", "anything", `{"weight": 1}`)
	if status != http.StatusForbidden || !strings.Contains(body, "no admin token") {
		t.Errorf("got %d %s, want 403", status, body)
	}
	if status, body := adminDo(t, "POST", srv+"/reload", "", ""); status != http.StatusForbidden {
		t.Errorf("reload: %d %s", status, body)
	}
}

func TestAdminReloadReportsInvalidFile(t *testing.T) {
	mono, svc := newUpstream(t, "monolith"), newUpstream(t, "orders")
	r := startServer(t, weightConfig(mono, svc, "25"))
	r.srv.Watch = false
	writeFile(t, r.file, weightConfig(mono, svc, "250"))
	status, body := adminDo(t, "POST", r.admin+"/reload", testToken, "")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "weight 250 is out of range") {
		t.Errorf("got %d %s", status, body)
	}
	_, routes := adminDo(t, "GET", r.admin+"/routes", "", "")
	if !strings.Contains(routes, `"last_reload_error"`) {
		t.Errorf("/routes does not show the rejected reload:\n%s", routes)
	}
	if w := r.proxy.Table().Routes[0].Weight(); w != 25 {
		t.Errorf("weight = %g, the invalid file must not apply", w)
	}
}

func newHTTPTestServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
