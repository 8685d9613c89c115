package strangler

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
)

// listBackend answers with four order items in a different order on every
// answer, as a monolith without ORDER BY does. bug changes the service's
// items: number spelling, one price off by a cent, one wrong status, and
// record times of its own database.
func listBackend(t *testing.T, seed uint64, bug bool) *httptest.Server {
	t.Helper()
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(seed, 1))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		type item struct {
			ID       int    `json:"id"`
			Price    any    `json:"price"`
			Qty      any    `json:"qty"`
			Status   string `json:"status"`
			LastUsed string `json:"lastUsed"`
		}
		items := []item{
			{1, 2.5, 2, "open", "2026-01-01T10:00:01Z"},
			{2, 4, 1, "open", "2026-01-01T10:00:02Z"},
			{3, 7, 3, "open", "2026-01-01T10:00:03Z"},
			{4, 1.25, 5, "open", "2026-01-01T10:00:04Z"},
		}
		if bug {
			for i := range items {
				items[i].Qty = json.Number(fmt.Sprintf("%d.0", items[i].Qty))
				items[i].LastUsed = fmt.Sprintf("2026-02-11T08:%02d:00Z", i)
			}
			items[2].Price = 7.01
			items[1].Status = "closed"
		}
		mu.Lock()
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"count": 4, "items": items})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestShadowFindsBugsInReorderedLists plants bugs inside list items whose
// order changes between reads: both are reported with samples, numbers
// spelled differently are not, the order is noise, and the instance's own
// record times are suggested for shadow.ignore.
func TestShadowFindsBugsInReorderedLists(t *testing.T) {
	mono, svc := listBackend(t, 1, false), listBackend(t, 2, true)
	y := fmt.Sprintf(`
backends:
  monolith: {url: %s}
  orders: {url: %s}
default: monolith
parity: {timeout: 2s, queue: 64, workers: 1}
routes:
  - name: orders
    match: {path: "/orders"}
    to: orders
    mode: shadow
`, mono.URL, svc.URL)
	p, srv := startProxy(t, y)
	c := testClient()
	const n = 40
	for i := range n {
		get(t, c, "GET", fmt.Sprintf("%s/orders?page=%d", srv.URL, i), nil, "")
	}
	eventually(t, "every copy compared", func() bool { return routeParityOf(p, "orders").Compared == n })
	rp := routeParityOf(p, "orders")
	byPath := map[string]PathParity{}
	for _, ps := range rp.Paths {
		byPath[ps.Path] = ps
	}
	for _, want := range []struct{ path, monolith, service string }{
		{"$.items[*].price", "7", "7.01"},
		{"$.items[*].status", `"open"`, `"closed"`},
	} {
		ps := byPath[want.path]
		if ps.Class != ClassMismatch || ps.Mismatches != n {
			t.Errorf("%s = %+v, want a mismatch on all %d requests", want.path, ps, n)
			continue
		}
		if len(ps.Samples) == 0 {
			t.Errorf("%s has no sample", want.path)
			continue
		}
		s := ps.Samples[0]
		if s.Monolith != want.monolith || s.Service != want.service || s.Method != "GET" || len(s.Target) < len("/orders?page=") {
			t.Errorf("%s sample %+v, want the target and %s against %s", want.path, s, want.monolith, want.service)
		}
	}
	if ps, ok := byPath["$.items[*].qty"]; ok {
		t.Errorf("2 against 2.0 reported: %+v", ps)
	}
	if ps := byPath["$.items[order]"]; ps.Class != ClassNoise {
		t.Errorf("the items' order = %+v, want noise (the monolith reorders its own answers)", ps)
	}
	var suggested []string
	for _, s := range rp.SuggestedIgnores {
		suggested = append(suggested, s.Path)
		if s.Mismatches != n || s.Compared != n {
			t.Errorf("suggestion %+v, want counts %d of %d", s, n, n)
		}
	}
	if !slices.Equal(suggested, []string{"$.items[*].lastUsed"}) {
		t.Errorf("suggested ignores %v, want only $.items[*].lastUsed", suggested)
	}
}

