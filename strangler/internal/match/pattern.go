package match

// The pattern syntax, matching and precedence rules here are those of
// net/http.ServeMux (Go 1.22 and later); the comparison functions follow
// net/http/pattern.go, Copyright 2023 The Go Authors, BSD-style license.
// TestPatternsAgreeWithServeMux and FuzzMatchAgreesWithServeMux hold the two
// to the same answers.

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"
)

// pattern is one method, an optional host and a path pattern.
type pattern struct {
	method string // "" matches every method; "GET" also matches HEAD, unless exact
	exact  bool   // GET alone, not HEAD (only set with method GET)
	host   string // "" matches every host
	segs   []Segment
	str    string // the path as written
}

// Segment is a literal, a {name} wildcard, a {name...} wildcard (multi), a
// trailing-slash multi wildcard (multi with empty s), or "/" for {$}.
type Segment struct {
	S     string
	Wild  bool
	Multi bool
}

// relationship is how the requests two patterns match relate.
type relationship uint8

const (
	equivalent   relationship = iota // both match the same requests
	moreGeneral                      // p1 matches everything p2 does, and more
	moreSpecific                     // p2 matches everything p1 does, and more
	disjoint                         // no request matches both
	Overlaps                         // some requests match both, neither is more specific
)

// ParsePath parses a ServeMux path pattern such as "/orders/{id}".
func ParsePath(p string) ([]Segment, error) {
	if p == "" || p[0] != '/' {
		return nil, errors.New("must start with /")
	}
	if p != CleanPath(p) {
		return nil, fmt.Errorf("is not clean (it would be %q); requests are matched on clean paths, so it can never match", CleanPath(p))
	}
	var segs []Segment
	seen := map[string]bool{}
	rest := p
	for len(rest) > 0 {
		rest = rest[1:]
		if rest == "" {
			segs = append(segs, Segment{Wild: true, Multi: true})
			break
		}
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			i = len(rest)
		}
		var seg string
		seg, rest = rest[:i], rest[i:]
		if !strings.Contains(seg, "{") {
			segs = append(segs, Segment{S: pathUnescape(seg)})
			continue
		}
		if seg[0] != '{' || seg[len(seg)-1] != '}' {
			return nil, fmt.Errorf("segment %q: a wildcard must be a whole segment, like {id}", seg)
		}
		name := seg[1 : len(seg)-1]
		if name == "$" {
			if rest != "" {
				return nil, errors.New("{$} must be at the end")
			}
			segs = append(segs, Segment{S: "/"})
			break
		}
		name, multi := strings.CutSuffix(name, "...")
		if multi && rest != "" {
			return nil, fmt.Errorf("{%s...} must be at the end", name)
		}
		if !isWildcardName(name) {
			return nil, fmt.Errorf("wildcard name %q must be a Go identifier", name)
		}
		if seen[name] {
			return nil, fmt.Errorf("wildcard name %q is used twice", name)
		}
		seen[name] = true
		segs = append(segs, Segment{S: name, Wild: true, Multi: multi})
	}
	return segs, nil
}

func isWildcardName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !unicode.IsLetter(c) && c != '_' && (i == 0 || !unicode.IsDigit(c)) {
			return false
		}
	}
	return true
}

func pathUnescape(p string) string {
	if strings.IndexByte(p, '%') < 0 {
		return p
	}
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// CleanPath is path.Clean that keeps a trailing slash, as ServeMux does.
func CleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		if len(p) == len(np)+1 && strings.HasPrefix(p, np) {
			return p
		}
		return np + "/"
	}
	return np
}

// matchPath reports whether the clean, escaped request path p matches.
func (pt *pattern) matchPath(p string) bool {
	for _, s := range pt.segs {
		if p == "" {
			return false
		}
		if s.Multi {
			return true
		}
		var seg string
		seg, p = firstSegment(p)
		if s.Wild {
			if seg == "/" {
				return false // a single wildcard never matches a trailing slash
			}
		} else if seg != s.S {
			return false
		}
	}
	return p == ""
}

// firstSegment splits a path that starts with "/" into its first segment,
// unescaped, and the rest. A lone trailing "/" is returned as the segment "/".
func firstSegment(p string) (seg, rest string) {
	if p == "/" {
		return "/", ""
	}
	p = p[1:]
	i := strings.IndexByte(p, '/')
	if i < 0 {
		i = len(p)
	}
	return pathUnescape(p[:i]), p[i:]
}

