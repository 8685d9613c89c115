package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// App is one real application of the benchmark, at a pinned commit.
type App struct {
	Name string `json:"name"`
	// Repo is the GitHub owner/name; Commit the pinned commit.
	Repo   string `json:"repo"`
	Commit string `json:"commit"`
	// Style is how the app is organized (layered, hexagonal, feature...).
	Style string `json:"style"`
	// Split is "tune" for the apps the planner may be tuned on, "holdout"
	// for the others.
	Split string `json:"split"`
	// Root is the analyzed directory inside the repository ("" for its
	// root); Patterns the package patterns (default ./...).
	Root     string   `json:"root,omitempty"`
	Patterns []string `json:"patterns,omitempty"`
	// Workspace lists module directories (relative to Root) that a go.work
	// written at Root joins, for apps of several modules without one.
	Workspace []string `json:"workspace,omitempty"`
	// Synthetic apps are generated graphs of this many edges instead of a
	// repository; their truth comes from the generator.
	Synthetic int `json:"synthetic,omitempty"`
}

func readApps(name string) ([]App, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var apps []App
	if err := dec.Decode(&apps); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	seen := map[string]bool{}
	for _, a := range apps {
		switch {
		case a.Name == "" || seen[a.Name]:
			return nil, fmt.Errorf("%s: app name %q is empty or repeated", name, a.Name)
		case a.Split != "tune" && a.Split != "holdout":
			return nil, fmt.Errorf("%s: app %s: split %q, want tune or holdout", name, a.Name, a.Split)
		case a.Synthetic == 0 && (a.Repo == "" || len(a.Commit) != 40):
			return nil, fmt.Errorf("%s: app %s: want a repo and a full 40-hex commit", name, a.Name)
		}
		seen[a.Name] = true
	}
	return apps, nil
}

// checkout makes sure the app's repository is in the cache at its pinned
// commit, with its workspace file and its dependencies in the module
// cache, and returns the analyzed directory.
func checkout(ctx context.Context, cache, gitBase string, a App) (string, error) {
	dir := filepath.Join(cache, "src", a.Name+"-"+a.Commit[:12])
	if _, err := os.Stat(filepath.Join(dir, ".ficus-ready")); err != nil {
		tmp := dir + ".part"
		os.RemoveAll(tmp)
		url := strings.TrimSuffix(gitBase, "/") + "/" + a.Repo
		if err := run(ctx, "", "git", "clone", "--quiet", "--no-checkout", url, tmp); err != nil {
			return "", fmt.Errorf("clone %s: %w (set QUALITY_GIT_BASE to a place that serves owner/name repositories)", url, err)
		}
		if err := run(ctx, tmp, "git", "-c", "advice.detachedHead=false", "checkout", "--quiet", a.Commit); err != nil {
			return "", fmt.Errorf("check out %s at %s: %w", a.Repo, a.Commit, err)
		}
		os.RemoveAll(dir)
		if err := os.Rename(tmp, dir); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, ".ficus-ready"), nil, 0o644); err != nil {
			return "", err
		}
	}
	root := filepath.Join(dir, filepath.FromSlash(a.Root))
	if len(a.Workspace) > 0 {
		if _, err := os.Stat(filepath.Join(root, "go.work")); err != nil {
			args := append([]string{"work", "init"}, a.Workspace...)
			if err := run(ctx, root, "go", args...); err != nil {
				return "", fmt.Errorf("%s: go work init: %w", a.Name, err)
			}
		}
	}
	mods := a.Workspace
	if len(mods) == 0 {
		mods = []string{"."}
	}
	for _, m := range mods {
		md := filepath.Join(root, m)
		if _, err := os.Stat(filepath.Join(md, "vendor", "modules.txt")); err == nil {
			continue
		}
		if err := run(ctx, md, "go", "mod", "download"); err != nil {
			return "", fmt.Errorf("%s: go mod download in %s: %w", a.Name, m, err)
		}
	}
	return root, nil
}

// run runs a command in dir; its output goes to stderr only on failure.
func run(ctx context.Context, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=")
	if dir != "" && fileExists(filepath.Join(dir, "go.work")) {
		cmd.Env = append(os.Environ(), "GOWORK="+filepath.Join(dir, "go.work"))
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s", err, lastLines(string(out), 5))
	}
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