// TestShadowComparisonSettings: a route's shadow settings reach the
// comparison: keys pair elements, a time tolerance absorbs clock skew, and
// numbers_as_text brings back the strict comparison.
func TestShadowComparisonSettings(t *testing.T) {
	mono := `{"rows":[{"code":"a","id":1,"v":1},{"code":"b","id":2,"v":2}],"at":"2026-01-02T10:00:00Z","n":2}`
	svc := `{"rows":[{"code":"b","id":7,"v":2},{"code":"a","id":8,"v":1}],"at":"2026-01-02T10:00:01Z","n":2.0}`
	tests := []struct {
		name, shadow string
		wantPaths    []string
	}{
		// By default the id field pairs elements: no id matches.
		{"defaults", `{}`, []string{"$.at", "$.rows[*]"}},
		{"keys and tolerance", `{keys: {"$.rows": code}, time_tolerance: 2s}`, []string{"$.rows[*].id", "$.rows[order]"}},
		{"numbers as text", `{numbers_as_text: true, time_tolerance: 2s}`, []string{"$.n", "$.rows[*]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := fmt.Sprintf(`
backends:
  monolith: {url: "http://127.0.0.1:1"}
  orders: {url: "http://127.0.0.1:2"}
default: monolith
routes:
  - name: orders
    match: {path: "/orders"}
    to: orders
    mode: shadow
    shadow: %s
`, tt.shadow)
			p, _ := startProxy(t, y)
			r := p.Table().Routes[0]
			pa := newParity(1)
			got, _ := pa.record("orders", ParitySample{}, &exchange{status: 200, body: []byte(mono)}, &exchange{status: 200, body: []byte(svc)}, nil, routeCompareOptions(r), nil)
			var paths []string
			for _, d := range got {
				if !slices.Contains(paths, d.Path) {
					paths = append(paths, d.Path)
				}
			}
			slices.Sort(paths)
			if !slices.Equal(paths, tt.wantPaths) {
				t.Errorf("paths %v, want %v", paths, tt.wantPaths)
			}
		})
	}
}

// TestSuggestIgnores pins which paths are suggested for shadow.ignore.
func TestSuggestIgnores(t *testing.T) {
	sample := func(a, b string) []PathSample { return []PathSample{{Monolith: a, Service: b}} }
	ps := []PathParity{
		{Path: "$.lastUsed", Class: ClassMismatch, MismatchRate: 1, Samples: sample(`"2026-01-01T10:00:00Z"`, `"2026-02-01T08:00:00Z"`)},
		{Path: "$.ref", Class: ClassMismatch, MismatchRate: 0.95, Samples: sample(`"0b6f5a4e-1c9d-4a51-9a52-3b0e2f1f7a10"`, `"7c1d0e7a-8b8f-4f2e-9a3c-2a4f6b1d9e21"`)},
		{Path: "$.items[*].updatedAt", Class: ClassMismatch, MismatchRate: 1},
		{Path: "$.price", Class: ClassMismatch, MismatchRate: 1, Samples: sample("7", "7.01")},
		{Path: "$.date", Class: ClassMismatch, MismatchRate: 0.5, Samples: sample(`"2026-01-01"`, `"2026-01-02"`)},
		{Path: "$.created_at", Class: ClassMismatch, MismatchRate: 1, NoiseRate: 0.1},
		{Path: "$.at", Class: ClassNoise, MismatchRate: 1, NoiseRate: 1},
	}
	var got []string
	for _, s := range suggestIgnores(ps, 100) {
		got = append(got, s.Path)
	}
	want := []string{"$.lastUsed", "$.ref", "$.items[*].updatedAt"}
	if !slices.Equal(got, want) {
		t.Errorf("suggested %v, want %v (a wrong price, a rare difference, a noisy field and noise are not suggested)", got, want)
	}
}
