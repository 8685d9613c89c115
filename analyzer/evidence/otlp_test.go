package evidence

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

// twoTraces is an OTLP JSON export: a POST /orders trace whose server span
// has two children naming their code (one new-style, one old-style with a
// namespace), a GET served with an error, and a span of unknown code.
const twoTraces = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},
 "scopeSpans":[{"scope":{"name":"otelhttp"},"spans":[
  {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"POST /orders","kind":2,
   "startTimeUnixNano":"1000000000","endTimeUnixNano":"1012000000",
   "attributes":[{"key":"http.request.method","value":{"stringValue":"POST"}},{"key":"http.route","value":{"stringValue":"/orders"}},
                 {"key":"http.response.status_code","value":{"intValue":"201"}}]},
  {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","parentSpanId":"eee19b7ec3c1b174","name":"place","kind":"SPAN_KIND_INTERNAL",
   "attributes":[{"key":"code.function.name","value":{"stringValue":"example.com/shop/internal/services.(*Orders).Place"}}]},
  {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b176","parentSpanId":"eee19b7ec3c1b175","name":"product","kind":1,
   "attributes":[{"key":"code.namespace","value":{"stringValue":"example.com/shop/internal/services"}},{"key":"code.function","value":{"stringValue":"Catalog.Product"}}]},
  {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b177","parentSpanId":"eee19b7ec3c1b174","name":"gone","kind":1,
   "attributes":[{"key":"code.function.name","value":{"stringValue":"example.com/shop/internal/services.Removed"}}]}
 ]}]}]}
{"resourceSpans":[{"scopeSpans":[{"spans":[
  {"traceId":"aa","spanId":"01","name":"GET","kind":"SPAN_KIND_SERVER","startTimeUnixNano":"0","endTimeUnixNano":"0",
   "attributes":[{"key":"http.method","value":{"stringValue":"GET"}},{"key":"http.target","value":{"stringValue":"/orders/o1?x=1"}}],
   "status":{"code":"STATUS_CODE_ERROR"}},
  {"traceId":"aa","spanId":"02","parentSpanId":"01","kind":1,
   "attributes":[{"key":"code.function.name","value":{"stringValue":"example.com/shop/internal/services.(*Orders).Get.func1"}}]},
  {"traceId":"bb","spanId":"01","kind":2,
   "attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}},{"key":"url.path","value":{"stringValue":"/nowhere"}}]}
 ]}]}]}
`

func TestReadOTLP(t *testing.T) {
	doc := testDoc()
	ev := New(doc)
	n, err := ev.ReadOTLP(strings.NewReader(twoTraces), "traces.json")
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("server spans = %d, want 3", n)
	}
	st := ev.Apply(&doc)
	wantTraffic := map[string]analyzer.Traffic{
		"route:POST /orders":     {Requests: 1, P50Ms: 12, P95Ms: 12},
		"route:GET /orders/{id}": {Requests: 1, Errors: 1},
	}
	if diff := cmp.Diff(wantTraffic, trafficOf(doc)); diff != "" {
		t.Errorf("traffic (-want +got):\n%s", diff)
	}
	var got []analyzer.Edge
	for _, e := range doc.Edges {
		if e.Kind == analyzer.EdgeExecutes {
			got = append(got, e)
		}
	}
	const svc = "example.com/shop/internal/services."
	want := []analyzer.Edge{
		{From: "route:GET /orders/{id}", To: svc + "(*Orders).Get", Kind: analyzer.EdgeExecutes, Weight: 1},
		{From: "route:POST /orders", To: svc + "(*Orders).Place", Kind: analyzer.EdgeExecutes, Weight: 1},
		{From: "route:POST /orders", To: svc + "Catalog.Product", Kind: analyzer.EdgeExecutes, Weight: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("executes edges (-want +got):\n%s", diff)
	}
	if st.Unmatched != 1 || st.Unknown != 1 {
		t.Errorf("unmatched, unknown = %d, %d; want 1, 1", st.Unmatched, st.Unknown)
	}
	if err := doc.Check(); err != nil {
		t.Errorf("the document with evidence does not check: %v", err)
	}
}

func TestReadOTLPErrors(t *testing.T) {
	tests := []struct{ name, in, wantErr string }{
		{"not json", "{", "OTLP JSON"},
		{"no server span", `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"a","spanId":"b","kind":1}]}]}]}`, "no server span"},
		{"bad integer", `{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"soon"}]}]}]}`, "not an integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(testDoc()).ReadOTLP(strings.NewReader(tt.in), "t.json")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
