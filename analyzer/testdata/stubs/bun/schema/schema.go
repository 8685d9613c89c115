// Package schema is a signature-only stand-in for
// github.com/uptrace/bun/schema, holding the types package bun re-exports.
package schema

// BaseModel provides default metadata embedded into user models; its
// `bun:"table:NAME,alias:A"` tag names the model's table.
type BaseModel struct{}
