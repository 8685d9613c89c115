package config

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"
)

// Defaults applied by [Config.setDefaults]. They are documented in
// docs/proxy.md; change both together.
const (
	defaultListen            = "127.0.0.1:8080"
	DefaultAdmin             = "127.0.0.1:9901"
	defaultOverrideHeader    = "X-Ficus-Backend"
	defaultBackendTimeout    = 30 * time.Second
	defaultConnectTimeout    = 5 * time.Second
	DefaultIdleConnTimeout   = 90 * time.Second
	defaultMaxIdleConns      = 256
	defaultHealthInterval    = 5 * time.Second
	defaultHealthTimeout     = 2 * time.Second
	defaultBreakerFailures   = 5
	defaultBreakerRatio      = 0.5
	defaultBreakerMinReqs    = 20
	defaultBreakerWindow     = 10 * time.Second
	defaultBreakerOpenFor    = 10 * time.Second
	defaultReadHeaderTimeout = 10 * time.Second
	defaultIdleTimeout       = 120 * time.Second
	defaultShutdownTimeout   = 30 * time.Second
	defaultMaxHeaderBytes    = 32 << 10         // nginx: 4 buffers of 8 KiB for a head
	defaultBodyReadTimeout   = 60 * time.Second // nginx's client_body_timeout
	defaultSendTimeout       = 60 * time.Second // nginx's send_timeout
	defaultMaxConns          = 1024
	defaultReplayBodyBytes   = 64 << 10
	defaultCohort            = "ip"
	defaultParityQueue       = 1024
	defaultParityWorkers     = 4
	defaultParityBodyBytes   = 1 << 20
	defaultParityTimeout     = 10 * time.Second
	defaultParityNoise       = "repeat"
	defaultParitySamples     = 5
	defaultRolloutInterval   = 5 * time.Minute
	defaultRolloutMinReqs    = 20
	defaultMaxErrorDelta     = 0.01
	defaultMaxP99Ratio       = 1.5
	defaultMaxMismatchRate   = 0.01
	// Buckets is the number of cohort buckets; a weight of w% sends buckets
	// [0, w*Buckets/100) to the route's target.
	Buckets = 10000
)

// Config is the proxy configuration file. The YAML field names are a
// promise to users: see docs/proxy.md.
type Config struct {
	// Listen is the address of the proxy listener.
	Listen string `yaml:"listen"`
	// Admin is the address of the admin listener (loopback by default).
	Admin string `yaml:"admin"`
	// Backends names every upstream the proxy may send to.
	Backends map[string]BackendConfig `yaml:"backends"`
	// Default is the backend that serves requests no route matches.
	Default string `yaml:"default"`
	// Routes move matching requests to another backend.
	Routes []RouteConfig `yaml:"routes"`
	// Override lets testers force a side with a header or cookie.
	Override OverrideConfig `yaml:"override"`
	// TrustedProxies lists the addresses or CIDR prefixes whose
	// X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host are believed.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// Server holds listener protocol, timeout and size settings.
	Server ServerConfig `yaml:"server"`
	// State is the file that keeps live modes, weights and rollout
	// progress across restarts; "" means the config file's name with
	// ".state.json" in place of its extension.
	State string `yaml:"state"`
	// Parity configures shadow traffic and response comparison.
	Parity ParityConfig `yaml:"parity"`
	// Rollout is the default progressive rollout of canary routes.
	Rollout RolloutConfig `yaml:"rollout"`

	// file and lines locate the source of each field for messages.
	file  string
	lines map[string]position
}

// BackendConfig is one upstream.
type BackendConfig struct {
	// URL is the base URL; http, https, or h2c (HTTP/2 without TLS).
	URL string `yaml:"url"`
	// Timeout bounds the wait for response headers, dial included.
	Timeout Duration `yaml:"timeout"`
	// ConnectTimeout bounds the TCP (and TLS) connection set-up.
	ConnectTimeout Duration `yaml:"connect_timeout"`
	// MaxIdleConns is the number of idle keep-alive connections kept.
	MaxIdleConns int `yaml:"max_idle_conns"`
	// MaxConns caps connections to the backend, per connection pool (the
	// fast path's and net/http's); 0 means defaultMaxConns, -1 no cap.
	MaxConns int `yaml:"max_conns"`
	// HostHeader replaces the client's Host header when set.
	HostHeader string `yaml:"host_header"`
	// TLS configures https backends.
	TLS BackendTLSConfig `yaml:"tls"`
	// Health configures an active health check; none when nil.
	Health *HealthConfig `yaml:"health"`
	// Breaker configures the circuit breaker.
	Breaker BreakerConfig `yaml:"breaker"`
}

