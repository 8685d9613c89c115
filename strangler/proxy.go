package strangler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sony/gobreaker/v2"

	"github.com/ficus-dev/ficus/strangler/config"
)

// Options are a Proxy's dependencies. Only Logger is required.
type Options struct {
	// Logger receives lifecycle events (reloads, breaker and health
	// changes) at Info and Warn, and per-request detail at Debug.
	Logger *slog.Logger
	// AccessLog, when set, receives one Info record per request.
	AccessLog *slog.Logger
	// Registry receives the proxy's metrics; nil means a private registry.
	Registry prometheus.Registerer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Tracer, when set, starts a span per request; see [Tracer].
	Tracer Tracer
	// StateFile is where live modes, weights and rollout progress are
	// saved; "" means the config's [Config.StatePath], "-" means nowhere.
	StateFile string
	// RolloutEvery, when positive, checks canary rollouts that often in the
	// background; see [Proxy.CheckRollouts].
	RolloutEvery time.Duration
}

// Proxy is the strangler-fig reverse proxy, an http.Handler. It serves from
// one Table at a time; [Proxy.Apply] swaps in a new one atomically.
type Proxy struct {
	opts    Options
	log     *slog.Logger
	now     func() time.Time
	metrics *metrics
	table   atomic.Pointer[Table]

	ctx      context.Context // parent of the health checks
	mu       sync.Mutex      // serialises Apply and SetWeight
	states   map[string]*routeState
	lastErr  atomic.Pointer[reloadError]
	inflight sync.WaitGroup
	active   atomic.Int64

	statePath string
	stateErr  error
	shadow    *shadower
	parity    *parityLedger
	windows   *windows
	buffers   *bufferPool // for copying response bodies
}

// reloadError is the last failed reload, for the admin API.
type reloadError struct {
	At  time.Time
	Err error
}

// NewProxy builds a proxy serving cfg, which must be valid. Health checks
// run until ctx ends or Close is called.
func NewProxy(ctx context.Context, cfg *config.Config, opts Options) (*Proxy, error) {
	if opts.Logger == nil {
		return nil, errors.New("strangler: Options.Logger is required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Registry == nil {
		opts.Registry = prometheus.NewRegistry()
	}
	p := &Proxy{opts: opts, log: opts.Logger, now: opts.Now, ctx: ctx, states: map[string]*routeState{}, windows: &windows{}, buffers: newBufferPool()}
	m, err := newMetrics(opts.Registry, p.table.Load)
	if err != nil {
		return nil, fmt.Errorf("strangler: register metrics: %w", err)
	}
	p.metrics = m
	if err := p.Apply(ctx, cfg); err != nil {
		return nil, err
	}
	switch opts.StateFile {
	case "":
		p.statePath = cfg.StatePath()
	case "-":
	default:
		p.statePath = opts.StateFile
	}
	p.restore()
	p.startShadow(ctx)
	if opts.RolloutEvery > 0 {
		go p.RunRollouts(p.shadowCtx(), opts.RolloutEvery)
	}
	return p, nil
}

// Table returns the table being served.
func (p *Proxy) Table() *Table { return p.table.Load() }

// Apply validates cfg and swaps it in atomically. On error the current
// table keeps serving. Requests in flight finish on the table they started
// with; backends that are gone are closed without cutting them.
func (p *Proxy) Apply(ctx context.Context, cfg *config.Config) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.table.Load()
	if old != nil {
		if msg := restartOnly(old.Config, cfg); msg != "" {
			p.log.Warn("config change needs a restart to take effect", "fields", msg)
		}
	}
	tb := &tableBuilder{old: old, states: p.states, onBreaker: p.onBreaker}
	gen := uint64(1)
	if old != nil {
		gen = old.Generation + 1
	}
	t, err := tb.build(cfg, gen, p.now())
	if err != nil {
		return err
	}
	for _, b := range tb.created {
		b.rp = p.reverseProxy(b)
		b.start(p.ctx, p.log)
	}
	p.states = tb.states
	p.table.Store(t)
	if old != nil {
		for name, b := range old.Backends {
			if t.Backends[name] != b {
				b.close()
			}
		}
	}
	return nil
}

