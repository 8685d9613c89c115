// Package bun is a signature-only stand-in for github.com/uptrace/bun, used
// by the analyzer fixtures so that tests never touch the network. Only the
// exported API the fixtures use is present, with the real signatures;
// bodies return the receiver or zero values.
package bun

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun/schema"
)

// BaseModel provides default metadata embedded into user models.
type BaseModel = schema.BaseModel

// DB is the central access point for building and executing Bun queries.
type DB struct {
	*noCopyState
}

type noCopyState struct {
	*sql.DB
}

// NewSelect creates a SELECT query builder.
func (db *DB) NewSelect() *SelectQuery { return &SelectQuery{} }

// NewInsert creates an INSERT query builder.
func (db *DB) NewInsert() *InsertQuery { return &InsertQuery{} }

// NewUpdate creates an UPDATE query builder.
func (db *DB) NewUpdate() *UpdateQuery { return &UpdateQuery{} }

// NewDelete creates a DELETE query builder.
func (db *DB) NewDelete() *DeleteQuery { return &DeleteQuery{} }

// SelectQuery builds SELECT statements.
type SelectQuery struct{}

// Model sets the model to select into and generates SELECT and FROM
// clauses.
func (q *SelectQuery) Model(model any) *SelectQuery { return q }

// Table specifies the table(s) to select from.
func (q *SelectQuery) Table(tables ...string) *SelectQuery { return q }

// ModelTableExpr overrides the table name derived from the model.
func (q *SelectQuery) ModelTableExpr(query string, args ...any) *SelectQuery { return q }

// Column adds columns to the SELECT clause.
func (q *SelectQuery) Column(columns ...string) *SelectQuery { return q }

// WherePK adds a WHERE condition on the model's primary key columns.
func (q *SelectQuery) WherePK(cols ...string) *SelectQuery { return q }

// Where adds a WHERE condition combined with AND.
func (q *SelectQuery) Where(query string, args ...any) *SelectQuery { return q }

// Order adds columns to the ORDER BY clause.
func (q *SelectQuery) Order(orders ...string) *SelectQuery { return q }

// Limit sets the maximum number of rows to return.
func (q *SelectQuery) Limit(n int) *SelectQuery { return q }

// Exec executes the query and optionally scans results into dest.
func (q *SelectQuery) Exec(ctx context.Context, dest ...any) (res sql.Result, err error) {
	return nil, nil
}

// Scan executes the query and scans the results into dest.
func (q *SelectQuery) Scan(ctx context.Context, dest ...any) error { return nil }

// Count executes the query and returns the number of rows that match.
func (q *SelectQuery) Count(ctx context.Context) (int, error) { return 0, nil }

// ScanAndCount executes the query, scans results into dest, and returns
// the total count.
func (q *SelectQuery) ScanAndCount(ctx context.Context, dest ...any) (int, error) {
	return 0, nil
}

// Exists checks whether any rows match the query.
func (q *SelectQuery) Exists(ctx context.Context) (bool, error) { return false, nil }

// InsertQuery builds INSERT statements.
type InsertQuery struct{}

// Model sets the model to insert.
func (q *InsertQuery) Model(model any) *InsertQuery { return q }

// Table specifies the table to insert into.
func (q *InsertQuery) Table(tables ...string) *InsertQuery { return q }

// ModelTableExpr overrides the table name derived from the model.
func (q *InsertQuery) ModelTableExpr(query string, args ...any) *InsertQuery { return q }

// Column limits the inserted columns.
func (q *InsertQuery) Column(columns ...string) *InsertQuery { return q }

// Returning adds a RETURNING clause to the query.
func (q *InsertQuery) Returning(query string, args ...any) *InsertQuery { return q }

// On adds an ON CONFLICT (or ON DUPLICATE KEY) clause.
func (q *InsertQuery) On(s string, args ...any) *InsertQuery { return q }

// Set adds a SET clause to the ON CONFLICT ... DO UPDATE part.
func (q *InsertQuery) Set(query string, args ...any) *InsertQuery { return q }

// Scan executes the query and scans the returned rows into dest.
func (q *InsertQuery) Scan(ctx context.Context, dest ...any) error { return nil }

// Exec executes the query and optionally scans results into dest.
func (q *InsertQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return nil, nil
}

// UpdateQuery builds UPDATE statements.
type UpdateQuery struct{}

// Model sets the model to update.
func (q *UpdateQuery) Model(model any) *UpdateQuery { return q }

// Table specifies the table to update.
func (q *UpdateQuery) Table(tables ...string) *UpdateQuery { return q }

// ModelTableExpr overrides the table name derived from the model.
func (q *UpdateQuery) ModelTableExpr(query string, args ...any) *UpdateQuery { return q }

// Column limits the updated columns.
func (q *UpdateQuery) Column(columns ...string) *UpdateQuery { return q }

// Set adds a SET clause.
func (q *UpdateQuery) Set(query string, args ...any) *UpdateQuery { return q }

// WherePK adds a WHERE condition on the model's primary key columns.
func (q *UpdateQuery) WherePK(cols ...string) *UpdateQuery { return q }

// Where adds a WHERE condition combined with AND.
func (q *UpdateQuery) Where(query string, args ...any) *UpdateQuery { return q }

// Returning adds a RETURNING clause to the query.
func (q *UpdateQuery) Returning(query string, args ...any) *UpdateQuery { return q }

// Scan executes the query and scans the returned rows into dest.
func (q *UpdateQuery) Scan(ctx context.Context, dest ...any) error { return nil }

// Exec executes the query and optionally scans results into dest.
func (q *UpdateQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return nil, nil
}

// DeleteQuery builds DELETE statements.
type DeleteQuery struct{}

// Model sets the model to delete.
func (q *DeleteQuery) Model(model any) *DeleteQuery { return q }

// Table specifies the table to delete from.
func (q *DeleteQuery) Table(tables ...string) *DeleteQuery { return q }

// ModelTableExpr overrides the table name derived from the model.
func (q *DeleteQuery) ModelTableExpr(query string, args ...any) *DeleteQuery { return q }

// WherePK adds a WHERE condition on the model's primary key columns.
func (q *DeleteQuery) WherePK(cols ...string) *DeleteQuery { return q }

// Where adds a WHERE condition combined with AND.
func (q *DeleteQuery) Where(query string, args ...any) *DeleteQuery { return q }

// Returning adds a RETURNING clause to the query.
func (q *DeleteQuery) Returning(query string, args ...any) *DeleteQuery { return q }

// Exec executes the query and optionally scans results into dest.
func (q *DeleteQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return nil, nil
}
