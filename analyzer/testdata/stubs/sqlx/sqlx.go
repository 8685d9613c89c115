// Package sqlx is a signature-only stand-in for github.com/jmoiron/sqlx,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; bodies return zero values.
package sqlx

import (
	"context"
	"database/sql"
)

// DB is a wrapper around sql.DB which keeps track of the driverName upon
// Open, used mostly to automatically bind named queries using the right
// bindvars.
type DB struct {
	*sql.DB
	driverName string
}

// NewDb returns a new sqlx DB wrapper for a pre-existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { return &DB{DB: db, driverName: driverName} }

// Open is the same as sql.Open, but returns an *sqlx.DB instead.
func Open(driverName, dataSourceName string) (*DB, error) {
	db, err := sql.Open(driverName, dataSourceName)
	if err != nil {
		return nil, err
	}
	return &DB{DB: db, driverName: driverName}, nil
}

// Connect to a database and verify with a ping.
func Connect(driverName, dataSourceName string) (*DB, error) {
	return Open(driverName, dataSourceName)
}

// MustConnect connects to a database and panics on error.
func MustConnect(driverName, dataSourceName string) *DB {
	db, err := Connect(driverName, dataSourceName)
	if err != nil {
		panic(err)
	}
	return db
}

// DriverName returns the driverName passed to the Open function for this
// DB.
func (db *DB) DriverName() string { return db.driverName }

// Rebind transforms a query from QUESTION to the DB driver's bindvar type.
func (db *DB) Rebind(query string) string { return query }

// NamedQuery using this DB.
func (db *DB) NamedQuery(query string, arg interface{}) (*Rows, error) { return &Rows{}, nil }

// NamedExec using this DB.
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

// Select using this DB.
func (db *DB) Select(dest interface{}, query string, args ...interface{}) error { return nil }

// Get using this DB.
func (db *DB) Get(dest interface{}, query string, args ...interface{}) error { return nil }

// MustBegin starts a transaction, and panics on error.
func (db *DB) MustBegin() *Tx { return &Tx{} }

// Beginx begins a transaction and returns an *sqlx.Tx instead of an
// *sql.Tx.
func (db *DB) Beginx() (*Tx, error) { return &Tx{}, nil }

// Queryx queries the database and returns an *sqlx.Rows.
func (db *DB) Queryx(query string, args ...interface{}) (*Rows, error) { return &Rows{}, nil }

// QueryRowx queries the database and returns an *sqlx.Row.
func (db *DB) QueryRowx(query string, args ...interface{}) *Row { return &Row{} }

// MustExec (panic) runs MustExec using this database.
func (db *DB) MustExec(query string, args ...interface{}) sql.Result { return nil }

// Preparex returns an sqlx.Stmt instead of a sql.Stmt.
func (db *DB) Preparex(query string) (*Stmt, error) { return &Stmt{}, nil }

// NamedQueryContext using this DB.
func (db *DB) NamedQueryContext(ctx context.Context, query string, arg interface{}) (*Rows, error) {
	return &Rows{}, nil
}

// NamedExecContext using this DB.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

// SelectContext using this DB.
func (db *DB) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// GetContext using this DB.
func (db *DB) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// PreparexContext returns an sqlx.Stmt instead of a sql.Stmt.
func (db *DB) PreparexContext(ctx context.Context, query string) (*Stmt, error) {
	return &Stmt{}, nil
}

// QueryxContext queries the database and returns an *sqlx.Rows.
func (db *DB) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return &Rows{}, nil
}

// QueryRowxContext queries the database and returns an *sqlx.Row.
func (db *DB) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return &Row{}
}

// MustExecContext (panic) runs MustExec using this database.
func (db *DB) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}

// BeginTxx begins a transaction and returns an *sqlx.Tx instead of an
// *sql.Tx.
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return &Tx{}, nil }

// Tx is an sqlx wrapper around sql.Tx with extra functionality.
type Tx struct {
	*sql.Tx
	driverName string
}

// NamedExec a named query within a transaction.
func (tx *Tx) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

// Select within a transaction.
func (tx *Tx) Select(dest interface{}, query string, args ...interface{}) error { return nil }

// Get within a transaction.
func (tx *Tx) Get(dest interface{}, query string, args ...interface{}) error { return nil }

// MustExec runs MustExec within a transaction.
func (tx *Tx) MustExec(query string, args ...interface{}) sql.Result { return nil }

// Queryx within a transaction.
func (tx *Tx) Queryx(query string, args ...interface{}) (*Rows, error) { return &Rows{}, nil }

// QueryRowx within a transaction.
func (tx *Tx) QueryRowx(query string, args ...interface{}) *Row { return &Row{} }

// SelectContext within a transaction and context.
func (tx *Tx) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// GetContext within a transaction and context.
func (tx *Tx) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// NamedExecContext using this Tx.
func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

// MustExecContext runs MustExecContext within a transaction.
func (tx *Tx) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}

// Stmt is an sqlx wrapper around sql.Stmt with extra functionality.
type Stmt struct {
	*sql.Stmt
}

// Select using the prepared statement.
func (s *Stmt) Select(dest interface{}, args ...interface{}) error { return nil }

// Get using the prepared statement.
func (s *Stmt) Get(dest interface{}, args ...interface{}) error { return nil }

// Rows is a wrapper around sql.Rows which caches costly reflect
// operations during a looped StructScan.
type Rows struct {
	*sql.Rows
}

// StructScan is like sql.Rows.Scan, but scans a single Row into a single
// Struct.
func (r *Rows) StructScan(dest interface{}) error { return nil }

// MapScan using this Rows.
func (r *Rows) MapScan(dest map[string]interface{}) error { return nil }

// Row is a reimplementation of sql.Row in order to gain access to the
// underlying sql.Rows.Columns() data, necessary for StructScan.
type Row struct {
	err error
}

// Scan is a fixed implementation of sql.Row.Scan.
func (r *Row) Scan(dest ...interface{}) error { return r.err }

// StructScan a single Row into dest.
func (r *Row) StructScan(dest interface{}) error { return r.err }

// Err returns the error encountered while scanning.
func (r *Row) Err() error { return r.err }

// In expands slice values in args, returning the modified query string
// and a new arg list that can be executed by a database.
func In(query string, args ...interface{}) (string, []interface{}, error) {
	return query, args, nil
}

// Named takes a query using named parameters and an argument and returns
// a new query with a list of args that can be executed by a database.
func Named(query string, arg interface{}) (string, []interface{}, error) {
	return query, nil, nil
}
