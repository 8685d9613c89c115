// Package source reads what the graph does not record from the Go source
// of the analyzed module: the line of a use inside a declaration, whether a
// use of a package-level variable writes it, and what kind of value a
// variable holds (a map, a cache, a value built once by sync.Once).
//
// It parses files without type-checking them, only the files a question
// names, each once: the graph already says which symbol uses which; this
// package only finds where and how.
package source
