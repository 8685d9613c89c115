package evidence

import (
	"strings"
	"testing"
)

func FuzzParseAccess(f *testing.F) {
	f.Add(`{"log":"access","method":"GET","path":"/orders/o1","status":200,"duration_ms":4}`)
	f.Add(`time=t msg=request log=access method=GET path="/a b" status=200 duration_ms=0.5`)
	f.Add(`k="unterminated`)
	f.Fuzz(func(t *testing.T, line string) {
		rec, ok, err := parseAccess([]byte(line))
		if err == nil && ok && (rec.method == "" || rec.path == "") {
			t.Errorf("record without method or path: %+v", rec)
		}
	})
}

func FuzzMatch(f *testing.F) {
	f.Add("GET", "/orders/o1")
	f.Add("PUT", "/static/a/b/c")
	f.Add("", "")
	m := NewRouteMatcher(testDoc().Nodes)
	f.Fuzz(func(t *testing.T, method, path string) {
		if id := m.Match(method, path); id != "" && !strings.HasPrefix(id, "route:") {
			t.Errorf("Match(%q, %q) = %q, not a route", method, path, id)
		}
	})
}

func FuzzReadOTLP(f *testing.F) {
	f.Add(twoTraces)
	f.Add(`{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"a","spanId":"a","parentSpanId":"a","kind":2}]}]}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		doc := testDoc()
		ev := New(doc)
		if _, err := ev.ReadOTLP(strings.NewReader(in), "f.json"); err != nil {
			return
		}
		ev.Apply(&doc)
		if err := doc.Check(); err != nil {
			t.Errorf("evidence broke the document: %v", err)
		}
	})
}
