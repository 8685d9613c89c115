package main

import (
	"io"

	ficuscli "github.com/ficus-dev/ficus/internal/cli"
)

// The verbs of ficus use the shared command plumbing under short names.
type (
	app           = ficuscli.App
	streams       = ficuscli.Streams
	usageError    = ficuscli.UsageError
	exitCodeError = ficuscli.ExitCodeError
)

// Exit codes: the shared ones, and those of 'ficus check' and --strict.
const (
	exitOK      = ficuscli.ExitOK
	exitError   = ficuscli.ExitError
	exitUsage   = ficuscli.ExitUsage
	exitPartial = 3 // output was produced, but some input could not be analyzed (only with --strict)

	exitViolations = 1 // 'ficus check' found violations the baseline does not accept
	exitCheckLoad  = 2 // 'ficus check' could not read its plan, baseline or code
)

func newStreams(in io.Reader, out, errw io.Writer) streams { return ficuscli.NewStreams(in, out, errw) }

func newApp(s streams, verbose bool) *app { return ficuscli.NewApp(s, verbose) }

func usagef(format string, args ...any) error { return ficuscli.Usagef(format, args...) }

func exitCode(err error) int { return ficuscli.ExitCode(err) }

func writeOutput(a *app, path string, write func(io.Writer) error) error {
	return ficuscli.WriteOutput(a, path, write)
}

func writeJSONTo(w io.Writer, v any) error { return ficuscli.WriteJSON(w, v) }
