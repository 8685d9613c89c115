package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spf13/cobra"
)

// runSeam executes a command built with a runF seam and returns the exit
// code its error maps to.
func runSeam(t *testing.T, cmd *cobra.Command, args []string) int {
	t.Helper()
	var out, errw bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errw)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{Err: err} })
	return exitCode(cmd.ExecuteContext(context.Background()))
}

func TestPlanFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		want     planOptions
		wantCode int
	}{
		{name: "defaults", want: planOptions{Format: "summary", Seed: 1}},
		{name: "dir", args: []string{"./mono"}, want: planOptions{Source: graphSource{Dir: "./mono"}, Format: "summary", Seed: 1}},
		{name: "all flags", args: []string{"--graph", "g.json", "-o", "p.json", "--format", "json", "--services", "5", "--seed", "9", "--config", "c.yaml", "--tags", "a,b"},
			want: planOptions{Source: graphSource{Graph: "g.json", Tags: []string{"a", "b"}}, Output: "p.json", Format: "json", Services: 5, Seed: 9, Config: "c.yaml"}},
		{name: "dir and graph", args: []string{"x", "--graph", "g.json"}, wantCode: exitUsage},
		{name: "bad format", args: []string{"--format", "dot"}, wantCode: exitUsage},
		{name: "negative services", args: []string{"--services", "-1"}, wantCode: exitUsage},
		{name: "seed not a number", args: []string{"--seed", "x"}, wantCode: exitUsage},
		{name: "two dirs", args: []string{"a", "b"}, wantCode: exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got planOptions
			a := newApp(newStreams(nil, &bytes.Buffer{}, &bytes.Buffer{}), false)
			cmd := newPlanCmdWith(a, func(_ context.Context, _ *app, o planOptions) error {
				got = o
				return nil
			})
			if code := runSeam(t, cmd, tt.args); code != tt.wantCode {
				t.Fatalf("exit code %d, want %d", code, tt.wantCode)
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

func TestScoreFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		want     scoreOptions
		wantCode int
	}{
		{name: "two files", args: []string{"p.json", "t.json"}, want: scoreOptions{Plan: "p.json", Truth: "t.json", Format: "text"}},
		{name: "json", args: []string{"p.json", "t.json", "--format", "json"}, want: scoreOptions{Plan: "p.json", Truth: "t.json", Format: "json"}},
		{name: "one file", args: []string{"p.json"}, wantCode: exitUsage},
		{name: "bad format", args: []string{"p.json", "t.json", "--format", "csv"}, wantCode: exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got scoreOptions
			a := newApp(newStreams(nil, &bytes.Buffer{}, &bytes.Buffer{}), false)
			cmd := newScoreCmdWith(a, func(_ context.Context, _ *app, o scoreOptions) error {
				got = o
				return nil
			})
			if code := runSeam(t, cmd, tt.args); code != tt.wantCode {
				t.Fatalf("exit code %d, want %d", code, tt.wantCode)
			}
			if tt.wantCode == 0 {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("options (-want +got):\n%s", diff)
				}
			}
		})
	}
}
