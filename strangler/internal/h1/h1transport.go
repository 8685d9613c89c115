package h1

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Transport sends the commonest proxied request — HTTP/1.1 to a cleartext
// backend, without a body or an upgrade — on a pooled connection from the
// calling goroutine: write the request, read the response, hand the
// connection back when the body is done. http.Transport does the same with
// a reader and a writer goroutine per connection and two hand-offs per
// request, which on a busy proxy costs a measurable share of its CPU. Every
// other request (bodies, upgrades, Expect, TLS, HTTP/2, connection caps)
// goes to the wrapped http.Transport.
type Transport struct {
	std         *http.Transport
	dial        func(ctx context.Context, network, addr string) (net.Conn, error)
	host        string // the backend's host as in its URL
	addr        string // host:port to dial
	timeout     time.Duration
	idleTimeout time.Duration
	maxIdle     int
	now         func() time.Time

	// slots holds one token per open connection, so that at most
	// cap(slots) are open; nil means no cap. Requests over the cap wait in
	// waiters for a connection coming back or a slot.
	slots chan struct{}

	mu      sync.Mutex
	idle    []*h1Conn // most recently used last
	closed  bool      // CloseIdleConnections ran: connections coming back are closed
	reaper  *time.Timer
	waiters []chan *h1Conn
}

// MaxResponseHead caps a backend's response head, as http.Transport's
// default MaxResponseHeaderBytes does.
const MaxResponseHead = 10 << 20

type h1Conn struct {
	t         *Transport
	c         net.Conn
	shut      atomic.Bool // closed, its slot released
	lr        *headLimit  // between c and br: caps response heads
	br        *bufio.Reader
	bw        *bufio.Writer
	idleSince time.Time
}

// headLimit fails reads once n bytes were read, while a response head is
// being read; n is lifted for the body.
type headLimit struct {
	r    net.Conn
	n    int64
	read int64 // bytes read since the request was written; see neverAnswered
}

var errResponseHeadTooLarge = errors.New("backend response head larger than 10 MiB")

func (l *headLimit) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errResponseHeadTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	l.read += int64(n)
	return n, err
}

// NewTransport builds the fast pool in front of std; maxConns > 0 caps
// its open connections, as std's MaxConnsPerHost caps std's.
func NewTransport(std *http.Transport, host string, maxIdle, maxConns int) *Transport {
	addr := host
	if _, _, err := net.SplitHostPort(host); err != nil {
		addr = net.JoinHostPort(strings.Trim(host, "[]"), "80")
	}
	t := &Transport{
		std: std, dial: std.DialContext, host: host, addr: addr,
		timeout: std.ResponseHeaderTimeout, idleTimeout: std.IdleConnTimeout,
		maxIdle: maxIdle, now: time.Now,
	}
	if maxConns > 0 {
		t.slots = make(chan struct{}, maxConns)
	}
	return t
}

// eligible reports whether req can take the fast path.
func (t *Transport) eligible(req *http.Request) bool {
	return (req.Body == nil || req.Body == http.NoBody) &&
		req.URL.Scheme == "http" && req.URL.Host == t.host &&
		req.Method != http.MethodConnect &&
		req.Header.Get("Upgrade") == "" && req.Header.Get("Expect") == ""
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.eligible(req) {
		return t.std.RoundTrip(req)
	}
	write := func(bw *bufio.Writer) error { return req.Write(bw) }
	return t.Exchange(req, Idempotent(req), req.Close, write, trace1xx(req.Context()))
}

// trace1xx passes informational answers (103 Early Hints) to the request's
// httptrace.ClientTrace, as http.Transport does.
func trace1xx(ctx context.Context) func(int, http.Header) error {
	trace := httptrace.ContextClientTrace(ctx)
	if trace == nil || trace.Got1xxResponse == nil {
		return nil
	}
	return func(code int, h http.Header) error { return trace.Got1xxResponse(code, textproto.MIMEHeader(h)) }
}

// Exchange sends one bodiless request, which write puts on the wire, and
// reads the answer to req (whose method and context count) on a pooled
// connection. closeAfter says the request asked the backend to close the
// connection. Informational answers go to on1xx when it is set. A
// kept-alive connection the backend had closed fails at once; http.Transport
// retries such requests when they are replayable (idem), and so does
// exchange, once, on a fresh connection — but only when the backend closed
// the connection without sending a byte of an answer (see neverAnswered):
// a backend that answered, even with garbage, had the request.
func (t *Transport) Exchange(req *http.Request, idem, closeAfter bool, write func(*bufio.Writer) error, on1xx func(int, http.Header) error) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		pc, reused, err := t.get(req.Context(), idem)
		if err != nil {
			return nil, err
		}
		resp, err := pc.roundTrip(req, closeAfter, write, on1xx)
		if err == nil {
			return resp, nil
		}
		pc.close()
		if reused && attempt == 0 && idem && req.Context().Err() == nil && pc.neverAnswered(err) {
			continue
		}
		return nil, err
	}
}

