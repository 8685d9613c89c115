// Package fine parses and type-checks.
package fine

import "strings"

// Shout upper-cases s.
func Shout(s string) string { return strings.ToUpper(s) + "!" }

// Greet shouts a greeting.
func Greet(name string) string { return Shout("hello " + name) }
