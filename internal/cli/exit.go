package cli

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes shared by the ficus commands, chosen in one place.
const (
	ExitOK    = 0
	ExitError = 1 // the command failed: nothing useful was produced
	ExitUsage = 2 // bad flags or arguments
)

// UsageError marks errors in how the command was called.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return UsageError{fmt.Errorf(format, args...)}
}

// ExitCodeError carries a specific exit code with a message already shown.
type ExitCodeError struct {
	Code int
	Err  error
}

func (e ExitCodeError) Error() string { return e.Err.Error() }
func (e ExitCodeError) Unwrap() error { return e.Err }

// ExitCode maps the error a command returned to the process's exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue UsageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	var ce ExitCodeError
	if errors.As(err, &ce) {
		return ce.Code
	}
	if errors.Is(err, context.Canceled) {
		return 130
	}
	return ExitError
}
