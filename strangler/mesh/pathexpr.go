package mesh

import (
	"regexp"
	"strings"

	"github.com/ficus-dev/ficus/strangler/internal/match"
)

// pathExpr is a ServeMux path pattern as meshes match it: on the path the
// client sent, still escaped.
type pathExpr struct {
	kind  string // exact, prefix or regex
	value string // the escaped path (exact, prefix) or an anchored RE2 regex
	// regex is the pattern as an anchored RE2 regular expression, whatever
	// its kind.
	regex string
	// escaped: a literal segment holds a character sent escaped (%2F,
	// %23, non-ASCII), so the match is a regex that accepts either case of
	// hex digit.
	escaped bool
	// dotSegment: a literal segment is "." or "..", which the pattern can
	// only hold escaped and which targets normalize away.
	dotSegment bool
}

// parsePathPattern reads a ServeMux path pattern with the proxy's parser,
// which unescapes literal segments ("/a%2Fb" is the one segment "a/b"),
// and writes them back the way clients send them.
func parsePathPattern(p string) (pathExpr, error) {
	segs, err := match.ParsePath(p)
	if err != nil {
		return pathExpr{}, err
	}
	return buildPathExpr(segs), nil
}

func buildPathExpr(segs []match.Segment) pathExpr {
	var e pathExpr
	var lit, re strings.Builder
	kind := "exact"
	for i, s := range segs {
		switch {
		case s.S == "/" && !s.Wild: // {$}
			lit.WriteString("/")
			re.WriteString("/")
		case s.Multi:
			re.WriteString("/.*")
			if i == len(segs)-1 && kind == "exact" {
				kind = "prefix"
			}
		case s.Wild:
			re.WriteString("/[^/]+")
			kind = "regex"
		default:
			esc := escapeSegment(s.S)
			e.escaped = e.escaped || strings.Contains(esc, "%")
			e.dotSegment = e.dotSegment || s.S == "." || s.S == ".."
			lit.WriteString("/" + esc)
			re.WriteString("/" + hexInsensitive(regexp.QuoteMeta(esc)))
		}
	}
	e.regex = "^" + re.String() + "$"
	switch {
	case kind == "regex" || e.escaped:
		e.kind, e.value = "regex", e.regex
	case kind == "prefix":
		e.kind, e.value = "prefix", lit.String()+"/"
	case lit.Len() == 0:
		e.kind, e.value = "exact", "/"
	default:
		e.kind, e.value = "exact", lit.String()
	}
	return e
}

// escapeSegment writes an unescaped path segment as clients send it: RFC
// 3986 pchars stay, everything else (including "/", "%", "#", "?" and
// non-ASCII bytes) is percent-encoded with upper-case hex, and so are the
// dots of a "." or ".." segment, which would otherwise be a dot segment.
func escapeSegment(s string) string {
	const hex = "0123456789ABCDEF"
	dots := s == "." || s == ".."
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isPchar(c) && !(dots && c == '.') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isPchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0
}

// hexInsensitive lets the hex digits of each %XY in a quoted regex match in
// either case, as percent-encoding is case-insensitive.
func hexInsensitive(quoted string) string {
	var b strings.Builder
	for i := 0; i < len(quoted); i++ {
		c := quoted[i]
		b.WriteByte(c)
		if c != '%' || i+2 >= len(quoted) {
			continue
		}
		for _, h := range []byte{quoted[i+1], quoted[i+2]} {
			if 'A' <= h && h <= 'F' {
				b.WriteString("[" + string(h) + string(h+'a'-'A') + "]")
			} else {
				b.WriteByte(h)
			}
		}
		i += 2
	}
	return b.String()
}
