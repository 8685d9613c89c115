package appsrc

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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

func TestReadList(t *testing.T) {
	type app struct {
		Name string `json:"name"`
	}
	name := func(a app) string { return a.Name }
	for _, tt := range []struct {
		name, json, wantErr string
	}{
		{"ok", `[{"name": "a"}, {"name": "b"}]`, ""},
		{"repeated", `[{"name": "a"}, {"name": "a"}]`, "repeated"},
		{"empty", `[{"name": ""}]`, "empty"},
		{"not a list", `{"name": "a"}`, "cannot unmarshal"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "apps.json")
			os.WriteFile(f, []byte(tt.json), 0o644)
			apps, err := ReadList(f, name)
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("ReadList = %v, want error containing %q", err, tt.wantErr)
			}
			if err == nil && len(apps) != 2 {
				t.Errorf("ReadList read %d apps, want 2", len(apps))
			}
		})
	}
}

func TestCacheDir(t *testing.T) {
	if got, err := CacheDir("/given", "ficus-x"); err != nil || got != "/given" {
		t.Errorf("CacheDir(/given) = %q, %v", got, err)
	}
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/u")
	if got, err := CacheDir("", "ficus-x"); err != nil || got != filepath.Join("/xdg", "ficus-x") {
		t.Errorf("CacheDir(\"\") = %q, %v, want /xdg/ficus-x", got, err)
	}
}

func TestMeasure(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	ctx := context.Background()
	seconds, rss, err := Measure(ctx, t.TempDir(), sh, "-c", "exit 0")
	if err != nil || seconds <= 0 {
		t.Errorf("Measure(exit 0) = %v s, %v", seconds, err)
	}
	if runtime.GOOS == "linux" && rss <= 0 {
		t.Errorf("Measure(exit 0) peak RSS = %d, want the child's", rss)
	}
	if _, _, err := Measure(ctx, "", sh, "-c", "echo boom >&2; exit 3"); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Measure of a failing command = %v, want its stderr in the error", err)
	}
}
