// Package gorm is a signature-only stand-in for github.com/jinzhu/gorm
// (gorm v1), used by the analyzer fixtures so that tests never touch the
// network. Only the exported API the fixtures use is present, with the
// real signatures; bodies return the receiver or zero values.
package gorm

import (
	"errors"
	"time"
)

// ErrRecordNotFound returns a "record not found error". Occurs only when
// attempting to query the database with a struct; querying with a slice
// won't return this error.
var ErrRecordNotFound = errors.New("record not found")

// DB contains information for current db connection.
type DB struct {
	Value        interface{}
	Error        error
	RowsAffected int64
}

// Model base model definition, including fields `ID`, `CreatedAt`,
// `UpdatedAt`, `DeletedAt`, which could be embedded in your models.
type Model struct {
	ID        uint `gorm:"primary_key"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time `sql:"index"`
}

// Open initialize a new db connection, need to import driver first.
func Open(dialect string, args ...interface{}) (db *DB, err error) {
	return &DB{}, nil
}

// Close close current db connection.
func (s *DB) Close() error { return nil }

// Where return a new relation, filter records with given conditions,
// accepts `map`, `struct` or `string` as conditions.
func (s *DB) Where(query interface{}, args ...interface{}) *DB { return s }

// Limit specify the number of records to be retrieved.
func (s *DB) Limit(limit interface{}) *DB { return s }

// Order specify order when retrieve records from database, set reorder to
// `true` to overwrite defined conditions.
func (s *DB) Order(value interface{}, reorder ...bool) *DB { return s }

// First find first record that match given conditions, order by primary
// key.
func (s *DB) First(out interface{}, where ...interface{}) *DB { return s }

// Find find records that match given conditions.
func (s *DB) Find(out interface{}, where ...interface{}) *DB { return s }

// Count get how many records for a model.
func (s *DB) Count(value interface{}) *DB { return s }

// Related get related associations.
func (s *DB) Related(value interface{}, foreignKeys ...string) *DB { return s }

// Update update attributes with callbacks.
func (s *DB) Update(attrs ...interface{}) *DB { return s }

// Updates update attributes with callbacks.
func (s *DB) Updates(values interface{}, ignoreProtectedAttrs ...bool) *DB { return s }

// Save update value in database, if the value doesn't have primary key,
// will insert it.
func (s *DB) Save(value interface{}) *DB { return s }

// Create insert the value into database.
func (s *DB) Create(value interface{}) *DB { return s }

// Delete delete value match given conditions, if the value has primary
// key, then will including the primary key as condition.
func (s *DB) Delete(value interface{}, where ...interface{}) *DB { return s }

// Model specify the model you would like to run db operations.
func (s *DB) Model(value interface{}) *DB { return s }

// Table specify the table you would like to run db operations.
func (s *DB) Table(name string) *DB { return s }

// Association start `Association Mode` to handler relations things easier
// in that mode.
func (s *DB) Association(column string) *Association { return &Association{} }

// Association Mode contains some helper methods to handle relationship
// things easily.
type Association struct {
	Error error
}

// Find find out all related associations.
func (association *Association) Find(value interface{}) *Association { return association }

// Append append new associations for many2many, has_many, replace current
// association for has_one, belongs_to.
func (association *Association) Append(values ...interface{}) *Association {
	return association
}

// Count return the count of current associations.
func (association *Association) Count() int { return 0 }
