// Package dotsql is a signature-only stand-in for github.com/qustavo/dotsql,
// used by the analyzer fixtures so that tests never touch the network.
// Only the exported API the fixtures use is present, with the real
// signatures; bodies do nothing.
package dotsql

import "database/sql"

// Queryer is something that can run a query.
type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
}

// Execer is something that can execute a statement.
type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

// DotSql holds the named queries of a .sql file.
type DotSql struct {
	queries map[string]string
}

// LoadFromFile reads the named queries of a .sql file.
func LoadFromFile(sqlFile string) (*DotSql, error) { return &DotSql{}, nil }

// Query runs the query called name.
func (d DotSql) Query(db Queryer, name string, args ...interface{}) (*sql.Rows, error) {
	return nil, nil
}

// Exec runs the statement called name.
func (d DotSql) Exec(db Execer, name string, args ...interface{}) (sql.Result, error) {
	return nil, nil
}
