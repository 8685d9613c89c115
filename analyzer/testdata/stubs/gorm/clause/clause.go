// Package clause is a signature-only stand-in for gorm.io/gorm/clause.
package clause

// Expr is a raw SQL expression with its variables.
type Expr struct {
	SQL                string
	Vars               []interface{}
	WithoutParentheses bool
}
