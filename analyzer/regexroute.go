package analyzer

import (
	"regexp/syntax"
	"strconv"
	"strings"
)

// Path regular expressions read as route patterns
//
//	^/[-_A-Za-z0-9]{1,64}/json$           →  /{p1}/json
//	^/[-_A-Za-z0-9]{1,64}/(publish|send)$ →  /{p1}/publish, /{p1}/send
//	^/docs(|/.*)$                         →  /docs, /docs/{rest...}
//	^/static/.+                           →  /static/{rest...}
//
// A handler that matches r.URL.Path with a regular expression serves the
// paths the expression accepts. Literal text stays literal; a segment any
// part of which is matched by something that never matches a slash is a
// wildcard segment; a tail that may match slashes is a {rest...} wildcard;
// alternatives of literals make a pattern each. Expressions of other
// shapes (a slash-matching part before the end) are not read.

// maxRegexRoutes bounds the patterns one expression expands to.
const maxRegexRoutes = 16

// regexPiece is literal text, a part that never matches a slash
// (param), a part that may (rest), or an anchor.
type regexPiece struct {
	lit         string
	param, rest bool
	begin, end  bool
}

// regexRoutes returns the route patterns a path regular expression
// accepts, or nil when its shape cannot be spelled as patterns.
func regexRoutes(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	alts, ok := regexPieces(re.Simplify())
	if !ok {
		return nil
	}
	var out []string
	for _, alt := range alts {
		ps, ok := piecesPatterns(alt)
		if !ok {
			return nil
		}
		out = appendUniqueAll(out, ps)
	}
	return out
}

// regexPieces lists the alternatives an expression matches, each a
// sequence of pieces.
func regexPieces(re *syntax.Regexp) ([][]regexPiece, bool) {
	one := func(p regexPiece) ([][]regexPiece, bool) { return [][]regexPiece{{p}}, true }
	switch re.Op {
	case syntax.OpEmptyMatch:
		return [][]regexPiece{nil}, true
	case syntax.OpLiteral:
		return one(regexPiece{lit: string(re.Rune)})
	case syntax.OpBeginText, syntax.OpBeginLine:
		return one(regexPiece{begin: true})
	case syntax.OpEndText, syntax.OpEndLine:
		return one(regexPiece{end: true})
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return one(regexPiece{param: !matchesSlash(re), rest: matchesSlash(re)})
	case syntax.OpCapture:
		return regexPieces(re.Sub[0])
	case syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		if matchesSlash(re.Sub[0]) {
			if re.Op == syntax.OpQuest || re.Op == syntax.OpRepeat && re.Min == 0 && re.Max == 1 {
				sub, ok := regexPieces(re.Sub[0])
				return append([][]regexPiece{nil}, sub...), ok
			}
			return one(regexPiece{rest: true})
		}
		return one(regexPiece{param: true})
	case syntax.OpConcat:
		out := [][]regexPiece{nil}
		for _, sub := range re.Sub {
			alts, ok := regexPieces(sub)
			if !ok {
				return nil, false
			}
			var next [][]regexPiece
			for _, a := range out {
				for _, b := range alts {
					if len(next) < maxRegexRoutes {
						next = append(next, append(a[:len(a):len(a)], b...))
					}
				}
			}
			out = next
		}
		return out, true
	case syntax.OpAlternate:
		var out [][]regexPiece
		for _, sub := range re.Sub {
			alts, ok := regexPieces(sub)
			if !ok {
				return nil, false
			}
			out = append(out, alts...)
		}
		if len(out) > maxRegexRoutes {
			out = out[:maxRegexRoutes]
		}
		return out, true
	}
	return nil, false
}

// matchesSlash reports whether re can match a string holding "/".
func matchesSlash(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return strings.ContainsRune(string(re.Rune), '/')
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '/' && '/' <= re.Rune[i+1] {
				return true
			}
		}
		return false
	}
	for _, sub := range re.Sub {
		if matchesSlash(sub) {
			return true
		}
	}
	return false
}

// piecesPatterns spells one alternative as route patterns: one, or two
// when a literal last segment may be followed by anything (^/docs gives
// /docs and /docs/{rest...}).
func piecesPatterns(ps []regexPiece) ([]string, bool) {
	var b strings.Builder
	ended := false
	for _, p := range ps {
		switch {
		case p.begin:
		case p.end:
			ended = true
		case p.param:
			b.WriteString("\x00P")
		case p.rest:
			b.WriteString("\x00R")
		default:
			b.WriteString(p.lit)
		}
	}
	text := b.String()
	if !strings.HasPrefix(text, "/") {
		// Matched anywhere in the path, or not from its start; one that
		// starts with a slash is taken to match from the start.
		return nil, false
	}
	if !ended && !strings.HasSuffix(text, "\x00R") {
		text += "\x00R" // any suffix
	}
	segs := strings.Split(text, "/")
	n := 0
	for i, s := range segs {
		switch {
		case strings.Contains(s, "\x00R"):
			head := strings.TrimSuffix(s, "\x00R")
			if i != len(segs)-1 || strings.Contains(head, "\x00") {
				return nil, false // a wildcard that spans slashes before the end
			}
			if head == "" {
				segs[i] = "{rest...}"
				break
			}
			segs[i] = head
			path := strings.Join(segs, "/")
			return []string{path, path + "/{rest...}"}, true
		case strings.Contains(s, "\x00P"):
			n++
			segs[i] = "{p" + strconv.Itoa(n) + "}"
		}
	}
	return []string{strings.Join(segs, "/")}, true
}
