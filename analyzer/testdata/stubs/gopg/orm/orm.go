// Package orm is a signature-only stand-in for github.com/go-pg/pg/v10/orm.
package orm

import "context"

// Result summarizes an executed SQL command.
type Result interface {
	// RowsAffected returns the number of rows affected by SELECT, INSERT,
	// UPDATE, or DELETE queries.
	RowsAffected() int

	// RowsReturned returns the number of rows returned by the query.
	RowsReturned() int
}

// Query is a query builder for a model.
type Query struct{}

// Context sets the context of the query.
func (q *Query) Context(c context.Context) *Query { return q }

// Table adds tables to the FROM clause.
func (q *Query) Table(tables ...string) *Query { return q }

// Column adds a column to the Query quoting it according to PostgreSQL
// rules.
func (q *Query) Column(columns ...string) *Query { return q }

// Where adds a condition to the query, combined with AND.
func (q *Query) Where(condition string, params ...interface{}) *Query { return q }

// WherePK adds condition based on the model primary keys.
func (q *Query) WherePK() *Query { return q }

// Order adds sort order to the Query quoting column name.
func (q *Query) Order(orders ...string) *Query { return q }

// Limit sets the maximum number of rows to return.
func (q *Query) Limit(n int) *Query { return q }

// Returning adds a RETURNING clause to the query.
func (q *Query) Returning(s string, params ...interface{}) *Query { return q }

// Count returns number of rows matching the query using count aggregate
// function.
func (q *Query) Count() (int, error) { return 0, nil }

// First sorts rows by primary key and selects the first row.
func (q *Query) First() error { return nil }

// Select selects the model.
func (q *Query) Select(values ...interface{}) error { return nil }

// Insert inserts the model.
func (q *Query) Insert(values ...interface{}) (Result, error) { return nil, nil }

// Update updates the model.
func (q *Query) Update(scan ...interface{}) (Result, error) { return nil, nil }

// Delete deletes the model. When model has deleted_at column the row is
// soft deleted instead.
func (q *Query) Delete(values ...interface{}) (Result, error) { return nil, nil }
