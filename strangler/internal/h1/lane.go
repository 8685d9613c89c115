package h1

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ficus-dev/ficus/strangler/config"
)

// Lane is the proxy listener's own HTTP/1.1 connection loop for plain
// requests — the bulk of a proxy's traffic: HTTP/1.1 over cleartext with no
// body and no upgrade. It reads each request head itself and calls the
// handler on the connection's goroutine, without net/http's per-request
// machinery (a background read per request to notice a client hanging up,
// a cancelable context, a goroutine hand-off for every response), which a
// busy proxy pays for in CPU.
//
// Everything else is handed to a net/http server, connection and all, the
// bytes already read included: the first request on a connection that the
// lane does not serve moves the connection to net/http for good. That
// covers bodies, upgrades (websockets), h2c, HTTP/1.0, oversized or
// malformed heads (net/http answers those with its own errors), and so
// keeps every protocol detail in one well-tested place.
//
// Like net/http, the lane notices a client that hangs up while its request
// is being proxied and cancels the request (see hangupWatch), but only once
// the request has run for hangupWatchAfter.
type Lane struct {
	handler  http.Handler
	handoffs *connQueue
	log      *slog.Logger
	ctx      context.Context // requests' parent: carries the server, never cancelled

	readHeaderTimeout time.Duration
	idleTimeout       time.Duration
	writeTimeout      time.Duration
	bufSize           int // read buffer: heads longer than this go to net/http

	date     laneDate
	mu       sync.Mutex
	conns    map[*laneConn]struct{}
	closing  atomic.Bool
	wg       sync.WaitGroup
	listener net.Listener
}

// BufSize is the lane's read buffer per connection; almost every
// request head fits.
const BufSize = 8 << 10

// NewLane builds a lane that serves handler and hands other connections to
// srv through the returned queue (srv must Serve it).
func NewLane(ctx context.Context, handler http.Handler, srv *http.Server, sc config.ServerConfig, log *slog.Logger, addr net.Addr) *Lane {
	l := &Lane{
		handler:           handler,
		handoffs:          newConnQueue(addr),
		log:               log,
		readHeaderTimeout: sc.ReadHeaderTimeout.D(),
		idleTimeout:       sc.IdleTimeout.D(),
		writeTimeout:      sc.WriteTimeout.D(),
		bufSize:           BufSize,
		conns:             map[*laneConn]struct{}{},
	}
	if rt := sc.ReadTimeout.D(); rt > 0 && (l.readHeaderTimeout <= 0 || rt < l.readHeaderTimeout) {
		l.readHeaderTimeout = rt
	}
	if l.idleTimeout <= 0 {
		l.idleTimeout = l.readHeaderTimeout
	}
	if mh := int(sc.MaxHeaderBytes); mh > 0 && mh+4 < l.bufSize {
		l.bufSize = mh + 4 // a longer head goes to net/http, which answers 431
	}
	l.ctx = context.WithValue(context.WithoutCancel(ctx), http.ServerContextKey, srv)
	return l
}

// Handoff is the listener of the connections the lane hands to net/http;
// the server passed to newLane must Serve it.
func (l *Lane) Handoff() net.Listener { return l.handoffs }

// IsClosing reports whether shutdown has begun.
func (l *Lane) IsClosing() bool { return l.closing.Load() }

// Serve accepts connections until the listener is closed.
func (l *Lane) Serve(ln net.Listener) error {
	l.mu.Lock()
	l.listener = ln
	closing := l.closing.Load()
	l.mu.Unlock()
	if closing { // shut down before it started
		_ = ln.Close()
		return http.ErrServerClosed
	}
	var delay time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			if l.closing.Load() {
				return http.ErrServerClosed
			}
			if errors.Is(err, net.ErrClosed) {
				return fmt.Errorf("strangler: accept: %w", err)
			}
			// Out of file descriptors (EMFILE), aborted handshakes and the
			// like pass: back off and retry, as net/http does.
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			l.log.Warn("accept failed; retrying", "err", err, "delay", delay.String())
			time.Sleep(delay)
			continue
		}
		delay = 0
		lc := &laneConn{l: l, c: c}
		lc.ctx, lc.cancel = context.WithCancel(context.WithValue(l.ctx, http.LocalAddrContextKey, c.LocalAddr()))
		if !l.track(lc, true) {
			_ = c.Close()
			continue
		}
		go lc.serve()
	}
}

// track adds or removes a connection; the wait group counts them, under
// the same lock as closing, so that shutdown waits for every connection
// accepted before it.
func (l *Lane) track(lc *laneConn, add bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if add {
		if l.closing.Load() {
			return false
		}
		l.conns[lc] = struct{}{}
		l.wg.Add(1)
	} else {
		delete(l.conns, lc)
		l.wg.Done()
	}
	return true
}

