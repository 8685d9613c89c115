package platform

import (
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Metrics counts HTTP requests by method and status and serves the counts in
// the Prometheus text format.
type Metrics struct {
	clock    Clock
	started  time.Time
	mu       sync.Mutex
	requests map[requestKey]int64
}

// requestKey identifies one request counter.
type requestKey struct {
	method string
	status int
}

// NewMetrics returns empty Metrics whose uptime starts now.
func NewMetrics(clock Clock) *Metrics {
	return &Metrics{clock: clock, started: clock.Now(), requests: make(map[requestKey]int64)}
}

// Middleware counts every request that next serves.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		m.mu.Lock()
		m.requests[requestKey{method: r.Method, status: rec.status}]++
		m.mu.Unlock()
	})
}

// ServeHTTP writes the counters.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	m.mu.Lock()
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].method != keys[b].method {
			return keys[a].method < keys[b].method
		}
		return keys[a].status < keys[b].status
	})
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	fmt.Fprintf(w, "# TYPE shop_uptime_seconds gauge\nshop_uptime_seconds %.0f\n", m.clock.Now().Sub(m.started).Seconds())
	fmt.Fprintln(w, "# TYPE shop_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "shop_http_requests_total{method=%q,status=\"%d\"} %d\n", k.method, k.status, m.requests[k])
	}
	m.mu.Unlock()
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records code and forwards it.
func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