// restartOnly lists the changed settings that a reload cannot apply.
func restartOnly(a, b *config.Config) string {
	var out []string
	if a.Listen != b.Listen {
		out = append(out, "listen")
	}
	if a.Admin != b.Admin {
		out = append(out, "admin")
	}
	if a.Parity.Queue != b.Parity.Queue || a.Parity.Workers != b.Parity.Workers {
		out = append(out, "parity.queue, parity.workers")
	}
	if a.StatePath() != b.StatePath() {
		out = append(out, "state")
	}
	sa, sb := a.Server, b.Server
	sa.TLS, sb.TLS = config.ServerTLSConfig{}, config.ServerTLSConfig{} // certificates reload
	sa.MaxBodyBytes, sb.MaxBodyBytes = 0, 0                             // read per request
	sa.ReplayBodyBytes, sb.ReplayBodyBytes = 0, 0
	sa.BodyReadTimeout, sb.BodyReadTimeout = 0, 0
	sa.SendTimeout, sb.SendTimeout = 0, 0
	sa.FastPath, sb.FastPath = nil, nil
	if sa != sb || a.Server.FastPathEnabled() != b.Server.FastPathEnabled() || (a.Server.TLS.CertFile == "") != (b.Server.TLS.CertFile == "") {
		out = append(out, "server")
	}
	return strings.Join(out, ", ")
}

// Reload reads the configuration file again and applies it. An invalid
// file is rejected, logged, and the current table keeps serving.
func (p *Proxy) Reload(ctx context.Context) error {
	file := p.Table().Config.File()
	err := p.reload(ctx, file)
	if err != nil {
		p.metrics.reloads.WithLabelValues("error").Inc()
		p.lastErr.Store(&reloadError{At: p.now(), Err: err})
		p.log.Error("config reload rejected; still serving the previous config", "file", file, "err", err)
		return err
	}
	p.metrics.reloads.WithLabelValues("ok").Inc()
	p.lastErr.Store(nil)
	p.log.Info("config reloaded", "file", file, "generation", p.Table().Generation)
	return nil
}

func (p *Proxy) reload(ctx context.Context, file string) error {
	if file == "" {
		return errors.New("strangler: the config was not loaded from a file")
	}
	cfg, err := config.Load(ctx, file)
	if err != nil {
		return err
	}
	return p.Apply(ctx, cfg)
}

// LastReloadError returns the error of the last reload if it failed, and when.
func (p *Proxy) LastReloadError() (time.Time, error) {
	if e := p.lastErr.Load(); e != nil {
		return e.At, e.Err
	}
	return time.Time{}, nil
}

// ErrUnknownRoute is returned for a route name the table does not have.
var ErrUnknownRoute = errors.New("unknown route")

