// Package books is the catalogue: titles, their physical copies and the
// copies' availability.
package books
