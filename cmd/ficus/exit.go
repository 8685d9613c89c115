package main

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes, chosen in one place.
const (
	exitOK      = 0
	exitError   = 1 // the command failed: nothing useful was produced
	exitUsage   = 2 // bad flags or arguments
	exitPartial = 3 // output was produced, but some input could not be analyzed (only with --strict)

	exitViolations = 1 // 'ficus check' found violations the baseline does not accept
	exitCheckLoad  = 2 // 'ficus check' could not read its plan, baseline or code
)

// usageError marks errors in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCodeError carries a specific exit code with a message already shown.
type exitCodeError struct {
	code int
	err  error
}

func (e exitCodeError) Error() string { return e.err.Error() }
func (e exitCodeError) Unwrap() error { return e.err }

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	var ce exitCodeError
	if errors.As(err, &ce) {
		return ce.code
	}
	if errors.Is(err, context.Canceled) {
		return 130
	}
	return exitError
}