// Shutdown stops accepting, closes idle connections, lets those serving a
// request finish it, and waits for them until ctx ends; then it closes
// what is left and returns ctx's error. The handoff queue is closed by the net/http server's own
// Shutdown.
func (l *Lane) Shutdown(ctx context.Context) error {
	l.mu.Lock()
	l.closing.Store(true)
	if l.listener != nil {
		_ = l.listener.Close()
	}
	for lc := range l.conns {
		lc.wakeIfIdle()
	}
	l.mu.Unlock()
	done := make(chan struct{})
	go func() { l.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		// Close what is left; as net/http's Shutdown, do not wait for
		// handlers that may never return.
		l.mu.Lock()
		for lc := range l.conns {
			lc.cancel() // ends requests still waiting on a backend
			_ = lc.c.Close()
		}
		l.mu.Unlock()
		return ctx.Err()
	}
}

// laneConn is one client connection served by the lane.
type laneConn struct {
	l      *Lane
	c      net.Conn
	head   time.Time   // the read deadline of the head being read; zero when none
	idle   atomic.Bool // waiting for the next request's first byte
	ctx    context.Context
	cancel context.CancelFunc // cancels the requests' context when a shutdown gives up on them
	watch  *hangupWatch       // reused by the connection's requests; nil until the first
}

// wakeIfIdle makes a connection waiting for its next request give up, for
// a shutdown; one serving a request closes once it has answered.
func (lc *laneConn) wakeIfIdle() {
	if lc.idle.Load() {
		_ = lc.c.SetReadDeadline(longAgo())
	}
}

func (lc *laneConn) serve() {
	l := lc.l
	handedOff := false
	defer func() {
		lc.cancel()
		if !handedOff {
			_ = lc.c.Close()
		}
		l.track(lc, false)
	}()
	br := bufio.NewReaderSize(lc.c, l.bufSize)
	bw := bufio.NewWriterSize(lc.c, 4<<10)
	remote := lc.c.RemoteAddr().String()
	first := true
	for {
		head, err := lc.readHead(br, first)
		first = false
		if err != nil {
			if errors.Is(err, errNotLane) {
				// A head too long for the lane, part read: net/http gets
				// what is left of the time to send it, not a new timeout.
				handedOff = l.handOff(lc.c, br, lc.head)
			}
			return
		}
		req, ok := parseLaneHead(lc.ctx, head, remote)
		if !ok {
			handedOff = l.handOff(lc.c, br, time.Time{})
			return
		}
		_, _ = br.Discard(len(head))
		if l.writeTimeout > 0 {
			_ = lc.c.SetWriteDeadline(time.Now().Add(l.writeTimeout))
		}
		w := newLaneWriter(bw, req, l.date.get, req.Close, &l.closing)
		w.conn = lc.c
		stopWatch := lc.watchHangup(br)
		ok = lc.serveOne(w, req)
		stopWatch()
		if !ok || !w.finish() || l.closing.Load() || lc.ctx.Err() != nil {
			return
		}
	}
}

// serveOne runs the handler. A panic ends the connection, as in net/http:
// http.ErrAbortHandler quietly, anything else logged with its stack.
func (lc *laneConn) serveOne(w *ResponseWriter, req *http.Request) (ok bool) {
	defer func() {
		if rv := recover(); rv != nil {
			ok = false
			if rv != http.ErrAbortHandler {
				buf := make([]byte, 64<<10)
				buf = buf[:runtime.Stack(buf, false)]
				lc.l.log.Error("panic serving request", "client", lc.c.RemoteAddr().String(), "panic", fmt.Sprint(rv), "stack", string(buf))
			}
		}
	}()
	lc.l.handler.ServeHTTP(w, req)
	return true
}

// errNotLane says the connection's next request is for net/http.
var errNotLane = errors.New("not a lane request")

