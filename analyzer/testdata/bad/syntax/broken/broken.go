// Package broken does not parse: a brace is missing.
package broken

// Total adds up xs.
func Total(xs []int) int {
	sum := 0
	for _, x := range xs {
		sum += x
	return sum
}
