package evidence

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/analyzer"
)

// trafficOf returns the traffic field of each route with one.
func trafficOf(doc analyzer.Document) map[string]analyzer.Traffic {
	out := map[string]analyzer.Traffic{}
	for _, n := range doc.Nodes {
		if n.Traffic != nil {
			out[n.ID] = *n.Traffic
		}
	}
	return out
}

func TestReadAccessLog(t *testing.T) {
	tests := []struct {
		name          string
		log           string
		wantRecords   int
		wantTraffic   map[string]analyzer.Traffic
		wantUnmatched int
		wantErr       string
	}{
		{
			name: "json, with the proxy's own lines",
			log: `{"time":"t","level":"INFO","msg":"proxy started","addr":":8080"}
{"time":"t","level":"INFO","msg":"request","log":"access","method":"GET","host":"h","path":"/orders/o1","status":200,"bytes":10,"duration_ms":4,"route":"orders","backend":"monolith"}
{"time":"t","level":"INFO","msg":"request","log":"access","method":"GET","path":"/orders/o2","status":502,"duration_ms":10}
{"time":"t","level":"INFO","msg":"request","log":"access","method":"GET","path":"/orders/o3","status":200,"duration_ms":2}
{"time":"t","level":"INFO","msg":"request","log":"access","method":"POST","path":"/orders","status":201,"duration_ms":7.5}
{"time":"t","level":"INFO","msg":"request","log":"access","method":"GET","path":"/missing","status":404,"duration_ms":1}
`,
			wantRecords: 5,
			wantTraffic: map[string]analyzer.Traffic{
				"route:GET /orders/{id}": {Requests: 3, Errors: 1, P50Ms: 4, P95Ms: 10},
				"route:POST /orders":     {Requests: 1, P50Ms: 7.5, P95Ms: 7.5},
			},
			wantUnmatched: 1,
		},
		{
			name: "text",
			log: `time=t level=INFO msg="proxy started"
time=t level=INFO msg=request log=access method=GET host=h path=/healthz proto=HTTP/1.1 status=200 bytes=2 duration_ms=0.25 route=_default backend=monolith client=127.0.0.1
time=t level=INFO msg=request log=access method=GET path="/static/a b.css" status=200
`,
			wantRecords: 2,
			wantTraffic: map[string]analyzer.Traffic{
				"route:* /healthz":                {Requests: 1, P50Ms: 0.25, P95Ms: 0.25},
				"route:GET /static/{filepath...}": {Requests: 1},
			},
		},
		{name: "no access records", log: "{\"msg\":\"proxy started\"}\n", wantErr: "no access records"},
		{name: "not json", log: "{\"log\":\n", wantErr: "proxy.log:1: not JSON"},
		{name: "bad status", log: `{"log":"access","method":"GET","path":"/orders","status":"x"}`, wantErr: "status"},
		{name: "bad duration", log: `{"log":"access","method":"GET","path":"/orders","duration_ms":-1}`, wantErr: "duration_ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := testDoc()
			ev := New(doc)
			n, err := ev.ReadAccessLog(strings.NewReader(tt.log), "proxy.log")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.wantRecords {
				t.Errorf("records = %d, want %d", n, tt.wantRecords)
			}
			st := ev.Apply(&doc)
			if diff := cmp.Diff(tt.wantTraffic, trafficOf(doc)); diff != "" {
				t.Errorf("traffic (-want +got):\n%s", diff)
			}
			if st.Unmatched != tt.wantUnmatched {
				t.Errorf("unmatched = %d, want %d", st.Unmatched, tt.wantUnmatched)
			}
			if got := len(doc.Diagnostics) > 0; got != (tt.wantUnmatched > 0) {
				t.Errorf("diagnostics = %v, want some only for unmatched requests", doc.Diagnostics)
			}
		})
	}
}
