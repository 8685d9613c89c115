package h1

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// TLSListener terminates TLS itself so that HTTP/1.1 over TLS gets the
// framing checks of cleartext connections: net/http's server, given a
// *tls.Conn, would parse a head with both Content-Length and
// Transfer-Encoding, or with an obsolete line folding, as it does (the
// first dropped, the fold joined) instead of refusing it. A connection
// that negotiated HTTP/2 is handed over as the *tls.Conn it is, for
// net/http's HTTP/2 server; any other is guarded like [GuardedListener]'s
// and keeps its TLS state for [TLSConnContext] and [TLSHandler].
//
// Handshakes run on their own goroutines, bounded by the handshake
// timeout, so that a slow client does not hold up the others.
type TLSListener struct {
	net.Listener
	config  *tls.Config
	timeout time.Duration

	start   sync.Once
	stop    sync.Once
	results chan acceptResult
	done    chan struct{}
	ctx     context.Context // handshakes' parent, cancelled by Close
	cancel  context.CancelFunc
}

type acceptResult struct {
	c   net.Conn
	err error
}

// NewTLSListener returns a TLS listener on l. config must offer "h2" and
// "http/1.1" in NextProtos for HTTP/2 to be negotiated; timeout bounds
// each handshake (none when 0).
func NewTLSListener(l net.Listener, config *tls.Config, timeout time.Duration) *TLSListener {
	ctx, cancel := context.WithCancel(context.Background())
	return &TLSListener{Listener: l, config: config, timeout: timeout, results: make(chan acceptResult), done: make(chan struct{}), ctx: ctx, cancel: cancel}
}

// Accept returns the next connection whose handshake succeeded.
func (l *TLSListener) Accept() (net.Conn, error) {
	l.start.Do(func() { go l.acceptLoop() })
	select {
	case r := <-l.results:
		return r.c, r.err
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close closes the listener; connections still in their handshake are
// closed.
func (l *TLSListener) Close() error {
	err := l.Listener.Close()
	l.stop.Do(func() {
		close(l.done)
		l.cancel()
	})
	return err
}

func (l *TLSListener) acceptLoop() {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			// net/http retries temporary errors (out of descriptors) and
			// returns on the others.
			select {
			case l.results <- acceptResult{err: err}:
			case <-l.done:
				return
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		go l.handshake(c)
	}
}

func (l *TLSListener) handshake(c net.Conn) {
	tc := tls.Server(c, l.config)
	ctx := l.ctx
	if l.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.timeout)
		defer cancel()
	}
	if err := tc.HandshakeContext(ctx); err != nil {
		_ = c.Close()
		return
	}
	var out net.Conn = tc
	if tc.ConnectionState().NegotiatedProtocol != "h2" {
		out = &guardedTLSConn{guardedConn: guardedConn{Conn: tc, g: newFramingGuard()}, tls: tc}
	}
	select {
	case l.results <- acceptResult{c: out}:
	case <-l.done:
		_ = out.Close()
	}
}

// guardedTLSConn is an HTTP/1.1 connection over TLS whose plaintext passes
// a framingGuard.
type guardedTLSConn struct {
	guardedConn
	tls *tls.Conn
}

type tlsStateKey struct{}

// TLSConnContext is an http.Server ConnContext that keeps the TLS state of
// a connection from a [TLSListener] that net/http does not see as TLS.
func TLSConnContext(ctx context.Context, c net.Conn) context.Context {
	if gc, ok := c.(*guardedTLSConn); ok {
		st := gc.tls.ConnectionState()
		return context.WithValue(ctx, tlsStateKey{}, &st)
	}
	return ctx
}

// TLSHandler sets Request.TLS, when net/http left it nil, from the state
// [TLSConnContext] kept, then calls h.
func TLSHandler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.TLS == nil {
			r.TLS, _ = r.Context().Value(tlsStateKey{}).(*tls.ConnectionState)
		}
		h.ServeHTTP(w, r)
	})
}
