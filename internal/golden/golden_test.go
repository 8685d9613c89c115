package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	Check(t, path, []byte("one\n"), true)
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "one\n" {
		t.Fatalf("update wrote %q, %v", data, err)
	}
	Check(t, path, []byte("one\n"), false)
	var ft fakeT
	Check(&ft, path, []byte("two\n"), false)
	if !ft.failed {
		t.Error("a differing output passed")
	}
}

type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
