package platform

import "net/http"

// RegisterRoutes registers the operational endpoints: health, metrics and
// job statistics.
func RegisterRoutes(mux *http.ServeMux, m *Metrics, s *Scheduler) {
	// /healthz answers any method: load balancers probe with GET or HEAD.
	mux.HandleFunc("/healthz", healthz)
	mux.Handle("GET /metrics", m)
	mux.Handle("GET /debug/jobs", s)
}

// healthz reports that the process is up.
func healthz(w http.ResponseWriter, _ *http.Request) {
	WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
