package check

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
	"github.com/ficus-dev/ficus/planner/internal/source"
)

// Schema is the version tag of the JSON result.
const Schema = "ficus.check/v1"

// Input is what a check compares: the accepted plan, a fresh graph of the
// code, the directory it was analyzed in (graph positions are relative to
// it; the source there gives lines of uses), and the accepted violations.
type Input struct {
	Plan     *planner.Plan
	Graph    analyzer.Document
	Dir      string
	Baseline *Baseline // nil: every violation is new
}

// Result is the outcome of a check.
type Result struct {
	Schema string `json:"schema"`
	Module string `json:"module,omitempty"`
	// Violations are the new violations, not in the baseline, sorted by
	// position.
	Violations []Violation `json:"violations"`
	// Baselined are the violations the baseline accepts.
	Baselined []Violation `json:"baselined,omitempty"`
	// Fixed are baseline entries that no longer occur: update the
	// baseline to keep them from coming back.
	Fixed []Entry `json:"fixed,omitempty"`
	// Placements say where each unit the plan does not know was put.
	Placements []Placement `json:"placements,omitempty"`
	// Notes are limits met on the way (source that could not be read).
	Notes []string `json:"notes,omitempty"`
}

// All returns every violation found, new and accepted.
func (r *Result) All() []Violation {
	all := slices.Concat(r.Violations, r.Baselined)
	slices.SortFunc(all, compareViolations)
	return all
}

// ErrModule is returned when the plan was made for another module.
var ErrModule = errors.New("the plan is of another module")

// Run checks the graph against the plan.
func Run(ctx context.Context, in Input) (*Result, error) {
	if in.Plan == nil {
		return nil, errors.New("check: no plan; make one with 'ficus plan DIR -o plan.json'")
	}
	if in.Plan.Module != "" && in.Graph.Module != "" && in.Plan.Module != in.Graph.Module {
		return nil, fmt.Errorf("%w: plan of %s, code of %s; check the code the plan was made for, or plan this module with 'ficus plan DIR -o plan.json'",
			ErrModule, in.Plan.Module, in.Graph.Module)
	}
	nodes := make(map[string]*analyzer.Node, len(in.Graph.Nodes))
	for i := range in.Graph.Nodes {
		nodes[in.Graph.Nodes[i].ID] = &in.Graph.Nodes[i]
	}
	labels, placed := place(in.Plan, in.Graph, nodes)
	f := &finder{plan: in.Plan, nodes: nodes, labels: labels, api: map[string]map[string]bool{}, src: source.New(in.Dir)}
	for _, s := range in.Plan.Services {
		f.api[s.Name] = map[string]bool{}
		for _, a := range s.API {
			f.api[s.Name][a.Symbol] = true
		}
	}
	state := f.state(ctx, in.Dir, in.Graph)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.crossings(in.Graph, state)
	f.cycles(in.Graph)
	slices.SortFunc(f.out, compareViolations)
	r := &Result{Schema: Schema, Module: in.Graph.Module, Placements: placed, Notes: f.notes}
	r.Violations, r.Baselined, r.Fixed = in.Baseline.split(f.out)
	if r.Violations == nil {
		r.Violations = []Violation{}
	}
	return r, nil
}

// Rebase puts dir in front of every position, so that paths are relative
// to where the command runs (a repository's root in CI) rather than to the
// analyzed directory.
func (r *Result) Rebase(dir string) {
	if dir == "" || dir == "." {
		return
	}
	for _, list := range [][]Violation{r.Violations, r.Baselined} {
		for i := range list {
			list[i].Pos = path.Join(dir, list[i].Pos)
		}
	}
}
