package h1

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/net/http/httpguts"
)

// ResponseWriter is the http.ResponseWriter of a request the lane serves. It
// writes the status line and headers when the body starts (or when the
// handler returns), frames the body by the Content-Length the handler set,
// or chunked when it set none, and sends trailers after a chunked body. It
// buffers: a small response leaves in one write when the handler returns,
// or earlier on Flush.
type ResponseWriter struct {
	conn   net.Conn // for write deadlines; nil in tests that write to a buffer
	bw     *bufio.Writer
	req    *http.Request
	date   func() string
	header http.Header

	status      int  // the final status, 0 until WriteHeader
	headWritten bool // the status line and headers are in bw
	noBody      bool // HEAD, 1xx, 204, 304
	chunked     bool
	length      int64 // the declared Content-Length, -1 when none
	written     int64 // body bytes accepted
	trailers    []string
	closeAfter  bool // send Connection: close and close when done
	draining    *atomic.Bool
	err         error // the first write error; the connection is then dropped
}

// errLaneBodyLength is returned when a handler writes more than the
// Content-Length it declared.
var errLaneBodyLength = errors.New("strangler: response body longer than its Content-Length")

// SetWriteDeadline sets the connection's write deadline, for
// http.ResponseController (server.send_timeout).
func (w *ResponseWriter) SetWriteDeadline(t time.Time) error {
	if w.conn == nil {
		return http.ErrNotSupported
	}
	return w.conn.SetWriteDeadline(t)
}

// newLaneWriter returns a writer for req's answer. closeAfter says the
// connection closes after it; so does draining, when it is true by the
// time the headers are written.
func newLaneWriter(bw *bufio.Writer, req *http.Request, date func() string, closeAfter bool, draining *atomic.Bool) *ResponseWriter {
	return &ResponseWriter{bw: bw, req: req, date: date, length: -1, closeAfter: closeAfter, draining: draining}
}

func (w *ResponseWriter) Header() http.Header {
	if w.header == nil {
		w.header = make(http.Header)
	}
	return w.header
}

// AdoptHeader makes h the response's header map when the handler has not
// touched the headers yet, saving a copy; it reports whether it did.
func (w *ResponseWriter) AdoptHeader(h http.Header) bool {
	if w.header != nil || h == nil {
		return false
	}
	w.header = h
	return true
}

func (w *ResponseWriter) WriteHeader(code int) {
	if code < 100 || code > 999 {
		panic("invalid WriteHeader code " + strconv.Itoa(code)) // as net/http does
	}
	if w.status != 0 {
		return
	}
	if code < 200 && code != http.StatusSwitchingProtocols {
		// An informational answer: its headers go out now, and the final
		// one follows.
		w.writeStatusLine(code)
		w.writeFields(w.Header(), nil, suppressedNoBody)
		w.writeString("\r\n")
		w.flush()
		return
	}
	w.status = code
}

func (w *ResponseWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.headWritten {
		w.writeHead(false)
	}
	if w.noBody {
		if w.req.Method == http.MethodHead {
			return len(p), nil
		}
		return 0, http.ErrBodyNotAllowed
	}
	if len(p) == 0 {
		return 0, nil
	}
	n := len(p)
	var tooLong error
	if w.length >= 0 && w.written+int64(n) > w.length {
		n = int(w.length - w.written)
		tooLong = errLaneBodyLength
	}
	if w.chunked {
		w.writeString(strconv.FormatInt(int64(n), 16))
		w.writeString("\r\n")
	}
	if _, err := w.bw.Write(p[:n]); err != nil && w.err == nil {
		w.err = err
	}
	if w.chunked {
		w.writeString("\r\n")
	}
	w.written += int64(n)
	if w.err != nil {
		return 0, w.err
	}
	return n, tooLong
}

// Flush sends what is buffered, the headers included.
func (w *ResponseWriter) Flush() { _ = w.FlushError() }

// FlushError sends what is buffered; http.ResponseController uses it.
func (w *ResponseWriter) FlushError() error {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.headWritten {
		w.writeHead(false)
	}
	w.flush()
	return w.err
}

// finish completes the response after the handler returned: headers if
// none went out, the last chunk and trailers, then one flush. It reports
// whether the connection can carry another request.
func (w *ResponseWriter) finish() bool {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.headWritten {
		w.writeHead(true)
	}
	switch {
	case w.chunked:
		w.writeString("0\r\n")
		w.writeTrailers()
		w.writeString("\r\n")
	case w.length >= 0 && w.written < w.length && !w.noBody:
		// The handler wrote less than it declared: only closing the
		// connection tells the client the body is cut.
		w.closeAfter = true
	}
	w.flush()
	return w.err == nil && !w.closeAfter
}

