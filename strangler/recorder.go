package strangler

import (
	"bufio"
	"net"
	"net/http"
	"time"
)

// recorder notes the status and size of a response, and whether the
// connection was taken over (websockets), for logs and metrics. It exposes
// the underlying writer through Unwrap, so http.ResponseController (which
// ReverseProxy uses to flush and hijack) reaches the real one.
type recorder struct {
	http.ResponseWriter
	status   int
	bytes    int64
	wrote    bool
	hijacked bool
	capture  *capture // keeps the response for a shadow comparison; nil when not shadowing

	// sendTimeout, when positive, bounds each write (server.send_timeout)
	// through the connection's write deadline, moved to sendBy.
	sendTimeout time.Duration
	sendBy      time.Time
}

// writeDeadliner is what net/http's and the lane's writers offer for
// write deadlines, without http.ResponseController's allocations.
type writeDeadliner interface{ SetWriteDeadline(time.Time) error }

// extendSend gives the write about to happen sendTimeout to complete. The
// deadline is moved only when a quarter of the timeout has passed since it
// was last set, so that a busy stream does not move it on every write.
// It runs when a request starts and before every write of its response,
// head included, so a deadline left from an earlier response on the
// connection never cuts a later one.
func (w *recorder) extendSend() {
	now := time.Now()
	if w.sendBy.Sub(now) > w.sendTimeout-w.sendTimeout/4 {
		return
	}
	by := now.Add(w.sendTimeout)
	var err error
	if d, ok := w.ResponseWriter.(writeDeadliner); ok {
		err = d.SetWriteDeadline(by)
	} else {
		err = http.NewResponseController(w.ResponseWriter).SetWriteDeadline(by)
	}
	if err != nil {
		w.sendTimeout = 0 // not supported by this connection
		return
	}
	w.sendBy = by
}

func (w *recorder) WriteHeader(code int) {
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code) // informational: more headers follow
		return
	}
	if w.wrote {
		return
	}
	w.status, w.wrote = code, true
	if w.sendTimeout > 0 {
		w.extendSend()
	}
	if h := w.Header(); h["Content-Type"] == nil {
		// A proxy does not invent a content type: a nil value stops
		// net/http from sniffing one, and writes nothing.
		h["Content-Type"] = nil
	}
	if w.capture != nil {
		w.capture.status, w.capture.header = code, w.Header().Clone()
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.sendTimeout > 0 {
		w.extendSend()
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	if w.capture != nil {
		w.capture.write(b[:n])
	}
	return n, err
}

// Unwrap returns the underlying ResponseWriter.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack takes over the connection, for protocol upgrades.
func (w *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil {
		w.hijacked, w.wrote = true, true
		w.status = http.StatusSwitchingProtocols
	}
	return c, brw, err
}

// statusOrOK is the status for logs: 200 when nothing was written.
func (w *recorder) statusOrOK() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
