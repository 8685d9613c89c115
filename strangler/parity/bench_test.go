package parity

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// listDoc is an answer with n order items, in the given order of ids.
func listDoc(ids []int, bump int) []byte {
	var b strings.Builder
	b.WriteString(`{"count":` + fmt.Sprint(len(ids)) + `,"items":[`)
	for k, id := range ids {
		if k > 0 {
			b.WriteByte(',')
		}
		price := float64(id) + 0.5
		if id == bump {
			price += 0.01
		}
		fmt.Fprintf(&b, `{"id":%d,"price":%g,"qty":%d,"status":"open","lastUsed":"2026-01-01T10:00:%02dZ"}`, id, price, id%7, id%60)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// BenchmarkDiff measures a comparison of two 200-item answers against
// the floor of decoding both, which every comparison pays.
func BenchmarkDiff(b *testing.B) {
	ids := make([]int, 200)
	for i := range ids {
		ids[i] = i + 1
	}
	rev := slices.Clone(ids)
	slices.Reverse(rev)
	a, same, reordered := listDoc(ids, 0), listDoc(ids, 100), listDoc(rev, 100)
	b.Run("decode both (baseline)", func(b *testing.B) {
		b.SetBytes(int64(len(a) + len(reordered)))
		for b.Loop() {
			if _, err := decodeJSON(a); err != nil {
				b.Fatal(err)
			}
			if _, err := decodeJSON(reordered); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range []struct {
		name string
		doc  []byte
	}{{"same order, one price off", same}, {"reversed, one price off", reordered}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(a) + len(c.doc)))
			for b.Loop() {
				ds, err := DiffJSON(a, c.doc)
				if err != nil || len(ds) == 0 {
					b.Fatal(ds, err)
				}
			}
		})
	}
}
