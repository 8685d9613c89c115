package strangler

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

const clientTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

func TestTraceID(t *testing.T) {
	tests := []struct{ in, want string }{
		{clientTraceparent, "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"00-00000000000000000000000000000000-00f067aa0ba902b7-01", ""},
		{"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", ""},
		{"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", ""},
		{"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", ""},
		{"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future", "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x", ""},
		{"garbage", ""},
	}
	for _, tt := range tests {
		if got := traceID(tt.in); got != tt.want {
			t.Errorf("traceID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTraceparentForwardedAndLogged checks the proxy without a tracer: the
// client's traceparent reaches the backend unchanged and the access log
// carries its trace ID.
func TestTraceparentForwardedAndLogged(t *testing.T) {
	mono := newUpstream(t, "monolith")
	var logs syncBuffer
	_, srv := startProxyWith(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\n", mono.URL),
		Options{Logger: discardLogger(), AccessLog: slog.New(slog.NewJSONHandler(&logs, nil))})
	_, body, _ := get(t, testClient(), "GET", srv.URL+"/echo", http.Header{"Traceparent": {clientTraceparent}}, "")
	var e echo
	_ = json.Unmarshal([]byte(body), &e)
	if got := e.Header.Get("Traceparent"); got != clientTraceparent {
		t.Errorf("backend got traceparent %q", got)
	}
	eventually(t, "access log", func() bool { return logs.String() != "" })
	var rec map[string]any
	if err := json.Unmarshal([]byte(logs.String()), &rec); err != nil {
		t.Fatalf("access log %q: %v", logs.String(), err)
	}
	for k, want := range map[string]any{"msg": "request", "status": 200.0, "backend": "monolith", "route": defaultRouteLabel, "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "path": "/echo"} {
		if rec[k] != want {
			t.Errorf("access log %s = %v, want %v", k, rec[k], want)
		}
	}
}

func TestOTelSpanPerRequest(t *testing.T) {
	mono := newUpstream(t, "monolith")
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	_, srv := startProxyWith(t, fmt.Sprintf("backends:\n  monolith: {url: %s}\ndefault: monolith\nroutes:\n  - {name: echo, match: {path: /echo}, to: monolith}\n", mono.URL),
		Options{Logger: discardLogger(), Registry: prometheus.NewRegistry(), Tracer: NewOTelTracer(tp, propagation.TraceContext{})})
	_, body, _ := get(t, testClient(), "GET", srv.URL+"/echo", http.Header{"Traceparent": {clientTraceparent}}, "")
	var e echo
	_ = json.Unmarshal([]byte(body), &e)
	// The span ends after the response is sent.
	eventually(t, "span", func() bool { return len(sr.Ended()) == 1 })
	s := sr.Ended()[0]
	if s.Name() != "proxy echo" || s.SpanContext().TraceID().String() != "4bf92f3577b34da6a3ce929d0e0e4736" || s.Parent().SpanID().String() != "00f067aa0ba902b7" {
		t.Errorf("span %s trace %s parent %s", s.Name(), s.SpanContext().TraceID(), s.Parent().SpanID())
	}
	tp2 := e.Header.Get("Traceparent")
	if !strings.Contains(tp2, "4bf92f3577b34da6a3ce929d0e0e4736-"+s.SpanContext().SpanID().String()) {
		t.Errorf("backend traceparent %q does not name the proxy span %s", tp2, s.SpanContext().SpanID())
	}
}
