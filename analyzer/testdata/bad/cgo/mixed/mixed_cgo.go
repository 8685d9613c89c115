// Package mixed wraps a C function; its Go side calls the wrapper.
package mixed

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

func twice(x int) int { return int(C.twice(C.int(x))) }
