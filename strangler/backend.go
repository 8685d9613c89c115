package strangler

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sony/gobreaker/v2"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// Backend is one upstream: its connection pool, circuit breaker and health.
// A Backend outlives a reload when its configuration did not change, so its
// pool, breaker and health history carry over.
type Backend struct {
	// Name is the backend's name in the configuration.
	Name string

	cfg       config.BackendConfig
	target    *url.URL // scheme http or https
	transport roundTripper
	h1        *h1.Transport // the fast pool for bodiless HTTP/1.1 requests; nil for other backends
	rp        *httputil.ReverseProxy
	breaker   *gobreaker.TwoStepCircuitBreaker[struct{}] // nil when disabled

	// healthy is the active health check's verdict; true until checks fail.
	healthy atomic.Bool
	// lastCheck is the last health check's error text ("" when it passed).
	lastCheck atomic.Pointer[string]
	stopOnce  sync.Once
	stop      context.CancelFunc
}

// BackendStatus is a backend's live state, as the admin API shows it.
type BackendStatus struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	Healthy     bool   `json:"healthy"`
	HealthCheck string `json:"health_check"` // "off", "passing" or the last error
	Breaker     string `json:"breaker"`      // closed, half-open, open or off
	Requests    uint32 `json:"breaker_requests"`
	Failures    uint32 `json:"breaker_failures"`
}

// newBackend builds a backend's transport and breaker. It does not start
// the health check; see [Backend.start].
func newBackend(name string, cfg config.BackendConfig, onBreaker func(name string, from, to gobreaker.State)) (*Backend, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("backend %s: %w", name, err)
	}
	b := &Backend{Name: name, cfg: cfg, target: u, stop: func() {}}
	t, err := newTransport(cfg, u)
	if err != nil {
		return nil, fmt.Errorf("backend %s: %w", name, err)
	}
	b.transport = t
	switch {
	case u.Scheme == "h2c":
		u2 := *u
		u2.Scheme = "http"
		b.target = &u2
	case u.Scheme == "http" && h1.FastPoolSupported:
		b.h1 = h1.NewTransport(t, u.Host, cfg.MaxIdleConns, cfg.ConnLimit())
		b.transport = b.h1
	}
	b.healthy.Store(true)
	if cfg.Breaker.IsEnabled() {
		b.breaker = newBreaker(name, cfg.Breaker, onBreaker)
	}
	return b, nil
}

// roundTripper is a connection pool: http.Transport, or h1.Transport in
// front of one.
type roundTripper interface {
	http.RoundTripper
	CloseIdleConnections()
}

// newTransport returns a connection pool tuned for proxying: many idle
// connections per host (the default of 2 makes a proxy dial constantly),
// no transparent decompression, no environment proxies.
func newTransport(cfg config.BackendConfig, u *url.URL) (*http.Transport, error) {
	dialer := &net.Dialer{Timeout: cfg.ConnectTimeout.D(), KeepAlive: 30 * time.Second}
	t := &http.Transport{
		DialContext:           dialer.DialContext,
		MaxIdleConns:          cfg.MaxIdleConns,
		MaxIdleConnsPerHost:   cfg.MaxIdleConns,
		MaxConnsPerHost:       cfg.ConnLimit(),
		IdleConnTimeout:       config.DefaultIdleConnTimeout,
		TLSHandshakeTimeout:   cfg.ConnectTimeout.D(),
		ResponseHeaderTimeout: cfg.Timeout.D(),
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
		WriteBufferSize:       16 << 10,
		ReadBufferSize:        16 << 10,
	}
	switch u.Scheme {
	case "https":
		tc, err := backendTLS(cfg.TLS)
		if err != nil {
			return nil, err
		}
		t.TLSClientConfig = tc
		t.ForceAttemptHTTP2 = true
	case "h2c":
		t.Protocols = new(http.Protocols)
		t.Protocols.SetUnencryptedHTTP2(true)
	}
	return t, nil
}

func backendTLS(c config.BackendTLSConfig) (*tls.Config, error) {
	tc := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		ServerName:         c.ServerName,
		InsecureSkipVerify: c.InsecureSkipVerify, //nolint:gosec // opt-in, documented as tests only
	}
	if c.CAFile != "" {
		pem, err := os.ReadFile(c.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read ca_file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file %s holds no PEM certificates", c.CAFile)
		}
		tc.RootCAs = pool
	}
	return tc, nil
}

func newBreaker(name string, c config.BreakerConfig, onChange func(string, gobreaker.State, gobreaker.State)) *gobreaker.TwoStepCircuitBreaker[struct{}] {
	failures, minReqs, ratio := uint32(c.Failures), uint32(c.MinRequests), c.FailureRatio
	return gobreaker.NewTwoStepCircuitBreaker[struct{}](gobreaker.Settings{
		Name:        name,
		MaxRequests: uint32(c.HalfOpenRequests),
		Interval:    c.Window.D(),
		Timeout:     c.OpenFor.D(),
		ReadyToTrip: func(n gobreaker.Counts) bool {
			return n.ConsecutiveFailures >= failures ||
				(n.Requests >= minReqs && float64(n.TotalFailures) >= ratio*float64(n.Requests))
		},
		// A client that went away or sent a broken body says nothing
		// about the backend.
		IsExcluded: func(err error) bool {
			return errors.Is(err, context.Canceled) || errors.Is(err, errClientRequest)
		},
		OnStateChange: onChange,
	})
}

// errBreakerOpen is returned when the breaker refuses a request.
var errBreakerOpen = errors.New("circuit breaker open")

// allow asks the breaker for permission; the returned function records the
// outcome (nil for success). It never returns a nil function with a nil error.
func (b *Backend) allow() (func(error), error) {
	if b.breaker == nil {
		return func(error) {}, nil
	}
	done, err := b.breaker.Allow()
	if err != nil {
		return nil, fmt.Errorf("backend %s: %w: %w", b.Name, errBreakerOpen, err)
	}
	return done, nil
}

// Healthy reports the active health check's verdict (true when there is none).
func (b *Backend) Healthy() bool { return b.healthy.Load() }

// Status reports the backend's live state.
func (b *Backend) Status() BackendStatus {
	s := BackendStatus{Name: b.Name, URL: b.cfg.URL, Healthy: b.Healthy(), HealthCheck: "off", Breaker: "off"}
	if b.cfg.Health != nil {
		s.HealthCheck = "passing"
		if e := b.lastCheck.Load(); e != nil && *e != "" {
			s.HealthCheck = *e
		}
	}
	if b.breaker != nil {
		s.Breaker = b.breaker.State().String()
		c := b.breaker.Counts()
		s.Requests, s.Failures = c.Requests, c.TotalFailures
	}
	return s
}

// breakerState is the breaker state as a number for metrics: 0 closed,
// 1 half-open, 2 open, -1 off.
func (b *Backend) breakerState() float64 {
	if b.breaker == nil {
		return -1
	}
	switch b.breaker.State() {
	case gobreaker.StateHalfOpen:
		return 1
	case gobreaker.StateOpen:
		return 2
	}
	return 0
}

// close stops the health check and releases idle connections. Requests in
// flight keep their connections until they finish.
func (b *Backend) close() {
	b.stopOnce.Do(func() {
		b.stop()
		b.transport.CloseIdleConnections()
	})
}
