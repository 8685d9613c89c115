package strangler

import (
	"bufio"
	"sync"
	"time"
)

// hangupWatchAfter is how long a request runs on the lane before its
// connection is watched for the client hanging up. Most requests are over
// sooner and pay nothing; net/http watches every request from the start.
const hangupWatchAfter = 50 * time.Millisecond

// hangupWatch notices a client that closes its connection while its
// request is being proxied — a quiet event stream, a slow backend — and
// cancels the request, so that the backend request is cancelled and its
// connection freed at once rather than at the next write. It reads ahead
// one byte, as net/http's server does; a byte that arrives (a pipelined
// request) stays in the reader for the next request.
type hangupWatch struct {
	lc    *laneConn
	br    *bufio.Reader
	timer *time.Timer

	mu       sync.Mutex
	stopping bool
	started  bool
	done     chan struct{}
}

// watchHangup starts watching lc for a hang-up after hangupWatchAfter; the
// returned function stops the watch and must run before br is read again.
func (lc *laneConn) watchHangup(br *bufio.Reader) (stop func()) {
	if br.Buffered() > 0 {
		return func() {} // the next request is already here: so is the client
	}
	w := &hangupWatch{lc: lc, br: br, done: make(chan struct{})}
	w.timer = time.AfterFunc(hangupWatchAfter, w.run)
	return w.stop
}

func (w *hangupWatch) run() {
	w.mu.Lock()
	if w.stopping {
		w.mu.Unlock()
		return
	}
	w.started = true
	// The head's read deadline has no say over the request's duration.
	_ = w.lc.c.SetReadDeadline(time.Time{})
	w.mu.Unlock()
	defer close(w.done)
	_, err := w.br.Peek(1)
	w.mu.Lock()
	stopping := w.stopping
	w.mu.Unlock()
	if err != nil && !stopping {
		w.lc.cancel() // EOF or reset: the client is gone
	}
}

func (w *hangupWatch) stop() {
	if w.timer.Stop() {
		return // it never started
	}
	w.mu.Lock()
	w.stopping = true
	started := w.started
	if started {
		_ = w.lc.c.SetReadDeadline(longAgo()) // ends the read under way
	}
	w.mu.Unlock()
	if started {
		<-w.done
	}
}
