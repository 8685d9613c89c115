// Package analyzer builds the dependency graph of a Go module: its packages,
// and inside them types, functions, methods, package-level variables, HTTP
// routes, SQL tables, events and background jobs, joined by weighted edges
// (imports, calls, references, embeds, implements, handles, reads, writes,
// publishes, subscribes, uses, runs).
//
// Package metadata comes from golang.org/x/tools/go/packages, so build tags,
// GOOS/GOARCH, go.work workspaces and package patterns behave as they do for
// the go command. Every package is type-checked from source with go/types;
// dependencies outside the analyzed packages are checked without their
// function bodies, so a cold build cache costs no compilation and their syntax
// is dropped as soon as their types exist. The analyzed code is never
// executed.
//
// Frameworks, ORMs and patterns (routes, SQL, events, jobs) are read by
// recognizers: declared values with their own facts and resolve step, fed
// by one shared walk of each package (recognizer.go, and
// docs/recognizers.md for adding one).
//
// Load problems (syntax errors, type errors, missing modules) are data: they
// are reported as Diagnostics on the graph and the rest of the graph is still
// built.
package analyzer
