package strangler

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// defaultRouteLabel is the route label of requests no route matched. Route
// names start with a letter or digit, so it cannot clash with one.
const defaultRouteLabel = "_default"

// metrics are the proxy's Prometheus series. Live state (weights, breaker
// states, health) is read from the current table at scrape time, so series
// of removed routes and backends disappear on reload.
type metrics struct {
	requests  *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	fallbacks *prometheus.CounterVec
	reloads   *prometheus.CounterVec
	inflight  prometheus.Gauge
	// transitions, shadow, mismatches and gates follow route lifecycles.
	transitions *prometheus.CounterVec
	shadow      *prometheus.CounterVec
	mismatches  *prometheus.CounterVec
	gates       *prometheus.CounterVec
	// clientErrors counts requests that failed through the client's fault.
	clientErrors *prometheus.CounterVec
	codes        [600]string
}

func newMetrics(reg prometheus.Registerer, table func() *Table) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ficus_proxy_requests_total",
			Help: "Requests proxied, by route, the backend that answered, and status code.",
		}, []string{"route", "backend", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "ficus_proxy_request_duration_seconds",
			Help:    "Time from receiving a request to the end of its response, by route and backend.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "backend"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ficus_proxy_fallbacks_total",
			Help: "Requests served by a route's fallback, by route, failed backend, fallback and reason.",
		}, []string{"route", "from", "to", "reason"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ficus_proxy_config_reloads_total",
			Help: "Configuration reloads, by result (ok or error).",
		}, []string{"result"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ficus_proxy_inflight_requests",
			Help: "Requests being proxied now, websockets and streams included.",
		}),
	}
	m.transitions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ficus_proxy_route_transitions_total",
		Help: "Route mode and rollout step changes, by route, previous mode, new mode and reason (admin, promote, rollback, step, gate).",
	}, []string{"route", "from", "to", "reason"})
	m.shadow = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ficus_proxy_shadow_requests_total",
		Help: "Shadow copies by route and result: match, mismatch, error, dropped_queue, dropped_body, skipped_unsafe.",
	}, []string{"route", "result"})
	m.mismatches = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ficus_proxy_parity_mismatches_total",
		Help: "Differences above noise between the service and the monolith, by route and JSON path.",
	}, []string{"route", "path"})
	m.gates = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ficus_proxy_rollout_gate_checks_total",
		Help: "Rollout gate decisions, by route and result: pass, hold (too few requests) or fail.",
	}, []string{"route", "result"})
	m.clientErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ficus_proxy_client_errors_total",
		Help: "Requests that failed through the client's fault (body_malformed, body_too_large, body_timeout), by route and reason; they count against no backend.",
	}, []string{"route", "reason"})
	for i := range m.codes {
		m.codes[i] = strconv.Itoa(i)
	}
	cs := []prometheus.Collector{m.requests, m.duration, m.fallbacks, m.reloads, m.inflight, m.transitions, m.shadow, m.mismatches, m.gates, m.clientErrors, &tableCollector{table: table}}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *metrics) observe(route, backend string, status int, d time.Duration) {
	code := "other"
	if status >= 0 && status < len(m.codes) {
		code = m.codes[status]
	}
	m.requests.WithLabelValues(route, backend, code).Inc()
	m.duration.WithLabelValues(route, backend).Observe(d.Seconds())
}

// tableCollector exports the live state of the current table.
type tableCollector struct {
	table func() *Table
}

func (c *tableCollector) descs() (weight, breaker, healthy, gen *prometheus.Desc) {
	return prometheus.NewDesc("ficus_proxy_route_weight_percent", "Live share of cohorts sent to the route's target, in percent.", []string{"route", "to"}, nil),
		prometheus.NewDesc("ficus_proxy_breaker_state", "Circuit breaker state: 0 closed, 1 half-open, 2 open, -1 disabled.", []string{"backend"}, nil),
		prometheus.NewDesc("ficus_proxy_backend_healthy", "1 when the backend passes its active health check (or has none).", []string{"backend"}, nil),
		prometheus.NewDesc("ficus_proxy_config_generation", "Generation of the configuration being served; it grows by one per successful reload.", nil, nil)
}

func (c *tableCollector) Describe(ch chan<- *prometheus.Desc) {
	w, b, h, g := c.descs()
	ch <- w
	ch <- b
	ch <- h
	ch <- g
}

func (c *tableCollector) Collect(ch chan<- prometheus.Metric) {
	t := c.table()
	if t == nil {
		return
	}
	w, b, h, g := c.descs()
	for _, r := range t.Routes {
		ch <- prometheus.MustNewConstMetric(w, prometheus.GaugeValue, r.Weight(), r.Name, r.To.Name)
	}
	for name, be := range t.Backends {
		ch <- prometheus.MustNewConstMetric(b, prometheus.GaugeValue, be.breakerState(), name)
		healthy := 0.0
		if be.Healthy() {
			healthy = 1
		}
		ch <- prometheus.MustNewConstMetric(h, prometheus.GaugeValue, healthy, name)
	}
	ch <- prometheus.MustNewConstMetric(g, prometheus.GaugeValue, float64(t.Generation))
}
