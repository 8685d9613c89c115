package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/analyzer"
)

func TestAnalyzeFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		want     analyzeOptions
		wantCode int
	}{
		{name: "defaults", args: nil, want: analyzeOptions{Format: "json"}},
		{name: "dir and patterns", args: []string{"./mono", "./internal/...", "./cmd/..."}, want: analyzeOptions{Dir: "./mono", Patterns: []string{"./internal/...", "./cmd/..."}, Format: "json"}},
		{name: "all flags", args: []string{"x", "-o", "g.dot", "--format", "dot", "--tags", "a,b", "--goos", "windows", "--goarch", "arm64", "--tests"},
			want: analyzeOptions{Dir: "x", Output: "g.dot", Format: "dot", Tags: []string{"a", "b"}, GOOS: "windows", GOARCH: "arm64", Tests: true}},
		{name: "bare history reads ficus.yaml's window", args: []string{"x", "--history"}, want: analyzeOptions{Dir: "x", Format: "json", History: historyFromConfig}},
		{name: "history since", args: []string{"--history=2.years.ago", "x"}, want: analyzeOptions{Dir: "x", Format: "json", History: "2.years.ago"}},
		{name: "bad format", args: []string{"--format", "xml"}, wantCode: exitUsage},
		{name: "unknown flag", args: []string{"--nope"}, wantCode: exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got analyzeOptions
			var out, errw bytes.Buffer
			a := newApp(newStreams(nil, &out, &errw), false)
			cmd := newAnalyzeCmdWith(a, func(_ context.Context, _ *app, o analyzeOptions) error {
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
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{usagef("bad"), exitUsage},
		{fmt.Errorf("wrapped: %w", usagef("bad")), exitUsage},
		{analyzer.ErrNothingAnalyzed, exitError},
		{errors.New("boom"), exitError},
		{context.Canceled, 130},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
