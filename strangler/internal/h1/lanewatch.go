package h1

import (
	"bufio"
	"sync"
	"time"
)

// hangupWatchAfter is how long a request runs on the lane before its
// connection is watched for the client hanging up. Most requests are over
// sooner and pay only for a timer; net/http watches every request from
// the start.
const hangupWatchAfter = 50 * time.Millisecond

// hangupWatch notices a client that closes its connection while its
// request is being proxied — a quiet event stream, a slow backend — and
// cancels the request, so that the backend request is cancelled and its
// connection freed at once rather than at the next write. It reads ahead
// one byte, as net/http's server does; a byte that arrives (a pipelined
// request) stays in the reader for the next request. One watch serves all
// the requests of a connection, one at a time.
type hangupWatch struct {
	lc    *laneConn
	br    *bufio.Reader
	timer *time.Timer

	mu          sync.Mutex
	ran         bool          // the timer fired for the current request and its read-ahead began
	skip        int           // timer callbacks that fired for a request already over
	done        chan struct{} // non-nil while a read-ahead runs
	interrupted bool          // stop ended the read-ahead
}

// watchHangup starts watching lc for a hang-up after hangupWatchAfter; stop
// ends the watch and must run before br is read again.
func (lc *laneConn) watchHangup(br *bufio.Reader) (stop func()) {
	if br.Buffered() > 0 {
		return func() {} // the next request is already here: so is the client
	}
	w := lc.watch
	if w == nil {
		w = &hangupWatch{lc: lc, br: br}
		w.timer = time.AfterFunc(time.Hour, w.run)
		w.timer.Stop()
		lc.watch = w
	}
	w.mu.Lock()
	w.ran = false
	w.mu.Unlock()
	w.timer.Reset(hangupWatchAfter)
	return w.stop
}

func (w *hangupWatch) run() {
	w.mu.Lock()
	if w.skip > 0 || w.ran {
		// Fired for a request that is over; stop counted it.
		w.skip = max(w.skip-1, 0)
		w.mu.Unlock()
		return
	}
	w.ran = true
	done := make(chan struct{})
	w.done = done
	// The head's read deadline has no say over the request's duration.
	_ = w.lc.c.SetReadDeadline(time.Time{})
	w.mu.Unlock()
	_, err := w.br.Peek(1)
	w.mu.Lock()
	interrupted := w.interrupted
	w.interrupted, w.done = false, nil
	w.mu.Unlock()
	close(done)
	if err != nil && !interrupted {
		w.lc.cancel() // EOF or reset: the client is gone
	}
}

func (w *hangupWatch) stop() {
	fired := !w.timer.Stop()
	w.mu.Lock()
	done := w.done
	switch {
	case done != nil:
		w.interrupted = true
		_ = w.lc.c.SetReadDeadline(longAgo()) // ends the read under way
	case fired && !w.ran:
		w.skip++ // fired, but its callback has not begun: it must not
	}
	w.mu.Unlock()
	if done != nil {
		<-done
	}
}
