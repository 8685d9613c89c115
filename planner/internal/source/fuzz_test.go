package source

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzSource: any file and any span give answers or errors, never a
// panic, and lines stay inside the span (or 0 where that means none).
func FuzzSource(f *testing.F) {
	f.Add(fixture, 19, 21, "counter")
	f.Add("package p\nvar x = map[string]int{}\nfunc F() { x[\"a\"]++; delete(x, \"a\") }\n", 1, 3, "x")
	f.Add("package p\nfunc F() { once.Do(func() { c = &T{} }) }\n", 2, 2, "c")
	f.Add("package", 1, 1, "")
	f.Fuzz(func(t *testing.T, src string, first, last int, name string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		ix := New(dir)
		s := Span{File: "p.go", First: first, Last: last}
		inside := func(what string, l int, zeroOK bool) {
			if (l == 0 && zeroOK) || (l >= first && l <= max(first, last)) || l == first {
				return
			}
			t.Errorf("%s gives line %d outside %d-%d", what, l, first, last)
		}
		if a, err := ix.VarAccess(s, name); err == nil {
			inside("VarAccess", a.Line, false)
		}
		if l, err := ix.UseLine(s, name); err == nil {
			inside("UseLine", l, false)
		}
		if l, err := ix.LiteralLine(s, name); err == nil {
			inside("LiteralLine", l, true)
		}
		if l, err := ix.ConstLine(s, name); err == nil {
			inside("ConstLine", l, true)
		}
		_, _ = ix.VarKind(s, name)
	})
}
