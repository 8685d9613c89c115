package strangler

import (
	"regexp"
	"strings"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// MeshPath turns the path pattern of a route into what meshes match: an
// exact path, a prefix, or an RE2 regular expression; kind says which.
func MeshPath(pattern string) (kind, value string, err error) {
	segs, err := match.ParsePath(pattern)
	if err != nil {
		return "", "", err
	}
	kind, value = meshPath(segs)
	return kind, value, nil
}

// meshPath turns parsed path segments into an exact path, a prefix, or
// an RE2 regular expression.
func meshPath(segs []match.Segment) (kind, value string) {
	var lit strings.Builder
	for i, s := range segs {
		switch {
		case s.S == "/" && !s.Wild: // {$}
			lit.WriteString("/")
		case s.Multi && s.S == "" && i == len(segs)-1: // trailing slash: the subtree
			return "prefix", lit.String() + "/"
		case s.Wild:
			return "regex", "^" + regexpPath(segs) + "$"
		default:
			lit.WriteString("/" + s.S)
		}
	}
	if lit.Len() == 0 {
		return "exact", "/"
	}
	return "exact", lit.String()
}

// regexpPath writes the pattern as a regular expression, quoting literals.
func regexpPath(segs []match.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.S == "/" && !s.Wild:
			b.WriteString("/")
		case s.Multi:
			b.WriteString("/.*")
		case s.Wild:
			b.WriteString("/[^/]+")
		default:
			b.WriteString("/" + regexp.QuoteMeta(s.S))
		}
	}
	return b.String()
}