// neverAnswered reports whether a failed exchange on a reused connection
// is the backend having closed it while idle: the connection ended (EOF or
// reset) before a single byte of an answer arrived. That is the case
// http.Transport retries; any other failure (a timeout, a malformed or
// partial answer) may follow the backend processing the request.
func (pc *h1Conn) neverAnswered(err error) bool {
	if pc.lr.read > 0 {
		return false
	}
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// IsTimeout reports whether err is a timeout.
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// get returns an idle connection, or dials one. A request that must not be
// retried gets only a connection that is still open.
func (t *Transport) get(ctx context.Context, idem bool) (*h1Conn, bool, error) {
	now := t.now()
	t.mu.Lock()
	for len(t.idle) > 0 {
		pc := t.idle[len(t.idle)-1]
		t.idle = t.idle[:len(t.idle)-1]
		// alive also catches bytes the backend sent after its answer: they
		// must never pass for the next request's answer.
		if now.Sub(pc.idleSince) > t.idleTimeout || !pc.alive() {
			t.mu.Unlock()
			pc.close()
			t.mu.Lock()
			continue
		}
		t.mu.Unlock()
		return pc, true, nil
	}
	t.mu.Unlock()
	if t.slots != nil {
		select {
		case t.slots <- struct{}{}:
		default:
			pc, err := t.wait(ctx)
			if pc != nil || err != nil {
				return pc, pc != nil, err
			}
		}
	}
	c, err := t.dial(ctx, "tcp", t.addr)
	if err != nil {
		t.release()
		return nil, false, err
	}
	lr := &headLimit{r: c}
	return &h1Conn{t: t, c: c, lr: lr, br: bufio.NewReaderSize(lr, 16<<10), bw: bufio.NewWriterSize(c, 4<<10)}, false, nil
}

// wait waits, at the connection cap, for a connection that another request
// hands back (returned), or for a slot (nil, nil: dial one), or for ctx.
func (t *Transport) wait(ctx context.Context) (*h1Conn, error) {
	ch := make(chan *h1Conn, 1)
	t.mu.Lock()
	t.waiters = append(t.waiters, ch)
	t.mu.Unlock()
	var err error
	select {
	case pc := <-ch:
		return pc, nil
	case t.slots <- struct{}{}:
	case <-ctx.Done():
		err = ctx.Err()
	}
	t.mu.Lock()
	t.waiters = slices.DeleteFunc(t.waiters, func(w chan *h1Conn) bool { return w == ch })
	t.mu.Unlock()
	select {
	case pc := <-ch: // handed over meanwhile: pass it on
		t.put(pc)
	default:
	}
	return nil, err
}

// release frees the slot of a connection that closed or was never made.
func (t *Transport) release() {
	if t.slots != nil {
		<-t.slots
	}
}

// put pools a connection whose response was read to the end. The pool is
// ordered by age, so connections idle for longer than the idle timeout are
// dropped from its front as new ones arrive.
func (t *Transport) put(pc *h1Conn) {
	if pc.br.Buffered() > 0 {
		// Bytes beyond the answer (a wrong Content-Length, a body on a
		// HEAD): the connection is out of step and must not be reused.
		pc.close()
		return
	}
	now := t.now()
	pc.idleSince = now
	var drop []*h1Conn
	t.mu.Lock()
	if len(t.waiters) > 0 && !t.closed {
		// A request waits at the cap: hand it this connection.
		ch := t.waiters[0]
		t.waiters = t.waiters[1:]
		t.mu.Unlock()
		ch <- pc
		return
	}
	for len(t.idle) > 0 && now.Sub(t.idle[0].idleSince) > t.idleTimeout {
		drop = append(drop, t.idle[0])
		t.idle = t.idle[1:]
	}
	if len(t.idle) < t.maxIdle && !t.closed {
		t.idle = append(t.idle, pc)
		if t.reaper == nil && t.idleTimeout > 0 {
			t.reaper = time.AfterFunc(t.idleTimeout, t.reap)
		}
	} else {
		drop = append(drop, pc)
	}
	t.mu.Unlock()
	for _, c := range drop {
		c.close()
	}
}

// reap closes connections idle for longer than the idle timeout, so that
// a backend that stops getting requests does not hold them open; it runs
// while the pool has connections.
func (t *Transport) reap() {
	now := t.now()
	var drop []*h1Conn
	t.mu.Lock()
	for len(t.idle) > 0 && now.Sub(t.idle[0].idleSince) > t.idleTimeout {
		drop = append(drop, t.idle[0])
		t.idle = t.idle[1:]
	}
	t.reaper = nil
	if len(t.idle) > 0 && !t.closed {
		next := t.idleTimeout - now.Sub(t.idle[0].idleSince)
		t.reaper = time.AfterFunc(max(next, time.Second), t.reap)
	}
	t.mu.Unlock()
	for _, c := range drop {
		c.close()
	}
}

// CloseIdleConnections closes the idle connections of both paths, and
// those that requests in flight give back later: it is called when the
// backend is retired.
func (t *Transport) CloseIdleConnections() {
	t.mu.Lock()
	idle := t.idle
	t.idle, t.closed = nil, true
	if t.reaper != nil {
		t.reaper.Stop()
		t.reaper = nil
	}
	t.mu.Unlock()
	for _, pc := range idle {
		pc.close()
	}
	t.std.CloseIdleConnections()
}

// close closes the connection and frees its slot, once.
func (pc *h1Conn) close() {
	if pc.shut.CompareAndSwap(false, true) {
		_ = pc.c.Close()
		pc.t.release()
	}
}

// longAgo is a deadline in the past, to unblock I/O at once.
func longAgo() time.Time { return time.Unix(1, 0) }

func (pc *h1Conn) roundTrip(req *http.Request, closeAfter bool, write func(*bufio.Writer) error, on1xx func(int, http.Header) error) (*http.Response, error) {
	ctx := req.Context()
	stop := context.AfterFunc(ctx, func() { _ = pc.c.SetDeadline(longAgo()) })
	fail := func(err error) (*http.Response, error) {
		stop()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	if pc.t.timeout > 0 {
		_ = pc.c.SetReadDeadline(pc.t.now().Add(pc.t.timeout))
	}
	pc.lr.read = 0
	if err := write(pc.bw); err != nil {
		return fail(err)
	}
	if err := pc.bw.Flush(); err != nil {
		return fail(err)
	}
	var resp *http.Response
	for {
		var err error
		pc.lr.n = MaxResponseHead // counted per head, 1xx included
		resp, err = http.ReadResponse(pc.br, req)
		if err != nil {
			return fail(err)
		}
		if resp.StatusCode < 100 || resp.StatusCode > 199 || resp.StatusCode == http.StatusSwitchingProtocols {
			break
		}
		// Informational answers (103 Early Hints) are passed on, and the
		// final answer follows.
		if on1xx != nil {
			if err := on1xx(resp.StatusCode, resp.Header); err != nil {
				return fail(err)
			}
		}
	}
	// The timeout bounds the wait for the answer's head, not its body;
	// lift it unless the whole body is already buffered.
	if pc.t.timeout > 0 && (resp.ContentLength < 0 || int64(pc.br.Buffered()) < resp.ContentLength) {
		_ = pc.c.SetReadDeadline(time.Time{})
	}
	pc.lr.n = 1<<63 - 1 // the body is not limited
	// After a 101 the connection speaks another protocol: never reuse it.
	reuse := !resp.Close && !closeAfter && resp.StatusCode != http.StatusSwitchingProtocols
	if resp.Body == http.NoBody || resp.Body == nil {
		if !stop() || !reuse {
			pc.close()
		} else {
			pc.t.put(pc)
		}
		return resp, nil
	}
	resp.Body = &h1Body{pc: pc, body: resp.Body, stop: stop, reuse: reuse}
	return resp, nil
}

// h1Body hands the connection back when the body has been read to the end,
// and closes it when the body is abandoned.
type h1Body struct {
	pc    *h1Conn
	body  io.ReadCloser
	stop  func() bool
	reuse bool
	done  bool
}

func (b *h1Body) Read(p []byte) (int, error) {
	if b.done {
		return 0, io.EOF
	}
	n, err := b.body.Read(p)
	if err == io.EOF {
		b.done = true
		// stop reports false when the request was cancelled meanwhile and
		// the connection's deadline was pulled in: then it cannot be reused.
		if b.stop() && b.reuse {
			b.pc.t.put(b.pc)
		} else {
			b.pc.close()
		}
	} else if err != nil {
		b.done = true
		b.stop()
		b.pc.close()
	}
	return n, err
}

func (b *h1Body) Close() error {
	if !b.done {
		b.done = true
		b.stop()
		b.pc.close()
	}
	return nil
}

// Idempotent reports whether sending r twice is safe: the RFC 9110
// idempotent methods, or any request carrying an idempotency key.
func Idempotent(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return r.Header.Get("Idempotency-Key") != "" || r.Header.Get("X-Idempotency-Key") != ""
}

// IdleConns is the number of idle connections in the pool.
func (t *Transport) IdleConns() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.idle)
}
