package strangler

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"sync/atomic"
	"time"
)

// attempt is one inbound request on its way through the proxy: which
// backend is being tried, whether it may still fall back, and how it ended.
// It travels in the request context so the ReverseProxy hooks can see it.
type attempt struct {
	in      *http.Request // the inbound request, with a replayable body when needed
	rec     *recorder
	route   *Route // nil for the default backend
	choice  choice
	client  netip.Addr
	peer    netip.Addr
	trusted bool // the peer is a trusted proxy

	backend  *Backend    // being tried now
	fallback *Backend    // still available; nil once used or when none
	body     *replayBody // nil when the body needs no replay
	done     func(error) // reports the outcome to backend's breaker
	idem     bool        // safe to send twice
	fellBack string      // why the fallback served it; "" when it did not
	from     *Backend    // the backend that failed, when fellBack != ""
	err      error       // the last upstream error, for the access log
	traceID  string      // from traceparent, for the access log
	spanEnd  func(status int, backend string)
	shadow   *shadowing // set when a copy goes to the shadow target
	start    time.Time  // when the request arrived
	fast     bool       // server.fast_path: bodiless HTTP/1.1 requests may skip ReverseProxy

	cbody     *clientBody // the inbound body, watched for client errors; nil without a body
	clientErr bool        // the request failed through the client's fault
}

type attemptKey struct{}

func attemptOf(ctx context.Context) *attempt {
	a, _ := ctx.Value(attemptKey{}).(*attempt)
	return a
}

// finish reports the outcome of the current try to the breaker, once.
func (a *attempt) finish(err error) {
	if a.done != nil {
		a.done(err)
		a.done = nil
	}
}

// canFallback reports whether the request may go to the fallback backend.
// sent says whether it may have reached the failed backend: a request that
// may have been processed is replayed only when it is idempotent.
func (a *attempt) canFallback(sent bool) bool {
	if a.fallback == nil {
		return false
	}
	if sent && !a.idem {
		return false
	}
	return a.body == nil || a.body.rewindable()
}

// notSent reports whether err proves the request never left the proxy:
// the connection or TLS handshake failed before anything was written.
func notSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	return errors.Is(err, errBreakerOpen)
}

// replayBody lets a request body be sent again. It buffers at most a
// configured number of bytes; a longer body can only be replayed while no
// attempt has read beyond the buffer. Each attempt reads through its own
// view: a transport may still be reading the failed attempt's body while
// the fallback reads the replay, so views share nothing mutable but the
// claim on the unbuffered remainder.
type replayBody struct {
	buf   []byte    // immutable once built
	rest  io.Reader // unbuffered remainder; nil when buf holds it all
	owner atomic.Pointer[bodyView]
}

// errBodyTaken is returned by a view whose attempt lost the unbuffered
// remainder of the body to another attempt.
var errBodyTaken = errors.New("request body already sent to another backend")

// newReplayBody wraps body. When buffer is true it reads up to limit bytes
// ahead so that the body can be replayed even after it was sent.
func newReplayBody(body io.Reader, buffer bool, limit int64) (*replayBody, error) {
	rb := &replayBody{rest: body}
	if !buffer {
		return rb, nil
	}
	var b bytes.Buffer
	n, err := io.Copy(&b, io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	rb.buf = b.Bytes()
	if n <= limit {
		rb.rest = nil
	}
	return rb, nil
}

// view returns a reader over the whole body for one attempt.
func (rb *replayBody) view() *bodyView { return &bodyView{rb: rb} }

// rewindable reports whether another attempt can still read the whole body.
func (rb *replayBody) rewindable() bool { return rb.rest == nil || rb.owner.Load() == nil }

// bodyView is one attempt's reader over a replayBody.
type bodyView struct {
	rb  *replayBody
	off int
}

func (v *bodyView) Read(p []byte) (int, error) {
	rb := v.rb
	if v.off < len(rb.buf) {
		n := copy(p, rb.buf[v.off:])
		v.off += n
		return n, nil
	}
	if rb.rest == nil {
		return 0, io.EOF
	}
	if rb.owner.Load() != v && !rb.owner.CompareAndSwap(nil, v) {
		return 0, errBodyTaken
	}
	return rb.rest.Read(p)
}

// Close does nothing: the server owns and closes the inbound body.
func (v *bodyView) Close() error { return nil }
