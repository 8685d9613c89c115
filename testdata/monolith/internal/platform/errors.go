package platform

import "errors"

// Errors shared by every layer. Repositories and services wrap them with
// context; handlers map them to HTTP statuses with StatusFor.
var (
	// ErrNotFound reports that a record with the requested id does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid reports input that fails validation.
	ErrInvalid = errors.New("invalid input")
	// ErrConflict reports a request that clashes with the current state,
	// such as cancelling an order that has already shipped.
	ErrConflict = errors.New("conflict")
)
