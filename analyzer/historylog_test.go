package analyzer

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseLog(t *testing.T) {
	h1, h2 := strings.Repeat("a", 40), strings.Repeat("b", 40)
	tests := []struct {
		name    string
		in      string
		want    []logCommit
		wantErr string
	}{
		{name: "empty", in: "", want: nil},
		{name: "two commits", in: "\x1e" + h1 + " 200\x00\nx.go\x00dir/y.go\x00\x1e" + h2 + " 100\x00\nz.go\x00",
			want: []logCommit{{Hash: h1, Time: 200, Files: []string{"x.go", "dir/y.go"}}, {Hash: h2, Time: 100, Files: []string{"z.go"}}}},
		{name: "a commit without files", in: "\x1e" + h1 + " 200\x00\x1e" + h2 + " 100\x00\nz.go\x00",
			want: []logCommit{{Hash: h1, Time: 200}, {Hash: h2, Time: 100, Files: []string{"z.go"}}}},
		{name: "a commit without files, then a newline", in: "\x1e" + h1 + " 200\x00\n\x1e" + h2 + " 100\x00\nz.go\x00",
			want: []logCommit{{Hash: h1, Time: 200}, {Hash: h2, Time: 100, Files: []string{"z.go"}}}},
		{name: "no final NUL", in: "\x1e" + h1 + " 200\x00\nx.go",
			want: []logCommit{{Hash: h1, Time: 200, Files: []string{"x.go"}}}},
		{name: "spaces in a path", in: "\x1e" + h1 + " 200\x00\nmy dir/x y.go\x00",
			want: []logCommit{{Hash: h1, Time: 200, Files: []string{"my dir/x y.go"}}}},
		{name: "path before a commit", in: "x.go\x00", wantErr: "before any commit"},
		{name: "header without time", in: "\x1e" + h1 + "\x00", wantErr: "is not \"HASH TIME\""},
		{name: "header with a bad time", in: "\x1e" + h1 + " soon\x00", wantErr: "is not \"HASH TIME\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []logCommit
			err := parseLog(strings.NewReader(tt.in), func(c logCommit) error { got = append(got, c); return nil })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("commits (-want +got):\n%s", d)
			}
		})
	}
}

func TestParseLogStopsAtCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	in := "\x1eaa 1\x00\nx\x00\x1ebb 2\x00\ny\x00"
	err := parseLog(strings.NewReader(in), func(logCommit) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err = %v after %d commits, want stop after 1", err, n)
	}
}

func FuzzParseLog(f *testing.F) {
	f.Add("\x1eabc 200\x00\nx.go\x00y.go\x00\x1edef 100\x00\nz.go\x00")
	f.Add("\x1eabc 200\x00\x1e")
	f.Add("x\x00")
	f.Add("\x1e 1\x00")
	f.Fuzz(func(t *testing.T, in string) {
		var n int
		_ = parseLog(strings.NewReader(in), func(c logCommit) error { // errors are fine, panics and bad commits not
			if c.Hash == "" {
				t.Fatalf("commit without hash from %q", in)
			}
			for _, p := range c.Files {
				if p == "" || strings.ContainsRune(p, 0) {
					t.Fatalf("bad path %q from %q", p, in)
				}
			}
			n++
			return nil
		})
		if n > strings.Count(in, "\x1e") {
			// each commit starts at a record separator
			t.Fatalf("%d commits from %d separators in %q", n, strings.Count(in, "\x1e"), in)
		}
	})
}
