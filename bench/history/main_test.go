package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestWrite imports the stream with git: the history has the commits
// asked for, the files of the module, and the same seed writes the same
// bytes.
func TestWrite(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	o := options{commits: 30, packages: 3, files: 4, years: 1, seed: 7}
	var a, b bytes.Buffer
	if err := write(&a, o); err != nil {
		t.Fatal(err)
	}
	if err := write(&b, o); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed wrote different streams")
	}
	dir := t.TempDir()
	git := func(stdin []byte, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Stdin = bytes.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git(nil, "init", "-q", "-b", "main")
	git(a.Bytes(), "fast-import", "--quiet")
	if got := git(nil, "rev-list", "--count", "main"); got != "31" {
		t.Errorf("%s commits, want 31", got)
	}
	if got := len(strings.Fields(git(nil, "ls-tree", "-r", "--name-only", "main"))); got != 1+3*4 {
		t.Errorf("%d files, want go.mod and 12 Go files", got)
	}
	if err := write(&a, options{commits: -1, packages: 1, files: 1, years: 1}); err == nil {
		t.Error("no error for -commits -1")
	}
}
