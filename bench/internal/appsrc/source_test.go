package appsrc

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	commit := strings.Repeat("a1", 20)
	for _, tt := range []struct {
		name    string
		src     Source
		wantErr string
	}{
		{"ok", Source{Repo: "o/n", Commit: commit}, ""},
		{"no repo", Source{Commit: commit}, "owner/name"},
		{"url", Source{Repo: "https://github.com/o/n", Commit: commit}, "owner/name"},
		{"short commit", Source{Repo: "o/n", Commit: "a1b2c3"}, "40-hex"},
		{"branch", Source{Repo: "o/n", Commit: strings.Repeat("z", 40)}, "40-hex"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.src.Validate()
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("Validate() = %v, want error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestDecodeFileRefusesUnknownFields(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.json"), filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"repo": "o/n"}`), 0o644)
	os.WriteFile(bad, []byte(`{"repo": "o/n", "comit": "x"}`), 0o644)
	var s Source
	if err := DecodeFile(good, &s); err != nil || s.Repo != "o/n" {
		t.Errorf("DecodeFile(good) = %v, repo %q", err, s.Repo)
	}
	if err := DecodeFile(bad, &s); err == nil || !strings.Contains(err.Error(), "comit") {
		t.Errorf("DecodeFile(bad) = %v, want an error naming the unknown field", err)
	}
}

// TestCheckout clones a real local repository at a commit that is not its
// head, and reuses the checkout on the second call.
func TestCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	base := t.TempDir()
	repo := filepath.Join(base, "owner", "app")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@t"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	os.MkdirAll(repo, 0o755)
	git("init", "--quiet")
	os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module example.com/app\n\ngo 1.22\n"), 0o644)
	os.WriteFile(filepath.Join(repo, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	git("add", ".")
	git("commit", "--quiet", "-m", "first")
	pinned := git("rev-parse", "HEAD")
	os.WriteFile(filepath.Join(repo, "later.go"), []byte("package main\n"), 0o644)
	git("add", ".")
	git("commit", "--quiet", "-m", "second")

	cache := t.TempDir()
	src := Source{Repo: "owner/app", Commit: pinned}
	for range 2 {
		root, err := Checkout(context.Background(), cache, base, "app", src)
		if err != nil {
			t.Fatal(err)
		}
		if !FileExists(filepath.Join(root, "main.go")) || FileExists(filepath.Join(root, "later.go")) {
			t.Errorf("checkout %s is not at the pinned commit", root)
		}
	}
	if _, err := Checkout(context.Background(), cache, base, "missing", Source{Repo: "owner/none", Commit: pinned}); err == nil ||
		!strings.Contains(err.Error(), "-git-base") {
		t.Errorf("Checkout of a missing repository = %v, want an error naming -git-base", err)
	}
}

func TestLastLines(t *testing.T) {
	if got := LastLines("a\nb\nc\n", 2); got != "b\nc" {
		t.Errorf("LastLines = %q", got)
	}
}
