package match

import "fmt"

// Precedence is the order in which the proxy tries the matchers of a
// configuration's routes: most specific first, ties by file order. Mesh
// exports use it to reproduce ServeMux precedence on a target that takes
// the first match.
type Precedence struct {
	// Matchers are in the order the proxy tries them.
	Matchers []*Matcher
	// before[i][j]: Matchers[i] is more specific than Matchers[j] and some
	// request matches both, so i must be tried first.
	before [][]bool
}

// NewPrecedence orders the matchers of rules (one per route, in file
// order) as the proxy's table does. The rules must be valid; routes that
// conflict are an error.
func NewPrecedence(rules []Rule) (*Precedence, error) {
	var all []*Matcher
	for i, r := range rules {
		ms, err := Compile(i, r)
		if err != nil {
			return nil, fmt.Errorf("route %d: %w", i, err)
		}
		all = append(all, ms...)
	}
	rt, conflicts := NewRouter(all)
	if len(conflicts) > 0 {
		return nil, fmt.Errorf("match: routes %d and %d conflict", conflicts[0].A.Route, conflicts[0].B.Route)
	}
	p := &Precedence{Matchers: rt.matchers, before: make([][]bool, len(rt.matchers))}
	for i, m := range rt.matchers {
		p.before[i] = make([]bool, len(rt.matchers))
		for j, o := range rt.matchers {
			p.before[i][j] = i != j && m.compare(o) == moreSpecific
		}
	}
	return p, nil
}

// MustPrecede reports whether Matchers[i] must be tried before
// Matchers[j]: it is more specific, and some request matches both.
func (p *Precedence) MustPrecede(i, j int) bool { return p.before[i][j] }

// Method is the matcher's method, upper-cased as the proxy compares it;
// "" is any method.
func (m *Matcher) Method() string { return m.pat.method }
