// Package broken does not type-check: three undefined names.
package broken

// Name returns a name.
func Name() string { return first + second + third }

var first, second, third = a, b, c
