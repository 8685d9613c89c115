package strangler

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// NewOTelTracer returns a Tracer that starts one OpenTelemetry server span
// per request, continuing the trace the client sent (as prop extracts it)
// and propagating the span to the backend.
func NewOTelTracer(tp trace.TracerProvider, prop propagation.TextMapPropagator) Tracer {
	return &otelTracer{tracer: tp.Tracer("github.com/ficus-dev/ficus/strangler"), prop: prop}
}

type otelTracer struct {
	tracer trace.Tracer
	prop   propagation.TextMapPropagator
}

var _ Tracer = (*otelTracer)(nil)

func (o *otelTracer) Start(ctx context.Context, r *http.Request, route string) (context.Context, string, func(int, string)) {
	ctx = o.prop.Extract(ctx, propagation.HeaderCarrier(r.Header))
	ctx, span := o.tracer.Start(ctx, "proxy "+route,
		trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(
			attribute.String("http.request.method", r.Method),
			attribute.String("url.path", r.URL.Path),
			attribute.String("server.address", r.Host),
			attribute.String("http.route", route),
			attribute.String("network.protocol.version", r.Proto),
		))
	id := ""
	if sc := span.SpanContext(); sc.HasTraceID() {
		id = sc.TraceID().String()
	}
	return ctx, id, func(status int, backend string) {
		span.SetAttributes(attribute.Int("http.response.status_code", status), attribute.String("ficus.backend", backend))
		if status >= 500 {
			span.SetStatus(codes.Error, http.StatusText(status))
		}
		span.End()
	}
}

func (o *otelTracer) Inject(ctx context.Context, h http.Header) {
	o.prop.Inject(ctx, propagation.HeaderCarrier(h))
}
