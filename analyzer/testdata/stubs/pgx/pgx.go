// Package pgx is a signature-only stand-in for github.com/jackc/pgx/v5,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; bodies return zero values.
package pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrNoRows occurs when rows are expected but none are returned.
var ErrNoRows = errors.New("no rows in result set")

// Conn is a PostgreSQL connection handle.
type Conn struct{}

// Connect establishes a connection with a PostgreSQL server with a
// connection string.
func Connect(ctx context.Context, connString string) (*Conn, error) { return &Conn{}, nil }

// Close closes a connection.
func (c *Conn) Close(ctx context.Context) error { return nil }

// Exec executes sql. sql can be either a prepared statement name or an
// SQL string.
func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// Query sends a query to the server and returns a Rows to read the results.
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) {
	return nil, nil
}

// QueryRow is a convenience wrapper over Query.
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row { return nil }

// Begin starts a transaction.
func (c *Conn) Begin(ctx context.Context) (Tx, error) { return nil, nil }

// Rows is the result set returned from *Conn.Query.
type Rows interface {
	// Close closes the rows, making the connection ready for use again.
	Close()

	// Err returns any error that occurred while reading.
	Err() error

	// CommandTag returns the command tag from this query.
	CommandTag() pgconn.CommandTag

	// FieldDescriptions returns the field descriptions of the columns.
	FieldDescriptions() []pgconn.FieldDescription

	// Next prepares the next row for reading.
	Next() bool

	// Scan reads the values from the current row into dest values
	// positionally.
	Scan(dest ...any) error

	// Values returns the decoded row values.
	Values() ([]any, error)
}

// Row is a convenience wrapper over Rows that is returned by QueryRow.
type Row interface {
	// Scan works the same as Rows.Scan.
	Scan(dest ...any) error
}

// Tx represents a database transaction.
type Tx interface {
	// Begin starts a pseudo nested transaction.
	Begin(ctx context.Context) (Tx, error)

	// Commit commits the transaction.
	Commit(ctx context.Context) error

	// Rollback rolls back the transaction.
	Rollback(ctx context.Context) error

	Exec(ctx context.Context, sql string, arguments ...any) (commandTag pgconn.CommandTag, err error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row

	// Conn returns the underlying *Conn that on which this transaction is
	// executing.
	Conn() *Conn
}

// CollectRows iterates through rows, calling fn for each row, and
// collecting the results into a slice of T.
func CollectRows[T any](rows Rows, fn RowToFunc[T]) ([]T, error) { return nil, nil }

// RowToFunc is a function that scans or otherwise converts row to a T.
type RowToFunc[T any] func(row CollectableRow) (T, error)

// CollectableRow is the subset of Rows methods that a RowToFunc is
// allowed to call.
type CollectableRow interface {
	FieldDescriptions() []pgconn.FieldDescription
	Scan(dest ...any) error
	Values() ([]any, error)
}

// RowToStructByName returns a T scanned from row.
func RowToStructByName[T any](row CollectableRow) (T, error) {
	var value T
	return value, nil
}