// BackendTLSConfig configures TLS to an https backend.
type BackendTLSConfig struct {
	// CAFile is a PEM bundle of roots to trust instead of the system's.
	CAFile string `yaml:"ca_file"`
	// ServerName overrides the name checked in the backend's certificate.
	ServerName string `yaml:"server_name"`
	// InsecureSkipVerify disables certificate checks (tests only).
	InsecureSkipVerify bool `yaml:"insecure_skip_verify"`
}

// HealthConfig is an active health check: GET Path every Interval.
type HealthConfig struct {
	Path           string   `yaml:"path"`
	Interval       Duration `yaml:"interval"`
	Timeout        Duration `yaml:"timeout"`
	HealthyAfter   int      `yaml:"healthy_after"`
	UnhealthyAfter int      `yaml:"unhealthy_after"`
}

// BreakerConfig configures a backend's circuit breaker. It opens after
// Failures consecutive failures, or when at least MinRequests requests in
// Window failed at FailureRatio or more; it stays open for OpenFor, then
// lets HalfOpenRequests probes through.
type BreakerConfig struct {
	Enabled          *bool    `yaml:"enabled"`
	Failures         int      `yaml:"failures"`
	FailureRatio     float64  `yaml:"failure_ratio"`
	MinRequests      int      `yaml:"min_requests"`
	Window           Duration `yaml:"window"`
	OpenFor          Duration `yaml:"open_for"`
	HalfOpenRequests int      `yaml:"half_open_requests"`
}

// RouteConfig moves the requests it matches to To.
type RouteConfig struct {
	Name  string      `yaml:"name"`
	Match MatchConfig `yaml:"match"`
	To    string      `yaml:"to"`
	// Weight is the percentage (0–100, two decimals) of cohorts sent to To;
	// nil means 100.
	Weight *float64 `yaml:"weight"`
	// Cohort is the key that keeps a user on one side: header:NAME,
	// cookie:NAME or ip.
	Cohort string `yaml:"cohort"`
	// Fallback serves the request when To fails and replay is safe.
	Fallback string `yaml:"fallback"`
	// Mode is the route's lifecycle stage (see [Mode]); "" keeps the
	// plain weighted split.
	Mode string `yaml:"mode"`
	// Shadow configures the copies of requests sent in shadow mode.
	Shadow ShadowConfig `yaml:"shadow"`
	// Rollout overrides the top-level rollout settings for this route.
	Rollout *RolloutConfig `yaml:"rollout"`
}

// ShadowConfig is a route's shadow settings.
type ShadowConfig struct {
	// Unsafe allows shadowing requests that are not idempotent: the
	// service must not have side effects the monolith also has.
	Unsafe bool `yaml:"unsafe"`
	// Ignore lists JSON paths never compared, like $.created_at or
	// $.items[*].id.
	Ignore []string `yaml:"ignore"`
	// Headers lists the response headers compared besides the status.
	Headers []string `yaml:"headers"`
	// Keys names, per array (a JSON path such as $.items), the element
	// field that identifies an element, where the id-like field found by
	// default is not the right one. Elements are paired by it, whatever
	// their order.
	Keys map[string]string `yaml:"keys"`
	// TimeTolerance makes two RFC 3339 timestamps equal when they are at
	// most this far apart; 0 compares them as text.
	TimeTolerance Duration `yaml:"time_tolerance"`
	// NumbersAsText compares JSON numbers by their text (2 and 2.0
	// differ) instead of by value.
	NumbersAsText bool `yaml:"numbers_as_text"`
}

