package mixed

// Quadruple needs the cgo file: without cgo, twice is undefined.
func Quadruple(x int) int { return twice(twice(x)) }
