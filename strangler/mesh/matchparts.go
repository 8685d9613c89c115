package mesh

import (
	"maps"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// cookiePair matches one name=value pair of a Cookie header as Go's
// parser reads it: pairs split on ';', surrounding spaces and tabs
// trimmed; "*" is any value.
func cookiePair(name, value string) string {
	v := regexp.QuoteMeta(value)
	if value == "*" {
		v = "[^;]*"
	}
	return `[ \t]*` + regexp.QuoteMeta(name) + "=" + v + `[ \t]*`
}

// cookieRegex matches a whole Cookie header holding the pair anywhere:
// anchored, so that it means the same to a full match (Envoy, Istio) and
// to a search.
func cookieRegex(name, value string) string {
	return `^(.*;)?` + cookiePair(name, value) + `(;.*)?$`
}

// maxCookiePermutations bounds the cookies one regex matches in any order
// (3! alternatives).
const maxCookies = 3

// cookiesRegex matches a Cookie header holding every pair, in any order,
// for targets that allow one condition per header name. It reports false
// for more than maxCookies cookies.
func cookiesRegex(cookies map[string]string) (string, bool) {
	names := slices.Sorted(maps.Keys(cookies))
	if len(names) == 1 {
		return cookieRegex(names[0], cookies[names[0]]), true
	}
	if len(names) > maxCookies {
		return "", false
	}
	var alts []string
	permute(names, 0, func(order []string) {
		parts := make([]string, len(order))
		for i, n := range order {
			parts[i] = cookiePair(n, cookies[n])
		}
		alts = append(alts, `(.*;)?`+strings.Join(parts, `;(.*;)?`)+`(;.*)?`)
	})
	return "^(" + strings.Join(alts, "|") + ")$", true
}

// permute calls f with every ordering of s[k:] after s[:k].
func permute(s []string, k int, f func([]string)) {
	if k == len(s) {
		f(s)
		return
	}
	for i := k; i < len(s); i++ {
		s[k], s[i] = s[i], s[k]
		permute(s, k+1, f)
		s[k], s[i] = s[i], s[k]
	}
}

// authorityRegex matches a Host header naming host in any case, with or
// without a port, as the proxy compares hosts.
func authorityRegex(host string) string {
	return "^(?i:" + regexp.QuoteMeta(host) + ")(:[0-9]+)?$"
}

// methodsRegex matches any of the methods; GET also matches HEAD, as in
// ServeMux, unless the route's methods are exact (match.exact_methods).
func methodsRegex(methods []string, exact bool) string {
	return "^(" + strings.Join(withHead(methods, exact), "|") + ")$"
}

// withHead adds HEAD after GET unless it is listed or the methods are
// exact.
func withHead(methods []string, exact bool) []string {
	out := slices.Clone(methods)
	if !exact && slices.Contains(out, "GET") && !slices.Contains(out, "HEAD") {
		out = append(out, "HEAD")
	}
	return out
}

// programSize estimates the size of a regex's RE2 program: the number of
// instructions Go's port of the RE2 compiler emits, which is what Envoy
// limits (100 by default, re2.max_program_size.error_level).
func programSize(re string) int {
	p, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(p.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}
