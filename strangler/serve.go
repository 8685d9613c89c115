package strangler

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/ficus-dev/ficus/strangler/internal/h1"
)

// ServeHTTP proxies one request: match a route, let its selector choose a
// backend, send, fall back if that fails and replay is safe, then log and
// count the outcome.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.inflight.Add(1)
	p.active.Add(1)
	p.metrics.inflight.Inc()
	start := p.now()
	t := p.table.Load()
	rec := &recorder{ResponseWriter: w}
	if sc := &t.Config.Server; sc.WriteTimeout == 0 && sc.SendTimeout > 0 {
		// Set at the start too: net/http may write (100 Continue) before
		// the response, and a deadline an earlier response left on a
		// kept-alive connection must not cut that.
		rec.sendTimeout = sc.SendTimeout.D()
		rec.extendSend()
	}
	a := &attempt{in: r, rec: rec, start: start, fast: t.Config.Server.FastPathEnabled()}
	defer p.finishRequest(a, start)

	a.peer, a.trusted, a.client = clientAddr(r, t.trusted)
	if r.Method == http.MethodConnect {
		writeError(rec, http.StatusMethodNotAllowed)
		return
	}
	if redirectUnclean(rec, r) {
		return
	}
	if m := t.router.Match(r); m != nil {
		a.route = t.Routes[m.Route]
		a.choice = a.route.selector.Select(r, a.client, a.route)
	} else {
		a.choice = choice{Backend: t.Default, Bucket: -1, Reason: reasonDefault}
	}
	a.fallback = a.choice.Fallback
	a.idem = h1.Idempotent(r)

	srv := t.Config.Server
	hasBody := r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0
	if hasBody && srv.MaxBodyBytes > 0 {
		if r.ContentLength > int64(srv.MaxBodyBytes) {
			p.clientFailed(a, &clientError{err: &http.MaxBytesError{Limit: int64(srv.MaxBodyBytes)}})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, int64(srv.MaxBodyBytes))
	}
	if hasBody {
		a.cbody = newClientBody(r.Body, w, srv.BodyReadTimeout.D())
		r.Body = a.cbody
	}
	ctx := context.WithValue(r.Context(), attemptKey{}, a)
	if p.opts.Tracer != nil {
		ctx, a.traceID, a.spanEnd = p.opts.Tracer.Start(ctx, r, routeLabel(a.route))
	} else {
		a.traceID = traceID(r.Header.Get("Traceparent"))
	}
	r = r.WithContext(ctx)
	r = p.startShadowing(a, r, hasBody)
	if hasBody && a.fallback != nil {
		limit := int64(srv.ReplayBodyBytes)
		buffer := a.idem && r.ContentLength <= limit
		rb, err := newReplayBody(r.Body, buffer, limit)
		if err != nil {
			p.clientFailed(a, err) // the client's body could not be read
			return
		}
		a.body = rb
	}
	a.in = r
	p.send(a, a.choice.Backend)
}

// finishRequest records metrics, the access log and the span. It also runs
// when ReverseProxy aborts a response mid-body (panic ErrAbortHandler), and
// then lets the panic continue so that the server drops the connection.
func (p *Proxy) finishRequest(a *attempt, start time.Time) {
	rv := recover()
	a.finish(nil)
	d := p.now().Sub(start)
	status := a.rec.statusOrOK()
	if rv != nil {
		if a.err == nil {
			a.err = errors.New("response aborted")
		}
		if !a.rec.wrote {
			status = http.StatusBadGateway
		}
	}
	backend := ""
	if a.backend != nil {
		backend = a.backend.Name
		p.metrics.observe(routeLabel(a.route), backend, status, d)
		if a.route != nil && !a.clientErr && (a.backend == a.route.To || a.backend == a.route.Default) {
			p.windows.observe(a.route.Name, a.backend == a.route.To, d, status >= 500)
		}
	}
	if a.spanEnd != nil {
		a.spanEnd(status, backend)
	}
	p.finishShadowing(a, rv != nil || a.err != nil)
	if p.opts.AccessLog != nil {
		p.accessLog(a, backend, status, d)
	}
	p.metrics.inflight.Dec()
	p.active.Add(-1)
	p.inflight.Done()
	if rv != nil {
		panic(rv)
	}
}

func (p *Proxy) accessLog(a *attempt, backend string, status int, d time.Duration) {
	r := a.in
	attrs := make([]slog.Attr, 0, 16)
	attrs = append(attrs,
		slog.String("method", r.Method),
		slog.String("host", r.Host),
		slog.String("path", r.URL.Path),
		slog.String("proto", r.Proto),
		slog.Int("status", status),
		slog.Int64("bytes", a.rec.bytes),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.String("route", routeLabel(a.route)),
		slog.String("backend", backend),
		slog.String("client", a.client.String()),
	)
	if a.choice.Bucket >= 0 {
		attrs = append(attrs, slog.Int("bucket", a.choice.Bucket))
	}
	if a.choice.Reason == reasonOverride {
		attrs = append(attrs, slog.Bool("override", true))
	}
	if a.fellBack != "" {
		attrs = append(attrs, slog.String("fallback_from", a.from.Name), slog.String("fallback_reason", a.fellBack))
	}
	if a.rec.hijacked {
		attrs = append(attrs, slog.Bool("upgraded", true))
	}
	if a.traceID != "" {
		attrs = append(attrs, slog.String("trace_id", a.traceID))
	}
	if a.err != nil {
		attrs = append(attrs, slog.String("err", a.err.Error()))
	}
	p.opts.AccessLog.LogAttrs(context.Background(), slog.LevelInfo, "request", attrs...)
}

// bufferPool recycles the 32 KiB buffers ReverseProxy copies bodies with.
type bufferPool struct{ pool sync.Pool }

func newBufferPool() *bufferPool {
	return &bufferPool{pool: sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}}
}

func (bp *bufferPool) Get() []byte { return *(bp.pool.Get().(*[]byte)) }

func (bp *bufferPool) Put(b []byte) { bp.pool.Put(&b) }
