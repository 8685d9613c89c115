package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		wantOut string
	}{
		{name: "types", args: []string{"-mode", "types", "-dir", "../../testdata/monolith", "./..."}, wantOut: "floor: mode=types packages=8 with-errors=0 "},
		{name: "syntax", args: []string{"-dir", "../../testdata/monolith"}, wantOut: "floor: mode=syntax packages=8 with-errors=0 "},
		{name: "unknown mode", args: []string{"-mode", "bodies"}, wantErr: `unknown -mode "bodies"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, &stdout, &stderr)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("run(%q) error = %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("run(%q): %v", tt.args, err)
			}
			if got := stdout.String(); !strings.HasPrefix(got, tt.wantOut) {
				t.Errorf("run(%q) printed %q, want it to start with %q", tt.args, got, tt.wantOut)
			}
		})
	}
}
