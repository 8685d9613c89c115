package analyzer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
)

// DiagHistory marks a limit of the change history read by AddHistory
// (a shallow clone, co-change pairs left out by the edge limit).
const DiagHistory DiagnosticKind = "history"

// HistoryConfig is the history section of ficus.yaml: which commits
// AddHistory reads and how it weighs them. Documented in
// docs/graph-format.md.
type HistoryConfig struct {
	// Since is the start of the window, in any form git log --since
	// takes ("2.years.ago", "2024-01-01"); empty reads all history.
	Since string `yaml:"since"`
	// MaxFiles leaves out commits that change more files than this (mass
	// renames, formatting, vendoring): they say nothing about what belongs
	// together.
	MaxFiles int `yaml:"max_files"`
	// HalfLifeDays is the age, counted back from the newest commit read,
	// at which a commit weighs half as much as the newest.
	HalfLifeDays float64 `yaml:"half_life_days"`
	// MinCommits is how many commits must change two files together for
	// them to be joined.
	MinCommits int `yaml:"min_commits"`
	// MaxEdges keeps only the strongest pairs; the rest are counted in a
	// diagnostic.
	MaxEdges int `yaml:"max_edges"`
	// Exclude lists path prefixes, relative to the analyzed directory,
	// whose changes are not read (besides vendor/ and generated files).
	Exclude []string `yaml:"exclude"`
}

// DefaultHistoryConfig returns the history settings used when ficus.yaml
// has no history section.
func DefaultHistoryConfig() HistoryConfig {
	return HistoryConfig{MaxFiles: 50, HalfLifeDays: 180, MinCommits: 2, MaxEdges: 20000}
}

// validate checks the settings and names the key to fix.
func (c HistoryConfig) validate() error {
	var errs []error
	if c.MaxFiles < 2 {
		errs = append(errs, fmt.Errorf("history.max_files is %d; use 2 or more (a commit of one file joins nothing)", c.MaxFiles))
	}
	if !(c.HalfLifeDays > 0) {
		errs = append(errs, fmt.Errorf("history.half_life_days is %g; use a number of days above 0", c.HalfLifeDays))
	}
	if c.MinCommits < 1 {
		errs = append(errs, fmt.Errorf("history.min_commits is %d; use 1 or more", c.MinCommits))
	}
	if c.MaxEdges < 1 {
		errs = append(errs, fmt.Errorf("history.max_edges is %d; use 1 or more", c.MaxEdges))
	}
	if strings.HasPrefix(c.Since, "-") {
		errs = append(errs, fmt.Errorf("history.since is %q; give a date or an age such as 2.years.ago", c.Since))
	}
	return errors.Join(errs...)
}

// HistoryStats says what AddHistory read.
type HistoryStats struct {
	// Commits is the number of non-merge commits in the window.
	Commits int
	// Bulk is the number of those left out for changing more than
	// MaxFiles files.
	Bulk int
	// Oldest and Newest are the commit times of the window's ends.
	Oldest, Newest time.Time
	// Pairs is the number of file pairs changed together at least
	// MinCommits times; Edges the co-changes edges added.
	Pairs, Edges int
	// Shallow reports a shallow clone.
	Shallow bool
}

// ErrNoHistory is returned when the analyzed directory is in no git
// repository, or git cannot be run.
var ErrNoHistory = errors.New("no git history")

// AddHistory reads the git history of the repository around g.Dir and adds
// co-changes edges between the files changed in the same commits (see
// coChanges for the weighing); a file stands for the first symbol declared
// in it. Merge commits, bulk commits, vendored and generated files are left
// out. It runs the git command on PATH; the analyzed code is never run. A
// shallow clone adds a diagnostic to g.
func AddHistory(ctx context.Context, g *Graph, cfg HistoryConfig) (HistoryStats, error) {
	var st HistoryStats
	if err := cfg.validate(); err != nil {
		return st, fmt.Errorf("ficus.yaml: %w", err)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return st, fmt.Errorf("%w: the git command is not on PATH; install git to use --history", ErrNoHistory)
	}
	shallow, err := gitOutput(ctx, g.Dir, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return st, fmt.Errorf("%w in %s: %v; run ficus analyze --history in a git clone of the module", ErrNoHistory, g.Dir, err)
	}

	args := []string{"log", "--no-merges", "--no-renames", "--name-only", "--relative", "-z", "--format=" + logFormat}
	if cfg.Since != "" {
		args = append(args, "--since="+cfg.Since)
	}
	args = append(args, "--", ".")
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = g.Dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return st, fmt.Errorf("git log in %s: %w", g.Dir, err)
	}
	if err := cmd.Start(); err != nil {
		return st, fmt.Errorf("git log in %s: %w", g.Dir, err)
	}
	cc := newCoChanges(g, cfg)
	perr := parseLog(out, cc.add)
	if perr != nil {
		_, _ = io.Copy(io.Discard, out)
	}
	werr := cmd.Wait()
	if werr != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "does not have any commits") {
			return st, fmt.Errorf("%w in %s: the repository has no commits yet; commit first, or analyze without --history", ErrNoHistory, g.Dir)
		}
		return st, fmt.Errorf("git log in %s: %v: %s", g.Dir, werr, msg)
	}
	if perr != nil {
		return st, perr
	}
	st = cc.apply()
	st.Shallow = strings.TrimSpace(shallow) == "true"
	if st.Shallow {
		g.Diagnostics = append(g.Diagnostics, Diagnostic{Kind: DiagHistory,
			Message: fmt.Sprintf("the repository is a shallow clone: co-changes come from the %d commits it holds", st.Commits),
			Hint:    "deepen it with 'git fetch --unshallow', or 'git fetch --shallow-since=DATE' for the window you want"})
	}
	return st, nil
}

// gitOutput runs git in dir and returns its standard output.
func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return string(out), nil
}
