package strangler

import (
	"slices"
	"sync"
	"time"
)

// windowSamples bounds the latencies kept per side of a route for the p99.
const windowSamples = 4096

// windows hold, per route, what the service and the monolith did since the
// route's current rollout step began: the inputs of the rollout gates.
type windows struct {
	m sync.Map // route name → *window
}

type window struct {
	mu                sync.Mutex
	service, monolith sideStats
}

// sideStats are one backend's requests on one route.
type sideStats struct {
	Requests int64
	Errors   int64 // 5xx answers and failures to answer
	lat      []time.Duration
	next     int
}

func (s *sideStats) add(d time.Duration, failed bool) {
	s.Requests++
	if failed {
		s.Errors++
	}
	if len(s.lat) < windowSamples {
		s.lat = append(s.lat, d)
		return
	}
	s.lat[s.next] = d // keep the latest samples
	s.next = (s.next + 1) % windowSamples
}

// ErrorRate is the share of failed requests, 0 with none.
func (s sideStats) ErrorRate() float64 {
	if s.Requests == 0 {
		return 0
	}
	return float64(s.Errors) / float64(s.Requests)
}

// P99 is the 99th percentile latency of the kept samples.
func (s sideStats) P99() time.Duration {
	if len(s.lat) == 0 {
		return 0
	}
	l := slices.Clone(s.lat)
	slices.Sort(l)
	return l[min(len(l)-1, len(l)*99/100)]
}

func (ws *windows) get(route string) *window {
	if w, ok := ws.m.Load(route); ok {
		return w.(*window)
	}
	w, _ := ws.m.LoadOrStore(route, &window{})
	return w.(*window)
}

// observe records one request on route answered by the service (or not).
func (ws *windows) observe(route string, service bool, d time.Duration, failed bool) {
	w := ws.get(route)
	w.mu.Lock()
	defer w.mu.Unlock()
	if service {
		w.service.add(d, failed)
	} else {
		w.monolith.add(d, failed)
	}
}

// reset starts a new window for route.
func (ws *windows) reset(route string) {
	if ws != nil {
		ws.m.Delete(route)
	}
}

// snapshot copies both sides of route's window.
func (ws *windows) snapshot(route string) (service, monolith sideStats) {
	w := ws.get(route)
	w.mu.Lock()
	defer w.mu.Unlock()
	service, monolith = w.service, w.monolith
	service.lat, monolith.lat = slices.Clone(service.lat), slices.Clone(monolith.lat)
	return service, monolith
}
