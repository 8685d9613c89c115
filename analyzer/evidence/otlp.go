package evidence

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// OTLP JSON is read with encoding/json rather than protojson: the OTLP
// JSON encoding writes trace and span ids in hex where protojson expects
// base64, and files from collectors hold one document per line.

type otlpDoc struct {
	ResourceSpans []struct {
		ScopeSpans []struct {
			Spans []otlpSpan `json:"spans"`
		} `json:"scopeSpans"`
	} `json:"resourceSpans"`
}

type otlpSpan struct {
	TraceID      string     `json:"traceId"`
	SpanID       string     `json:"spanId"`
	ParentSpanID string     `json:"parentSpanId"`
	Kind         otlpKind   `json:"kind"`
	Start        otlpInt    `json:"startTimeUnixNano"`
	End          otlpInt    `json:"endTimeUnixNano"`
	Attributes   []otlpAttr `json:"attributes"`
	Status       struct {
		Code otlpKind `json:"code"`
	} `json:"status"`
}

type otlpAttr struct {
	Key   string `json:"key"`
	Value struct {
		String *string  `json:"stringValue"`
		Int    *otlpInt `json:"intValue"`
	} `json:"value"`
}

// otlpKind is an enum written as a number or as its name.
type otlpKind int

func (k *otlpKind) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		*k = otlpKind(n)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("enum %s is neither a number nor a name", b)
	}
	for i, name := range []string{"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"} {
		if strings.HasSuffix(s, "_"+name) {
			*k = otlpKind(i)
			return nil
		}
	}
	switch {
	case strings.HasSuffix(s, "_OK"):
		*k = statusOK
	case strings.HasSuffix(s, "_ERROR"):
		*k = statusError
	}
	return nil
}

// otlpInt is a 64-bit integer, which OTLP JSON writes as a string.
type otlpInt int64

func (n *otlpInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("%s is not an integer", b)
	}
	*n = otlpInt(v)
	return nil
}

const (
	kindServer  otlpKind = 2
	statusOK    otlpKind = 1
	statusError otlpKind = 2
)

func (s otlpSpan) attr(keys ...string) string {
	for _, k := range keys {
		for _, a := range s.Attributes {
			if a.Key != k {
				continue
			}
			if a.Value.String != nil {
				return *a.Value.String
			}
			if a.Value.Int != nil {
				return strconv.FormatInt(int64(*a.Value.Int), 10)
			}
		}
	}
	return ""
}

// ReadOTLP reads OpenTelemetry traces in OTLP JSON (an export request or
// TracesData, one document or one per line, as the collector's file
// exporter writes) and records each server span with an HTTP method as a
// request to the route its http.route (or url.path, http.target) names,
// and every span under it that names its code (code.function.name, or
// code.namespace with code.function) as a function that route executes.
// It returns how many server spans it matched to a route or not.
func (e *Evidence) ReadOTLP(r io.Reader, name string) (int, error) {
	dec := json.NewDecoder(bufio.NewReader(r))
	var spans []otlpSpan
	for {
		var d otlpDoc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w; pass traces in OTLP JSON (the collector's file exporter writes them)", name, err)
		}
		for _, rs := range d.ResourceSpans {
			for _, ss := range rs.ScopeSpans {
				spans = append(spans, ss.Spans...)
			}
		}
	}
	type key struct{ trace, span string }
	byID := make(map[key]*otlpSpan, len(spans))
	for i := range spans {
		byID[key{spans[i].TraceID, spans[i].SpanID}] = &spans[i]
	}
	// routeOf is the route of a server span, "" when it is none or
	// matches no route.
	routeOf := map[*otlpSpan]string{}
	n := 0
	for i := range spans {
		s := &spans[i]
		method := s.attr("http.request.method", "http.method")
		path := s.attr("http.route", "url.path", "http.target")
		if s.Kind != kindServer || method == "" || path == "" {
			continue
		}
		n++
		route := e.matcher.Match(method, path)
		routeOf[s] = route
		if route == "" {
			e.unmatched[strings.ToUpper(method)+" "+path]++
			continue
		}
		status, _ := strconv.Atoi(s.attr("http.response.status_code", "http.status_code"))
		ms := -1.0
		if s.End > s.Start && s.Start > 0 {
			ms = float64(s.End-s.Start) / 1e6
		}
		e.request(route, s.Status.Code == statusError || status >= 500, ms)
	}
	if n == 0 && len(spans) > 0 {
		return 0, fmt.Errorf("%s: %d spans but no server span with an HTTP method and route or path; instrument the HTTP server (otelhttp) so its spans carry http.request.method and http.route", name, len(spans))
	}
	for i := range spans {
		s := &spans[i]
		fn := s.attr("code.function.name", "code.function")
		if fn == "" {
			continue
		}
		// The nearest server span above (or at) s says the route; a
		// broken chain (a parent not in the files) stops the walk.
		route, seen := "", 0
		for p := s; p != nil && seen < len(spans); seen++ {
			if r, ok := routeOf[p]; ok {
				route = r
				break
			}
			p = byID[key{p.TraceID, p.ParentSpanID}]
		}
		if route == "" {
			continue
		}
		id := e.funcs.lookup(s.attr("code.namespace"), fn)
		if id == "" {
			e.unknown[fn]++
			continue
		}
		e.execute(route, id, 1)
	}
	return n, nil
}
