package config

import (
	"slices"
	"strings"
	"testing"
)

// TestInitWritesWhatTheProxyAccepts: whatever routes a plan hands proxy
// init (overlapping patterns, echo routes with their guards, a route
// listed twice, CONNECT, names cut to the same 63 characters), the file it
// writes parses, keeps every route that conflicts with none kept before
// it, and drift right after init is empty, the left-out routes reported
// as unwritable.
func TestInitWritesWhatTheProxyAccepts(t *testing.T) {
	long := "/" + strings.Repeat("a", 36) + "/" + strings.Repeat("b", 37) + "/{id}"
	tests := []struct {
		name        string
		services    []PlannedService
		unowned     []string
		echo        []string // route ids of echo
		wantWritten []string // written routes' paths, services' routes only
		wantLeft    []string // route ids named in a "# not written" comment
	}{
		{
			name:        "a chain of overlaps leaves one out",
			services:    []PlannedService{{Name: "a", Routes: []string{"route:GET /{p}/z/{r}", "route:GET /d/y/{b}", "route:GET /d/{a}/x"}}},
			wantWritten: []string{"/d/y/{b}", "/{p}/z/{r}"},
			wantLeft:    []string{"GET /d/{a}/x"},
		},
		{
			name:        "two overlapping echo routes: one is kept with its guard",
			services:    []PlannedService{{Name: "a", Routes: []string{"route:GET /repos/{owner}/issues/{id}", "route:GET /repos/x/{kind}/{id}"}}},
			echo:        []string{"route:GET /repos/{owner}/issues/{id}", "route:GET /repos/x/{kind}/{id}"},
			wantWritten: []string{"/repos/x/{kind}/{id...}", "/repos/x/{kind}/{$}"},
			wantLeft:    []string{"GET /repos/{owner}/issues/{id}"},
		},
		{
			name:        "a route listed twice is written once",
			services:    []PlannedService{{Name: "a", Routes: []string{"route:GET /orders"}}, {Name: "b", Routes: []string{"route:GET /orders"}}},
			unowned:     []string{"route:GET /orders"},
			wantWritten: []string{"/orders"},
		},
		{
			name:        "CONNECT and names alike once cut",
			services:    []PlannedService{{Name: "svc", Routes: []string{"route:CONNECT /tunnel", "route:GET " + long, "route:GET " + long + "/"}}},
			wantWritten: []string{long, long + "/"},
			wantLeft:    []string{"CONNECT /tunnel"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := InitOptions{Module: "example.com/x", Services: tt.services, Unowned: tt.unowned, Frameworks: map[string]string{}}
			for _, id := range tt.echo {
				in.Frameworks[id] = FrameworkEcho
			}
			cfg, buf := writeValidInit(t, in)
			var got []string
			for _, r := range cfg.Routes {
				got = append(got, r.Match.Path)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.wantWritten))
			if !slices.Equal(got, want) {
				t.Errorf("written %v, want %v\n%s", got, want, buf.Bytes())
			}
			for _, l := range tt.wantLeft {
				if !strings.Contains(buf.String(), "# not written: "+l) {
					t.Errorf("%s is not named as left out:\n%s", l, buf.Bytes())
				}
			}
			var ids []string
			for _, s := range tt.services {
				ids = append(ids, s.Routes...)
			}
			ids = append(ids, tt.unowned...)
			slices.Sort(ids)
			ids = slices.Compact(ids)
			d := FindDrift(cfg, ids, in.Frameworks)
			if !d.Empty() {
				t.Errorf("drift right after init: added %v, removed %v", d.Added, d.Removed)
			}
			if len(d.Unwritable) != len(tt.wantLeft) {
				t.Errorf("unwritable %v, want the %d routes left out", d.Unwritable, len(tt.wantLeft))
			}
		})
	}
}
