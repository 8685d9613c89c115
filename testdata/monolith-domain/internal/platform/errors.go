package platform

import "errors"

// Errors the domains return and the HTTP helpers map to statuses.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrInvalid  = errors.New("invalid request")
)
