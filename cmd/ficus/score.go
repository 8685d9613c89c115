package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/ficus-dev/ficus/planner"
)

// scoreOptions are the inputs of 'ficus score'.
type scoreOptions struct {
	Plan   string
	Truth  string
	Format string
}

// scoreSchema tags the JSON output of 'ficus score'.
const scoreSchema = "ficus.score/v1"

func newScoreCmd(a *app) *cobra.Command {
	return newScoreCmdWith(a, runScore)
}

func newScoreCmdWith(a *app, runF func(context.Context, *app, scoreOptions) error) *cobra.Command {
	var o scoreOptions
	cmd := &cobra.Command{
		Use:   "score PLAN TRUTH",
		Short: "Compare a plan with a known split (ARI, NMI, MoJoFM)",
		Long: `Score compares PLAN, written by 'ficus plan -o', with TRUTH, a ground-truth
split in the same JSON shape (services with names and members, and the shared
kernel as "shared"), and prints the adjusted Rand index, the normalized mutual
information and MoJoFM (formulas in docs/metrics.md).

Units are scored when the truth places them; the truth's shared kernel is one
class, matched against the plan's. A unit the plan leaves out counts as a
cluster of its own.`,
		Example: `  ficus score plan.json testdata/monolith/truth.json
  ficus score plan.json truth.json --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("score takes PLAN and TRUTH, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Plan, o.Truth = args[0], args[1]
			switch o.Format {
			case "text", "json":
			default:
				return usagef("unknown --format %q: use text or json", o.Format)
			}
			return runF(cmd.Context(), a, o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "text", "text or json")
	return cmd
}

func runScore(_ context.Context, a *app, o scoreOptions) error {
	plan, err := readPlanFile(o.Plan, "the plan", "")
	if err != nil {
		return err
	}
	truth, err := readPlanFile(o.Truth, "the truth", "")
	if err != nil {
		return err
	}
	s := planner.Score(plan, truth)
	return writeOutput(a, "", func(w io.Writer) error {
		if o.Format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(struct {
				Schema string `json:"schema"`
				planner.Scores
			}{scoreSchema, s})
		}
		_, err := fmt.Fprintf(w, "ARI     %.4f\nNMI     %.4f\nMoJoFM  %.2f\nunits   %d (%d missing from the plan)\n", s.ARI, s.NMI, s.MoJoFM, s.Items, s.Missing)
		return err
	})
}

// readPlanFile reads a plan (or a truth in a plan's shape); hint, when
// given, follows an error opening the file.
func readPlanFile(path, what, hint string) (*planner.Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		if hint != "" {
			return nil, fmt.Errorf("open %s: %w (%s)", what, err, hint)
		}
		return nil, fmt.Errorf("open %s: %w", what, err)
	}
	defer f.Close()
	p, err := planner.ReadPlan(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}
