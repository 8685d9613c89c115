package strangler

import (
	"fmt"
	"math/bits"
	"net/http"
	"net/netip"
	"net/textproto"
	"strings"
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
	case kind == "header" && isToken(name):
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

// bucket returns the request's cohort bucket in [0, Buckets). A request
// without the key (no header, no cookie) is bucketed by its client address,
// so it still lands on the same side every time.
func (c cohort) bucket(r *http.Request, client netip.Addr) int {
	switch c.kind {
	case cohortHeader:
		if vs := r.Header[c.name]; len(vs) > 0 && vs[0] != "" {
			return Bucket(vs[0])
		}
	case cohortCookie:
		if ck, err := r.Cookie(c.name); err == nil && ck.Value != "" {
			return Bucket(ck.Value)
		}
	}
	return addrBucket(client)
}

// Bucket maps a cohort key to a bucket in [0, Buckets). The function is
// part of the proxy's contract: a key keeps its bucket across versions and
// replicas, so raising a weight never moves anyone back.
func Bucket(key string) int {
	h := uint64(fnvOffset)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= fnvPrime
	}
	return scale(h)
}

func addrBucket(a netip.Addr) int {
	b := a.Unmap().As16()
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return scale(h)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// scale finalises an FNV-1a hash with the splitmix64 mixer (FNV alone
// spreads short sequential keys poorly) and maps it onto the buckets
// without modulo bias.
func scale(h uint64) int {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	hi, _ := bits.Mul64(h, Buckets)
	return int(hi)
}
