package mesh

import (
	"strconv"
	"strings"
)

// dnsLabel makes a backend name a Kubernetes Service name (an RFC 1035
// label: lower-case letters, digits and '-', starting with a letter, at
// most 63 characters): "legacy_monolith" becomes "legacy-monolith".
func dnsLabel(s string) string {
	l := labelChars(strings.ToLower(s))
	if l == "" || l[0] < 'a' || l[0] > 'z' {
		l = "svc-" + l
	}
	if len(l) > 63 {
		l = l[:63]
	}
	return strings.TrimRight(l, "-")
}

// labelChars replaces each run of characters outside [a-z0-9] with one
// '-' and trims '-' at both ends.
func labelChars(s string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
			continue
		}
		dash = true
	}
	return b.String()
}

// objectName makes a route name a Kubernetes object name (an RFC 1123
// subdomain: dot-separated labels of [a-z0-9-], at most 253 characters).
func objectName(s string) string {
	var labels []string
	for _, part := range strings.Split(strings.ToLower(s), ".") {
		if l := labelChars(part); l != "" {
			labels = append(labels, l)
		}
	}
	n := strings.Join(labels, ".")
	if n == "" {
		n = "route"
	}
	if len(n) > 240 {
		n = strings.TrimRight(n[:240], "-.")
	}
	return n
}

// nameSet hands out object names, each once: a name already taken gets a
// suffix -2, -3, ...
type nameSet map[string]bool

func (ns nameSet) take(base string) string {
	name := base
	for i := 2; ns[name]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	ns[name] = true
	return name
}
