// Package pure is plain Go.
package pure

// Add adds in Go.
func Add(a, b int) int { return a + b }
