package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"ok", nil, ExitOK},
		{"usage", Usagef("bad"), ExitUsage},
		{"wrapped usage", fmt.Errorf("x: %w", Usagef("bad")), ExitUsage},
		{"chosen code", ExitCodeError{Code: 3, Err: errors.New("partial")}, 3},
		{"cancelled", fmt.Errorf("run: %w", context.Canceled), 130},
		{"failure", errors.New("boom"), ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExitCode(tt.err); got != tt.want {
				t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

// TestWriteOutputLeavesNoHalfFile checks that a failed write keeps the old
// file and leaves no temporary file behind.
func TestWriteOutputLeavesNoHalfFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	a := NewApp(NewStreams(nil, io.Discard, io.Discard), false)
	if err := WriteOutput(a, path, func(w io.Writer) error { _, err := io.WriteString(w, "old"); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := WriteOutput(a, path, func(w io.Writer) error { _, _ = io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("WriteOutput error = %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file = %q, want the old contents", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the directory, want 1", len(entries))
	}
}

// TestRunNamesTheBinaryAndTheHelp checks the error line and the usage hint.
func TestRunNamesTheBinaryAndTheHelp(t *testing.T) {
	var out, errb bytes.Buffer
	s := NewStreams(nil, &out, &errb)
	a := NewApp(s, false)
	root := &cobra.Command{Use: "tool"}
	sub := &cobra.Command{Use: "sub", RunE: func(*cobra.Command, []string) error { return Usagef("sub takes nothing") }}
	root.AddCommand(sub)
	SetupRoot(root, a)
	if code := Run(context.Background(), root, []string{"sub"}, s); code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if want := "tool: sub takes nothing\nRun 'tool sub --help' for usage.\n"; errb.String() != want {
		t.Errorf("stderr = %q, want %q", errb.String(), want)
	}
}
