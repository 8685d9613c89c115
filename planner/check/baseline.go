package check

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// BaselineSchema is the version tag of a baseline file.
const BaselineSchema = "ficus.check-baseline/v1"

// Baseline is the set of accepted violations: old ones, to burn down over
// time. Entries name symbols, never lines, so that edits elsewhere in a
// file do not invalidate them.
type Baseline struct {
	Schema     string  `json:"schema"`
	Violations []Entry `json:"violations"`
}

// Entry is one accepted violation. Pos and the services are for the
// person reading the file; only Kind with From and To (or Cycle) match.
type Entry struct {
	Kind        Kind     `json:"kind"`
	From        string   `json:"from,omitempty"`
	To          string   `json:"to,omitempty"`
	Cycle       []string `json:"cycle,omitempty"`
	FromService string   `json:"from_service,omitempty"`
	ToService   string   `json:"to_service,omitempty"`
	Pos         string   `json:"pos,omitempty"`
}

func (e Entry) key() string {
	return Violation{Kind: e.Kind, From: e.From, To: e.To, Cycle: e.Cycle}.Key()
}

// ErrBaselineSchema is returned for a file that is not a baseline of a
// version this ficus reads.
var ErrBaselineSchema = errors.New("not a ficus check baseline")

// NewBaseline records violations as accepted.
func NewBaseline(vs []Violation) *Baseline {
	b := &Baseline{Schema: BaselineSchema, Violations: []Entry{}}
	seen := map[string]bool{}
	for _, v := range vs {
		e := Entry{Kind: v.Kind, From: v.From, To: v.To, FromService: v.FromService, ToService: v.ToService, Pos: v.Pos}
		if v.Kind == KindCycle {
			e = Entry{Kind: v.Kind, Cycle: v.Cycle, Pos: v.Pos}
		}
		if k := e.key(); !seen[k] {
			seen[k] = true
			b.Violations = append(b.Violations, e)
		}
	}
	slices.SortFunc(b.Violations, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To),
			cmp.Compare(strings.Join(a.Cycle, ","), strings.Join(b.Cycle, ",")))
	})
	return b
}

// ReadBaseline reads a baseline written by WriteJSON.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(bufio.NewReader(r))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("read baseline: the file is empty or truncated: %w; write it again with 'ficus check --update-baseline'", err)
		}
		return nil, fmt.Errorf("read baseline: %w; write it again with 'ficus check --update-baseline'", err)
	}
	if b.Schema != BaselineSchema {
		return nil, fmt.Errorf("%w: schema is %q, want %q; write it again with 'ficus check --update-baseline'", ErrBaselineSchema, b.Schema, BaselineSchema)
	}
	for i, e := range b.Violations {
		if !slices.Contains(Kinds(), e.Kind) {
			return nil, fmt.Errorf("read baseline: entry %d has kind %q; kinds are api, table, cycle and shared-state", i+1, e.Kind)
		}
	}
	return &b, nil
}

// WriteJSON writes the baseline as indented JSON, one entry a few lines,
// so that its diff in review shows what was accepted or fixed.
func (b *Baseline) WriteJSON(w io.Writer) error {
	return writeJSON(w, b, "baseline")
}

// split separates violations the baseline accepts from new ones, and
// returns the entries that no longer occur (fixed: the baseline can
// shrink).
func (b *Baseline) split(vs []Violation) (fresh, accepted []Violation, fixed []Entry) {
	if b == nil {
		return vs, nil, nil
	}
	keys := map[string]bool{}
	for _, e := range b.Violations {
		keys[e.key()] = true
	}
	found := map[string]bool{}
	for _, v := range vs {
		k := v.Key()
		if keys[k] {
			accepted = append(accepted, v)
			found[k] = true
		} else {
			fresh = append(fresh, v)
		}
	}
	for _, e := range b.Violations {
		if !found[e.key()] {
			fixed = append(fixed, e)
		}
	}
	return fresh, accepted, fixed
}
