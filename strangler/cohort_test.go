package strangler

import (
	"fmt"
	"net/http"
	"net/netip"
	"testing"

	"github.com/ficus-dev/ficus/strangler/config"
)

// TestBucketIsPinned holds the bucket function still: a change would move
// users between sides on upgrade.
func TestBucketIsPinned(t *testing.T) {
	tests := []struct {
		key  string
		want int
	}{{"", 9576}, {"user-1", 7679}, {"user-2", 3113}, {"alice", 7727}, {"bob", 4317}, {"42", 6412}}
	for _, tt := range tests {
		if got := Bucket(tt.key); got != tt.want {
			t.Errorf("Bucket(%q) = %d, want %d", tt.key, got, tt.want)
		}
	}
	for addr, want := range map[string]int{"192.0.2.1": 2240, "::ffff:192.0.2.1": 2240, "2001:db8::1": 1305} {
		if got := addrBucket(netip.MustParseAddr(addr)); got != want {
			t.Errorf("addrBucket(%s) = %d, want %d", addr, got, want)
		}
	}
}

func TestBucketSpread(t *testing.T) {
	tests := []struct {
		name string
		key  func(i int) string
	}{
		{"sequential", func(i int) string { return fmt.Sprint(i) }},
		{"prefixed", func(i int) string { return fmt.Sprintf("user-%d", i) }},
		{"uuid-like", func(i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", i*7919, i) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const keys = 10000
			for _, weight := range []int{1, 10, 25, 50, 90} {
				in := 0
				for i := range keys {
					if Bucket(tt.key(i)) < weight*config.Buckets/100 {
						in++
					}
				}
				if share := float64(in) / keys * 100; share < float64(weight)-3 || share > float64(weight)+3 {
					t.Errorf("weight %d%%: %.2f%% of keys", weight, share)
				}
			}
		})
	}
}

func TestCohortKeys(t *testing.T) {
	client := netip.MustParseAddr("192.0.2.1")
	tests := []struct {
		cohort string
		header http.Header
		want   int
	}{
		{"ip", nil, addrBucket(client)},
		{"header:X-User-ID", http.Header{"X-User-Id": {"alice"}}, Bucket("alice")},
		{"header:X-User-ID", nil, addrBucket(client)}, // absent key: bucketed by address
		{"cookie:uid", http.Header{"Cookie": {"uid=bob; other=1"}}, Bucket("bob")},
		{"cookie:uid", http.Header{"Cookie": {"other=1"}}, addrBucket(client)},
	}
	for _, tt := range tests {
		t.Run(tt.cohort, func(t *testing.T) {
			c, err := config.ParseCohort(tt.cohort)
			if err != nil {
				t.Fatal(err)
			}
			r := &http.Request{Header: tt.header}
			if r.Header == nil {
				r.Header = http.Header{}
			}
			if got := cohortBucket(c, r, client); got != tt.want {
				t.Errorf("bucket = %d, want %d", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "user", "header:", "cookie:a b", "query:x"} {
		if _, err := config.ParseCohort(bad); err == nil {
			t.Errorf("parseCohort(%q) accepted", bad)
		}
	}
}
