// Package badtypes parses but does not type-check.
package badtypes

// Count returns a string where an int is declared.
func Count() int { return "three" }

// Sum calls a function that does not exist.
func Sum(xs []int) int { return total(xs) }