// writeHead writes the status line and headers, choosing the framing.
// done says the handler has returned, so an unframed empty body can be
// sent with Content-Length 0 rather than chunked.
func (w *ResponseWriter) writeHead(done bool) {
	w.headWritten = true
	h := w.Header()
	code := w.status
	w.noBody = w.req.Method == http.MethodHead || code == http.StatusNoContent || code == http.StatusNotModified
	// As net/http: no framing fields on answers that cannot have a body,
	// and no Content-Type on a 304 (RFC 9110 15.4.5).
	var suppressed []string
	switch code {
	case http.StatusNotModified:
		suppressed = suppressed304
	case http.StatusNoContent:
		suppressed = suppressedNoBody
	}
	for _, k := range suppressed {
		delete(h, k)
	}
	if httpguts.HeaderValuesContainsToken(h["Connection"], "close") || (w.draining != nil && w.draining.Load()) {
		w.closeAfter = true // the handler asks to close, or the server is draining
	}
	if v := h["Content-Length"]; len(v) == 1 {
		if n, err := strconv.ParseInt(v[0], 10, 64); err == nil && n >= 0 {
			w.length = n
		}
	}
	if w.length < 0 && len(h["Content-Length"]) > 0 {
		delete(h, "Content-Length") // unusable: frame the body ourselves
	}
	for _, v := range h["Trailer"] {
		for _, k := range strings.Split(v, ",") {
			if k = strings.TrimSpace(k); k != "" {
				w.trailers = append(w.trailers, http.CanonicalHeaderKey(k))
			}
		}
	}
	var extra [3]string
	fields := extra[:0]
	switch {
	case w.noBody:
	case len(w.trailers) > 0 || hasTrailerPrefix(h):
		w.chunked = true
		w.length = -1
		delete(h, "Content-Length")
	case w.length >= 0:
	case done:
		w.length = 0
		fields = append(fields, "Content-Length: 0")
	default:
		w.chunked = true
	}
	if w.chunked {
		fields = append(fields, "Transfer-Encoding: chunked")
	}
	if w.closeAfter {
		fields = append(fields, "Connection: close")
	}
	if _, ok := h["Date"]; !ok {
		fields = append(fields, "Date: "+w.date())
	}
	w.writeStatusLine(code)
	w.writeFields(h, fields, nil)
	w.writeString("\r\n")
}

// The fields net/http leaves out of answers without a body.
var (
	suppressed304    = []string{"Content-Type", "Content-Length", "Transfer-Encoding"}
	suppressedNoBody = []string{"Content-Length", "Transfer-Encoding"}
)

func hasTrailerPrefix(h http.Header) bool {
	for k := range h {
		if strings.HasPrefix(k, http.TrailerPrefix) {
			return true
		}
	}
	return false
}

func (w *ResponseWriter) writeStatusLine(code int) {
	w.writeString("HTTP/1.1 ")
	w.writeString(strconv.Itoa(code))
	w.writeString(" ")
	if text := http.StatusText(code); text != "" {
		w.writeString(text)
	} else {
		w.writeString("status code " + strconv.Itoa(code)) // as net/http
	}
	w.writeString("\r\n")
}

// writeFields writes the header map but the keys in omit, then the lines
// in extra. Like
// net/http, it skips invalid names, turns line breaks in values into
// spaces (no response splitting), and leaves out the fields it frames
// itself and trailers.
func (w *ResponseWriter) writeFields(h http.Header, extra, omit []string) {
	for k, vv := range h {
		if slices.Contains(omit, k) {
			continue
		}
		switch k {
		case "Transfer-Encoding", "Connection", "Keep-Alive", "Trailer":
			if k != "Trailer" || !w.chunked {
				continue
			}
		}
		if !httpguts.ValidHeaderFieldName(k) || strings.HasPrefix(k, http.TrailerPrefix) {
			continue
		}
		for _, v := range vv {
			w.writeString(k)
			w.writeString(": ")
			w.writeValue(v)
			w.writeString("\r\n")
		}
	}
	for _, f := range extra {
		w.writeString(f)
		w.writeString("\r\n")
	}
}

// writeTrailers writes the announced trailers and those set with
// http.TrailerPrefix, as net/http does.
func (w *ResponseWriter) writeTrailers() {
	h := w.header
	for _, k := range w.trailers {
		if !httpguts.ValidHeaderFieldName(k) {
			continue
		}
		for _, v := range h[k] {
			w.writeString(k)
			w.writeString(": ")
			w.writeValue(v)
			w.writeString("\r\n")
		}
	}
	for k, vv := range h {
		name, ok := strings.CutPrefix(k, http.TrailerPrefix)
		if !ok || !httpguts.ValidHeaderFieldName(name) {
			continue
		}
		for _, v := range vv {
			w.writeString(http.CanonicalHeaderKey(name))
			w.writeString(": ")
			w.writeValue(v)
			w.writeString("\r\n")
		}
	}
}

func (w *ResponseWriter) writeValue(v string) {
	w.writeString(strings.TrimSpace(NoLineBreaks(v)))
}

func (w *ResponseWriter) writeString(s string) {
	if _, err := w.bw.WriteString(s); err != nil && w.err == nil {
		w.err = err
	}
}

func (w *ResponseWriter) flush() {
	if err := w.bw.Flush(); err != nil && w.err == nil {
		w.err = err
	}
}

// NoLineBreaks turns the CR and LF in a header value into spaces, so that
// no value can start a header of its own (response splitting).
func NoLineBreaks(v string) string {
	if strings.ContainsAny(v, "\r\n") {
		v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
	}
	return v
}
