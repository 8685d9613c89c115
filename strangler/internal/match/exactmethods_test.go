package match

import (
	"net/http/httptest"
	"testing"
)

// TestExactMethods: a GET rule with ExactMethods takes GET alone; HEAD goes
// to the next rule that takes it, and the precedence with other methods
// follows: GET alone is narrower than GET, disjoint from HEAD.
func TestExactMethods(t *testing.T) {
	rules := []Rule{
		{Path: "/"}, // 0: everything else
		{Methods: []string{"GET"}, ExactMethods: true, Path: "/users/{id}"},           // 1
		{Methods: []string{"GET"}, Path: "/users/{id}"},                               // 2: GET and HEAD, below 1
		{Methods: []string{"HEAD"}, Path: "/users/{id}/x"},                            // 3: no conflict with 4
		{Methods: []string{"GET"}, ExactMethods: true, Path: "/users/{id}/{rest...}"}, // 4
	}
	var ms []*Matcher
	for i, r := range rules {
		m, err := Compile(i, r)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m...)
	}
	rt, conflicts := NewRouter(ms)
	if len(conflicts) != 0 {
		t.Fatalf("conflicts %+v", conflicts)
	}
	tests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/users/7", 1},
		{"HEAD", "/users/7", 2},
		{"POST", "/users/7", 0},
		{"HEAD", "/users/7/x", 3},
		{"GET", "/users/7/x", 4},
		{"HEAD", "/users/7/y", 0},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			m := rt.Match(httptest.NewRequest(tt.method, tt.path, nil))
			got := -1
			if m != nil {
				got = m.Route
			}
			if got != tt.want {
				t.Errorf("rule %d, want %d", got, tt.want)
			}
		})
	}
	if d := ms[1].Describe(); d != "GET (not HEAD) /users/{id}" {
		t.Errorf("Describe = %q", d)
	}
}
