package check

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzReadBaseline: any input gives a baseline or an error, never a
// panic, and a baseline read back after writing is the same.
func FuzzReadBaseline(f *testing.F) {
	f.Add(`{"schema": "ficus.check-baseline/v1", "violations": [{"kind": "api", "from": "a.F", "to": "b.G"}]}`)
	f.Add(`{"schema": "ficus.check-baseline/v1", "violations": [{"kind": "cycle", "cycle": ["a", "b"]}]}`)
	f.Add(`{"schema": "ficus.check-baseline/v1", "violations": null}`)
	f.Add(`{"schema": 1}`)
	f.Add(``)
	f.Fuzz(func(t *testing.T, in string) {
		b, err := ReadBaseline(bytes.NewReader([]byte(in)))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := b.WriteJSON(&out); err != nil {
			t.Fatal(err)
		}
		again, err := ReadBaseline(&out)
		if err != nil {
			t.Fatalf("a written baseline does not read back: %v\n%s", err, out.String())
		}
		if d := cmp.Diff(b, again); d != "" {
			t.Errorf("round trip (-first +second):\n%s", d)
		}
	})
}
