package strangler

import (
	"context"
	"net/http"
)

// Tracer starts a span for each proxied request and propagates it to the
// backend. Without one, the proxy forwards the client's W3C traceparent and
// tracestate unchanged (ReverseProxy copies them) and logs the trace ID.
type Tracer interface {
	// Start begins a server span for r, continuing the trace in r's headers.
	// It returns the span's context, its trace ID, and a function that ends
	// the span with the response status and the backend that answered.
	Start(ctx context.Context, r *http.Request, route string) (context.Context, string, func(status int, backend string))
	// Inject writes the span in ctx into the outbound headers.
	Inject(ctx context.Context, h http.Header)
}

// traceID returns the trace ID of a W3C traceparent header
// ("00-<32 hex>-<16 hex>-<2 hex>"), or "" when it is not valid.
func traceID(tp string) string {
	if len(tp) < 55 || tp[2] != '-' || tp[35] != '-' || tp[52] != '-' || (len(tp) > 55 && tp[55] != '-') {
		return ""
	}
	if tp[:2] == "ff" || !isLowerHex(tp[:2]) || !isLowerHex(tp[3:35]) || !isLowerHex(tp[36:52]) || !isLowerHex(tp[53:55]) {
		return ""
	}
	if tp[:2] == "00" && len(tp) != 55 {
		return ""
	}
	id := tp[3:35]
	if id == "00000000000000000000000000000000" || tp[36:52] == "0000000000000000" {
		return ""
	}
	return id
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
