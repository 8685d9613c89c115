// Package pgxpool is a signature-only stand-in for
// github.com/jackc/pgx/v5/pgxpool.
package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Pool allows for connection reuse.
type Pool struct{}

// Config is the configuration struct for creating a pool.
type Config struct {
	MaxConns int32
}

// New creates a new Pool.
func New(ctx context.Context, connString string) (*Pool, error) { return &Pool{}, nil }

// NewWithConfig creates a new Pool.
func NewWithConfig(ctx context.Context, config *Config) (*Pool, error) { return &Pool{}, nil }

// ParseConfig builds a Config from connString.
func ParseConfig(connString string) (*Config, error) { return &Config{}, nil }

// Close closes all connections in the pool and rejects future Acquire
// calls.
func (p *Pool) Close() {}

// Ping acquires a connection from the Pool and executes an empty sql
// statement against it.
func (p *Pool) Ping(ctx context.Context) error { return nil }

// Exec acquires a connection from the Pool and executes the given SQL.
func (p *Pool) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// Query acquires a connection and executes a query that returns pgx.Rows.
func (p *Pool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return nil, nil
}

// QueryRow acquires a connection and executes a query that is expected
// to return at most one row (pgx.Row).
func (p *Pool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { return nil }

// Begin acquires a connection from the Pool and starts a transaction.
func (p *Pool) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }
