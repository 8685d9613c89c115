package config

import (
	"fmt"
	"net/textproto"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// CohortKind is where a cohort key comes from.
type CohortKind uint8

const (
	CohortIP CohortKind = iota
	CohortHeader
	CohortCookie
)

// Cohort is the key that keeps one user on one side of a route.
type Cohort struct {
	Kind CohortKind
	Name string
}

// ParseCohort parses "ip", "header:NAME" or "cookie:NAME".
func ParseCohort(s string) (Cohort, error) {
	if s == "ip" {
		return Cohort{Kind: CohortIP}, nil
	}
	kind, name, ok := strings.Cut(s, ":")
	switch {
	case !ok:
	case kind == "header" && httpguts.ValidHeaderFieldName(name):
		return Cohort{Kind: CohortHeader, Name: textproto.CanonicalMIMEHeaderKey(name)}, nil
	case kind == "cookie" && validCookieName(name):
		return Cohort{Kind: CohortCookie, Name: name}, nil
	}
	return Cohort{}, fmt.Errorf("cohort %q is not header:NAME, cookie:NAME or ip", s)
}

// CohortKey parses a route's cohort ("ip", "header:NAME" or
// "cookie:NAME") into its kind (ip, header or cookie) and the name as the
// proxy reads it, for exports that hash on the same key.
func CohortKey(s string) (kind, name string, err error) {
	c, err := ParseCohort(s)
	if err != nil {
		return "", "", err
	}
	kind, _, _ = strings.Cut(c.String(), ":")
	return kind, c.Name, nil
}

func (c Cohort) String() string {
	switch c.Kind {
	case CohortHeader:
		return "header:" + c.Name
	case CohortCookie:
		return "cookie:" + c.Name
	}
	return "ip"
}
