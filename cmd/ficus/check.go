package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner/check"
)

// checkOptions are the inputs of 'ficus check'.
type checkOptions struct {
	Plan           string
	Dir            string
	Patterns       []string
	Tags           []string
	Baseline       string
	UpdateBaseline bool
	Format         string
	Output         string
}

func newCheckCmd(a *app) *cobra.Command {
	return newCheckCmdWith(a, runCheck)
}

// newCheckCmdWith takes the behaviour as a seam, so flag parsing is
// tested apart from checking.
func newCheckCmdWith(a *app, runF func(context.Context, *app, checkOptions) error) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check --plan FILE [DIR] [PATTERNS...]",
		Short: "Enforce an accepted plan: fail on new calls, writes and state across its boundaries",
		Long: `Check analyzes DIR (default: the current directory) again, as 'ficus analyze'
does (the type cache keeps it fast), and holds the code to the accepted plan
(--plan, written by 'ficus plan -o'). Units written since the plan are placed
by the rules the plan records: a method with its receiver, then the service
of its file, of its package, of its nearest neighbours by calls; each
placement is reported. Then it reports, each with file:line, the two
services and what to do:

  api           a call or type use into another service outside its API
  table         a write to a table another service owns
  cycle         a cycle of calls between services the plan does not have
  shared-state  a package-level variable written by several services, or a
                global map, cache or sync.Once singleton used by several

--baseline FILE accepts the violations recorded there (matched by symbol ids,
not lines); --update-baseline writes every current violation to it. Output:
text (default), json, sarif (SARIF 2.1.0 for GitHub code scanning and GitLab)
or github (GitHub Actions annotations). Exit code: 0 no new violation, 1 new
violations, 2 usage or load error. See docs/check.md.`,
		Example: `  ficus plan . -o plan.json
  ficus check --plan plan.json
  ficus check --plan plan.json --baseline ficus-baseline.json --update-baseline
  ficus check --plan plan.json --baseline ficus-baseline.json --format sarif -o ficus.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				o.Dir, o.Patterns = args[0], args[1:]
			}
			if o.Plan == "" {
				return usagef("--plan is required: make one with 'ficus plan DIR -o plan.json' and accept it")
			}
			switch o.Format {
			case "text", "json", "sarif", "github":
			default:
				return usagef("unknown --format %q: use text, json, sarif or github", o.Format)
			}
			if o.UpdateBaseline && o.Baseline == "" {
				return usagef("--update-baseline needs --baseline FILE to write")
			}
			return runF(cmd.Context(), a, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Plan, "plan", "", "the accepted plan, `FILE` written by 'ficus plan -o'")
	f.StringVar(&o.Baseline, "baseline", "", "accept the violations recorded in `FILE`")
	f.BoolVar(&o.UpdateBaseline, "update-baseline", false, "write every current violation to the --baseline file and pass")
	f.StringVar(&o.Format, "format", "text", "output format: text, json, sarif or github")
	f.StringVarP(&o.Output, "output", "o", "", "write the output to `FILE` instead of stdout")
	f.StringSliceVar(&o.Tags, "tags", nil, "build `tags` for the analysis")
	return cmd
}

// loadFailed marks an input that could not be read: exit code 2, as for
// usage errors, so that CI tells a broken setup from new violations.
func loadFailed(err error) error { return exitCodeError{Code: exitCheckLoad, Err: err} }

func runCheck(ctx context.Context, a *app, o checkOptions) error {
	start := a.Now()
	plan, err := readPlanFile(o.Plan, "plan", fmt.Sprintf("make one with 'ficus plan DIR -o %s'", o.Plan))
	if err != nil {
		return loadFailed(err)
	}
	var base *check.Baseline
	if o.Baseline != "" && !o.UpdateBaseline {
		if base, err = readBaseline(o.Baseline); err != nil {
			return loadFailed(err)
		}
	}
	g, err := analyzer.Analyze(ctx, analyzer.Options{Dir: o.Dir, Patterns: o.Patterns, Tags: o.Tags, Logger: a.Logger})
	if err != nil {
		return loadFailed(err)
	}
	if n := len(g.Diagnostics); n > 0 {
		fmt.Fprintf(a.Err, "ficus: %d load problems; the rest was checked (run 'ficus analyze' to see them)\n", n)
	}
	analyzed := a.Now()
	r, err := check.Run(ctx, check.Input{Plan: plan, Graph: g.Document(), Dir: g.Dir, Baseline: base})
	if err != nil {
		return loadFailed(err)
	}
	r.Rebase(relDir(o.Dir))
	fmt.Fprintf(a.Err, "ficus: checked %s against %s in %s (analysis %s)\n", orUnknown(r.Module), o.Plan,
		a.Now().Sub(start).Round(time.Millisecond), analyzed.Sub(start).Round(time.Millisecond))
	if o.UpdateBaseline {
		b := check.NewBaseline(r.All())
		if err := writeOutput(a, o.Baseline, b.WriteJSON); err != nil {
			return loadFailed(err)
		}
		fmt.Fprintf(a.Err, "ficus: wrote %d violations to %s\n", len(b.Violations), o.Baseline)
		r.Baselined, r.Violations, r.Fixed = r.All(), []check.Violation{}, nil
	}
	err = writeOutput(a, o.Output, func(w io.Writer) error {
		switch o.Format {
		case "json":
			return r.WriteJSON(w)
		case "sarif":
			return check.WriteSARIF(w, r, a.Version)
		case "github":
			return check.WriteGitHub(w, r)
		}
		return check.WriteText(w, r)
	})
	if err != nil {
		return loadFailed(err)
	}
	if n := len(r.Violations); n > 0 {
		return exitCodeError{Code: exitViolations, Err: errors.New(check.Tally(r)[len("ficus check: "):])}
	}
	return nil
}

func readBaseline(path string) (*check.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open baseline: %w (write one with 'ficus check --plan PLAN --baseline %s --update-baseline')", err, path)
	}
	defer f.Close()
	b, err := check.ReadBaseline(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// relDir is the analyzed directory as a slash path relative to the
// working directory, to prefix positions with; "" when it is the working
// directory or lies outside it.
func relDir(dir string) string {
	if dir == "" {
		return ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == "." || rel == ".." || filepath.IsAbs(rel) || len(rel) >= 3 && rel[:3] == ".."+string(filepath.Separator) {
		return ""
	}
	return filepath.ToSlash(rel)
}
