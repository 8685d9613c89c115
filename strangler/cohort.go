package strangler

import (
	"math/bits"
	"net/http"
	"net/netip"

	"github.com/ficus-dev/ficus/strangler/config"
)

// cohortBucket returns the request's cohort bucket in [0, Buckets). A request
// without the key (no header, no cookie) is bucketed by its client address,
// so it still lands on the same side every time.
func cohortBucket(c config.Cohort, r *http.Request, client netip.Addr) int {
	switch c.Kind {
	case config.CohortHeader:
		if vs := r.Header[c.Name]; len(vs) > 0 && vs[0] != "" {
			return Bucket(vs[0])
		}
	case config.CohortCookie:
		if ck, err := r.Cookie(c.Name); err == nil && ck.Value != "" {
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
	hi, _ := bits.Mul64(h, config.Buckets)
	return int(hi)
}
