package main

import (
	"os"
	"strconv"
	"testing"
)

// TestMain lets the test binary stand in for the measured program: with
// STARTUP_CHILD_EXIT set it exits at once with that code, or with 3 when
// STARTUP_CHILD_EMPTY_TMP is set and TMPDIR is not an empty directory.
func TestMain(m *testing.M) {
	if code := os.Getenv("STARTUP_CHILD_EXIT"); code != "" {
		if os.Getenv("STARTUP_CHILD_EMPTY_TMP") != "" {
			entries, err := os.ReadDir(os.Getenv("TMPDIR"))
			if os.Getenv("TMPDIR") == "" || err != nil || len(entries) > 0 {
				os.Exit(3)
			}
		}
		n, err := strconv.Atoi(code)
		if err != nil {
			n = 2
		}
		os.Exit(n)
	}
	os.Exit(m.Run())
}

func TestMeasure(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		exit     string
		freshTmp bool
		emptyTmp bool // the child checks that TMPDIR is empty
		argv     []string
		wantErr  bool
	}{
		{"runs a program", "0", false, false, []string{self}, false},
		{"with an empty TMPDIR", "0", true, true, []string{self}, false},
		{"a failing program is an error", "1", false, false, []string{self}, true},
		{"a missing program is an error", "0", false, false, []string{"/nonexistent/program"}, true},
		{"TMPDIR kept without -fresh-tmp", "0", false, true, []string{self}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("STARTUP_CHILD_EXIT", tt.exit)
			if tt.emptyTmp {
				t.Setenv("STARTUP_CHILD_EMPTY_TMP", "1")
				// A TMPDIR that is not empty, which -fresh-tmp must replace.
				dir := t.TempDir()
				if err := os.WriteFile(dir+"/x", nil, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Setenv("TMPDIR", dir)
			}
			med, rss, err := measure(3, tt.freshTmp, tt.argv)
			if (err != nil) != tt.wantErr {
				t.Fatalf("measure: err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if med <= 0 || rss <= 0 {
				t.Errorf("median %v, peak RSS %d KiB: want both above zero", med, rss)
			}
		})
	}
}
