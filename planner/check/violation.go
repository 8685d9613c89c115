package check

import (
	"cmp"
	"fmt"
	"strings"
)

// Kind names a kind of violation; it is also the SARIF rule id.
type Kind string

// Kinds of violation.
const (
	// KindAPI is a call or type use into another service outside that
	// service's published API (the plan's api).
	KindAPI Kind = "api"
	// KindTable is a write to a table another service owns.
	KindTable Kind = "table"
	// KindCycle is a cycle of calls between services the plan does not
	// have.
	KindCycle Kind = "cycle"
	// KindState is shared mutable state: a package-level variable written
	// by members of several services, or a global map, cache or
	// sync.Once-built singleton used by several.
	KindState Kind = "shared-state"
)

// Kinds lists every kind, in the order rules are listed.
func Kinds() []Kind { return []Kind{KindAPI, KindTable, KindCycle, KindState} }

// Describe says what a kind of violation is, in one sentence.
func (k Kind) Describe() string {
	switch k {
	case KindAPI:
		return "A call or type use from one service into another, outside the published API the plan gives that service."
	case KindTable:
		return "A write to a table that the plan gives another service."
	case KindCycle:
		return "A cycle of calls between services that the plan does not have: none of them could be extracted without the others."
	case KindState:
		return "Shared mutable state: a package-level variable written by members of several services, or a global map, cache or sync.Once-built singleton used by several."
	}
	return string(k)
}

// Violation is one use that crosses a planned boundary the wrong way.
type Violation struct {
	Kind Kind `json:"kind"`
	// Pos is "file:line" of the use (for a cycle, of a call that closes
	// it), relative to the analyzed directory.
	Pos string `json:"pos"`
	// From is the symbol making the use, To what it uses (a symbol, a
	// table, a variable).
	From string `json:"from"`
	To   string `json:"to"`
	// FromService and ToService are the two services (ToService is
	// (shared) for state the kernel holds).
	FromService string `json:"from_service"`
	ToService   string `json:"to_service"`
	// Edge is how From uses To: calls, references, writes, uses, ...
	Edge string `json:"edge,omitempty"`
	// Cycle are the services of a new cycle, sorted.
	Cycle   []string `json:"cycle,omitempty"`
	Message string   `json:"message"`
	Fix     string   `json:"fix"`
}

// Key identifies a violation across edits: by symbol ids, never lines.
// A cycle is the set of its services.
func (v Violation) Key() string {
	if v.Kind == KindCycle {
		return string(v.Kind) + "\x00" + strings.Join(v.Cycle, ",")
	}
	return string(v.Kind) + "\x00" + v.From + "\x00" + v.To
}

// File is the file of Pos.
func (v Violation) File() string { return fileOf(v.Pos) }

// Line is the line of Pos, 0 when unknown.
func (v Violation) Line() int {
	i := strings.LastIndexByte(v.Pos, ':')
	if i < 0 {
		return 0
	}
	l, n := v.Pos[i+1:], 0
	for _, c := range l {
		if c < '0' || c > '9' {
			return 0
		}
		n = 10*n + int(c-'0')
	}
	return n
}

// Text is the one-line statement of the violation with its services.
func (v Violation) Text() string {
	return fmt.Sprintf("%s -> %s: %s", v.FromService, v.ToService, v.Message)
}

func compareViolations(a, b Violation) int {
	return cmp.Or(cmp.Compare(a.File(), b.File()), cmp.Compare(a.Line(), b.Line()), cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
}
