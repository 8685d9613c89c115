package strangler

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// errClientRequest marks a failure caused by the client's request rather
// than by the backend: a malformed or oversized body, or a client that
// stopped sending one. Such a failure is answered with a 4xx, counted in
// ficus_proxy_client_errors_total, and held against no backend: not its
// circuit breaker, not the rollout gates, and it never takes a fallback.
var errClientRequest = errors.New("client request failed")

// Client error reasons, the reason label of ficus_proxy_client_errors_total.
const (
	clientBodyMalformed = "body_malformed"
	clientBodyTooLarge  = "body_too_large"
	clientBodyTimeout   = "body_timeout"
)

// clientBody wraps an inbound request body and remembers the first error
// reading it: whatever the transport makes of that error, the failure is
// the client's.
type clientBody struct {
	io.ReadCloser
	err atomic.Pointer[error]

	// idle, when positive, bounds the wait for each read (server.body_read_timeout)
	// through setDeadline, the connection's read deadline.
	idle        time.Duration
	setDeadline func(time.Time) error
}

// newClientBody watches body; w is the server's writer, whose connection
// read deadline enforces idle.
func newClientBody(body io.ReadCloser, w http.ResponseWriter, idle time.Duration) *clientBody {
	b := &clientBody{ReadCloser: body, idle: idle}
	if idle > 0 {
		b.setDeadline = http.NewResponseController(w).SetReadDeadline
	}
	return b
}

func (b *clientBody) Read(p []byte) (int, error) {
	if b.setDeadline != nil && b.setDeadline(time.Now().Add(b.idle)) != nil {
		b.setDeadline = nil // not supported by this connection
	}
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && b.setDeadline != nil {
		// The body is done: the deadline must not cut what follows
		// (net/http watches the connection for a hang-up meanwhile).
		_ = b.setDeadline(time.Time{})
	}
	if err != nil && err != io.EOF {
		err = &clientError{err: err}
		b.err.CompareAndSwap(nil, &err)
	}
	return n, err
}

// failed returns the error reading the body, or nil.
func (b *clientBody) failed() error {
	if b == nil {
		return nil
	}
	if e := b.err.Load(); e != nil {
		return *e
	}
	return nil
}

// clientError is an error reading the client's request.
type clientError struct{ err error }

func (e *clientError) Error() string { return "read request body: " + e.err.Error() }

func (e *clientError) Unwrap() []error { return []error{errClientRequest, e.err} }

// clientErrorStatus maps a client failure to its status and reason.
func clientErrorStatus(err error) (int, string) {
	var tooBig *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, clientBodyTooLarge
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, errBodyTimeout), errors.As(err, &ne) && ne.Timeout():
		return http.StatusRequestTimeout, clientBodyTimeout
	}
	return http.StatusBadRequest, clientBodyMalformed
}

// errBodyTimeout is a request body that did not arrive in time.
var errBodyTimeout = errors.New("request body not received in time")

// clientFailed answers a request whose own body failed: the backend is
// told nothing (the breaker sees an excluded outcome), the client gets a
// 4xx and the connection is closed, since its framing can no longer be
// trusted.
func (p *Proxy) clientFailed(a *attempt, err error) {
	a.err = err
	a.clientErr = true
	a.finish(err)
	status, reason := clientErrorStatus(err)
	p.metrics.clientErrors.WithLabelValues(routeLabel(a.route), reason).Inc()
	if !a.rec.wrote {
		a.rec.Header().Set("Connection", "close")
	}
	writeError(a.rec, status)
}