// matchMethod reports whether the request method m matches.
func (pt *pattern) matchMethod(m string) bool {
	return pt.method == "" || pt.method == m || (pt.method == "GET" && m == "HEAD" && !pt.exact)
}

func (p1 *pattern) comparePathsAndMethods(p2 *pattern) relationship {
	mrel := p1.compareMethods(p2)
	if mrel == disjoint {
		return disjoint
	}
	return combine(mrel, p1.comparePaths(p2))
}

func (p1 *pattern) compareMethods(p2 *pattern) relationship {
	switch {
	case p1.method == p2.method && p1.exact == p2.exact:
		return equivalent
	case p1.method == p2.method && p1.exact:
		return moreSpecific // GET alone, against GET and HEAD
	case p1.method == p2.method:
		return moreGeneral
	case p1.method == "":
		return moreGeneral
	case p2.method == "":
		return moreSpecific
	case p1.method == "GET" && p2.method == "HEAD" && !p1.exact:
		return moreGeneral
	case p2.method == "GET" && p1.method == "HEAD" && !p2.exact:
		return moreSpecific
	}
	return disjoint
}

func (p1 *pattern) comparePaths(p2 *pattern) relationship {
	l1, l2 := p1.segs[len(p1.segs)-1], p2.segs[len(p2.segs)-1]
	if len(p1.segs) != len(p2.segs) && !l1.Multi && !l2.Multi {
		return disjoint
	}
	rel := equivalent
	s1, s2 := p1.segs, p2.segs
	for ; len(s1) > 0 && len(s2) > 0; s1, s2 = s1[1:], s2[1:] {
		rel = combine(rel, compareSegments(s1[0], s2[0]))
		if rel == disjoint {
			return rel
		}
	}
	switch {
	case len(s1) == 0 && len(s2) == 0:
		return rel
	case len(s1) < len(s2) && l1.Multi:
		return combine(rel, moreGeneral)
	case len(s2) < len(s1) && l2.Multi:
		return combine(rel, moreSpecific)
	}
	return disjoint
}

func compareSegments(s1, s2 Segment) relationship {
	switch {
	case s1.Multi && s2.Multi:
		return equivalent
	case s1.Multi:
		return moreGeneral
	case s2.Multi:
		return moreSpecific
	case s1.Wild && s2.Wild:
		return equivalent
	case s1.Wild:
		if s2.S == "/" {
			return disjoint
		}
		return moreGeneral
	case s2.Wild:
		if s1.S == "/" {
			return disjoint
		}
		return moreSpecific
	case s1.S == s2.S:
		return equivalent
	}
	return disjoint
}

// combine is the relationship of two patterns given the relationships of
// two parts of them.
func combine(r1, r2 relationship) relationship {
	switch r1 {
	case equivalent:
		return r2
	case disjoint:
		return disjoint
	case Overlaps:
		if r2 == disjoint {
			return disjoint
		}
		return Overlaps
	}
	switch r2 {
	case equivalent:
		return r1
	case inverse(r1):
		return Overlaps
	}
	return r2
}

func inverse(r relationship) relationship {
	switch r {
	case moreSpecific:
		return moreGeneral
	case moreGeneral:
		return moreSpecific
	}
	return r
}

// examplePath returns a path both patterns match; they must overlap.
func examplePath(p1, p2 *pattern) string {
	var b strings.Builder
	s1, s2 := p1.segs, p2.segs
	for ; len(s1) > 0 && len(s2) > 0; s1, s2 = s1[1:], s2[1:] {
		if s1[0].Wild {
			writeSegment(&b, s2[0])
		} else {
			writeSegment(&b, s1[0])
		}
	}
	for _, s := range append(s1, s2...) {
		writeSegment(&b, s)
	}
	return b.String()
}

func writeSegment(b *strings.Builder, s Segment) {
	b.WriteByte('/')
	if !s.Multi && s.S != "/" {
		b.WriteString(s.S) // a wildcard's name stands for any value
	}
}

// String renders the pattern in ServeMux syntax.
func (pt *pattern) String() string {
	var b strings.Builder
	if pt.method != "" {
		b.WriteString(pt.method)
		if pt.exact {
			b.WriteString(" (not HEAD)")
		}
		b.WriteByte(' ')
	}
	b.WriteString(pt.host)
	b.WriteString(pt.str)
	return b.String()
}
