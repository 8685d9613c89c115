package strangler

import (
	"fmt"
	"net/textproto"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// cohortKind is where a cohort key comes from.
type cohortKind uint8

const (
	cohortIP cohortKind = iota
	cohortHeader
	cohortCookie
)

// cohort extracts the key that keeps one user on one side of a route.
type cohort struct {
	kind cohortKind
	name string
}

// parseCohort parses "ip", "header:NAME" or "cookie:NAME".
func parseCohort(s string) (cohort, error) {
	if s == "ip" {
		return cohort{kind: cohortIP}, nil
	}
	kind, name, ok := strings.Cut(s, ":")
	switch {
	case !ok:
	case kind == "header" && httpguts.ValidHeaderFieldName(name):
		return cohort{kind: cohortHeader, name: textproto.CanonicalMIMEHeaderKey(name)}, nil
	case kind == "cookie" && validCookieName(name):
		return cohort{kind: cohortCookie, name: name}, nil
	}
	return cohort{}, fmt.Errorf("cohort %q is not header:NAME, cookie:NAME or ip", s)
}

// CohortKey parses a route's cohort ("ip", "header:NAME" or
// "cookie:NAME") into its kind (ip, header or cookie) and the name as the
// proxy reads it, for exports that hash on the same key.
func CohortKey(s string) (kind, name string, err error) {
	c, err := parseCohort(s)
	if err != nil {
		return "", "", err
	}
	kind, _, _ = strings.Cut(c.String(), ":")
	return kind, c.name, nil
}

func (c cohort) String() string {
	switch c.kind {
	case cohortHeader:
		return "header:" + c.name
	case cohortCookie:
		return "cookie:" + c.name
	}
	return "ip"
}
