// Package fine type-checks and imports nothing from the module.
package fine

// Double doubles n.
func Double(n int) int { return n * 2 }

// Quadruple doubles n twice.
func Quadruple(n int) int { return Double(Double(n)) }
