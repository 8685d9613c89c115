package config

import (
	"errors"
	"fmt"
)

// Mode is a route's lifecycle stage. A route moves forward one stage at a
// time with promote, and back to ModeMonolith with rollback:
//
//	monolith → shadow → canary → service → retired
type Mode string

// The lifecycle stages. ModeNone is a route without a lifecycle: its weight
// alone decides, as before modes existed.
const (
	ModeNone Mode = ""
	// ModeMonolith sends every request to the default backend.
	ModeMonolith Mode = "monolith"
	// ModeShadow serves from the default backend and sends a copy of each
	// request to the route's target in the background, comparing answers.
	ModeShadow Mode = "shadow"
	// ModeCanary sends a growing share of cohorts to the target, along the
	// rollout steps, while the gates hold.
	ModeCanary Mode = "canary"
	// ModeService sends every request to the target (with the fallback).
	ModeService Mode = "service"
	// ModeRetired sends every request to the target and never falls back:
	// the monolith's code for the route is gone.
	ModeRetired Mode = "retired"
)

// modes lists the stages in order.
func modes() []Mode {
	return []Mode{ModeMonolith, ModeShadow, ModeCanary, ModeService, ModeRetired}
}

// ErrBadMode is returned for a mode name that is not a stage, or a change
// the lifecycle does not allow.
var ErrBadMode = errors.New("bad mode")

// ParseMode checks a mode name.
func ParseMode(s string) (Mode, error) {
	for _, m := range modes() {
		if string(m) == s {
			return m, nil
		}
	}
	return ModeNone, fmt.Errorf("%w %q: use monolith, shadow, canary, service or retired", ErrBadMode, s)
}

// Next returns the stage after m.
func (m Mode) Next() (Mode, error) {
	ms := modes()
	for i, x := range ms {
		if x == m && i+1 < len(ms) {
			return ms[i+1], nil
		}
	}
	if m == ModeRetired {
		return m, fmt.Errorf("%w: the route is retired already; there is no stage after it", ErrBadMode)
	}
	return m, fmt.Errorf("%w: the route has no mode; set one with POST /routes/{name}/mode", ErrBadMode)
}

// FixedBuckets returns the buckets a stage sends to the target, and false
// for canary, whose weight moves.
func (m Mode) FixedBuckets() (int, bool) {
	switch m {
	case ModeMonolith, ModeShadow:
		return 0, true
	case ModeService, ModeRetired:
		return Buckets, true
	}
	return 0, false
}
