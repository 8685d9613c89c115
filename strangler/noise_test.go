package strangler

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ficus-dev/ficus/strangler/parity"
)

func TestNoiseFiltering(t *testing.T) {
	primary := &exchange{status: 200, body: []byte(`{"id":"a1","at":"10:00:00","items":[{"sku":"x","qty":1}],"total":10}`)}
	second := &exchange{status: 200, body: []byte(`{"id":"a2","at":"10:00:01","items":[{"sku":"x","qty":1}],"total":10}`)}
	tests := []struct {
		name      string
		candidate string
		second    *exchange
		ignore    []string
		wantPaths []string
	}{
		{"only noise", `{"id":"b","at":"11:00","items":[{"sku":"x","qty":1}],"total":10}`, second, nil, nil},
		{"real difference above noise", `{"id":"b","at":"11:00","items":[{"sku":"x","qty":2}],"total":10}`, second, nil, []string{"$.items[*].qty"}},
		{"no noise source", `{"id":"b","at":"10:00:00","items":[{"sku":"x","qty":1}],"total":10}`, nil, nil, []string{"$.id"}},
		{"ignored", `{"id":"b","at":"10:00:00","items":[{"sku":"x","qty":1}],"total":10}`, nil, []string{"$.id"}, nil},
		{"ignored subtree", `{"id":"a1","at":"10:00:00","items":[{"sku":"y","qty":3}],"total":10}`, nil, []string{"$.items[0]"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pa := newParity(2)
			var ignore []parity.Glob
			for _, s := range tt.ignore {
				g, err := parity.ParseGlob(s)
				if err != nil {
					t.Fatal(err)
				}
				ignore = append(ignore, g)
			}
			got, _ := pa.record("r", ParitySample{}, primary, &exchange{status: 200, body: []byte(tt.candidate)}, tt.second, nil, ignore)
			var paths []string
			for _, d := range got {
				paths = append(paths, d.Path)
			}
			if d := cmp.Diff(tt.wantPaths, paths); d != "" {
				t.Errorf("paths (-want +got):\n%s", d)
			}
		})
	}
}
