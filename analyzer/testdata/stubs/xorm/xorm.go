// Package xorm is a signature-only stand-in for xorm.io/xorm, used by the
// analyzer fixtures so that tests never touch the network. Only the
// exported API the fixtures use is present, with the real signatures;
// bodies return the receiver or zero values.
package xorm

import "database/sql"

// Engine is the database handle.
type Engine struct{}

// NewEngine opens an engine.
func NewEngine(driverName, dataSourceName string) (*Engine, error) { return &Engine{}, nil }

// NewSession starts a session.
func (e *Engine) NewSession() *Session { return &Session{} }

// Where starts a query with a condition.
func (e *Engine) Where(query any, args ...any) *Session { return &Session{} }

// Table starts a query on a table named, or on a bean's table.
func (e *Engine) Table(tableNameOrBean any) *Session { return &Session{} }

// ID starts a query on a primary key.
func (e *Engine) ID(id any) *Session { return &Session{} }

// SQL starts a raw query.
func (e *Engine) SQL(query any, args ...any) *Session { return &Session{} }

// Get reads one bean.
func (e *Engine) Get(beans ...any) (bool, error) { return false, nil }

// Find reads beans into a slice.
func (e *Engine) Find(beans any, condiBeans ...any) error { return nil }

// Count counts a bean's rows.
func (e *Engine) Count(bean ...any) (int64, error) { return 0, nil }

// Insert writes beans.
func (e *Engine) Insert(beans ...any) (int64, error) { return 0, nil }

// Update writes a bean.
func (e *Engine) Update(bean any, condiBeans ...any) (int64, error) { return 0, nil }

// Delete deletes beans.
func (e *Engine) Delete(beans ...any) (int64, error) { return 0, nil }

// Exec runs SQL.
func (e *Engine) Exec(sqlOrArgs ...any) (sql.Result, error) { return nil, nil }

// Session is a query being built, or a transaction.
type Session struct{}

// Where adds a condition.
func (s *Session) Where(query any, args ...any) *Session { return s }

// And adds a condition.
func (s *Session) And(query any, args ...any) *Session { return s }

// Cols limits the columns.
func (s *Session) Cols(columns ...string) *Session { return s }

// Table names the table, or a bean whose table it is.
func (s *Session) Table(tableNameOrBean any) *Session { return s }

// ID adds a primary key condition.
func (s *Session) ID(id any) *Session { return s }

// SQL makes the query raw SQL.
func (s *Session) SQL(query any, args ...any) *Session { return s }

// Get reads one bean.
func (s *Session) Get(beans ...any) (bool, error) { return false, nil }

// Find reads beans into a slice.
func (s *Session) Find(beans any, condiBeans ...any) error { return nil }

// Exist reports whether a bean's row exists.
func (s *Session) Exist(bean ...any) (bool, error) { return false, nil }

// Count counts a bean's rows.
func (s *Session) Count(bean ...any) (int64, error) { return 0, nil }

// Insert writes beans.
func (s *Session) Insert(beans ...any) (int64, error) { return 0, nil }

// InsertOne writes one bean.
func (s *Session) InsertOne(bean any) (int64, error) { return 0, nil }

// Update writes a bean.
func (s *Session) Update(bean any, condiBeans ...any) (int64, error) { return 0, nil }

// Delete deletes beans.
func (s *Session) Delete(beans ...any) (int64, error) { return 0, nil }

// Commit ends a transaction.
func (s *Session) Commit() error { return nil }
