package analyzer

import (
	"errors"
	"fmt"
	"strings"
)

// DiagnosticKind classifies a load problem.
type DiagnosticKind string

// Diagnostic kinds.
const (
	DiagList   DiagnosticKind = "list"   // the go command could not resolve the package
	DiagParse  DiagnosticKind = "parse"  // syntax error
	DiagType   DiagnosticKind = "type"   // type error
	DiagConfig DiagnosticKind = "config" // ficus.yaml problem
	DiagLimit  DiagnosticKind = "limit"  // too many errors; the rest were dropped
	DiagRoute  DiagnosticKind = "route"  // a route registration ficus could not read
)

// Diagnostic is one problem met while loading. A package with diagnostics
// still contributes what could be understood of it to the graph.
type Diagnostic struct {
	Package string         `json:"package,omitempty"`
	Pos     string         `json:"pos,omitempty"`
	Kind    DiagnosticKind `json:"kind"`
	Message string         `json:"message"`
	// Hint says what the user can do about it, when ficus knows.
	Hint string `json:"hint,omitempty"`
}

func (d Diagnostic) String() string {
	s := string(d.Kind) + ": "
	if d.Pos != "" {
		s += d.Pos + ": "
	} else if d.Package != "" {
		s += d.Package + ": "
	}
	s += d.Message
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// ErrNoModule is returned when the directory is not inside a Go module or
// workspace.
var ErrNoModule = errors.New("no go.mod found")

// ErrNoPackages is returned when the patterns match no Go package.
var ErrNoPackages = errors.New("no Go packages found")

// ErrNothingAnalyzed is returned when packages matched but none could be
// parsed and type-checked at all. The graph, with its diagnostics, is still
// returned beside it.
var ErrNothingAnalyzed = errors.New("no package could be analyzed")

// hintFor suggests a fix for common go command and type-checker messages.
func hintFor(msg string) string {
	switch {
	case containsAny(msg, "go.mod requires go >=", "go.work requires go >="):
		return "the module needs a newer Go than the go command on PATH; install that version, or set GOTOOLCHAIN=auto so the go command fetches it"
	case containsAny(msg, "no required module provides package", "missing go.sum entry", "cannot find module providing package", "module lookup disabled", "GOPROXY=off", "dial tcp", "no such host"):
		return "a dependency is not in the module cache; run 'go mod download' in the module (with network access), or vendor it with 'go mod vendor'"
	case containsAny(msg, "no matching files found"):
		return "a //go:embed pattern matches no file, so 'go build' fails too; add the file or fix the pattern (what the code reads from it, such as SQL, is missing from the graph)"
	case containsAny(msg, "build constraints exclude all Go files"):
		return "no file of this package builds for this GOOS/GOARCH and tag set; pass --tags or set GOOS/GOARCH"
	case containsAny(msg, "could not import C", "cgo"):
		return "cgo code is analyzed with C declarations faked; results around C calls are approximate"
	case containsAny(msg, "expected", "syntax error", "illegal character", "missing ',' "):
		return "fix the syntax error; the rest of the package is analyzed as far as it parses"
	case containsAny(msg, "undefined:", "cannot use", "not enough arguments", "too many arguments", "declared and not used", "imported and not used", "mismatched types", "invalid operation"):
		return "fix the type error or check that the code builds with 'go build'; edges through the broken expressions may be missing"
	}
	return ""
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func errorf(format string, args ...any) error { return fmt.Errorf("analyzer: "+format, args...) }