// SetWeight changes a route's live weight, in percent. The change holds
// across reloads until the file's weight for the route changes.
func (p *Proxy) SetWeight(name string, weight float64) error {
	buckets, err := config.WeightToBuckets(weight)
	if err != nil {
		return fmt.Errorf("strangler: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.Table().route(name)
	if r == nil {
		return fmt.Errorf("strangler: %w %q", ErrUnknownRoute, name)
	}
	r.state.set(buckets)
	p.log.Info("route weight changed", "route", name, "weight", weight)
	p.persist()
	return nil
}

// Close stops health checks and releases idle connections.
func (p *Proxy) Close() {
	if p.shadow != nil {
		p.shadow.stop()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.table.Load(); t != nil {
		for _, b := range t.Backends {
			b.close()
		}
	}
}

// Wait blocks until every request in flight, websockets included, has
// finished, or ctx ends.
func (p *Proxy) Wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { p.inflight.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("strangler: %d requests still in flight: %w", p.active.Load(), ctx.Err())
	}
}

func (p *Proxy) onBreaker(name string, from, to gobreaker.State) {
	level := slog.LevelInfo
	if to == gobreaker.StateOpen {
		level = slog.LevelWarn
	}
	p.log.Log(p.ctx, level, "circuit breaker "+to.String(), "backend", name, "from", from.String())
}

// reverseProxy builds the httputil.ReverseProxy that sends to b.
func (p *Proxy) reverseProxy(b *Backend) *httputil.ReverseProxy {
	return &httputil.ReverseProxy{
		Rewrite:   func(pr *httputil.ProxyRequest) { p.rewrite(pr, b) },
		Transport: b.transport,
		// 0 buffers bodies of known length; ReverseProxy still flushes
		// every write of event streams and of bodies without a length.
		FlushInterval:  0,
		BufferPool:     p.buffers,
		ErrorLog:       slog.NewLogLogger(p.log.Handler(), slog.LevelDebug),
		ModifyResponse: p.modifyResponse,
		ErrorHandler:   p.handleError,
	}
}

func (p *Proxy) rewrite(pr *httputil.ProxyRequest, b *Backend) {
	a := attemptOf(pr.In.Context())
	pr.SetURL(b.target)
	pr.Out.Host = pr.In.Host
	if b.cfg.HostHeader != "" {
		pr.Out.Host = b.cfg.HostHeader
	}
	if a == nil {
		return
	}
	dropInboundHeaders(pr.Out.Header, a.trusted)
	setForwarded(pr.Out.Header, pr.In, a)
	if t := p.Table(); t.override != "" {
		delete(pr.Out.Header, t.override)
	}
	if p.opts.Tracer != nil {
		p.opts.Tracer.Inject(pr.Out.Context(), pr.Out.Header)
	}
}

// modifyResponse sees the backend's response headers: it reports the
// outcome to the breaker and turns a 5xx into a fallback when allowed.
func (p *Proxy) modifyResponse(res *http.Response) error {
	a := attemptOf(res.Request.Context())
	if a == nil {
		return nil
	}
	if res.StatusCode < 500 {
		a.finish(nil)
		return nil
	}
	err := fmt.Errorf("backend %s: %w (%d)", a.backend.Name, errUpstream5xx, res.StatusCode)
	a.finish(err)
	if !a.canFallback(true) {
		return nil
	}
	// Read a little so the connection can be reused, then let it go.
	_, _ = io.CopyN(io.Discard, res.Body, 4<<10)
	return err
}

// handleError runs when the backend could not be reached, timed out, or
// answered 5xx and a fallback is allowed.
func (p *Proxy) handleError(w http.ResponseWriter, r *http.Request, err error) {
	a := attemptOf(r.Context())
	rec, _ := w.(*recorder)
	if a == nil || rec == nil {
		http.Error(w, http.StatusText(http.StatusBadGateway), http.StatusBadGateway)
		return
	}
	if cerr := a.cbody.failed(); cerr != nil && !errors.Is(err, errUpstream5xx) {
		p.clientFailed(a, cerr)
		return
	}
	a.err = err
	inCtx := a.in.Context()
	if errors.Is(err, errUpstream5xx) {
		p.fallBack(a, failureReason(inCtx, err))
		return
	}
	if inCtx.Err() != nil {
		a.finish(context.Canceled)
		writeError(rec, statusClientClosed)
		return
	}
	a.finish(err)
	if a.canFallback(!notSent(err)) {
		p.fallBack(a, failureReason(inCtx, err))
		return
	}
	p.log.Debug("proxy error", "backend", a.backend.Name, "err", err)
	writeError(rec, statusFor(inCtx, err))
}

// send tries b, skipping it for the fallback when it is unhealthy or its
// breaker is open.
func (p *Proxy) send(a *attempt, b *Backend) {
	a.backend = b
	if a.fallback != nil && a.fallback != b && !b.Healthy() && a.canFallback(false) {
		p.fallBack(a, "unhealthy")
		return
	}
	done, err := b.allow()
	if err != nil {
		a.err = err
		if a.canFallback(false) {
			p.fallBack(a, "breaker_open")
			return
		}
		writeError(a.rec, statusFor(a.in.Context(), err))
		return
	}
	a.done = done
	if a.body != nil {
		a.in.Body = a.body.view()
	}
	if canForward(a, b) {
		p.forward(a, b)
	} else {
		b.rp.ServeHTTP(a.rec, a.in)
	}
	a.finish(nil) // no-op unless the proxy returned before any hook ran
}

// fallBack sends the request to the fallback backend.
func (p *Proxy) fallBack(a *attempt, reason string) {
	to := a.fallback
	a.fallback = nil
	a.fellBack, a.from = reason, a.backend
	if a.route != nil && a.backend == a.route.To {
		// The client is served, but the rollout gates must see the failure.
		p.windows.observe(a.route.Name, true, p.now().Sub(a.start), true)
	}
	p.metrics.fallbacks.WithLabelValues(routeLabel(a.route), a.backend.Name, to.Name, reason).Inc()
	p.log.Debug("falling back", "route", routeLabel(a.route), "backend", a.backend.Name, "to", to.Name, "reason", reason)
	p.send(a, to)
}

func routeLabel(r *Route) string {
	if r == nil {
		return defaultRouteLabel
	}
	return r.Name
}