// readHead waits for a complete request head in br without consuming it.
// Waiting for the first byte of a request is bounded by the idle timeout
// (the read-header timeout on a new connection), waiting for the rest of a
// head by the read-header timeout. The common case — the whole head comes
// in one read — sets one deadline per request. A head that does not fit
// the buffer returns errNotLane.
func (lc *laneConn) readHead(br *bufio.Reader, first bool) ([]byte, error) {
	l := lc.l
	headerDeadline := false
	lc.head = time.Time{}
	if br.Buffered() == 0 {
		wait := l.idleTimeout
		if first {
			wait, headerDeadline = l.readHeaderTimeout, true
			lc.head = deadline(wait)
		}
		// Mark idle and set the deadline before looking at closing: a
		// shutdown sets closing first and then wakes idle connections, so
		// either we see closing or its wake-up comes after our deadline.
		lc.idle.Store(true)
		_ = lc.c.SetReadDeadline(deadline(wait))
		if l.closing.Load() {
			lc.idle.Store(false)
			return nil, http.ErrServerClosed
		}
		_, err := br.Peek(1)
		lc.idle.Store(false)
		if err != nil {
			return nil, err
		}
	}
	scanned := 0
	for {
		buf, _ := br.Peek(br.Buffered())
		if hasBareLF(buf, scanned) {
			// Lines ending in a bare LF: net/http reads those.
			return nil, errNotLane
		}
		from := max(scanned-len(headEnd)+1, 0)
		if i := bytes.Index(buf[from:], headEnd); i >= 0 {
			return buf[:from+i+len(headEnd)], nil
		}
		scanned = len(buf)
		if len(buf) >= br.Size() {
			return nil, errNotLane
		}
		if !headerDeadline {
			lc.head = deadline(l.readHeaderTimeout)
			_ = lc.c.SetReadDeadline(lc.head)
			headerDeadline = true
		}
		if _, err := br.Peek(len(buf) + 1); err != nil {
			return nil, err // EOF or timeout mid-head: close, as net/http does
		}
	}
}

var headEnd = []byte("\r\n\r\n")

// hasBareLF reports whether buf[from:] holds a LF not preceded by a CR.
func hasBareLF(buf []byte, from int) bool {
	for {
		i := bytes.IndexByte(buf[from:], '\n')
		if i < 0 {
			return false
		}
		at := from + i
		if at == 0 || buf[at-1] != '\r' {
			return true
		}
		from = at + 1
	}
}

// deadline is now+d, or no deadline for d <= 0.
func deadline(d time.Duration) time.Time {
	if d <= 0 {
		return time.Time{}
	}
	return time.Now().Add(d)
}

// handOff gives the connection, with what was read of it, to net/http. A
// non-zero head deadline bounds the read of the head under way. It
// reports false when the server no longer takes connections.
func (l *Lane) handOff(c net.Conn, br *bufio.Reader, head time.Time) bool {
	_ = c.SetDeadline(time.Time{})
	pc := &prefixConn{Conn: c, head: head}
	if n := br.Buffered(); n > 0 {
		b, _ := br.Peek(n)
		pc.prefix = bytes.Clone(b)
	}
	return l.handoffs.push(guardConn(pc))
}

// prefixConn is a connection whose first bytes were already read.
type prefixConn struct {
	net.Conn
	prefix  []byte
	head    time.Time // the deadline of the head under way; zero when none
	clamped bool
}

// SetReadDeadline passes the deadline on, except that net/http's first
// one — for the head the lane began to read — is no later than the
// lane's.
func (c *prefixConn) SetReadDeadline(t time.Time) error {
	if !c.clamped {
		c.clamped = true
		if !c.head.IsZero() && (t.IsZero() || t.After(c.head)) {
			t = c.head
		}
	}
	return c.Conn.SetReadDeadline(t)
}

func (c *prefixConn) Read(p []byte) (int, error) {
	if len(c.prefix) > 0 {
		n := copy(p, c.prefix)
		c.prefix = c.prefix[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// CloseWrite half-closes a TCP connection, which net/http uses to close
// connections gracefully.
func (c *prefixConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// connQueue is a net.Listener whose connections are pushed to it: the
// connections the lane hands to net/http.
type connQueue struct {
	addr   net.Addr
	ch     chan net.Conn
	done   chan struct{}
	closed sync.Once
}

func newConnQueue(addr net.Addr) *connQueue {
	return &connQueue{addr: addr, ch: make(chan net.Conn), done: make(chan struct{})}
}

func (q *connQueue) push(c net.Conn) bool {
	select {
	case q.ch <- c:
		return true
	case <-q.done:
		return false
	}
}

func (q *connQueue) Accept() (net.Conn, error) {
	select {
	case c := <-q.ch:
		return c, nil
	case <-q.done:
		return nil, net.ErrClosed
	}
}

func (q *connQueue) Close() error {
	q.closed.Do(func() { close(q.done) })
	return nil
}

func (q *connQueue) Addr() net.Addr { return q.addr }

// laneDate caches the Date header value, which changes once a second.
type laneDate struct {
	v atomic.Pointer[dateValue]
}

type dateValue struct {
	sec int64
	s   string
}

func (d *laneDate) get() string {
	now := time.Now()
	if v := d.v.Load(); v != nil && v.sec == now.Unix() {
		return v.s
	}
	v := &dateValue{sec: now.Unix(), s: now.UTC().Format(http.TimeFormat)}
	d.v.Store(v)
	return v.s
}
