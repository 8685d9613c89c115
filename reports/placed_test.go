package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/ficus-dev/ficus/planner"
)

// TestReportPlacedFiles: the files the planner moved after clustering (a
// seed file by the data it holds, a hub's handler file by the area it
// serves, a shared domain package's file by its users) are named in the service's summary, with why; a service with
// none says nothing of them.
func TestReportPlacedFiles(t *testing.T) {
	g := loadShop(t)
	p := &planner.Plan{Services: []planner.Service{
		{Name: "dictionary",
			Concerns: []planner.ConcernPlacement{{File: "source/system/dictionary.go", Because: []string{"table:sys_dictionaries"}}},
			Hubs:     []planner.HubPlacement{{File: "http/dict.go", Hub: "http.Server"}},
			DomainFiles: []planner.DomainPlacement{{File: "voyage.go", UsedBy: []string{"example.com/x/booking.Book"}},
				{File: "cargo.go", UsedBy: []string{"example.com/x/booking.(*service).Book", "example.com/x/booking.Load", "example.com/x/server.load"}}}},
		{Name: "orders"},
	}}
	d, err := BuildReport(g, p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		service  int
		want     []string
		wantNone bool
	}{
		{0, []string{"seed or migration files here by the data they hold: source/system/dictionary.go (table:sys_dictionaries)",
			"handler files of a shared type here by the area they serve: http/dict.go (methods of http.Server)",
			"files of a shared domain package here by the code that uses them: voyage.go (used by booking.Book); cargo.go (used by 3 units here, such as booking.(*service).Book)"}, false},
		{1, nil, true},
	}
	for _, tt := range tests {
		t.Run(d.Services[tt.service].Name, func(t *testing.T) {
			s := d.Services[tt.service].Summary
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("summary %q lacks %q", s, w)
				}
			}
			if tt.wantNone && (strings.Contains(s, "seed or migration") || strings.Contains(s, "handler files")) {
				t.Errorf("summary %q names moved files it has none of", s)
			}
		})
	}
}