// ParityConfig configures shadow traffic for every route in shadow mode.
type ParityConfig struct {
	// Queue bounds the shadow copies waiting to be sent; more are dropped.
	Queue int `yaml:"queue"`
	// Workers send shadow copies concurrently.
	Workers int `yaml:"workers"`
	// MaxBodyBytes bounds the request and response bodies buffered for a
	// comparison; larger exchanges are not shadowed.
	MaxBodyBytes ByteSize `yaml:"max_body_bytes"`
	// Timeout bounds each shadow request.
	Timeout Duration `yaml:"timeout"`
	// Noise says where the second monolith response that reveals noisy
	// fields comes from: "repeat" (send the request to the default backend
	// again), "backend:NAME" (a second monolith instance) or "off".
	Noise string `yaml:"noise"`
	// Samples is the number of example diffs kept per route.
	Samples int `yaml:"samples"`
}

// RolloutConfig is a progressive rollout: in canary mode the weight climbs
// Steps every Interval while the gates hold.
type RolloutConfig struct {
	// Steps are the weights, in percent, climbed in order.
	Steps []float64 `yaml:"steps"`
	// Interval is the time spent on each step before the gates are checked.
	Interval Duration `yaml:"interval"`
	// MinRequests is the number of service requests a step needs before its
	// gates are judged; with fewer, the step is held.
	MinRequests int `yaml:"min_requests"`
	// MaxErrorRateDelta is how far the service's 5xx rate may exceed the
	// monolith's on the same route (0.01 = one point).
	MaxErrorRateDelta float64 `yaml:"max_error_rate_delta"`
	// MaxP99Ratio is how many times the monolith's p99 latency the
	// service's may be.
	MaxP99Ratio float64 `yaml:"max_p99_ratio"`
	// MaxMismatchRate is the highest share of shadowed requests whose
	// responses may differ beyond noise.
	MaxMismatchRate float64 `yaml:"max_mismatch_rate"`
	// Manual turns the automatic climb off: steps are taken by promote.
	Manual bool `yaml:"manual"`
}

// MatchConfig selects requests. Every non-empty field must match.
type MatchConfig struct {
	Methods []string `yaml:"methods" json:"methods,omitempty"`
	// ExactMethods makes GET match GET alone, not HEAD too as in ServeMux:
	// for routes of frameworks that do not answer HEAD on a GET route.
	ExactMethods bool              `yaml:"exact_methods" json:"exact_methods,omitempty"`
	Host         string            `yaml:"host" json:"host,omitempty"`
	Path         string            `yaml:"path" json:"path"`
	Headers      map[string]string `yaml:"headers" json:"headers,omitempty"`
	Cookies      map[string]string `yaml:"cookies" json:"cookies,omitempty"`
	Query        map[string]string `yaml:"query" json:"query,omitempty"`
}

// OverrideConfig lets a tester force a route's side.
type OverrideConfig struct {
	Enabled *bool  `yaml:"enabled"`
	Header  string `yaml:"header"`
	Cookie  string `yaml:"cookie"`
}

// ServerConfig holds listener settings.
type ServerConfig struct {
	TLS               ServerTLSConfig `yaml:"tls"`
	H2C               bool            `yaml:"h2c"`
	ReadHeaderTimeout Duration        `yaml:"read_header_timeout"`
	ReadTimeout       Duration        `yaml:"read_timeout"`
	WriteTimeout      Duration        `yaml:"write_timeout"`
	IdleTimeout       Duration        `yaml:"idle_timeout"`
	ShutdownTimeout   Duration        `yaml:"shutdown_timeout"`
	DrainDelay        Duration        `yaml:"drain_delay"`
	MaxHeaderBytes    ByteSize        `yaml:"max_header_bytes"`
	MaxBodyBytes      ByteSize        `yaml:"max_body_bytes"`
	ReplayBodyBytes   ByteSize        `yaml:"replay_body_bytes"`
	// BodyReadTimeout bounds the wait for each read of a request body, not
	// the whole body: a long upload that keeps arriving is never cut.
	BodyReadTimeout Duration `yaml:"body_read_timeout"`
	// SendTimeout bounds each write of a response to the client, not the
	// whole response: a client that stops reading is let go, a stream that
	// goes quiet is not cut. It applies when write_timeout is 0.
	SendTimeout Duration `yaml:"send_timeout"`
	// FastPath serves plain HTTP/1.1 requests (no body, no upgrade) on
	// the proxy's own connection loop (cleartext listeners only) and
	// forwards bodiless requests to HTTP/1.1 backends without
	// httputil.ReverseProxy; false leaves every request to net/http's
	// server and ReverseProxy. Default true.
	FastPath *bool `yaml:"fast_path"`
}

