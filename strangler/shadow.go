package strangler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/ficus-dev/ficus/strangler/config"
	"github.com/ficus-dev/ficus/strangler/parity"
)

// shadower sends copies of requests on shadow routes to the route's target
// in the background and compares the answers. Its queue is bounded: when
// it is full, copies are dropped and counted, never waited for, so a slow
// or hanging service cannot add latency for clients.
type shadower struct {
	p      *Proxy
	ctx    context.Context // ends when the proxy closes
	jobs   chan *shadowJob
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// shadowJob is one request to replay and the monolith's answer to it.
type shadowJob struct {
	route      *Route
	method     string
	path       string
	query      string
	host       string
	header     http.Header
	body       []byte
	primary    *exchange
	repeatable bool // idempotent: it may be sent to the monolith again
}

// startShadow starts the shadow workers; they stop when ctx ends or the
// proxy is closed.
func (p *Proxy) startShadow(ctx context.Context) {
	pc := p.Table().Config.Parity
	ctx, cancel := context.WithCancel(ctx)
	s := &shadower{p: p, ctx: ctx, jobs: make(chan *shadowJob, pc.Queue), cancel: cancel}
	if p.parity == nil { // restore may have made it, with evidence from the state file
		p.parity = newParity(pc.Samples)
	}
	p.parity.now, p.parity.log = p.now, p.log
	for range pc.Workers {
		s.wg.Go(func() { s.work(ctx) })
	}
	p.shadow = s
}

// shadowCtx ends when the proxy is closed or its context ends.
func (p *Proxy) shadowCtx() context.Context { return p.shadow.ctx }

func (s *shadower) stop() {
	s.cancel()
	s.wg.Wait()
}

// enqueue hands a job to the workers, or drops it when the queue is full.
func (s *shadower) enqueue(j *shadowJob) {
	select {
	case s.jobs <- j:
	default:
		s.p.dropShadow(j.route.Name, "dropped_queue")
	}
}

func (p *Proxy) dropShadow(route, why string) {
	p.metrics.shadow.WithLabelValues(route, why).Inc()
	p.parity.drop(route, why)
}

func (s *shadower) work(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-s.jobs:
			s.compare(ctx, j)
		}
	}
}

// compare sends j to the service (and, for noise, to the monolith again)
// and records the differences.
func (s *shadower) compare(ctx context.Context, j *shadowJob) {
	p := s.p
	t := p.Table()
	pc := t.Config.Parity
	sample := ParitySample{At: p.now().UTC(), Method: j.method, Target: j.path, Monolith: j.primary.status}
	if j.query != "" {
		sample.Target += "?" + j.query
	}
	name := j.route.Name
	cand, err := s.send(ctx, j, j.route.To, pc)
	if err != nil {
		sample.Error = err.Error()
		p.metrics.shadow.WithLabelValues(name, "error").Inc()
		p.parity.fail(name, sample)
		p.log.Debug("shadow request failed", "route", name, "backend", j.route.To.Name, "err", err)
		return
	}
	sample.Service = cand.status
	var second *exchange
	noise, backend, _ := strings.Cut(pc.Noise, ":")
	switch {
	case noise == "backend":
		if b := t.Backends[backend]; b != nil {
			second, _ = s.send(ctx, j, b, pc)
		}
	case noise == "repeat" && j.repeatable:
		second, _ = s.send(ctx, j, j.route.Default, pc)
	}
	var ignore []parity.Glob
	for _, g := range j.route.Config.Shadow.Ignore {
		if pg, err := parity.ParseGlob(g); err == nil {
			ignore = append(ignore, pg)
		}
	}
	diffs, labels := p.parity.record(name, sample, j.primary, cand, second, routeCompareOptions(j.route), ignore)
	if len(diffs) == 0 {
		p.metrics.shadow.WithLabelValues(name, "match").Inc()
		return
	}
	p.metrics.shadow.WithLabelValues(name, "mismatch").Inc()
	for _, l := range labels {
		p.metrics.mismatches.WithLabelValues(name, l).Inc()
	}
	p.log.Debug("shadow mismatch", "route", name, "target", sample.Target, "paths", len(labels))
}

// send replays j to b, bounded by the parity timeout and body limit. An
// idempotent request is tried twice when the connection fails, as pooled
// connections to a redeployed service are stale.
func (s *shadower) send(ctx context.Context, j *shadowJob, b *Backend, pc config.ParityConfig) (*exchange, error) {
	ctx, cancel := context.WithTimeout(ctx, pc.Timeout.D())
	defer cancel()
	ex, err := s.sendOnce(ctx, j, b, pc)
	if err != nil && j.repeatable && ctx.Err() == nil && !errors.Is(err, errTooLarge) {
		// Idle connections to a process that is gone fail one by one;
		// drop them all and try once more on a fresh one.
		b.transport.CloseIdleConnections()
		ex, err = s.sendOnce(ctx, j, b, pc)
	}
	return ex, err
}

