// Package dbx is a stand-in for github.com/go-ozzo/ozzo-dbx with the
// signatures of its query builders.
package dbx

import "database/sql"

// Params are column values.
type Params map[string]interface{}

// Query is a built statement.
type Query struct{}

// Execute runs the statement.
func (q *Query) Execute() (sql.Result, error) { return nil, nil }

// SelectQuery builds a SELECT.
type SelectQuery struct{}

// From names the tables.
func (s *SelectQuery) From(tables ...string) *SelectQuery { return s }

// Model reads the row of a model by primary key.
func (s *SelectQuery) Model(pk, model interface{}) error { return nil }

// Row reads one row.
func (s *SelectQuery) Row(a ...interface{}) error { return nil }

// ModelQuery changes a model's row.
type ModelQuery struct{}

// Insert inserts the model.
func (q *ModelQuery) Insert(attrs ...string) error { return nil }

// Update updates the model.
func (q *ModelQuery) Update(attrs ...string) error { return nil }

// Delete deletes the model.
func (q *ModelQuery) Delete() error { return nil }

// Builder builds queries.
type Builder interface {
	Select(cols ...string) *SelectQuery
	Model(model interface{}) *ModelQuery
	Insert(table string, cols Params) *Query
	Delete(table string, where interface{}) *Query
}

// DB is a database.
type DB struct{}

// Select starts a SELECT.
func (db *DB) Select(cols ...string) *SelectQuery { return nil }

// Model starts a model query.
func (db *DB) Model(model interface{}) *ModelQuery { return nil }

// Insert builds an INSERT.
func (db *DB) Insert(table string, cols Params) *Query { return nil }

// Delete builds a DELETE.
func (db *DB) Delete(table string, where interface{}) *Query { return nil }