// FastPathEnabled reports whether the listener's fast path is on.
func (s ServerConfig) FastPathEnabled() bool { return s.FastPath == nil || *s.FastPath }

// ServerTLSConfig enables TLS (and HTTP/2) on the proxy listener.
type ServerTLSConfig struct {
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
}

// RouteLine returns the line of routes[i] in the file, or 0 when the
// configuration was not parsed from YAML.
func (c *Config) RouteLine(i int) int { return c.lines[fmt.Sprintf("routes[%d]", i)].line }

// File is the path the configuration was read from, or "" when it was
// parsed from memory.
func (c *Config) File() string { return c.file }

// OverrideEnabled reports whether the override header and cookie are honoured.
func (c *Config) OverrideEnabled() bool {
	return c.Override.Enabled == nil || *c.Override.Enabled
}

// ConnLimit is the cap on connections per pool; 0 means none.
func (b BackendConfig) ConnLimit() int {
	switch {
	case b.MaxConns == 0:
		return defaultMaxConns
	case b.MaxConns < 0:
		return 0
	}
	return b.MaxConns
}

// IsEnabled reports whether the breaker is on (the default).
func (b BreakerConfig) IsEnabled() bool { return b.Enabled == nil || *b.Enabled }

// setDefaults fills every zero field that has a default.
func (c *Config) setDefaults() {
	if c.Listen == "" {
		c.Listen = defaultListen
	}
	if c.Admin == "" {
		c.Admin = DefaultAdmin
	}
	if c.Override.Header == "" {
		c.Override.Header = defaultOverrideHeader
	}
	s := &c.Server
	defaultDuration(&s.ReadHeaderTimeout, defaultReadHeaderTimeout)
	defaultDuration(&s.IdleTimeout, defaultIdleTimeout)
	defaultDuration(&s.ShutdownTimeout, defaultShutdownTimeout)
	defaultDuration(&s.BodyReadTimeout, defaultBodyReadTimeout)
	defaultDuration(&s.SendTimeout, defaultSendTimeout)
	if s.MaxHeaderBytes == 0 {
		s.MaxHeaderBytes = defaultMaxHeaderBytes
	}
	if s.ReplayBodyBytes == 0 {
		s.ReplayBodyBytes = defaultReplayBodyBytes
	}
	for name, b := range c.Backends {
		defaultDuration(&b.Timeout, defaultBackendTimeout)
		defaultDuration(&b.ConnectTimeout, defaultConnectTimeout)
		if b.MaxIdleConns == 0 {
			b.MaxIdleConns = defaultMaxIdleConns
		}
		if h := b.Health; h != nil {
			defaultDuration(&h.Interval, defaultHealthInterval)
			defaultDuration(&h.Timeout, defaultHealthTimeout)
			if h.HealthyAfter == 0 {
				h.HealthyAfter = 1
			}
			if h.UnhealthyAfter == 0 {
				h.UnhealthyAfter = 2
			}
		}
		br := &b.Breaker
		if br.Failures == 0 {
			br.Failures = defaultBreakerFailures
		}
		if br.FailureRatio == 0 {
			br.FailureRatio = defaultBreakerRatio
		}
		if br.MinRequests == 0 {
			br.MinRequests = defaultBreakerMinReqs
		}
		defaultDuration(&br.Window, defaultBreakerWindow)
		defaultDuration(&br.OpenFor, defaultBreakerOpenFor)
		if br.HalfOpenRequests == 0 {
			br.HalfOpenRequests = 1
		}
		c.Backends[name] = b
	}
	c.Parity.setDefaults()
	c.Rollout.setDefaults()
	for i := range c.Routes {
		r := &c.Routes[i]
		if r.Rollout != nil {
			r.Rollout.inherit(c.Rollout)
		}
		if Mode(r.Mode) == ModeCanary && r.Weight == nil {
			if steps := c.RouteRollout(r).Steps; len(steps) > 0 {
				w := steps[0]
				r.Weight = &w
			}
		}
		if r.Cohort == "" {
			r.Cohort = defaultCohort
		}
		if r.Match.Path == "" {
			r.Match.Path = "/"
		}
	}
}

