// Package standalone needs only the standard library.
package standalone

import "strconv"

// Label formats n.
func Label(n int) string { return "#" + strconv.Itoa(n) }
