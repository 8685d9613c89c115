package reports

import (
	"fmt"
	"regexp"
	"strings"
)

// Filter selects what a view draws.
type Filter struct {
	// Focus is a node id (or a unique name or suffix of one) to centre on.
	Focus string
	// Depth is how many edges away from Focus to draw (default 1).
	Depth int
	// Include and Exclude are patterns on node ids and package paths: "*"
	// matches within a path element, "..." matches anything
	// ("example.com/shop/internal/...", "*Handler*").
	Include []string
	Exclude []string
	// Collapse, when > 0, merges packages deeper than this many path
	// elements below the module into their ancestor (packages view).
	Collapse int
	// External draws standard library and third-party packages.
	External bool
	// MaxNodes is the most nodes drawn without Force (default 400).
	MaxNodes int
	Force    bool
}

// DefaultMaxNodes bounds views that stay readable when drawn.
const DefaultMaxNodes = 400

// ErrTooLarge is returned when a view has more nodes than Filter.MaxNodes.
type ErrTooLarge struct {
	View  ViewKind
	Nodes int
	Max   int
}

func (e *ErrTooLarge) Error() string {
	return fmt.Sprintf("the %s view has %d nodes, more than the %d that stay readable: narrow it with --focus NODE --depth 1, --include/--exclude PATTERN, --collapse N or --view packages, or draw it anyway with --force", e.View, e.Nodes, e.Max)
}

// pattern is one compiled include/exclude pattern.
type pattern struct{ re *regexp.Regexp }

func compilePatterns(ps []string) ([]pattern, error) {
	var out []pattern
	for _, p := range ps {
		var b strings.Builder
		b.WriteString("^")
		for i := 0; i < len(p); {
			switch {
			case strings.HasPrefix(p[i:], "..."):
				b.WriteString(".*")
				i += 3
			case p[i] == '*':
				b.WriteString("[^/]*")
				i++
			default:
				b.WriteString(regexp.QuoteMeta(p[i : i+1]))
				i++
			}
		}
		b.WriteString("$")
		re, err := regexp.Compile(b.String())
		if err != nil {
			return nil, fmt.Errorf("bad pattern %q: %w", p, err)
		}
		out = append(out, pattern{re})
	}
	return out, nil
}

// matcher applies include and exclude patterns to a node's id and package.
type matcher struct{ include, exclude []pattern }

func newMatcher(f Filter) (matcher, error) {
	in, err := compilePatterns(f.Include)
	if err != nil {
		return matcher{}, fmt.Errorf("--include: %w", err)
	}
	ex, err := compilePatterns(f.Exclude)
	if err != nil {
		return matcher{}, fmt.Errorf("--exclude: %w", err)
	}
	return matcher{in, ex}, nil
}

func (m matcher) keep(id, pkg string) bool {
	hit := func(ps []pattern) bool {
		for _, p := range ps {
			if p.re.MatchString(id) || (pkg != "" && p.re.MatchString(pkg)) {
				return true
			}
		}
		return false
	}
	if len(m.include) > 0 && !hit(m.include) {
		return false
	}
	return !hit(m.exclude)
}
