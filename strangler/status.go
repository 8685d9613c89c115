package strangler

import (
	"context"
	"errors"
	"net"
	"net/http"
)

// statusClientClosed is logged when the client went away before the
// response (nginx's 499); it is never sent.
const statusClientClosed = 499

// errUpstream5xx asks for a fallback after the backend answered 5xx.
var errUpstream5xx = errors.New("backend answered 5xx")

// statusFor maps a proxying failure to the status the client gets. It is the
// one place where failures become statuses: 502 by default, 504 for
// timeouts, 503 when the breaker is open, 413 for a body over the limit,
// 499 when the client went away.
func statusFor(ctx context.Context, err error) int {
	var tooBig *http.MaxBytesError
	var ne net.Error
	switch {
	case ctx.Err() != nil && errors.Is(context.Cause(ctx), context.Canceled):
		return statusClientClosed
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errBreakerOpen):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return http.StatusGatewayTimeout
	}
	return http.StatusBadGateway
}

// failureReason names a failure for logs and the fallback metric.
func failureReason(ctx context.Context, err error) string {
	switch statusFor(ctx, err) {
	case http.StatusGatewayTimeout:
		return "timeout"
	case http.StatusServiceUnavailable:
		return "breaker_open"
	}
	if errors.Is(err, errUpstream5xx) {
		return "status_5xx"
	}
	if notSent(err) {
		return "connect_error"
	}
	return "error"
}

// writeError sends the client a short plain-text error for status; it
// writes nothing when the client is gone or a response has started.
func writeError(w *recorder, status int) {
	if status == statusClientClosed {
		w.status = status
		return
	}
	if w.wrote {
		return
	}
	h := w.Header()
	conn := h["Connection"] // a close asked for by the caller stays
	for k := range h {
		delete(h, k)
	}
	if conn != nil {
		h["Connection"] = conn
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(http.StatusText(status) + "\n"))
}
