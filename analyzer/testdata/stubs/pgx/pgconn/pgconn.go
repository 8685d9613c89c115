// Package pgconn is a signature-only stand-in for
// github.com/jackc/pgx/v5/pgconn.
package pgconn

// CommandTag is the status text returned by PostgreSQL for a query.
type CommandTag struct {
	s            string
	rowsAffected int64
}

// NewCommandTag makes a CommandTag from s.
func NewCommandTag(s string) CommandTag { return CommandTag{s: s} }

// RowsAffected returns the number of rows affected.
func (ct CommandTag) RowsAffected() int64 { return ct.rowsAffected }

// String returns the command tag text.
func (ct CommandTag) String() string { return ct.s }

// FieldDescription describes a result column.
type FieldDescription struct {
	Name string
}
