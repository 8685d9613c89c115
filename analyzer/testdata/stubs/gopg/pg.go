// Package pg is a signature-only stand-in for github.com/go-pg/pg/v10, used
// by the analyzer fixtures so that tests never touch the network. Only the
// exported API the fixtures use is present, with the real signatures;
// bodies return zero values.
package pg

import (
	"context"

	"github.com/go-pg/pg/v10/orm"
)

// Query is the query builder of package orm.
type Query = orm.Query

// Result summarizes an executed SQL command.
type Result = orm.Result

// Options contains database connection options.
type Options struct {
	Addr     string
	User     string
	Password string
	Database string
}

// Connect connects to a database using provided options.
func Connect(opt *Options) *DB { return &DB{baseDB: &baseDB{}} }

// DB is a database handle representing a pool of zero or more underlying
// connections.
type DB struct {
	*baseDB
	ctx context.Context
}

type baseDB struct{}

// WithContext returns a copy of the DB that uses the ctx.
func (db *DB) WithContext(ctx context.Context) *DB { return db }

// Close closes the database client, releasing any open resources.
func (db *baseDB) Close() error { return nil }

// Model returns new query for the model.
func (db *baseDB) Model(model ...interface{}) *Query { return &Query{} }

// ModelContext returns new query for the model, bound to c.
func (db *baseDB) ModelContext(c context.Context, model ...interface{}) *Query {
	return &Query{}
}
