package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ficus-dev/ficus/internal/editdist"
)

// ErrUnknownNode is returned when a focus names no node; it lists the
// nearest names.
type ErrUnknownNode struct {
	Name    string
	Nearest []string
}

func (e *ErrUnknownNode) Error() string {
	if len(e.Nearest) == 0 {
		return fmt.Sprintf("no node %q in the graph", e.Name)
	}
	return fmt.Sprintf("no node %q in the graph; did you mean:\n  %s", e.Name, strings.Join(e.Nearest, "\n  "))
}

// ErrAmbiguousNode is returned when a focus suffix names several nodes.
type ErrAmbiguousNode struct {
	Name    string
	Matches []string
}

func (e *ErrAmbiguousNode) Error() string {
	return fmt.Sprintf("%q names %d nodes; give one of:\n  %s", e.Name, len(e.Matches), strings.Join(e.Matches, "\n  "))
}

// resolveNode finds the node a user means: an exact id, or a unique id
// ending in name after a '.', '/' or ':' (so "Orders.Place" or
// "internal/services" work).
func resolveNode(ids []string, name string) (string, error) {
	var matches []string
	for _, id := range ids {
		if id == name {
			return id, nil
		}
		if strings.HasSuffix(id, name) {
			rest := id[:len(id)-len(name)]
			if rest == "" || strings.ContainsAny(rest[len(rest)-1:], "./:(* ") {
				matches = append(matches, id)
			}
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", &ErrUnknownNode{Name: name, Nearest: nearest(ids, name, 5)}
	}
	slices.Sort(matches)
	if len(matches) > 10 {
		matches = append(matches[:10], "...")
	}
	return "", &ErrAmbiguousNode{Name: name, Matches: matches}
}

// nearest ranks ids by edit distance of their last element to name.
func nearest(ids []string, name string, n int) []string {
	type scored struct {
		id string
		d  int
	}
	lname := strings.ToLower(name)
	var all []scored
	for _, id := range ids {
		last := strings.ToLower(id)
		if i := strings.LastIndexAny(last, "./:"); i >= 0 && i+1 < len(last) {
			last = last[i+1:]
		}
		d := editdist.Distance(last, lname, -1)
		if strings.Contains(strings.ToLower(id), lname) {
			d = 0
		}
		if d <= max(2, len(lname)/2) {
			all = append(all, scored{id, d})
		}
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.id, b.id)) })
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].id)
	}
	return out
}
