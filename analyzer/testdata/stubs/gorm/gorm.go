// Package gorm is a signature-only stand-in for gorm.io/gorm, used by the
// analyzer fixtures so that tests never touch the network. Only the
// exported API the fixtures use is present, with the real signatures;
// bodies return the receiver.
package gorm

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm/clause"
)

// Expr returns a clause.Expr, a raw SQL expression for a query.
func Expr(expr string, args ...interface{}) clause.Expr {
	return clause.Expr{SQL: expr, Vars: args}
}

// ErrRecordNotFound is returned when no record is found.
var ErrRecordNotFound = errors.New("record not found")

// Dialector is a GORM database dialector.
type Dialector interface {
	Name() string
	Initialize(*DB) error
}

// Option is a GORM option.
type Option interface {
	Apply(*Config) error
	AfterInitialize(*DB) error
}

// Config is the GORM config.
type Config struct {
	SkipDefaultTransaction bool
}

// Apply updates a GORM config.
func (c *Config) Apply(config *Config) error {
	if config != c {
		*config = *c
	}
	return nil
}

// AfterInitialize is called after the DB is initialized.
func (c *Config) AfterInitialize(db *DB) error { return nil }

// DB is the GORM DB definition.
type DB struct {
	*Config
	Error        error
	RowsAffected int64
}

// Open initializes a db session based on dialector.
func Open(dialector Dialector, opts ...Option) (db *DB, err error) {
	return &DB{Config: &Config{}}, nil
}

// Model is a basic Go struct which includes the fields ID, CreatedAt,
// UpdatedAt and DeletedAt. It may be embedded into a model.
type Model struct {
	ID        uint `gorm:"primarykey"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt DeletedAt `gorm:"index"`
}

// DeletedAt marks a soft-deleted record.
type DeletedAt sql.NullTime

// WithContext changes the current instance's context to ctx.
func (db *DB) WithContext(ctx context.Context) *DB { return db }

// Model specifies the model you would like to run db operations on.
func (db *DB) Model(value interface{}) (tx *DB) { return db }

// Table specifies the table you would like to run db operations on.
func (db *DB) Table(name string, args ...interface{}) (tx *DB) { return db }

// Select specifies fields that you want when querying, creating,
// updating.
func (db *DB) Select(query interface{}, args ...interface{}) (tx *DB) { return db }

// Where adds conditions.
func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB) { return db }

// Joins specifies join conditions.
func (db *DB) Joins(query string, args ...interface{}) (tx *DB) { return db }

// Order specifies the order when retrieving records from the database.
func (db *DB) Order(value interface{}) (tx *DB) { return db }

// Limit specifies the number of records to be retrieved.
func (db *DB) Limit(limit int) (tx *DB) { return db }

// Preload preloads associations with given conditions.
func (db *DB) Preload(query string, args ...interface{}) (tx *DB) { return db }

// Raw creates a raw SQL statement.
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB) { return db }

// Create inserts value, returning the inserted data's primary key in
// value's id.
func (db *DB) Create(value interface{}) (tx *DB) { return db }

// Save updates value in database. If value doesn't contain a matching
// primary key, value is inserted.
func (db *DB) Save(value interface{}) (tx *DB) { return db }

// First finds the first record ordered by primary key, matching given
// conditions conds.
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB) { return db }

// Take finds the first record returned by the database in no specified
// order.
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB) { return db }

// Find finds all records matching given conditions conds.
func (db *DB) Find(dest interface{}, conds ...interface{}) (tx *DB) { return db }

// Update updates column with value using callbacks.
func (db *DB) Update(column string, value interface{}) (tx *DB) { return db }

// Updates updates attributes using callbacks. values must be a struct or
// map.
func (db *DB) Updates(values interface{}) (tx *DB) { return db }

// Delete deletes value matching given conditions. If value contains
// primary key it is included in the conditions.
func (db *DB) Delete(value interface{}, conds ...interface{}) (tx *DB) { return db }

// Count counts records matching the current conditions.
func (db *DB) Count(count *int64) (tx *DB) { return db }

// Scan scans selected value to the struct dest.
func (db *DB) Scan(dest interface{}) (tx *DB) { return db }

// Exec executes raw sql.
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB) { return db }

// Transaction starts a transaction as a block, returns an error if there
// is an error returned from the block, commits otherwise.
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) {
	return fc(db)
}
