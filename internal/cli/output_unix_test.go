//go:build unix

package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteOutputToAPipeKeepsThePipe: -o naming a pipe or a device
// (/dev/null) writes to it; a file renamed over it would replace it.
func TestWriteOutputToAPipeKeepsThePipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no fifo here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	a := NewApp(NewStreams(nil, io.Discard, io.Discard), false)
	if err := WriteOutput(a, path, func(w io.Writer) error { _, err := io.WriteString(w, "graph"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("%s is now %v, want the pipe kept", path, fi.Mode())
	}
	if s := <-got; s != "graph" {
		t.Errorf("the reader got %q, want graph", s)
	}
}

// TestWriteOutputThroughALink: a symbolic link's target gets the output;
// the link stays a link.
func TestWriteOutputThroughALink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real.json"), filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	a := NewApp(NewStreams(nil, io.Discard, io.Discard), false)
	if err := WriteOutput(a, link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is gone or no longer a link (%v, %v)", fi, err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target = %q, want new", b)
	}
}

// TestWriteOutputToADirectoryNamesTheFix: a directory is refused.
func TestWriteOutputToADirectoryNamesTheFix(t *testing.T) {
	a := NewApp(NewStreams(nil, io.Discard, io.Discard), false)
	err := WriteOutput(a, t.TempDir(), func(w io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "fix:") {
		t.Fatalf("error %v, want one that names the fix", err)
	}
}
