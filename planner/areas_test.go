package planner

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	areaHeading = regexp.MustCompile("^## area: (\\S+)\\s*$")
	areaItem    = regexp.MustCompile("^- `([^`]+)`")
)

// readAreas turns an AREAS.md (sections "## area: NAME" with lists of ids
// in backticks under "Routes:", "Tables:" and "Symbols:") into a truth in
// the plan's shape; the area named shared becomes the kernel.
func readAreas(t *testing.T, path string) *Plan {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth := &Plan{Schema: Schema, Shared: []string{}}
	var cur *Service
	inList := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " ")
		switch {
		case areaHeading.MatchString(line):
			truth.Services = append(truth.Services, Service{Name: areaHeading.FindStringSubmatch(line)[1]})
			cur, inList = &truth.Services[len(truth.Services)-1], false
		case strings.HasPrefix(line, "## "):
			cur, inList = nil, false
		case cur != nil && (line == "Routes:" || line == "Tables:" || line == "Symbols:"):
			inList = true
		case cur != nil && inList && areaItem.MatchString(line):
			id := areaItem.FindStringSubmatch(line)[1]
			cur.Members = append(cur.Members, id)
			switch {
			case strings.HasPrefix(id, "route:"):
				cur.Routes = append(cur.Routes, id)
			case strings.HasPrefix(id, "table:"):
				cur.Tables = append(cur.Tables, id)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	out := truth.Services[:0]
	for _, s := range truth.Services {
		slices.Sort(s.Members)
		if s.Routes == nil {
			s.Routes = []string{}
		}
		if s.Tables == nil {
			s.Tables = []string{}
		}
		if s.Name == "shared" {
			truth.Shared = s.Members
			continue
		}
		out = append(out, s)
	}
	truth.Services = out
	return truth
}
