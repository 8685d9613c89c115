// Package fines charges members for late returns and takes payments. Its
// assessment job reads the loans table directly instead of asking the
// loans service.
package fines