func defaultDuration(d *Duration, v time.Duration) {
	if *d == 0 {
		*d = Duration(v)
	}
}

// defaultSteps returns the default rollout steps, in percent.
func defaultSteps() []float64 { return []float64{1, 5, 25, 50, 100} }

func (pc *ParityConfig) setDefaults() {
	if pc.Queue == 0 {
		pc.Queue = defaultParityQueue
	}
	if pc.Workers == 0 {
		pc.Workers = defaultParityWorkers
	}
	if pc.MaxBodyBytes == 0 {
		pc.MaxBodyBytes = defaultParityBodyBytes
	}
	defaultDuration(&pc.Timeout, defaultParityTimeout)
	if pc.Noise == "" {
		pc.Noise = defaultParityNoise
	}
	if pc.Samples == 0 {
		pc.Samples = defaultParitySamples
	}
}

func (rc *RolloutConfig) setDefaults() {
	rc.inherit(RolloutConfig{
		Steps: defaultSteps(), Interval: Duration(defaultRolloutInterval), MinRequests: defaultRolloutMinReqs,
		MaxErrorRateDelta: defaultMaxErrorDelta, MaxP99Ratio: defaultMaxP99Ratio, MaxMismatchRate: defaultMaxMismatchRate,
	})
}

// inherit fills the fields a route left zero from the top-level settings.
func (rc *RolloutConfig) inherit(top RolloutConfig) {
	if len(rc.Steps) == 0 {
		rc.Steps = top.Steps
	}
	defaultDuration(&rc.Interval, top.Interval.D())
	if rc.MinRequests == 0 {
		rc.MinRequests = top.MinRequests
	}
	if rc.MaxErrorRateDelta == 0 {
		rc.MaxErrorRateDelta = top.MaxErrorRateDelta
	}
	if rc.MaxP99Ratio == 0 {
		rc.MaxP99Ratio = top.MaxP99Ratio
	}
	if rc.MaxMismatchRate == 0 {
		rc.MaxMismatchRate = top.MaxMismatchRate
	}
	rc.Manual = rc.Manual || top.Manual
}

// RouteRollout returns the route's effective rollout settings.
func (c *Config) RouteRollout(r *RouteConfig) RolloutConfig {
	if r.Rollout != nil {
		return *r.Rollout
	}
	return c.Rollout
}

// StatePath returns the state file's path: State when set (relative to
// the config file's directory), else the config file's name with
// ".state.json" in place of its extension; "" when the config was not read
// from a file and State is unset.
func (c *Config) StatePath() string {
	if c.State != "" {
		if filepath.IsAbs(c.State) || c.file == "" {
			return c.State
		}
		return filepath.Join(filepath.Dir(c.file), c.State)
	}
	if c.file == "" {
		return ""
	}
	return strings.TrimSuffix(c.file, filepath.Ext(c.file)) + ".state.json"
}

// WeightBuckets converts a route weight to the number of buckets it sends
// to its target.
func (r *RouteConfig) WeightBuckets() int {
	if b, ok := Mode(r.Mode).FixedBuckets(); ok {
		return b
	}
	if r.Weight == nil {
		return Buckets
	}
	b, _ := WeightToBuckets(*r.Weight) // validated already
	return b
}

// WeightToBuckets converts a percentage to buckets, rejecting values that
// are out of range or finer than one bucket.
func WeightToBuckets(w float64) (int, error) {
	if math.IsNaN(w) || w < 0 || w > 100 {
		return 0, fmt.Errorf("weight %g is out of range 0–100", w)
	}
	b := w * Buckets / 100
	if math.Abs(b-math.Round(b)) > 1e-6 {
		return 0, fmt.Errorf("weight %g is finer than one bucket (0.01%%)", w)
	}
	return int(math.Round(b)), nil
}
