package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
)

func TestCheckFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		want     checkOptions
		wantCode int
	}{
		{name: "plan only", args: []string{"--plan", "p.json"}, want: checkOptions{Plan: "p.json", Format: "text"}},
		{name: "all flags", args: []string{"mono", "./internal/...", "--plan", "p.json", "--baseline", "b.json", "--update-baseline", "--format", "sarif", "-o", "x.sarif", "--tags", "a"},
			want: checkOptions{Plan: "p.json", Dir: "mono", Patterns: []string{"./internal/..."}, Baseline: "b.json", UpdateBaseline: true, Format: "sarif", Output: "x.sarif", Tags: []string{"a"}}},
		{name: "no plan", args: nil, wantCode: exitUsage},
		{name: "bad format", args: []string{"--plan", "p.json", "--format", "xml"}, wantCode: exitUsage},
		{name: "update without baseline", args: []string{"--plan", "p.json", "--update-baseline"}, wantCode: exitUsage},
		{name: "unknown flag", args: []string{"--nope"}, wantCode: exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got checkOptions
			var out, errw bytes.Buffer
			a := newApp(newStreams(nil, &out, &errw), false)
			cmd := newCheckCmdWith(a, func(_ context.Context, _ *app, o checkOptions) error {
				got = o
				return nil
			})
			cmd.SetArgs(tt.args)
			cmd.SetOut(&out)
			cmd.SetErr(&errw)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{Err: err} })
			err := cmd.ExecuteContext(context.Background())
			if code := exitCode(err); code != tt.wantCode {
				t.Fatalf("exit code %d (err %v), want %d", code, err, tt.wantCode)
			}
			if tt.wantCode != 0 {
				return
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("options (-want +got):\n%s", d)
			}
		})
	}
}

// TestCheckExitCodes runs the whole command: 0 when clean (or every
// violation is in the baseline), 1 for new violations, 2 when the plan,
// the baseline or the code cannot be read.
func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":      "module example.com/m\n\ngo 1.22\n",
		"a/a.go":      "package a\n\nimport \"example.com/m/b\"\n\n// A calls B.\nfunc A() { b.B() }\n",
		"b/b.go":      "package b\n\n// B is called.\nfunc B() {}\n",
		"ok.json":     `{"schema": "ficus.plan/v1", "module": "example.com/m", "services": [{"name": "a", "members": ["example.com/m/a.A"]}, {"name": "b", "members": ["example.com/m/b.B"], "api": [{"symbol": "example.com/m/b.B", "callers": []}]}], "shared": []}`,
		"bad.json":    `{"schema": "ficus.plan/v1", "module": "example.com/m", "services": [{"name": "a", "members": ["example.com/m/a.A"]}, {"name": "b", "members": ["example.com/m/b.B"]}], "shared": []}`,
		"broken.json": `{"schema": "ficus.plan/v1", "services": [`,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"clean", []string{"check", "--plan", in("ok.json"), dir}, exitOK},
		{"a call outside the API", []string{"check", "--plan", in("bad.json"), dir}, exitViolations},
		{"json still fails", []string{"check", "--plan", in("bad.json"), dir, "--format", "json"}, exitViolations},
		{"baseline written", []string{"check", "--plan", in("bad.json"), dir, "--baseline", in("base.json"), "--update-baseline"}, exitOK},
		{"baseline accepts it", []string{"check", "--plan", in("bad.json"), dir, "--baseline", in("base.json")}, exitOK},
		{"truncated plan", []string{"check", "--plan", in("broken.json"), dir}, exitCheckLoad},
		{"missing plan", []string{"check", "--plan", in("none.json"), dir}, exitCheckLoad},
		{"missing baseline", []string{"check", "--plan", in("ok.json"), dir, "--baseline", in("none.json")}, exitCheckLoad},
		{"not a module", []string{"check", "--plan", in("ok.json"), t.TempDir()}, exitCheckLoad},
		{"usage", []string{"check", dir}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			if code := run(context.Background(), tt.args, newStreams(nil, &out, &errw)); code != tt.wantCode {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, out.String(), errw.String())
			}
		})
	}
}