// errTooLarge is a shadow answer larger than parity.max_body_bytes.
var errTooLarge = errors.New("body larger than parity.max_body_bytes")

func (s *shadower) sendOnce(ctx context.Context, j *shadowJob, b *Backend, pc config.ParityConfig) (*exchange, error) {
	u := *b.target
	u.Path = strings.TrimSuffix(u.Path, "/") + j.path
	u.RawPath = ""
	u.RawQuery = j.query
	req, err := http.NewRequestWithContext(ctx, j.method, u.String(), bytes.NewReader(j.body))
	if err != nil {
		return nil, err
	}
	req.Header = j.header.Clone()
	req.Header.Set("X-Ficus-Shadow", "1")
	req.Host = j.host
	if b.cfg.HostHeader != "" {
		req.Host = b.cfg.HostHeader
	}
	res, err := b.transport.RoundTrip(req)
	if err != nil {
		return nil, fmt.Errorf("backend %s: %w", b.Name, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, int64(pc.MaxBodyBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("backend %s: read body: %w", b.Name, err)
	}
	if len(body) > int(pc.MaxBodyBytes) {
		return nil, fmt.Errorf("backend %s: %w (%d)", b.Name, errTooLarge, pc.MaxBodyBytes)
	}
	return &exchange{status: res.StatusCode, header: res.Header, body: body}, nil
}

// hopHeaders are not copied to shadow requests.
func hopHeaders() []string {
	return []string{"Connection", "Keep-Alive", "Proxy-Connection", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}
}

// capture keeps a copy of what the client was sent, up to limit bytes.
type capture struct {
	limit  int
	status int
	header http.Header
	body   bytes.Buffer
	over   bool
}

func (c *capture) write(b []byte) {
	if c.over {
		return
	}
	if c.body.Len()+len(b) > c.limit {
		c.over = true
		c.body = bytes.Buffer{}
		return
	}
	c.body.Write(b)
}

// teeBody keeps a copy of the request body as the backend reads it.
type teeBody struct {
	io.ReadCloser
	buf   bytes.Buffer
	limit int
	over  bool
	eof   bool
}

// Read reads from the body, keeping a copy while it fits the limit.
func (t *teeBody) Read(b []byte) (int, error) {
	n, err := t.ReadCloser.Read(b)
	if !t.over {
		if t.buf.Len()+n > t.limit {
			t.over = true
			t.buf = bytes.Buffer{}
		} else {
			t.buf.Write(b[:n])
		}
	}
	if err == io.EOF {
		t.eof = true
	}
	return n, err
}

// shadowing is the part of an attempt that a shadow copy needs.
type shadowing struct {
	capture *capture
	body    *teeBody // nil when the request had no body
}

// startShadowing decides whether the request on a shadow route is copied,
// and arranges for the request and response to be kept. It returns the
// request, whose body may now be teed.
func (p *Proxy) startShadowing(a *attempt, r *http.Request, hasBody bool) *http.Request {
	rt := a.route
	if rt == nil || rt.Mode() != config.ModeShadow || a.choice.Backend != rt.Default {
		return r
	}
	limit := int(p.Table().Config.Parity.MaxBodyBytes)
	switch {
	case !a.idem && !rt.Config.Shadow.Unsafe:
		p.dropShadow(rt.Name, "skipped_unsafe")
		return r
	case r.ContentLength > int64(limit):
		p.dropShadow(rt.Name, "dropped_body")
		return r
	}
	sh := &shadowing{capture: &capture{limit: limit}}
	if hasBody {
		sh.body = &teeBody{ReadCloser: r.Body, limit: limit}
		r.Body = sh.body
	}
	a.shadow = sh
	a.rec.capture = sh.capture
	return r
}

// finishShadowing queues the shadow copy once the client has its answer.
func (p *Proxy) finishShadowing(a *attempt, aborted bool) {
	sh := a.shadow
	if sh == nil || aborted || a.backend != a.route.Default || a.rec.hijacked {
		return
	}
	if sh.capture.over || (sh.body != nil && (sh.body.over || !sh.body.eof)) {
		p.dropShadow(a.route.Name, "dropped_body")
		return
	}
	h := a.in.Header.Clone()
	dropInboundHeaders(h, a.trusted)
	for _, k := range hopHeaders() {
		h.Del(k)
	}
	if t := p.Table(); t.override != "" {
		h.Del(t.override)
	}
	j := &shadowJob{
		route: a.route, method: a.in.Method, path: a.in.URL.Path, query: a.in.URL.RawQuery,
		host: a.in.Host, header: h, repeatable: a.idem,
		primary: &exchange{status: a.rec.statusOrOK(), header: sh.capture.header, body: sh.capture.body.Bytes()},
	}
	if sh.body != nil {
		j.body = sh.body.buf.Bytes()
	}
	p.shadow.enqueue(j)
}
