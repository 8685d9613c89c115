package strangler

import (
	"regexp"
	"strings"
)

// MeshPath turns the path pattern of a route into what meshes match: an
// exact path, a prefix, or an RE2 regular expression; kind says which.
func MeshPath(pattern string) (kind, value string, err error) {
	segs, err := parsePath(pattern)
	if err != nil {
		return "", "", err
	}
	kind, value = meshPath(segs)
	return kind, value, nil
}

// meshPath turns parsed path segments into an exact path, a prefix, or
// an RE2 regular expression.
func meshPath(segs []segment) (kind, value string) {
	var lit strings.Builder
	for i, s := range segs {
		switch {
		case s.s == "/" && !s.wild: // {$}
			lit.WriteString("/")
		case s.multi && s.s == "" && i == len(segs)-1: // trailing slash: the subtree
			return "prefix", lit.String() + "/"
		case s.wild:
			return "regex", "^" + regexpPath(segs) + "$"
		default:
			lit.WriteString("/" + s.s)
		}
	}
	if lit.Len() == 0 {
		return "exact", "/"
	}
	return "exact", lit.String()
}

// regexpPath writes the pattern as a regular expression, quoting literals.
func regexpPath(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.s == "/" && !s.wild:
			b.WriteString("/")
		case s.multi:
			b.WriteString("/.*")
		case s.wild:
			b.WriteString("/[^/]+")
		default:
			b.WriteString("/" + regexp.QuoteMeta(s.s))
		}
	}
	return b.String()
}
