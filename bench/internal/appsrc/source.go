package appsrc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Source is where an app's code comes from: a repository at a commit, the
// directory analyzed inside it and the modules a go.work joins.
type Source struct {
	// Repo is the GitHub owner/name; Commit the pinned commit (40 hex).
	Repo   string `json:"repo"`
	Commit string `json:"commit"`
	// Root is the analyzed directory inside the repository ("" for its
	// root); Patterns the package patterns (default ./...).
	Root     string   `json:"root,omitempty"`
	Patterns []string `json:"patterns,omitempty"`
	// Workspace lists module directories (relative to Root) that a go.work
	// written at Root joins, for apps of several modules without one.
	Workspace []string `json:"workspace,omitempty"`
}

// Validate reports a source without a repository or a full commit.
func (s Source) Validate() error {
	if s.Repo == "" || strings.Count(s.Repo, "/") != 1 {
		return fmt.Errorf("repo %q: want GitHub's owner/name", s.Repo)
	}
	if len(s.Commit) != 40 || strings.Trim(s.Commit, "0123456789abcdef") != "" {
		return fmt.Errorf("commit %q: want the full 40-hex commit, so that the code measured never moves", s.Commit)
	}
	return nil
}

// DecodeFile reads the JSON file name into v, refusing unknown fields so
// that a misspelt key is an error rather than a silent default.
func DecodeFile(name string, v any) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Checkout makes sure the repository of s is in cache/src at its pinned
// commit (cloned from gitBase + owner/name), with its workspace file and
// its dependencies in the module cache, and returns the analyzed
// directory. name names the checkout; a finished checkout is reused.
func Checkout(ctx context.Context, cache, gitBase, name string, s Source) (string, error) {
	if err := s.Validate(); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	dir := filepath.Join(cache, "src", name+"-"+s.Commit[:12])
	if _, err := os.Stat(filepath.Join(dir, ".ficus-ready")); err != nil {
		tmp := dir + ".part"
		os.RemoveAll(tmp)
		url := strings.TrimSuffix(gitBase, "/") + "/" + s.Repo
		if err := Run(ctx, "", "git", "clone", "--quiet", "--no-checkout", url, tmp); err != nil {
			return "", fmt.Errorf("clone %s: %w (pass -git-base with a place that serves owner/name repositories)", url, err)
		}
		if err := Run(ctx, tmp, "git", "-c", "advice.detachedHead=false", "checkout", "--quiet", s.Commit); err != nil {
			return "", fmt.Errorf("check out %s at %s: %w", s.Repo, s.Commit, err)
		}
		os.RemoveAll(dir)
		if err := os.Rename(tmp, dir); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, ".ficus-ready"), nil, 0o644); err != nil {
			return "", err
		}
	}
	root := filepath.Join(dir, filepath.FromSlash(s.Root))
	if len(s.Workspace) > 0 && !FileExists(filepath.Join(root, "go.work")) {
		args := append([]string{"work", "init"}, s.Workspace...)
		if err := Run(ctx, root, "go", args...); err != nil {
			return "", fmt.Errorf("%s: go work init: %w", name, err)
		}
	}
	var missing []error
	mods := s.Workspace
	if len(mods) == 0 {
		mods = []string{"."}
	}
	for _, m := range mods {
		md := filepath.Join(root, m)
		if FileExists(filepath.Join(md, "vendor", "modules.txt")) {
			continue
		}
		if err := Run(ctx, md, "go", "mod", "download"); err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err() // stopped, not a module missing
			}
			missing = append(missing, fmt.Errorf("%s: go mod download in %s: %w", name, m, err))
		}
	}
	if len(missing) > 0 {
		return root, &MissingModulesError{Err: errors.Join(missing...)}
	}
	return root, nil
}

// MissingModulesError is a checkout whose dependencies could not all be
// downloaded (a module the proxy no longer serves): the directory is
// there, and analyzing it loads the packages that do not need them, with
// a diagnostic for each of the others.
type MissingModulesError struct{ Err error }

// Error says which downloads failed and why.
func (e *MissingModulesError) Error() string { return e.Err.Error() }

// Unwrap returns the downloads' errors.
func (e *MissingModulesError) Unwrap() error { return e.Err }

// Run runs a command in dir, with the go.work of dir when it has one and
// none otherwise; its output is returned in the error only on failure.
func Run(ctx context.Context, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=")
	if dir != "" && FileExists(filepath.Join(dir, "go.work")) {
		cmd.Env = append(os.Environ(), "GOWORK="+filepath.Join(dir, "go.work"))
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s", err, LastLines(string(out), 5))
	}
	return nil
}

// FileExists reports whether p names an existing file or directory.
func FileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// LastLines returns the last n lines of s, for error messages that quote
// a failed command's output.
func LastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
